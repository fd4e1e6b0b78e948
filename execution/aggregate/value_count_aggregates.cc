// Aggregates over the multiset of values: mode (most frequent value; ties go to the value seen
// first) and entropy (log2 entropy of the value distribution; 0 for no values).
//
// States hold hash maps, so they have destructors; each function is instantiated per physical
// type and chosen at bind time.
#include <cmath>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/comparison_kernels.h"
#include "execution/function/function_registry.h"
#include "execution/hash/vector_hash.h"

namespace fluxdb {

namespace {

template <typename T>
using Stored = std::conditional_t<std::is_same_v<T, StringRef>, std::string, T>;

// Hashing and equality with FluxDB's value semantics (NaN = NaN, -0.0 = 0.0).
// Strings are stored as std::string but may be looked up by StringRef (is_transparent).
template <typename T>
struct KeyHash {
  using is_transparent = void;
  size_t operator()(const Stored<T>& v) const {
    if constexpr (std::is_same_v<T, StringRef>) {
      return HashValue<StringRef>(StringRef(v));
    } else {
      return HashValue<T>(v);
    }
  }
  size_t operator()(const StringRef& v) const requires std::is_same_v<T, StringRef> {
    return HashValue<StringRef>(v);
  }
};

template <typename T>
struct KeyEq {
  using is_transparent = void;
  bool operator()(const Stored<T>& a, const Stored<T>& b) const {
    if constexpr (std::is_same_v<T, StringRef>) {
      return a == b;
    } else {
      return CompareValues<T>(a, b) == 0;
    }
  }
  bool operator()(const std::string& a,
                  const StringRef& b) const requires std::is_same_v<T, StringRef> {
    return std::string_view(a) == b.view();
  }
  bool operator()(const StringRef& a,
                  const std::string& b) const requires std::is_same_v<T, StringRef> {
    return a.view() == std::string_view(b);
  }
};

struct Occurrence {
  uint64_t count = 0;
  uint64_t first_seen = 0;
};

template <typename T>
struct CountState {
  absl::flat_hash_map<Stored<T>, Occurrence, KeyHash<T>, KeyEq<T>> counts;
  uint64_t seen = 0;
};

template <typename T>
void CountValue(CountState<T>& s, const T& v) {
  if constexpr (std::is_same_v<T, StringRef>) {
    // Look up without building a string; only a new value is copied.
    auto it = s.counts.find(v);
    if (it == s.counts.end()) {
      it = s.counts.try_emplace(std::string(v.data(), v.size())).first;
      it->second.first_seen = s.seen;
    }
    it->second.count++;
  } else {
    auto [it, inserted] = s.counts.try_emplace(v);
    if (inserted) it->second.first_seen = s.seen;
    it->second.count++;
  }
  s.seen++;
}

template <typename T>
Status CountUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr* states,
                   idx_t count) {
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    if (u.validity->IsValid(idx)) {
      CountValue<T>(*reinterpret_cast<CountState<T>*>(states[i]), u.values<T>()[idx]);
    }
  }
  return Status();
}

template <typename T>
Status CountSimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr state,
                         idx_t count) {
  auto& s = *reinterpret_cast<CountState<T>*>(state);
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    if (u.validity->IsValid(idx)) CountValue<T>(s, u.values<T>()[idx]);
  }
  return Status();
}

template <typename T>
Status CountCombine(const BoundExpression&, StatePtr* sources, StatePtr* targets, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    auto& src = *reinterpret_cast<CountState<T>*>(sources[i]);
    auto& dst = *reinterpret_cast<CountState<T>*>(targets[i]);
    for (const auto& [key, occurrence] : src.counts) {
      auto [it, inserted] = dst.counts.try_emplace(key);
      if (inserted) it->second.first_seen = dst.seen + occurrence.first_seen;
      it->second.count += occurrence.count;
    }
    dst.seen += src.seen;
  }
  return Status();
}

template <typename T>
Status ModeFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                    idx_t offset) {
  T* out = result.data<T>();
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const CountState<T>*>(states[i]);
    const Stored<T>* best = nullptr;
    Occurrence best_occurrence;
    for (const auto& [key, occurrence] : s.counts) {
      if (best == nullptr || occurrence.count > best_occurrence.count ||
          (occurrence.count == best_occurrence.count &&
           occurrence.first_seen < best_occurrence.first_seen)) {
        best = &key;
        best_occurrence = occurrence;
      }
    }
    if (best == nullptr) {
      result.validity().SetInvalid(offset + i);
    } else if constexpr (std::is_same_v<T, StringRef>) {
      out[offset + i] = result.AddString(*best);
    } else {
      out[offset + i] = *best;
    }
  }
  return Status();
}

template <typename T>
Status EntropyFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                       idx_t offset) {
  double* out = result.data<double>();
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const CountState<T>*>(states[i]);
    double total = static_cast<double>(s.seen);
    double entropy = 0;
    for (const auto& [key, occurrence] : s.counts) {
      double p = static_cast<double>(occurrence.count) / total;
      entropy -= p * std::log2(p);
    }
    out[offset + i] = entropy;
  }
  return Status();
}

template <typename T>
AggregateFunction CountingAggregate(AggregateFunction::FinalizeFn finalize) {
  AggregateFunction f;
  f.arguments = {kAnyType};
  f.return_type = kAnyType;
  f.state_size = aggregate::StateSize<CountState<T>>;
  f.initialize = [](const BoundExpression&, StatePtr state) { new (state) CountState<T>(); };
  f.update = CountUpdate<T>;
  f.simple_update = CountSimpleUpdate<T>;
  f.combine = CountCombine<T>;
  f.finalize = finalize;
  f.destroy = aggregate::Destroy<CountState<T>>;
  return f;
}

template <bool kMode>
const AggregateFunction& CountingFor(PhysicalType physical) {
  static const auto table = [] {
    std::vector<AggregateFunction> functions(static_cast<int>(PhysicalType::kInterval) + 1);
    for (int p = 1; p <= static_cast<int>(PhysicalType::kInterval); p++) {
      DispatchPhysical(static_cast<PhysicalType>(p), [&]<typename Physical>() {
        // BOOLEAN is a byte holding 0 or 1: int8_t orders and hashes it the same (and avoids
        // std::vector<bool>).
        using T = std::conditional_t<std::is_same_v<Physical, bool>, int8_t, Physical>;
        functions[p] = CountingAggregate<T>(kMode ? ModeFinalize<T> : EntropyFinalize<T>);
      });
    }
    return functions;
  }();
  return table[static_cast<int>(physical)];
}

template <bool kMode>
Status BindCounting(BoundExpression& expr) {
  if (expr.children[0]->type.id() == TypeId::kNull) {
    expr.children[0] = BoundExpression::Cast(std::move(expr.children[0]), LogicalType::Integer());
  }
  expr.type = kMode ? expr.children[0]->type : LogicalType::Double();
  expr.aggregate = &CountingFor<kMode>(expr.children[0]->type.physical());
  return Status();
}

template <bool kMode>
AggregateFunction Counting(const char* name) {
  AggregateFunction f = CountingFor<kMode>(PhysicalType::kInt32);
  f.name = name;
  f.return_type = kMode ? kAnyType : LogicalType::Double();
  f.bind = BindCounting<kMode>;
  f.empty_is_zero = !kMode;  // entropy of no values is 0
  return f;
}

}  // namespace

void RegisterValueCountAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(Counting<true>("mode"));
  registry.AddAggregate(Counting<false>("entropy"));
}

}  // namespace fluxdb
