// nextval('s') / currval('s'): values of a catalog sequence (catalog/sequence_entry.h).
//
// Both are volatile: a call hands out a new value per row and is never folded at plan time. The
// sequence is named by the argument's text on every row, so it may come from a column.
#include "catalog/catalog.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

Status NeedsContext(const ExpressionState& state, const char* name) {
  if (state.context == nullptr || state.context->catalog == nullptr ||
      state.context->transaction == nullptr) {
    return InvalidInputError(name, " can only be evaluated inside a query");
  }
  return Status();
}

Status NextvalBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  FLUX_RETURN_IF_ERROR(NeedsContext(state, "nextval"));
  const Vector& names = args.column(0);
  for (idx_t i = 0; i < args.size(); i++) {
    Value name = names.GetValue(i);
    if (name.is_null()) {
      result.SetNull(i);
      continue;
    }
    FLUX_ASSIGN_OR_RETURN(int64_t value, state.context->catalog->NextSequenceValue(
                                             *state.context->transaction, name.GetString()));
    result.SetValue(i, Value::BigInt(value));
  }
  return Status();
}

Status CurrvalBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  FLUX_RETURN_IF_ERROR(NeedsContext(state, "currval"));
  const Vector& names = args.column(0);
  for (idx_t i = 0; i < args.size(); i++) {
    Value name = names.GetValue(i);
    if (name.is_null()) {
      result.SetNull(i);
      continue;
    }
    FLUX_ASSIGN_OR_RETURN(int64_t value,
                          state.context->catalog->CurrentSequenceValue(name.GetString()));
    result.SetValue(i, Value::BigInt(value));
  }
  return Status();
}

}  // namespace

void RegisterSequenceFunctions(FunctionRegistry& registry) {
  const std::pair<const char*, ScalarFunctionBody> functions[] = {{"nextval", NextvalBody},
                                                                  {"currval", CurrvalBody}};
  for (const auto& [name, body] : functions) {
    ScalarFunction function{name, {LogicalType::Varchar()}, LogicalType::BigInt(), body};
    function.is_volatile = true;
    function.null_handling = NullHandling::kSpecial;
    registry.AddScalar(function);
  }
}

}  // namespace fluxdb
