// bool_and/every, bool_or, bit_and, bit_or, bit_xor and count_if.
#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

struct BoolState {
  bool value;
  bool isset;
};

template <bool kAnd>
struct BoolOp {
  static void Initialize(BoolState& s) { s = BoolState{kAnd, false}; }
  static void Update(BoolState& s, const bool& v) {
    s.value = kAnd ? (s.value && v) : (s.value || v);
    s.isset = true;
  }
  static void Combine(const BoolState& src, BoolState& dst) {
    if (!src.isset) return;
    dst.value = kAnd ? (dst.value && src.value) : (dst.value || src.value);
    dst.isset = true;
  }
  static bool Finalize(const BoolState& s, bool* out) {
    *out = s.value;
    return s.isset;
  }
};

template <typename T>
struct BitState {
  T value;
  bool isset;
};

template <typename T, char kOp>
struct BitOp {
  static void Initialize(BitState<T>& s) {
    s.value = kOp == '&' ? static_cast<T>(~T{0}) : T{0};
    s.isset = false;
  }
  static T Apply(T a, T b) {
    if (kOp == '&') return a & b;
    if (kOp == '|') return a | b;
    return a ^ b;
  }
  static void Update(BitState<T>& s, const T& v) {
    s.value = Apply(s.value, v);
    s.isset = true;
  }
  static void Combine(const BitState<T>& src, BitState<T>& dst) {
    if (!src.isset) return;
    dst.value = Apply(dst.value, src.value);
    dst.isset = true;
  }
  static bool Finalize(const BitState<T>& s, T* out) {
    *out = s.value;
    return s.isset;
  }
};

template <typename T>
void AddBitAggregates(FunctionRegistry& registry, LogicalType type) {
  registry.AddAggregate(
      aggregate::UnaryAggregate<BitState<T>, T, T, BitOp<T, '&'>>("bit_and", type, type));
  registry.AddAggregate(
      aggregate::UnaryAggregate<BitState<T>, T, T, BitOp<T, '|'>>("bit_or", type, type));
  registry.AddAggregate(
      aggregate::UnaryAggregate<BitState<T>, T, T, BitOp<T, '^'>>("bit_xor", type, type));
}

// count_if is DuckDB's sum of the booleans: NULL when there is no non-NULL input.
struct CountIfState {
  int64_t count;
  bool isset;
};

struct CountIfOp {
  static void Initialize(CountIfState& s) { s = CountIfState{0, false}; }
  static void Update(CountIfState& s, const bool& v) {
    s.count += v ? 1 : 0;
    s.isset = true;
  }
  static void Combine(const CountIfState& src, CountIfState& dst) {
    dst.count += src.count;
    dst.isset |= src.isset;
  }
  static bool Finalize(const CountIfState& s, int128_t* out) {
    *out = s.count;
    return s.isset;
  }
};

}  // namespace

void RegisterBitwiseBooleanAggregates(FunctionRegistry& registry) {
  const LogicalType boolean = LogicalType::Boolean();
  registry.AddAggregate(
      aggregate::UnaryAggregate<BoolState, bool, bool, BoolOp<true>>("bool_and", boolean, boolean));
  registry.AddAggregate(
      aggregate::UnaryAggregate<BoolState, bool, bool, BoolOp<false>>("bool_or", boolean, boolean));
  registry.AddAggregateAlias("every", "bool_and");
  registry.AddAggregateAlias("logical_and", "bool_and");
  registry.AddAggregateAlias("logical_or", "bool_or");

  AddBitAggregates<int8_t>(registry, LogicalType::TinyInt());
  AddBitAggregates<int16_t>(registry, LogicalType::SmallInt());
  AddBitAggregates<int32_t>(registry, LogicalType::Integer());
  AddBitAggregates<int64_t>(registry, LogicalType::BigInt());
  AddBitAggregates<int128_t>(registry, LogicalType::HugeInt());

  // DuckDB's count_if is a HUGEINT.
  AggregateFunction count_if = aggregate::UnaryAggregate<CountIfState, bool, int128_t, CountIfOp>(
      "count_if", boolean, LogicalType::HugeInt());
  registry.AddAggregate(count_if);
  registry.AddAggregateAlias("countif", "count_if");
}

}  // namespace fluxdb
