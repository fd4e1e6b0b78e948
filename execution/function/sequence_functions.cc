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

// Evaluates `value_of(catalog, transaction, sequence name)` per row; a NULL name gives NULL.
template <typename ValueOf>
Status SequenceValues(const DataChunk& args, ExpressionState& state, Vector& result,
                      const char* name, ValueOf value_of) {
  if (state.context == nullptr || state.context->catalog == nullptr ||
      state.context->transaction == nullptr) {
    return InvalidInputError(name, " can only be evaluated inside a query");
  }
  const Vector& names = args.column(0);
  for (idx_t i = 0; i < args.size(); i++) {
    Value sequence = names.GetValue(i);
    if (sequence.is_null()) {
      result.SetNull(i);
      continue;
    }
    FLUX_ASSIGN_OR_RETURN(
        int64_t value,
        value_of(*state.context->catalog, *state.context->transaction, sequence.GetString()));
    result.SetValue(i, Value::BigInt(value));
  }
  return Status();
}

Status NextvalBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  return SequenceValues(args, state, result, "nextval",
                        [](Catalog& catalog, auto& transaction, const std::string& sequence) {
                          return catalog.NextSequenceValue(transaction, sequence);
                        });
}

Status CurrvalBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  return SequenceValues(args, state, result, "currval",
                        [](Catalog& catalog, auto&, const std::string& sequence) {
                          return catalog.CurrentSequenceValue(sequence);
                        });
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
