// median(x), quantile_cont(x, q), quantile_disc(x, q) / quantile(x, q) (and PostgreSQL's
// percentile_cont / percentile_disc ... WITHIN GROUP, which the parser rewrites to these).
//
// The state collects the values; finalize selects with nth_element. q must be a constant in
// [-1, 1] (a negative q counts from the top). quantile_cont interpolates between neighbours:
// integers give DOUBLE, DECIMALs keep their type (truncating), DATE gives TIMESTAMP, other
// temporal types keep theirs; types without arithmetic (VARCHAR, INTERVAL ...) fall back to the
// discrete quantile. Index computations follow DuckDB's exactly, including the exact decimal
// arithmetic it uses when q is a DECIMAL literal.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/date_time.h"
#include "common/number_format.h"
#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/comparison_kernels.h"
#include "execution/function/constant_argument.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

struct QuantileData : FunctionData {
  double q = 0.5;
  bool descending = false;
  // q as integral / scaling when it was given as a DECIMAL (scaling 0 otherwise).
  int128_t integral = 0;
  int128_t scaling = 0;
  bool continuous = true;
  // quantile(x, [q1, q2 ...]): one result per fraction, as a list.
  bool is_list = false;
  std::vector<QuantileData> fractions;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<QuantileData>(*this);
  }
};

// Stored value type: strings are owned.
template <typename T>
using Stored = std::conditional_t<std::is_same_v<T, StringRef>, std::string, T>;

template <typename T>
struct QuantileState {
  std::vector<Stored<T>> values;
};

template <typename T>
struct Less {
  bool operator()(const Stored<T>& a, const Stored<T>& b) const {
    if constexpr (std::is_same_v<T, StringRef>) {
      return StringRef::Compare(StringRef(a), StringRef(b)) < 0;
    } else {
      return CompareValues<T>(a, b) < 0;
    }
  }
};

template <typename T>
Status Update(const BoundExpression&, const Vector* inputs, idx_t, StatePtr* states, idx_t count) {
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  const T* values = u.values<T>();
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    if (!u.validity->IsValid(idx)) continue;
    auto& s = *reinterpret_cast<QuantileState<T>*>(states[i]);
    if constexpr (std::is_same_v<T, StringRef>) {
      s.values.emplace_back(values[idx].data(), values[idx].size());
    } else {
      s.values.push_back(values[idx]);
    }
  }
  return Status();
}

template <typename T>
Status SimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr state,
                    idx_t count) {
  auto& s = *reinterpret_cast<QuantileState<T>*>(state);
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  const T* values = u.values<T>();
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    if (!u.validity->IsValid(idx)) continue;
    if constexpr (std::is_same_v<T, StringRef>) {
      s.values.emplace_back(values[idx].data(), values[idx].size());
    } else {
      s.values.push_back(values[idx]);
    }
  }
  return Status();
}

template <typename T>
Status CombineStates(const BoundExpression&, StatePtr* sources, StatePtr* targets, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    auto& src = *reinterpret_cast<QuantileState<T>*>(sources[i]);
    auto& dst = *reinterpret_cast<QuantileState<T>*>(targets[i]);
    dst.values.insert(dst.values.end(), src.values.begin(), src.values.end());
  }
  return Status();
}

// Index of the discrete quantile among n sorted values (ascending).
idx_t DiscreteIndex(const QuantileData& q, idx_t n) {
  int128_t floored;
  if (q.scaling != 0) {
    int128_t scaled_q = static_cast<int128_t>(n) * q.integral;
    int128_t scaled_n = static_cast<int128_t>(n) * q.scaling;
    floored = (scaled_n - scaled_q) / q.scaling;
  } else {
    floored =
        static_cast<int128_t>(std::floor(static_cast<double>(n) - static_cast<double>(n) * q.q));
  }
  int128_t index = static_cast<int128_t>(n) - floored;
  if (index < 1) index = 1;
  return static_cast<idx_t>(index - 1);
}

// Selects the value at ascending position `index` (or descending when data.descending).
template <typename T>
const Stored<T>& Select(std::vector<Stored<T>>& v, idx_t index, bool descending) {
  if (descending) {
    std::nth_element(v.begin(), v.begin() + index, v.end(),
                     [](const Stored<T>& a, const Stored<T>& b) { return Less<T>()(b, a); });
  } else {
    std::nth_element(v.begin(), v.begin() + index, v.end(), Less<T>());
  }
  return v[index];
}

template <typename T>
void DiscreteOne(const QuantileData& data, QuantileState<T>& s, Vector& result, idx_t row) {
  idx_t index = std::min<idx_t>(DiscreteIndex(data, s.values.size()), s.values.size() - 1);
  const Stored<T>& v = Select<T>(s.values, index, data.descending);
  if constexpr (std::is_same_v<T, StringRef>) {
    result.data<T>()[row] = result.AddString(v);
  } else {
    result.data<T>()[row] = v;
  }
}

// Writes each state's quantile with One; a list of fractions gives a list of quantiles.
template <typename T, void (*One)(const QuantileData&, QuantileState<T>&, Vector&, idx_t)>
Status FinalizeWith(const BoundExpression& expr, StatePtr* states, Vector& result, idx_t count,
                    idx_t offset) {
  const auto& data = static_cast<const QuantileData&>(*expr.bind_data);
  for (idx_t i = 0; i < count; i++) {
    auto& s = *reinterpret_cast<QuantileState<T>*>(states[i]);
    if (s.values.empty()) {
      result.validity().SetInvalid(offset + i);
      continue;
    }
    if (!data.is_list) {
      One(data, s, result, offset + i);
      continue;
    }
    const LogicalType& element = result.type().child();
    Vector one(element, 1);
    std::vector<Value> values;
    for (const QuantileData& fraction : data.fractions) {
      one.ResetToFlat();
      One(fraction, s, one, 0);
      values.push_back(one.GetValue(0));
    }
    result.SetValue(offset + i, Value::List(element, values));
  }
  return Status();
}

// Continuous quantile of numeric T written as R (double for integers, T for decimals and
// temporal types; DATE (int32 days) is written as TIMESTAMP micros).
template <typename T, typename R, bool kDateToTimestamp>
void ContinuousOne(const QuantileData& data, QuantileState<T>& s, Vector& result, idx_t row) {
  R* out = result.data<R>();
  idx_t n = s.values.size();
  double rn = static_cast<double>(n - 1) * data.q;
  idx_t lo_index = static_cast<idx_t>(std::floor(rn));
  idx_t hi_index = static_cast<idx_t>(std::ceil(rn));
  if (hi_index >= n) hi_index = n - 1;
  if (lo_index > hi_index) lo_index = hi_index;
  T lo = Select<T>(s.values, lo_index, data.descending);
  T hi = lo;
  if (hi_index != lo_index) {
    // nth_element left everything after lo_index >= lo: the next value is their minimum.
    auto begin = s.values.begin() + lo_index + 1;
    if (data.descending) {
      hi = *std::min_element(begin, s.values.end(),
                             [](const T& a, const T& b) { return Less<T>()(b, a); });
    } else {
      hi = *std::min_element(begin, s.values.end(), Less<T>());
    }
  }
  double d = rn - static_cast<double>(lo_index);
  auto scaled = [](T v) {
    if constexpr (kDateToTimestamp) {
      return static_cast<R>(static_cast<int64_t>(v) * kMicrosPerDay);
    } else {
      return static_cast<R>(v);
    }
  };
  R rlo = scaled(lo), rhi = scaled(hi);
  if (lo_index == hi_index) {
    out[row] = rlo;
  } else if constexpr (std::is_floating_point_v<R>) {
    out[row] = rlo + (rhi - rlo) * d;
  } else {
    out[row] = static_cast<R>(rlo + static_cast<R>(static_cast<double>(rhi - rlo) * d));
  }
}

template <typename T, typename R, bool kDateToTimestamp>
Status ContinuousFinalize(const BoundExpression& expr, StatePtr* states, Vector& result,
                          idx_t count, idx_t offset) {
  return FinalizeWith<T, ContinuousOne<T, R, kDateToTimestamp>>(expr, states, result, count,
                                                                offset);
}

template <typename T>
Status DiscreteFinalize(const BoundExpression& expr, StatePtr* states, Vector& result, idx_t count,
                        idx_t offset) {
  return FinalizeWith<T, DiscreteOne<T>>(expr, states, result, count, offset);
}

template <typename T>
AggregateFunction MakeQuantile(AggregateFunction::FinalizeFn finalize) {
  AggregateFunction f;
  f.state_size = aggregate::StateSize<QuantileState<T>>;
  f.initialize = [](const BoundExpression&, StatePtr state) { new (state) QuantileState<T>(); };
  f.update = Update<T>;
  f.simple_update = SimpleUpdate<T>;
  f.combine = CombineStates<T>;
  f.finalize = finalize;
  f.destroy = aggregate::Destroy<QuantileState<T>>;
  return f;
}

// The function for one input type and kind, built once.
const AggregateFunction* QuantileFor(const LogicalType& type, bool continuous,
                                     LogicalType* result) {
  *result = type;
  if (continuous) {
    switch (type.id()) {
      case TypeId::kTinyInt: {
        static const auto f = MakeQuantile<int8_t>(ContinuousFinalize<int8_t, double, false>);
        *result = LogicalType::Double();
        return &f;
      }
      case TypeId::kSmallInt:
      case TypeId::kUTinyInt: {  // stored as the wider signed type
        static const auto f = MakeQuantile<int16_t>(ContinuousFinalize<int16_t, double, false>);
        *result = LogicalType::Double();
        return &f;
      }
      case TypeId::kInteger:
      case TypeId::kUSmallInt: {  // stored as the wider signed type
        static const auto f = MakeQuantile<int32_t>(ContinuousFinalize<int32_t, double, false>);
        *result = LogicalType::Double();
        return &f;
      }
      case TypeId::kBigInt:
      case TypeId::kUInteger: {  // stored as the wider signed type
        static const auto f = MakeQuantile<int64_t>(ContinuousFinalize<int64_t, double, false>);
        *result = LogicalType::Double();
        return &f;
      }
      case TypeId::kHugeInt:
      case TypeId::kUBigInt: {  // stored as the wider signed type
        static const auto f = MakeQuantile<int128_t>(ContinuousFinalize<int128_t, double, false>);
        *result = LogicalType::Double();
        return &f;
      }
      case TypeId::kFloat: {
        static const auto f = MakeQuantile<float>(ContinuousFinalize<float, float, false>);
        return &f;
      }
      case TypeId::kDouble: {
        static const auto f = MakeQuantile<double>(ContinuousFinalize<double, double, false>);
        return &f;
      }
      case TypeId::kDecimal:
        switch (type.physical()) {
          case PhysicalType::kInt16: {
            static const auto f =
                MakeQuantile<int16_t>(ContinuousFinalize<int16_t, int16_t, false>);
            return &f;
          }
          case PhysicalType::kInt32: {
            static const auto f =
                MakeQuantile<int32_t>(ContinuousFinalize<int32_t, int32_t, false>);
            return &f;
          }
          case PhysicalType::kInt64: {
            static const auto f =
                MakeQuantile<int64_t>(ContinuousFinalize<int64_t, int64_t, false>);
            return &f;
          }
          default: {
            static const auto f =
                MakeQuantile<int128_t>(ContinuousFinalize<int128_t, int128_t, false>);
            return &f;
          }
        }
      case TypeId::kDate: {
        static const auto f = MakeQuantile<int32_t>(ContinuousFinalize<int32_t, int64_t, true>);
        *result = LogicalType::Timestamp();
        return &f;
      }
      case TypeId::kTime:
      case TypeId::kTimestamp: {
        static const auto f = MakeQuantile<int64_t>(ContinuousFinalize<int64_t, int64_t, false>);
        return &f;
      }
      default:
        break;  // no arithmetic: discrete
    }
  }
  static const auto table = [] {
    std::vector<AggregateFunction> functions(static_cast<int>(PhysicalType::kInterval) + 1);
    for (int p = 1; p <= static_cast<int>(PhysicalType::kInterval); p++) {
      DispatchPhysical(static_cast<PhysicalType>(p), [&]<typename Physical>() {
        // BOOLEAN is a byte holding 0 or 1: int8_t orders and hashes it the same (and avoids
        // std::vector<bool>).
        using T = std::conditional_t<std::is_same_v<Physical, bool>, int8_t, Physical>;
        functions[p] = MakeQuantile<T>(DiscreteFinalize<T>);
      });
    }
    return functions;
  }();
  return &table[static_cast<int>(type.physical())];
}

// Reads one fraction.
Status ReadFractionValue(const Value& v, QuantileData* data) {
  if (v.is_null()) return BinderError("QUANTILE parameter cannot be NULL");
  const LogicalType& t = v.type();
  if (t.id() == TypeId::kDecimal) {
    data->integral = v.GetInt128();
    data->scaling = PowerOfTen128(t.scale());
    data->q = static_cast<double>(data->integral) / static_cast<double>(data->scaling);
  } else if (t.IsIntegral()) {
    data->integral = v.GetInt128();
    data->scaling = 1;
    data->q = static_cast<double>(data->integral);
  } else if (t.id() == TypeId::kDouble || t.id() == TypeId::kFloat) {
    data->q = v.GetDouble();
  } else {
    return BinderError("QUANTILE parameter must be a number");
  }
  if (!(data->q >= -1 && data->q <= 1)) {
    return BinderError("QUANTILE can only take parameters in the range [-1, 1]");
  }
  if (data->q < 0) {
    data->descending = true;
    data->q = -data->q;
    data->integral = -data->integral;
  }
  return Status();
}

// Reads the constant fraction argument: a number or a list of numbers.
Status ReadFraction(const BoundExpression& arg, QuantileData* data) {
  FLUX_ASSIGN_OR_RETURN(auto constant, ConstantArgument(arg));
  if (!constant) return BinderError("QUANTILE can only take constant parameters");
  const Value& v = *constant;
  if (v.type().id() != TypeId::kList || v.is_null()) return ReadFractionValue(v, data);
  data->is_list = true;
  for (const Value& element : v.Children()) {
    QuantileData fraction;
    FLUX_RETURN_IF_ERROR(ReadFractionValue(element, &fraction));
    data->fractions.push_back(fraction);
  }
  if (data->fractions.empty())
    return BinderError("QUANTILE requires a non-empty list of fractions");
  return Status();
}

template <bool kContinuous, bool kMedian>
Status BindQuantile(BoundExpression& expr) {
  auto data = std::make_unique<QuantileData>();
  if (kMedian) {
    data->q = 0.5;
    data->integral = 5;
    data->scaling = 10;
  } else {
    if (expr.children.size() < 2) return BinderError("QUANTILE requires a fraction argument");
    FLUX_RETURN_IF_ERROR(ReadFraction(*expr.children[1], data.get()));
  }
  LogicalType input = expr.children[0]->type;
  if (input.id() == TypeId::kNull) {
    input = LogicalType::Integer();
    expr.children[0] = BoundExpression::Cast(std::move(expr.children[0]), input);
  }
  LogicalType result;
  expr.aggregate = QuantileFor(input, kContinuous, &result);
  data->continuous = kContinuous;
  expr.type = data->is_list ? LogicalType::List(result) : result;
  expr.bind_data = std::move(data);
  return Status();
}

AggregateFunction Declared(const char* name, std::vector<LogicalType> arguments,
                           ScalarFunctionBind bind) {
  LogicalType ignored;
  AggregateFunction f = *QuantileFor(LogicalType::Integer(), false, &ignored);
  f.name = name;
  f.arguments = std::move(arguments);
  f.return_type = kAnyType;
  f.bind = bind;
  return f;
}

// mad(x): the median of |x - median(x)|, over DOUBLE.
double MedianOf(std::vector<double>& v) {
  idx_t n = v.size();
  double rn = static_cast<double>(n - 1) * 0.5;
  idx_t lo_index = static_cast<idx_t>(std::floor(rn));
  std::nth_element(v.begin(), v.begin() + lo_index, v.end());
  double lo = v[lo_index];
  if (static_cast<double>(lo_index) == rn) return lo;
  double hi = *std::min_element(v.begin() + lo_index + 1, v.end());
  return lo + (hi - lo) * (rn - static_cast<double>(lo_index));
}

Status MadFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                   idx_t offset) {
  double* out = result.data<double>();
  for (idx_t i = 0; i < count; i++) {
    auto& s = *reinterpret_cast<QuantileState<double>*>(states[i]);
    if (s.values.empty()) {
      result.validity().SetInvalid(offset + i);
      continue;
    }
    double median = MedianOf(s.values);
    for (double& v : s.values) v = std::fabs(v - median);
    out[offset + i] = MedianOf(s.values);
  }
  return Status();
}

}  // namespace

void RegisterQuantileAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(Declared("median", {kAnyType}, BindQuantile<true, true>));
  registry.AddAggregate(Declared("quantile_cont", {kAnyType, kAnyType}, BindQuantile<true, false>));
  registry.AddAggregate(
      Declared("quantile_disc", {kAnyType, kAnyType}, BindQuantile<false, false>));
  registry.AddAggregateAlias("quantile", "quantile_disc");
  // Exact here: FluxDB keeps every value anyway.
  registry.AddAggregateAlias("approx_quantile", "quantile_disc");
  registry.AddAggregateAlias("reservoir_quantile", "quantile_disc");
  AggregateFunction mad = MakeQuantile<double>(MadFinalize);
  mad.name = "mad";
  mad.arguments = {LogicalType::Double()};
  mad.return_type = LogicalType::Double();
  registry.AddAggregate(mad);
}

}  // namespace fluxdb
