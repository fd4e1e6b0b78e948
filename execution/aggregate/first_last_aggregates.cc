// first/arbitrary (the first row's value, NULL included), last, any_value (the first non-NULL
// value), and arg_min/arg_max (min_by/max_by, argmin/argmax): the first argument at the row
// where the second is smallest/largest, over rows where both are non-NULL;
// arg_min_nulls_last/arg_max_nulls_last also take rows with NULLs, ordering NULL values last.
//
// Every function is instantiated per physical type of the compared (or kept) value and picked
// at bind time. "First" depends on the order rows arrive in, so these are order dependent.
#include <cstring>
#include <string>
#include <vector>

#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/comparison_kernels.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

// A value of any physical type, owned.
struct HeldValue {
  bool is_null = true;
  uint8_t bytes[16];
  std::string text;

  void Set(const UnifiedVector& u, idx_t row, PhysicalType physical) {
    idx_t idx = u.index(row);
    if (!u.validity->IsValid(idx)) {
      is_null = true;
      return;
    }
    is_null = false;
    if (physical == PhysicalType::kString) {
      const StringRef& s = u.values<StringRef>()[idx];
      text.assign(s.data(), s.size());
    } else {
      idx_t size = PhysicalTypeSize(physical);
      std::memcpy(bytes, u.data + idx * size, size);
    }
  }
  // Writes the value to row `row` of `result`.
  void Write(Vector& result, idx_t row) const {
    if (is_null) {
      result.validity().SetInvalid(row);
      return;
    }
    PhysicalType physical = result.type().physical();
    if (physical == PhysicalType::kString) {
      result.data<StringRef>()[row] = result.AddString(text);
    } else {
      idx_t size = PhysicalTypeSize(physical);
      std::memcpy(result.raw_data() + row * size, bytes, size);
    }
  }
};

// ---- first / last / any_value ----

struct FirstState {
  bool isset = false;
  HeldValue value;
};

template <bool kLast, bool kSkipNulls>
void FirstRow(FirstState& s, const UnifiedVector& u, idx_t row, PhysicalType physical) {
  if (!kLast && s.isset) return;
  if (kSkipNulls && !u.IsValid(row)) return;
  s.value.Set(u, row, physical);
  s.isset = true;
}

template <bool kLast, bool kSkipNulls>
Status FirstUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr* states,
                   idx_t count) {
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  PhysicalType physical = inputs[0].type().physical();
  for (idx_t i = 0; i < count; i++) {
    FirstRow<kLast, kSkipNulls>(*reinterpret_cast<FirstState*>(states[i]), u, i, physical);
  }
  return Status();
}

template <bool kLast, bool kSkipNulls>
Status FirstSimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr state,
                         idx_t count) {
  auto& s = *reinterpret_cast<FirstState*>(state);
  if (count == 0) return Status();
  if (!kLast && s.isset) return Status();
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  PhysicalType physical = inputs[0].type().physical();
  if (kLast) {
    // Only the last qualifying row matters.
    for (idx_t i = count; i-- > 0;) {
      if (!kSkipNulls || u.IsValid(i)) {
        FirstRow<kLast, kSkipNulls>(s, u, i, physical);
        break;
      }
    }
    return Status();
  }
  for (idx_t i = 0; i < count && !s.isset; i++) FirstRow<kLast, kSkipNulls>(s, u, i, physical);
  return Status();
}

template <bool kLast>
Status FirstCombine(const BoundExpression&, StatePtr* sources, StatePtr* targets, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    auto& src = *reinterpret_cast<FirstState*>(sources[i]);
    auto& dst = *reinterpret_cast<FirstState*>(targets[i]);
    if (!src.isset) continue;
    if (kLast || !dst.isset) dst = src;
  }
  return Status();
}

Status FirstFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                     idx_t offset) {
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const FirstState*>(states[i]);
    if (!s.isset) {
      result.validity().SetInvalid(offset + i);
    } else {
      s.value.Write(result, offset + i);
    }
  }
  return Status();
}

Status BindSameType(BoundExpression& expr) {
  expr.type = expr.children[0]->type;
  return Status();
}

template <bool kLast, bool kSkipNulls>
AggregateFunction First(const char* name) {
  AggregateFunction f;
  f.name = name;
  f.arguments = {kAnyType};
  f.return_type = kAnyType;
  f.state_size = aggregate::StateSize<FirstState>;
  f.initialize = [](const BoundExpression&, StatePtr state) { new (state) FirstState(); };
  f.update = FirstUpdate<kLast, kSkipNulls>;
  f.simple_update = FirstSimpleUpdate<kLast, kSkipNulls>;
  f.combine = FirstCombine<kLast>;
  f.finalize = FirstFinalize;
  f.destroy = aggregate::Destroy<FirstState>;
  f.bind = BindSameType;
  f.order_dependent = true;
  return f;
}

// ---- arg_min / arg_max ----

template <typename T>
using Stored = std::conditional_t<std::is_same_v<T, StringRef>, std::string, T>;

template <typename T>
struct ArgState {
  bool isset = false;
  bool value_null = false;  // nulls-last variants only
  Stored<T> value{};
  HeldValue arg;
};

template <typename T>
int CompareStored(const T& candidate, const Stored<T>& current) {
  if constexpr (std::is_same_v<T, StringRef>) {
    return StringRef::Compare(candidate, StringRef(current));
  } else {
    return CompareValues<T>(candidate, current);
  }
}

template <typename T>
void StoreValue(Stored<T>* out, const T& v) {
  if constexpr (std::is_same_v<T, StringRef>) {
    out->assign(v.data(), v.size());
  } else {
    *out = v;
  }
}

template <typename T, bool kMax, bool kNullsLast>
void ArgRow(ArgState<T>& s, const UnifiedVector& arg, const UnifiedVector& val, idx_t row,
            PhysicalType arg_physical) {
  idx_t vi = val.index(row);
  bool val_null = !val.validity->IsValid(vi);
  if (!kNullsLast && (val_null || !arg.IsValid(row))) return;
  bool take;
  if (!s.isset) {
    take = true;
  } else if (val_null) {
    take = false;  // a NULL value never beats what we have (NULLs are last either way)
  } else if (s.value_null) {
    take = true;
  } else {
    int c = CompareStored<T>(val.values<T>()[vi], s.value);
    take = kMax ? c > 0 : c < 0;
  }
  if (!take) return;
  s.isset = true;
  s.value_null = val_null;
  if (!val_null) StoreValue<T>(&s.value, val.values<T>()[vi]);
  s.arg.Set(arg, row, arg_physical);
}

template <typename T, bool kMax, bool kNullsLast>
Status ArgUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr* states,
                 idx_t count) {
  UnifiedVector arg, val;
  inputs[0].ToUnified(count, &arg);
  inputs[1].ToUnified(count, &val);
  PhysicalType physical = inputs[0].type().physical();
  for (idx_t i = 0; i < count; i++) {
    ArgRow<T, kMax, kNullsLast>(*reinterpret_cast<ArgState<T>*>(states[i]), arg, val, i, physical);
  }
  return Status();
}

template <typename T, bool kMax, bool kNullsLast>
Status ArgSimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr state,
                       idx_t count) {
  UnifiedVector arg, val;
  inputs[0].ToUnified(count, &arg);
  inputs[1].ToUnified(count, &val);
  PhysicalType physical = inputs[0].type().physical();
  auto& s = *reinterpret_cast<ArgState<T>*>(state);
  for (idx_t i = 0; i < count; i++) ArgRow<T, kMax, kNullsLast>(s, arg, val, i, physical);
  return Status();
}

template <typename T, bool kMax>
Status ArgCombine(const BoundExpression&, StatePtr* sources, StatePtr* targets, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    auto& src = *reinterpret_cast<ArgState<T>*>(sources[i]);
    auto& dst = *reinterpret_cast<ArgState<T>*>(targets[i]);
    if (!src.isset) continue;
    bool take;
    if (!dst.isset) {
      take = true;
    } else if (src.value_null) {
      take = false;
    } else if (dst.value_null) {
      take = true;
    } else {
      int c;
      if constexpr (std::is_same_v<T, StringRef>) {
        c = StringRef::Compare(StringRef(src.value), StringRef(dst.value));
      } else {
        c = CompareValues<T>(src.value, dst.value);
      }
      take = kMax ? c > 0 : c < 0;
    }
    if (take) dst = src;
  }
  return Status();
}

template <typename T>
Status ArgFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                   idx_t offset) {
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const ArgState<T>*>(states[i]);
    if (!s.isset) {
      result.validity().SetInvalid(offset + i);
    } else {
      s.arg.Write(result, offset + i);
    }
  }
  return Status();
}

template <bool kMax, bool kNullsLast>
const AggregateFunction& ArgFor(PhysicalType value_physical) {
  static const auto table = [] {
    std::vector<AggregateFunction> functions(static_cast<int>(PhysicalType::kInterval) + 1);
    for (int p = 1; p <= static_cast<int>(PhysicalType::kInterval); p++) {
      DispatchPhysical(static_cast<PhysicalType>(p), [&]<typename Physical>() {
        // BOOLEAN is a byte holding 0 or 1: int8_t orders and hashes it the same (and avoids
        // std::vector<bool>).
        using T = std::conditional_t<std::is_same_v<Physical, bool>, int8_t, Physical>;
        AggregateFunction f;
        f.arguments.assign(2, kAnyType);  // (GCC 12 -Wnonnull misfires on = {...} here)
        f.return_type = kAnyType;
        f.state_size = aggregate::StateSize<ArgState<T>>;
        f.initialize = [](const BoundExpression&, StatePtr state) { new (state) ArgState<T>(); };
        f.update = ArgUpdate<T, kMax, kNullsLast>;
        f.simple_update = ArgSimpleUpdate<T, kMax, kNullsLast>;
        f.combine = ArgCombine<T, kMax>;
        f.finalize = ArgFinalize<T>;
        f.destroy = aggregate::Destroy<ArgState<T>>;
        functions[p] = f;
      });
    }
    return functions;
  }();
  return table[static_cast<int>(value_physical)];
}

template <bool kMax, bool kNullsLast>
Status BindArg(BoundExpression& expr) {
  for (auto& child : expr.children) {
    if (child->type.id() == TypeId::kNull) {
      child = BoundExpression::Cast(std::move(child), LogicalType::Integer());
    }
  }
  expr.type = expr.children[0]->type;
  expr.aggregate = &ArgFor<kMax, kNullsLast>(expr.children[1]->type.physical());
  return Status();
}

template <bool kMax, bool kNullsLast>
AggregateFunction Arg(const char* name) {
  AggregateFunction f = ArgFor<kMax, kNullsLast>(PhysicalType::kInt32);
  f.name = name;
  f.bind = BindArg<kMax, kNullsLast>;
  return f;
}

}  // namespace

void RegisterFirstLastAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(First<false, false>("first"));
  registry.AddAggregateAlias("arbitrary", "first");
  registry.AddAggregate(First<true, false>("last"));
  registry.AddAggregate(First<false, true>("any_value"));

  registry.AddAggregate(Arg<false, false>("arg_min"));
  registry.AddAggregateAlias("argmin", "arg_min");
  registry.AddAggregateAlias("min_by", "arg_min");
  registry.AddAggregate(Arg<true, false>("arg_max"));
  registry.AddAggregateAlias("argmax", "arg_max");
  registry.AddAggregateAlias("max_by", "arg_max");
  registry.AddAggregate(Arg<false, true>("arg_min_nulls_last"));
  registry.AddAggregate(Arg<true, true>("arg_max_nulls_last"));
}

}  // namespace fluxdb
