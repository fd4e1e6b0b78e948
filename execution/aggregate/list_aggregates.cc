// Aggregates that build lists: list(x) / array_agg(x) (every value, NULLs included, in arrival
// order or the call's ORDER BY), and the top-n forms arg_min / arg_max / min_by / max_by
// (arg, val, n), their _nulls_last variants and min / max (x, n).
//
// Values are kept as LIST element encodings (common/nested_value.h): a state is a byte string
// or a list of (sort key, element) pairs, and a result is the concatenated elements.
#include <algorithm>
#include <string>
#include <vector>

#include "common/nested_value.h"
#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

// ---- list / array_agg ----

struct ListState {
  std::string elements;
  bool isset = false;
};

void AppendRows(const Vector& input, idx_t count, const LogicalType& type,
                const std::function<ListState&(idx_t)>& state_of) {
  for (idx_t i = 0; i < count; i++) {
    ListState& s = state_of(i);
    AppendNestedElement(type, input.GetValue(i), &s.elements);
    s.isset = true;
  }
}

Status ListUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr* states,
                  idx_t count) {
  AppendRows(inputs[0], count, inputs[0].type(),
             [&](idx_t i) -> ListState& { return *reinterpret_cast<ListState*>(states[i]); });
  return Status();
}

Status ListSimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr state,
                        idx_t count) {
  auto& s = *reinterpret_cast<ListState*>(state);
  AppendRows(inputs[0], count, inputs[0].type(), [&](idx_t) -> ListState& { return s; });
  return Status();
}

Status ListCombine(const BoundExpression&, StatePtr* sources, StatePtr* targets, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    auto& src = *reinterpret_cast<ListState*>(sources[i]);
    auto& dst = *reinterpret_cast<ListState*>(targets[i]);
    if (!src.isset) continue;
    dst.elements.append(src.elements);
    dst.isset = true;
  }
  return Status();
}

Status ListFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                    idx_t offset) {
  StringRef* out = result.data<StringRef>();
  std::string bytes;
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const ListState*>(states[i]);
    if (!s.isset) {
      result.validity().SetInvalid(offset + i);
      continue;
    }
    bytes = s.elements;
    bytes.push_back(kNestedEnd);
    out[offset + i] = result.AddString(bytes);
  }
  return Status();
}

Status BindList(BoundExpression& expr) {
  if (expr.children[0]->type.id() == TypeId::kNull) {
    expr.children[0] = BoundExpression::Cast(std::move(expr.children[0]), LogicalType::Integer());
  }
  expr.type = LogicalType::List(expr.children[0]->type);
  return Status();
}

AggregateFunction ListAggregate() {
  AggregateFunction f;
  f.name = "list";
  f.arguments = {kAnyType};
  f.return_type = kAnyType;
  f.state_size = aggregate::StateSize<ListState>;
  f.initialize = [](const BoundExpression&, StatePtr state) { new (state) ListState(); };
  f.update = ListUpdate;
  f.simple_update = ListSimpleUpdate;
  f.combine = ListCombine;
  f.finalize = ListFinalize;
  f.destroy = aggregate::Destroy<ListState>;
  f.bind = BindList;
  f.order_dependent = true;
  return f;
}

// ---- top n: arg_min / arg_max (arg, val, n), min / max (x, n) ----

inline constexpr int64_t kMaxTopN = 1000000;

struct TopEntry {
  std::string key;      // the value's element encoding: sorts as the value, NULL last
  std::string element;  // the argument's element encoding
  uint64_t sequence;    // arrival order, to keep ties stable
};

struct TopState {
  std::vector<TopEntry> entries;
  int64_t n = 0;
  uint64_t next_sequence = 0;
};

// kMax orders values descending; NULL values (kept only by the _nulls_last variants) come last
// either way.
template <bool kMax>
bool Before(const TopEntry& a, const TopEntry& b) {
  bool a_null = a.key.empty() || a.key[0] == kNestedNull;
  bool b_null = b.key.empty() || b.key[0] == kNestedNull;
  if (a_null != b_null) return b_null;
  int c = a.key.compare(b.key);
  if (c != 0) return kMax ? c > 0 : c < 0;
  return a.sequence < b.sequence;
}

template <bool kMax>
void Trim(TopState& s, bool final) {
  auto n = static_cast<size_t>(s.n);
  if (!final && s.entries.size() < 2 * n + 64) return;
  std::sort(s.entries.begin(), s.entries.end(), Before<kMax>);
  if (s.entries.size() > n) s.entries.resize(n);
}

struct TopData : FunctionData {
  bool min_max = false;  // min/max(x, n): one input that is both argument and value
  std::unique_ptr<FunctionData> Copy() const override { return std::make_unique<TopData>(*this); }
};

Status ReadN(const BoundExpression& expr, const Value& n_value, int64_t* n) {
  bool min_max = static_cast<const TopData&>(*expr.bind_data).min_max;
  const char* what = min_max ? "MIN/MAX" : "arg_min/arg_max";
  if (n_value.is_null()) {
    return InvalidInputError("Invalid input for ", what, ": n value cannot be NULL");
  }
  int64_t v = n_value.GetInt64();
  if (v <= 0) return InvalidInputError("Invalid input for ", what, ": n value must be > 0");
  if (v >= kMaxTopN) {
    return InvalidInputError("Invalid input for ", what, ": n value must be < ", kMaxTopN);
  }
  *n = v;
  return Status();
}

template <bool kMax, bool kNullsLast>
Status TopRows(const BoundExpression& expr, const Vector* inputs, idx_t input_count,
               const std::function<TopState&(idx_t)>& state_of, idx_t count) {
  const Vector& arg = inputs[0];
  const Vector& val = input_count == 3 ? inputs[1] : inputs[0];
  const Vector& n_input = inputs[input_count - 1];
  for (idx_t i = 0; i < count; i++) {
    TopState& s = state_of(i);
    int64_t n;
    FLUX_RETURN_IF_ERROR(ReadN(expr, n_input.GetValue(i), &n));
    s.n = n;
    Value v = val.GetValue(i);
    Value a = arg.GetValue(i);
    if (!kNullsLast && (v.is_null() || a.is_null())) continue;
    TopEntry entry;
    AppendNestedElement(val.type(), v, &entry.key);
    AppendNestedElement(arg.type(), a, &entry.element);
    entry.sequence = s.next_sequence++;
    s.entries.push_back(std::move(entry));
    Trim<kMax>(s, false);
  }
  return Status();
}

template <bool kMax, bool kNullsLast>
Status TopUpdate(const BoundExpression& expr, const Vector* inputs, idx_t input_count,
                 StatePtr* states, idx_t count) {
  return TopRows<kMax, kNullsLast>(
      expr, inputs, input_count,
      [&](idx_t i) -> TopState& { return *reinterpret_cast<TopState*>(states[i]); }, count);
}

template <bool kMax, bool kNullsLast>
Status TopSimpleUpdate(const BoundExpression& expr, const Vector* inputs, idx_t input_count,
                       StatePtr state, idx_t count) {
  auto& s = *reinterpret_cast<TopState*>(state);
  return TopRows<kMax, kNullsLast>(
      expr, inputs, input_count, [&](idx_t) -> TopState& { return s; }, count);
}

template <bool kMax>
Status TopCombine(const BoundExpression&, StatePtr* sources, StatePtr* targets, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    auto& src = *reinterpret_cast<TopState*>(sources[i]);
    auto& dst = *reinterpret_cast<TopState*>(targets[i]);
    if (src.n == 0) continue;
    dst.n = src.n;
    for (TopEntry& e : src.entries) {
      e.sequence += dst.next_sequence;
      dst.entries.push_back(e);
    }
    dst.next_sequence += src.next_sequence;
    Trim<kMax>(dst, false);
  }
  return Status();
}

template <bool kMax>
Status TopFinalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                   idx_t offset) {
  StringRef* out = result.data<StringRef>();
  std::string bytes;
  for (idx_t i = 0; i < count; i++) {
    auto& s = *reinterpret_cast<TopState*>(states[i]);
    if (s.entries.empty()) {
      result.validity().SetInvalid(offset + i);
      continue;
    }
    Trim<kMax>(s, true);
    bytes.clear();
    for (const TopEntry& e : s.entries) bytes.append(e.element);
    bytes.push_back(kNestedEnd);
    out[offset + i] = result.AddString(bytes);
  }
  return Status();
}

template <bool kMinMax>
Status BindTop(BoundExpression& expr) {
  size_t values = expr.children.size() - 1;
  for (size_t i = 0; i < values; i++) {
    if (expr.children[i]->type.id() == TypeId::kNull) {
      expr.children[i] = BoundExpression::Cast(std::move(expr.children[i]), LogicalType::Integer());
    }
  }
  auto data = std::make_unique<TopData>();
  data->min_max = kMinMax;
  expr.bind_data = std::move(data);
  expr.type = LogicalType::List(expr.children[0]->type);
  return Status();
}

template <bool kMax, bool kNullsLast, bool kMinMax>
AggregateFunction Top(const char* name) {
  AggregateFunction f;
  f.name = name;
  if (kMinMax) {
    f.arguments = {kAnyType, LogicalType::BigInt()};
  } else {
    f.arguments = {kAnyType, kAnyType, LogicalType::BigInt()};
  }
  f.return_type = kAnyType;
  f.state_size = aggregate::StateSize<TopState>;
  f.initialize = [](const BoundExpression&, StatePtr state) { new (state) TopState(); };
  f.update = TopUpdate<kMax, kNullsLast>;
  f.simple_update = TopSimpleUpdate<kMax, kNullsLast>;
  f.combine = TopCombine<kMax>;
  f.finalize = TopFinalize<kMax>;
  f.destroy = aggregate::Destroy<TopState>;
  f.bind = BindTop<kMinMax>;
  return f;
}

}  // namespace

void RegisterListAggregates(FunctionRegistry& registry) {
  AggregateFunction list = ListAggregate();
  registry.AddAggregate(list);
  list.name = "array_agg";
  registry.AddAggregate(list);

  for (const char* name : {"arg_min", "argmin", "min_by"}) {
    registry.AddAggregate(Top<false, false, false>(name));
  }
  for (const char* name : {"arg_max", "argmax", "max_by"}) {
    registry.AddAggregate(Top<true, false, false>(name));
  }
  registry.AddAggregate(Top<false, true, false>("arg_min_nulls_last"));
  registry.AddAggregate(Top<true, true, false>("arg_max_nulls_last"));
  registry.AddAggregate(Top<false, false, true>("min"));
  registry.AddAggregate(Top<true, false, true>("max"));
}

}  // namespace fluxdb
