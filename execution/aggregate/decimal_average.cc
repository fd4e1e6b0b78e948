// decimal_average(DECIMAL(w, s)) -> DECIMAL(w, s): the exact average, rounded half to even, as
// DuckDB's. The sum is kept exactly in 128 bits; overflowing it is an error.
#include <vector>

#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

struct DecimalAverageState {
  int128_t sum;
  int64_t count;
  bool overflow;
};

struct DecimalAverageOp {
  static void Initialize(DecimalAverageState& s) { s = DecimalAverageState{0, 0, false}; }
  template <typename T>
  static void Update(DecimalAverageState& s, const T& v) {
    s.overflow |= __builtin_add_overflow(s.sum, static_cast<int128_t>(v), &s.sum);
    s.count++;
  }
  static void Combine(const DecimalAverageState& src, DecimalAverageState& dst) {
    dst.overflow |= src.overflow || __builtin_add_overflow(dst.sum, src.sum, &dst.sum);
    dst.count += src.count;
  }
  template <typename R>
  static bool Finalize(const DecimalAverageState&, R*) {
    return false;  // DecimalAverageFinalize writes the result
  }
};

// sum / count rounded half to even.
int128_t RoundedQuotient(int128_t sum, int64_t count) {
  int128_t q = sum / count;
  int128_t r = sum % count;
  if (r == 0) return q;
  int128_t twice = r < 0 ? -r : r;
  twice *= 2;
  if (twice > count || (twice == count && (q % 2 != 0))) q += sum < 0 ? -1 : 1;
  return q;
}

template <typename T>
Status DecimalAverageFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                              idx_t offset) {
  T* out = result.data<T>();
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const DecimalAverageState*>(states[i]);
    if (s.overflow) {
      return OutOfRangeError(
          "Overflow in DECIMAL_AVERAGE: intermediate sum overflowed HUGEINT range");
    }
    if (s.count == 0) {
      result.validity().SetInvalid(offset + i);
      continue;
    }
    out[offset + i] = static_cast<T>(RoundedQuotient(s.sum, s.count));
  }
  return Status();
}

template <typename T>
AggregateFunction DecimalAverageFor() {
  auto f = aggregate::UnaryAggregate<DecimalAverageState, T, T, DecimalAverageOp>(
      "decimal_average", kAnyDecimal, kAnyDecimal);
  f.finalize = DecimalAverageFinalize<T>;
  return f;
}

Status BindDecimalAverage(BoundExpression& expr) {
  static const AggregateFunction k16 = DecimalAverageFor<int16_t>();
  static const AggregateFunction k32 = DecimalAverageFor<int32_t>();
  static const AggregateFunction k64 = DecimalAverageFor<int64_t>();
  static const AggregateFunction k128 = DecimalAverageFor<int128_t>();
  expr.type = expr.children[0]->type;
  switch (expr.type.physical()) {
    case PhysicalType::kInt16:
      expr.aggregate = &k16;
      break;
    case PhysicalType::kInt32:
      expr.aggregate = &k32;
      break;
    case PhysicalType::kInt64:
      expr.aggregate = &k64;
      break;
    default:
      expr.aggregate = &k128;
      break;
  }
  return Status();
}

}  // namespace

void RegisterDecimalAverageAggregate(FunctionRegistry& registry) {
  AggregateFunction f = DecimalAverageFor<int64_t>();
  f.bind = BindDecimalAverage;
  registry.AddAggregate(f);
}

}  // namespace fluxdb
