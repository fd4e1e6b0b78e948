// fsum/sumkahan/kahan_sum and favg (compensated summation of DOUBLE), product.
#include <cmath>

#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

// Classic Kahan summation, as DuckDB (so fsum(1e20, 1, -1e20) is 0.0 there and here).
struct KahanState {
  double sum;
  double err;
  int64_t count;
};

inline void KahanAdd(KahanState& s, double v) {
  double y = v - s.err;
  double t = s.sum + y;
  s.err = (t - s.sum) - y;
  s.sum = t;
}

struct KahanSumOp {
  static void Initialize(KahanState& s) { s = KahanState{0, 0, 0}; }
  static void Update(KahanState& s, const double& v) {
    KahanAdd(s, v);
    s.count++;
  }
  static void Combine(const KahanState& src, KahanState& dst) {
    KahanAdd(dst, src.sum);
    KahanAdd(dst, -src.err);
    dst.count += src.count;
  }
  static bool Finalize(const KahanState& s, double* out) {
    *out = s.sum;
    return s.count > 0;
  }
};

struct KahanAvgOp : KahanSumOp {
  static bool Finalize(const KahanState& s, double* out) {
    if (s.count == 0) return false;
    *out = s.sum / static_cast<double>(s.count);
    return true;
  }
};

struct ProductState {
  double value;
  bool isset;
};

struct ProductOp {
  static void Initialize(ProductState& s) { s = ProductState{1, false}; }
  static void Update(ProductState& s, const double& v) {
    s.value *= v;
    s.isset = true;
  }
  static void Combine(const ProductState& src, ProductState& dst) {
    if (!src.isset) return;
    dst.value *= src.value;
    dst.isset = true;
  }
  static bool Finalize(const ProductState& s, double* out) {
    *out = s.value;
    return s.isset;
  }
};

// geomean: exp of the mean logarithm.
struct GeoMeanState {
  double log_sum;
  int64_t count;
};

struct GeoMeanOp {
  static void Initialize(GeoMeanState& s) { s = GeoMeanState{0, 0}; }
  static void Update(GeoMeanState& s, const double& v) {
    s.log_sum += std::log(v);
    s.count++;
  }
  static void Combine(const GeoMeanState& src, GeoMeanState& dst) {
    dst.log_sum += src.log_sum;
    dst.count += src.count;
  }
  static bool Finalize(const GeoMeanState& s, double* out) {
    if (s.count == 0) return false;
    *out = std::exp(s.log_sum / static_cast<double>(s.count));
    return true;
  }
};

}  // namespace

void RegisterKahanProductAggregates(FunctionRegistry& registry) {
  const LogicalType d = LogicalType::Double();
  registry.AddAggregate(
      aggregate::UnaryAggregate<KahanState, double, double, KahanSumOp>("fsum", d, d));
  registry.AddAggregateAlias("sumkahan", "fsum");
  registry.AddAggregateAlias("kahan_sum", "fsum");
  registry.AddAggregate(
      aggregate::UnaryAggregate<KahanState, double, double, KahanAvgOp>("favg", d, d));
  registry.AddAggregate(
      aggregate::UnaryAggregate<ProductState, double, double, ProductOp>("product", d, d));
  registry.AddAggregate(
      aggregate::UnaryAggregate<GeoMeanState, double, double, GeoMeanOp>("geomean", d, d));
  registry.AddAggregateAlias("geometric_mean", "geomean");
}

}  // namespace fluxdb
