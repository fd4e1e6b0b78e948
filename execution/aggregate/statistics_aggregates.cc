// Moments: stddev/stddev_samp, stddev_pop, variance/var_samp, var_pop, sem, skewness, kurtosis,
// kurtosis_pop; and the two-variable covar_pop, covar_samp, corr. All over DOUBLE.
//
// Variances use Welford's update and Chan's parallel combine, so they stay accurate for large
// means; overflow gives inf, as in DuckDB. skewness and kurtosis keep power sums, as DuckDB
// does, so they agree with it digit for digit, and raise DuckDB's Out of Range errors.
#include <cmath>

#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

struct VarianceState {
  uint64_t count;
  double mean;
  double dsquared;
};

enum class VarianceKind { kVarSamp, kVarPop, kStddevSamp, kStddevPop, kSem };

template <VarianceKind kKind>
struct VarianceOp {
  static void Initialize(VarianceState& s) { s = VarianceState{0, 0, 0}; }
  static void Update(VarianceState& s, const double& x) {
    s.count++;
    double delta = x - s.mean;
    s.mean += delta / static_cast<double>(s.count);
    s.dsquared += delta * (x - s.mean);
  }
  static void Combine(const VarianceState& src, VarianceState& dst) {
    if (src.count == 0) return;
    if (dst.count == 0) {
      dst = src;
      return;
    }
    double count = static_cast<double>(src.count + dst.count);
    double delta = src.mean - dst.mean;
    dst.dsquared =
        src.dsquared + dst.dsquared +
        delta * delta * static_cast<double>(src.count) * static_cast<double>(dst.count) / count;
    dst.mean =
        (src.mean * static_cast<double>(src.count) + dst.mean * static_cast<double>(dst.count)) /
        count;
    dst.count += src.count;
  }
  static bool Finalize(const VarianceState& s, double* out) {
    double n = static_cast<double>(s.count);
    switch (kKind) {
      case VarianceKind::kVarSamp:
        if (s.count <= 1) return false;
        *out = s.dsquared / (n - 1);
        break;
      case VarianceKind::kVarPop:
        if (s.count == 0) return false;
        *out = s.count > 1 ? s.dsquared / n : 0;
        break;
      case VarianceKind::kStddevSamp:
        if (s.count <= 1) return false;
        *out = std::sqrt(s.dsquared / (n - 1));
        break;
      case VarianceKind::kStddevPop:
        if (s.count == 0) return false;
        *out = s.count > 1 ? std::sqrt(s.dsquared / n) : 0;
        break;
      case VarianceKind::kSem:
        if (s.count == 0) return false;
        *out = s.count > 1 ? std::sqrt(s.dsquared / n) / std::sqrt(n) : 0;
        break;
    }
    return true;
  }
};

template <VarianceKind kKind>
AggregateFunction Variance(const char* name) {
  // Overflow gives inf and infinite inputs NaN (IEEE-754), as current DuckDB does.
  return aggregate::UnaryAggregate<VarianceState, double, double, VarianceOp<kKind>>(
      name, LogicalType::Double(), LogicalType::Double());
}

// ---- skewness / kurtosis ----

struct MomentState {
  uint64_t n;
  double sum;
  double sum_sqr;
  double sum_cub;
  double sum_four;
};

struct MomentOp {
  static void Initialize(MomentState& s) { s = MomentState{0, 0, 0, 0, 0}; }
  static void Update(MomentState& s, const double& x) {
    s.n++;
    s.sum += x;
    s.sum_sqr += x * x;
    s.sum_cub += x * x * x;
    s.sum_four += x * x * x * x;
  }
  static void Combine(const MomentState& src, MomentState& dst) {
    dst.n += src.n;
    dst.sum += src.sum;
    dst.sum_sqr += src.sum_sqr;
    dst.sum_cub += src.sum_cub;
    dst.sum_four += src.sum_four;
  }
  static bool Finalize(const MomentState&, double*) { return false; }
};

Status SkewnessFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                        idx_t offset) {
  double* out = result.data<double>();
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const MomentState*>(states[i]);
    idx_t row = offset + i;
    if (s.n <= 2) {
      result.validity().SetInvalid(row);
      continue;
    }
    double n = static_cast<double>(s.n);
    double temp = 1 / n;
    double p = std::pow(temp * (s.sum_sqr - s.sum * s.sum * temp), 3);
    if (p < 0) {
      result.validity().SetInvalid(row);
      continue;
    }
    double div = std::sqrt(p);
    if (div == 0) {
      result.validity().SetInvalid(row);
      continue;
    }
    double temp1 = std::sqrt(n * (n - 1)) / (n - 2);
    out[row] = temp1 * temp *
               (s.sum_cub - 3 * s.sum_sqr * s.sum * temp + 2 * std::pow(s.sum, 3) * temp * temp) /
               div;
    if (!std::isfinite(out[row])) return OutOfRangeError("SKEW is out of range!");
  }
  return Status();
}

template <bool kPopulation>
Status KurtosisFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                        idx_t offset) {
  double* out = result.data<double>();
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const MomentState*>(states[i]);
    idx_t row = offset + i;
    double n = static_cast<double>(s.n);
    if (kPopulation ? s.n <= 0 : s.n <= 3) {
      result.validity().SetInvalid(row);
      continue;
    }
    double temp = 1 / n;
    long double temp_aux = 1 / static_cast<long double>(n);
    if (s.sum_sqr - s.sum * s.sum * temp == 0 ||
        static_cast<long double>(s.sum_sqr) - s.sum * s.sum * temp_aux == 0) {
      result.validity().SetInvalid(row);
      continue;
    }
    double m4 = temp * (s.sum_four - 4 * s.sum_cub * s.sum * temp +
                        6 * s.sum_sqr * s.sum * s.sum * temp * temp -
                        3 * std::pow(s.sum, 4) * std::pow(temp, 3));
    double m2 = temp * (s.sum_sqr - s.sum * s.sum * temp);
    if (m2 <= 0) {
      result.validity().SetInvalid(row);
      continue;
    }
    if (kPopulation) {
      out[row] = m4 / (m2 * m2) - 3;
    } else {
      out[row] = (n - 1) * ((n + 1) * m4 / (m2 * m2) - 3 * (n - 1)) / ((n - 2) * (n - 3));
    }
    if (!std::isfinite(out[row])) return OutOfRangeError("Kurtosis is out of range!");
  }
  return Status();
}

AggregateFunction Moment(const char* name, AggregateFunction::FinalizeFn finalize) {
  auto f = aggregate::UnaryAggregate<MomentState, double, double, MomentOp>(
      name, LogicalType::Double(), LogicalType::Double());
  f.finalize = finalize;
  return f;
}

// ---- covariance / correlation ----

struct CovarState {
  uint64_t count;
  double mean_x;
  double mean_y;
  double co_moment;
  // For corr: the variance states of both variables.
  double dsq_x;
  double dsq_y;
};

struct CovarOp {
  static void Initialize(CovarState& s) { s = CovarState{0, 0, 0, 0, 0, 0}; }
  // Arguments are (y, x), as in DuckDB's covar_pop(y, x).
  static void Update(CovarState& s, const double& y, const double& x) {
    s.count++;
    double n = static_cast<double>(s.count);
    double dx = x - s.mean_x;
    double dy = y - s.mean_y;
    s.mean_x += dx / n;
    s.mean_y += dy / n;
    s.co_moment += dx * (y - s.mean_y);
    s.dsq_x += dx * (x - s.mean_x);
    s.dsq_y += dy * (y - s.mean_y);
  }
  static void Combine(const CovarState& src, CovarState& dst) {
    if (src.count == 0) return;
    if (dst.count == 0) {
      dst = src;
      return;
    }
    double n1 = static_cast<double>(dst.count), n2 = static_cast<double>(src.count);
    double n = n1 + n2;
    double dx = src.mean_x - dst.mean_x;
    double dy = src.mean_y - dst.mean_y;
    dst.co_moment += src.co_moment + dx * dy * n1 * n2 / n;
    dst.dsq_x += src.dsq_x + dx * dx * n1 * n2 / n;
    dst.dsq_y += src.dsq_y + dy * dy * n1 * n2 / n;
    dst.mean_x = (dst.mean_x * n1 + src.mean_x * n2) / n;
    dst.mean_y = (dst.mean_y * n1 + src.mean_y * n2) / n;
    dst.count += src.count;
  }
  static bool Finalize(const CovarState&, double*) { return false; }
};

struct CovarPopOp : CovarOp {
  static bool Finalize(const CovarState& s, double* out) {
    if (s.count == 0) return false;
    *out = s.co_moment / static_cast<double>(s.count);
    return true;
  }
};

struct CovarSampOp : CovarOp {
  static bool Finalize(const CovarState& s, double* out) {
    if (s.count < 2) return false;
    *out = s.co_moment / static_cast<double>(s.count - 1);
    return true;
  }
};

struct CorrOp : CovarOp {
  static bool Finalize(const CovarState& s, double* out) {
    if (s.count == 0) return false;
    double n = static_cast<double>(s.count);
    double covariance = s.co_moment / n;
    double std_x = s.count > 1 ? std::sqrt(s.dsq_x / n) : 0;
    double std_y = s.count > 1 ? std::sqrt(s.dsq_y / n) : 0;
    *out = covariance / (std_x * std_y);
    return true;
  }
};

// regr_*(y, x) over the pairs where both are non-NULL (SQL:2003 regression functions).
struct RegrSlopeOp : CovarOp {
  static bool Finalize(const CovarState& s, double* out) {
    if (s.count == 0) return false;
    *out = s.co_moment / s.dsq_x;  // NaN when x is constant, as DuckDB
    return true;
  }
};

struct RegrInterceptOp : CovarOp {
  static bool Finalize(const CovarState& s, double* out) {
    if (s.count == 0 || s.dsq_x == 0) return false;
    *out = s.mean_y - (s.co_moment / s.dsq_x) * s.mean_x;
    return true;
  }
};

struct RegrR2Op : CovarOp {
  static bool Finalize(const CovarState& s, double* out) {
    if (s.count == 0 || s.dsq_x == 0) return false;
    if (s.dsq_y == 0) {
      *out = 1;
      return true;
    }
    double r = s.co_moment / std::sqrt(s.dsq_x * s.dsq_y);
    *out = r * r;
    return true;
  }
};

template <int kWhich>  // 0 avgx, 1 avgy, 2 sxx, 3 syy, 4 sxy
struct RegrMomentOp : CovarOp {
  static bool Finalize(const CovarState& s, double* out) {
    if (s.count == 0) return false;
    switch (kWhich) {
      case 0:
        *out = s.mean_x;
        break;
      case 1:
        *out = s.mean_y;
        break;
      case 2:
        *out = s.dsq_x;
        break;
      case 3:
        *out = s.dsq_y;
        break;
      default:
        *out = s.co_moment;
        break;
    }
    return true;
  }
};

struct RegrCountOp : CovarOp {
  static bool Finalize(const CovarState& s, int64_t* out) {
    *out = static_cast<int64_t>(s.count);
    return true;
  }
};

template <typename Op>
AggregateFunction Covariance(const char* name) {
  const LogicalType d = LogicalType::Double();
  return aggregate::BinaryAggregate<CovarState, double, double, double, Op>(name, d, d, d);
}

}  // namespace

void RegisterStatisticsAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(Variance<VarianceKind::kVarSamp>("var_samp"));
  registry.AddAggregateAlias("variance", "var_samp");
  registry.AddAggregate(Variance<VarianceKind::kVarPop>("var_pop"));
  registry.AddAggregate(Variance<VarianceKind::kStddevSamp>("stddev_samp"));
  registry.AddAggregateAlias("stddev", "stddev_samp");
  registry.AddAggregate(Variance<VarianceKind::kStddevPop>("stddev_pop"));
  registry.AddAggregate(Variance<VarianceKind::kSem>("sem"));
  registry.AddAggregate(Moment("skewness", SkewnessFinalize));
  registry.AddAggregate(Moment("kurtosis", KurtosisFinalize<false>));
  registry.AddAggregate(Moment("kurtosis_pop", KurtosisFinalize<true>));
  registry.AddAggregate(Covariance<CovarPopOp>("covar_pop"));
  registry.AddAggregate(Covariance<CovarSampOp>("covar_samp"));
  registry.AddAggregate(Covariance<CorrOp>("corr"));
  registry.AddAggregate(Covariance<RegrSlopeOp>("regr_slope"));
  registry.AddAggregate(Covariance<RegrInterceptOp>("regr_intercept"));
  registry.AddAggregate(Covariance<RegrR2Op>("regr_r2"));
  registry.AddAggregate(Covariance<RegrMomentOp<0>>("regr_avgx"));
  registry.AddAggregate(Covariance<RegrMomentOp<1>>("regr_avgy"));
  registry.AddAggregate(Covariance<RegrMomentOp<2>>("regr_sxx"));
  registry.AddAggregate(Covariance<RegrMomentOp<3>>("regr_syy"));
  registry.AddAggregate(Covariance<RegrMomentOp<4>>("regr_sxy"));
  const LogicalType d = LogicalType::Double();
  AggregateFunction regr_count =
      aggregate::BinaryAggregate<CovarState, double, double, int64_t, RegrCountOp>(
          "regr_count", d, d, LogicalType::BigInt());
  regr_count.empty_is_zero = true;
  registry.AddAggregate(regr_count);
}

}  // namespace fluxdb
