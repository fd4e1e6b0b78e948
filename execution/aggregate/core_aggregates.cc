// count(*), count, sum, avg, min, max.
#include <cmath>
#include <string>

#include "execution/aggregate/aggregate_executor.h"
#include "execution/cast/cast_rules.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/comparison_kernels.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

// ---- count ----
struct CountState {
  int64_t count;
};

struct CountOp {
  static void Initialize(CountState& s) { s.count = 0; }
  template <typename Input>
  static void Update(CountState& s, const Input&) {
    s.count++;
  }
  static void Combine(const CountState& src, CountState& dst) { dst.count += src.count; }
  static bool Finalize(const CountState& s, int64_t* out) {
    *out = s.count;
    return true;
  }
};

Status CountUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr* states,
                   idx_t count) {
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  for (idx_t i = 0; i < count; i++) {
    if (u.IsValid(i)) reinterpret_cast<CountState*>(states[i])->count++;
  }
  return Status();
}

Status CountSimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr state,
                         idx_t count) {
  auto& s = *reinterpret_cast<CountState*>(state);
  const Vector& input = inputs[0];
  if (input.encoding() == VectorEncoding::kConstant) {
    if (!input.IsConstantNull()) s.count += count;
    return Status();
  }
  if (input.encoding() == VectorEncoding::kFlat) {
    s.count += count - input.validity().CountInvalid(count);
    return Status();
  }
  UnifiedVector u;
  input.ToUnified(count, &u);
  for (idx_t i = 0; i < count; i++) s.count += u.IsValid(i);
  return Status();
}

Status CountStarUpdate(const BoundExpression&, const Vector*, idx_t, StatePtr* states,
                       idx_t count) {
  for (idx_t i = 0; i < count; i++) reinterpret_cast<CountState*>(states[i])->count++;
  return Status();
}

Status CountStarSimpleUpdate(const BoundExpression&, const Vector*, idx_t, StatePtr state,
                             idx_t count) {
  reinterpret_cast<CountState*>(state)->count += count;
  return Status();
}

AggregateFunction CountFunction(bool star) {
  AggregateFunction f = aggregate::UnaryAggregate<CountState, int64_t, int64_t, CountOp>(
      star ? "count_star" : "count", kAnyType, LogicalType::BigInt());
  if (star) {
    f.arguments.clear();
    f.update = CountStarUpdate;
    f.simple_update = CountStarSimpleUpdate;
  } else {
    f.update = CountUpdate;
    f.simple_update = CountSimpleUpdate;
  }
  f.empty_is_zero = true;
  return f;
}

// ---- sum ----
template <typename Acc>
struct SumState {
  Acc value;
  bool isset;
};

template <typename Acc>
struct SumOp {
  static void Initialize(SumState<Acc>& s) {
    s.value = 0;
    s.isset = false;
  }
  template <typename Input>
  static void Update(SumState<Acc>& s, const Input& v) {
    s.value += static_cast<Acc>(v);
    s.isset = true;
  }
  template <typename Input>
  static void UpdateBatch(SumState<Acc>& s, const Input* values, idx_t count) {
    if (count == 0) return;
    if constexpr (std::is_integral_v<Input> && sizeof(Input) <= 4) {
      // A vector of 32-bit values cannot overflow a 64-bit partial sum.
      int64_t partial = 0;
      for (idx_t i = 0; i < count; i++) partial += values[i];
      s.value += partial;
    } else {
      Acc partial = 0;
      for (idx_t i = 0; i < count; i++) partial += static_cast<Acc>(values[i]);
      s.value += partial;
    }
    s.isset = true;
  }
  static void Combine(const SumState<Acc>& src, SumState<Acc>& dst) {
    dst.value += src.value;
    dst.isset |= src.isset;
  }
  template <typename Result>
  static bool Finalize(const SumState<Acc>& s, Result* out) {
    *out = static_cast<Result>(s.value);
    return s.isset;
  }
};

template <typename Input>
AggregateFunction IntegerSum(LogicalType argument) {
  return aggregate::UnaryAggregate<SumState<int128_t>, Input, int128_t, SumOp<int128_t>>(
      "sum", argument, LogicalType::HugeInt());
}

template <typename Input>
AggregateFunction FloatSum(LogicalType argument) {
  return aggregate::UnaryAggregate<SumState<double>, Input, double, SumOp<double>>(
      "sum", argument, LogicalType::Double());
}

const AggregateFunction& DecimalSumFor(PhysicalType physical) {
  static const AggregateFunction k16 = IntegerSum<int16_t>(kAnyDecimal);
  static const AggregateFunction k32 = IntegerSum<int32_t>(kAnyDecimal);
  static const AggregateFunction k64 = IntegerSum<int64_t>(kAnyDecimal);
  static const AggregateFunction k128 = IntegerSum<int128_t>(kAnyDecimal);
  switch (physical) {
    case PhysicalType::kInt16:
      return k16;
    case PhysicalType::kInt32:
      return k32;
    case PhysicalType::kInt64:
      return k64;
    default:
      return k128;
  }
}

Status BindDecimalSum(BoundExpression& expr) {
  const LogicalType& input = expr.children[0]->type;
  expr.aggregate = &DecimalSumFor(input.physical());
  expr.type = LogicalType::Decimal(kDecimalMaxWidth, input.scale());
  return Status();
}

// ---- avg ----
template <typename Acc>
struct AvgState {
  Acc sum;
  int64_t count;
};

template <typename Acc>
struct AvgOp {
  static void Initialize(AvgState<Acc>& s) {
    s.sum = 0;
    s.count = 0;
  }
  template <typename Input>
  static void Update(AvgState<Acc>& s, const Input& v) {
    s.sum += static_cast<Acc>(v);
    s.count++;
  }
  static void Combine(const AvgState<Acc>& src, AvgState<Acc>& dst) {
    dst.sum += src.sum;
    dst.count += src.count;
  }
  static bool Finalize(const AvgState<Acc>& s, double* out) {
    if (s.count == 0) return false;
    *out = static_cast<double>(s.sum) / static_cast<double>(s.count);
    return true;
  }
};

// avg(DECIMAL(w, s)) is a DOUBLE computed from the exact sum.
struct DecimalAvgData : FunctionData {
  double divisor;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<DecimalAvgData>(*this);
  }
};

template <typename Input>
Status DecimalAvgFinalize(const BoundExpression& expr, StatePtr* states, Vector& result,
                          idx_t count, idx_t offset) {
  double divisor = static_cast<const DecimalAvgData&>(*expr.bind_data).divisor;
  double* out = result.data<double>();
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const AvgState<int128_t>*>(states[i]);
    if (s.count == 0) {
      result.validity().SetInvalid(offset + i);
      continue;
    }
    out[offset + i] = static_cast<double>(s.sum) / divisor / static_cast<double>(s.count);
  }
  return Status();
}

template <typename Input>
AggregateFunction DecimalAvg() {
  auto f = aggregate::UnaryAggregate<AvgState<int128_t>, Input, double, AvgOp<int128_t>>(
      "avg", kAnyDecimal, LogicalType::Double());
  f.finalize = DecimalAvgFinalize<Input>;
  return f;
}

Status BindDecimalAvg(BoundExpression& expr) {
  static const AggregateFunction k16 = DecimalAvg<int16_t>();
  static const AggregateFunction k32 = DecimalAvg<int32_t>();
  static const AggregateFunction k64 = DecimalAvg<int64_t>();
  static const AggregateFunction k128 = DecimalAvg<int128_t>();
  const LogicalType& input = expr.children[0]->type;
  switch (input.physical()) {
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
  auto data = std::make_unique<DecimalAvgData>();
  data->divisor = std::pow(10.0, input.scale());
  expr.bind_data = std::move(data);
  expr.type = LogicalType::Double();
  return Status();
}

// ---- min / max ----
template <typename T>
struct MinMaxState {
  T value;
  bool isset;
};

struct StringMinMaxState {
  std::string value;
  bool isset = false;
};

template <typename T, bool kIsMin>
struct MinMaxOp {
  static void Initialize(MinMaxState<T>& s) { s.isset = false; }
  static void Update(MinMaxState<T>& s, const T& v) {
    if (!s.isset) {
      s.value = v;
      s.isset = true;
    } else {
      int c = CompareValues<T>(v, s.value);
      if (kIsMin ? c < 0 : c > 0) s.value = v;
    }
  }
  static void Combine(const MinMaxState<T>& src, MinMaxState<T>& dst) {
    if (src.isset) Update(dst, src.value);
  }
  static bool Finalize(const MinMaxState<T>& s, T* out) {
    *out = s.value;
    return s.isset;
  }
};

template <bool kIsMin>
struct StringMinMaxOp {
  static void Initialize(StringMinMaxState&) {}
  static void Update(StringMinMaxState& s, const StringRef& v) {
    if (!s.isset) {
      s.value.assign(v.data(), v.size());
      s.isset = true;
      return;
    }
    int c = StringRef::Compare(v, StringRef(s.value));
    if (kIsMin ? c < 0 : c > 0) s.value.assign(v.data(), v.size());
  }
  static void Combine(const StringMinMaxState& src, StringMinMaxState& dst) {
    if (src.isset) Update(dst, StringRef(src.value));
  }
  // Strings are written by StringMinMaxFinalize (they need the result's heap).
  static bool Finalize(const StringMinMaxState&, StringRef*) { return false; }
};

template <bool kIsMin>
Status StringMinMaxFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                            idx_t offset) {
  StringRef* out = result.data<StringRef>();
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const StringMinMaxState*>(states[i]);
    if (!s.isset) {
      result.validity().SetInvalid(offset + i);
      continue;
    }
    out[offset + i] = result.AddString(s.value);
  }
  return Status();
}

template <bool kIsMin>
const AggregateFunction& MinMaxFor(PhysicalType physical) {
  static const auto table = [] {
    std::vector<AggregateFunction> functions(static_cast<int>(PhysicalType::kInterval) + 1);
    const char* name = kIsMin ? "min" : "max";
    for (int p = 1; p <= static_cast<int>(PhysicalType::kInterval); p++) {
      DispatchPhysical(static_cast<PhysicalType>(p), [&]<typename T>() {
        if constexpr (std::is_same_v<T, StringRef>) {
          auto f = aggregate::UnaryAggregate<StringMinMaxState, StringRef, StringRef,
                                             StringMinMaxOp<kIsMin>>(name, kAnyType, kAnyType);
          f.finalize = StringMinMaxFinalize<kIsMin>;
          functions[p] = f;
        } else {
          functions[p] = aggregate::UnaryAggregate<MinMaxState<T>, T, T, MinMaxOp<T, kIsMin>>(
              name, kAnyType, kAnyType);
        }
      });
    }
    return functions;
  }();
  return table[static_cast<int>(physical)];
}

template <bool kIsMin>
Status BindMinMax(BoundExpression& expr) {
  expr.type = expr.children[0]->type;
  PhysicalType physical = expr.type.physical();
  if (expr.type.id() == TypeId::kNull) {
    expr.type = LogicalType::Integer();
    expr.children[0] = BoundExpression::Cast(std::move(expr.children[0]), expr.type);
    physical = expr.type.physical();
  }
  expr.aggregate = &MinMaxFor<kIsMin>(physical);
  return Status();
}

}  // namespace

void RegisterCoreAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(CountFunction(true));
  registry.AddAggregate(CountFunction(false));

  registry.AddAggregate(IntegerSum<int8_t>(LogicalType::TinyInt()));
  registry.AddAggregate(IntegerSum<int16_t>(LogicalType::SmallInt()));
  registry.AddAggregate(IntegerSum<int32_t>(LogicalType::Integer()));
  registry.AddAggregate(IntegerSum<int64_t>(LogicalType::BigInt()));
  registry.AddAggregate(IntegerSum<int128_t>(LogicalType::HugeInt()));
  // Unsigned types are read as the wider signed type they are stored in.
  registry.AddAggregate(IntegerSum<int16_t>(LogicalType::UTinyInt()));
  registry.AddAggregate(IntegerSum<int32_t>(LogicalType::USmallInt()));
  registry.AddAggregate(IntegerSum<int64_t>(LogicalType::UInteger()));
  registry.AddAggregate(IntegerSum<int128_t>(LogicalType::UBigInt()));
  registry.AddAggregate(FloatSum<double>(LogicalType::Double()));
  AggregateFunction decimal_sum = IntegerSum<int64_t>(kAnyDecimal);
  decimal_sum.bind = BindDecimalSum;
  registry.AddAggregate(decimal_sum);

  auto int_avg = [](auto tag, LogicalType type) {
    using Input = decltype(tag);
    return aggregate::UnaryAggregate<AvgState<int128_t>, Input, double, AvgOp<int128_t>>(
        "avg", type, LogicalType::Double());
  };
  registry.AddAggregate(int_avg(int8_t{}, LogicalType::TinyInt()));
  registry.AddAggregate(int_avg(int16_t{}, LogicalType::SmallInt()));
  registry.AddAggregate(int_avg(int32_t{}, LogicalType::Integer()));
  registry.AddAggregate(int_avg(int64_t{}, LogicalType::BigInt()));
  registry.AddAggregate(int_avg(int128_t{}, LogicalType::HugeInt()));
  registry.AddAggregate(int_avg(int16_t{}, LogicalType::UTinyInt()));
  registry.AddAggregate(int_avg(int32_t{}, LogicalType::USmallInt()));
  registry.AddAggregate(int_avg(int64_t{}, LogicalType::UInteger()));
  registry.AddAggregate(int_avg(int128_t{}, LogicalType::UBigInt()));
  registry.AddAggregate(aggregate::UnaryAggregate<AvgState<double>, double, double, AvgOp<double>>(
      "avg", LogicalType::Double(), LogicalType::Double()));
  AggregateFunction decimal_avg = DecimalAvg<int64_t>();
  decimal_avg.bind = BindDecimalAvg;
  registry.AddAggregate(decimal_avg);
  registry.AddAggregateAlias("mean", "avg");

  AggregateFunction min = MinMaxFor<true>(PhysicalType::kInt32);
  min.bind = BindMinMax<true>;
  registry.AddAggregate(min);
  AggregateFunction max = MinMaxFor<false>(PhysicalType::kInt32);
  max.bind = BindMinMax<false>;
  registry.AddAggregate(max);
}

}  // namespace fluxdb
