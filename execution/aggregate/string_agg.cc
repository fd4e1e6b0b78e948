// string_agg(x [, separator]) / group_concat / listagg: the non-NULL values joined by a constant
// separator (default ','); NULL when there are none (or the separator is NULL). The result
// depends on the order rows arrive in.
#include <string>

#include "execution/aggregate/aggregate_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/constant_argument.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

struct StringAggData : FunctionData {
  std::string separator = ",";
  bool null_separator = false;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<StringAggData>(*this);
  }
};

struct StringAggState {
  std::string text;
  bool isset = false;
};

void Append(StringAggState& s, std::string_view separator, std::string_view value) {
  if (s.isset) s.text.append(separator);
  s.text.append(value);
  s.isset = true;
}

const StringAggData& DataOf(const BoundExpression& expr) {
  return static_cast<const StringAggData&>(*expr.bind_data);
}

Status Update(const BoundExpression& expr, const Vector* inputs, idx_t, StatePtr* states,
              idx_t count) {
  const auto& data = DataOf(expr);
  if (data.null_separator) return Status();
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    if (u.validity->IsValid(idx)) {
      Append(*reinterpret_cast<StringAggState*>(states[i]), data.separator,
             u.values<StringRef>()[idx].view());
    }
  }
  return Status();
}

Status SimpleUpdate(const BoundExpression& expr, const Vector* inputs, idx_t, StatePtr state,
                    idx_t count) {
  const auto& data = DataOf(expr);
  if (data.null_separator) return Status();
  auto& s = *reinterpret_cast<StringAggState*>(state);
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    if (u.validity->IsValid(idx)) Append(s, data.separator, u.values<StringRef>()[idx].view());
  }
  return Status();
}

Status CombineStates(const BoundExpression& expr, StatePtr* sources, StatePtr* targets,
                     idx_t count) {
  const auto& data = DataOf(expr);
  for (idx_t i = 0; i < count; i++) {
    auto& src = *reinterpret_cast<StringAggState*>(sources[i]);
    auto& dst = *reinterpret_cast<StringAggState*>(targets[i]);
    if (src.isset) Append(dst, data.separator, src.text);
  }
  return Status();
}

Status FinalizeStates(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                      idx_t offset) {
  StringRef* out = result.data<StringRef>();
  for (idx_t i = 0; i < count; i++) {
    const auto& s = *reinterpret_cast<const StringAggState*>(states[i]);
    if (!s.isset) {
      result.validity().SetInvalid(offset + i);
    } else {
      out[offset + i] = result.AddString(s.text);
    }
  }
  return Status();
}

Status Bind(BoundExpression& expr) {
  auto data = std::make_unique<StringAggData>();
  if (expr.children.size() > 1) {
    FLUX_ASSIGN_OR_RETURN(auto separator, ConstantArgument(*expr.children[1]));
    if (!separator) return BinderError("Separator argument to StringAgg must be a constant");
    if (separator->is_null()) {
      data->null_separator = true;
    } else {
      data->separator = separator->ToString();
    }
  }
  expr.bind_data = std::move(data);
  return Status();
}

AggregateFunction StringAgg(std::vector<LogicalType> arguments) {
  AggregateFunction f;
  f.name = "string_agg";
  f.arguments = std::move(arguments);
  f.return_type = LogicalType::Varchar();
  f.state_size = aggregate::StateSize<StringAggState>;
  f.initialize = [](const BoundExpression&, StatePtr state) { new (state) StringAggState(); };
  f.update = Update;
  f.simple_update = SimpleUpdate;
  f.combine = CombineStates;
  f.finalize = FinalizeStates;
  f.destroy = aggregate::Destroy<StringAggState>;
  f.bind = Bind;
  f.order_dependent = true;
  return f;
}

}  // namespace

void RegisterStringAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(StringAgg({LogicalType::Varchar()}));
  registry.AddAggregate(StringAgg({LogicalType::Varchar(), LogicalType::Varchar()}));
  registry.AddAggregateAlias("group_concat", "string_agg");
  registry.AddAggregateAlias("listagg", "string_agg");
}

}  // namespace fluxdb
