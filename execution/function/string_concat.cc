// concat(any, ...) and concat_ws(separator, any, ...): NULL arguments are skipped, every other
// argument is cast to VARCHAR at bind time.
#include <string>
#include <vector>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

Status BindCastToText(BoundExpression& expr) {
  for (auto& child : expr.children) {
    if (child->type.id() != TypeId::kVarchar) {
      child = BoundExpression::Cast(std::move(child), LogicalType::Varchar());
    }
  }
  return Status();
}

bool AllConstant(const DataChunk& args) {
  for (idx_t c = 0; c < args.ColumnCount(); c++) {
    if (args.column(c).encoding() != VectorEncoding::kConstant) return false;
  }
  return true;
}

// Joins the non-NULL arguments from column `first` on, with `separator` between them (null:
// concat, which never gives NULL; a NULL separator value gives NULL).
template <bool kWithSeparator>
Status ConcatBody(const DataChunk& args, ExpressionState&, Vector& result) {
  idx_t columns = args.ColumnCount();
  bool constant = AllConstant(args);
  idx_t n = constant ? 1 : args.size();
  std::vector<UnifiedVector> inputs(columns);
  for (idx_t c = 0; c < columns; c++) args.column(c).ToUnified(n, &inputs[c]);
  idx_t first = kWithSeparator ? 1 : 0;
  StringRef* out = result.data<StringRef>();
  std::string buffer;
  for (idx_t i = 0; i < n; i++) {
    std::string_view separator;
    if constexpr (kWithSeparator) {
      const UnifiedVector& sep = inputs[0];
      idx_t idx = sep.index(i);
      if (!sep.validity->IsValid(idx)) {
        result.validity().SetInvalid(i);
        out[i] = StringRef();
        continue;
      }
      separator = sep.values<StringRef>()[idx].view();
    }
    buffer.clear();
    bool any = false;
    for (idx_t c = first; c < columns; c++) {
      const UnifiedVector& u = inputs[c];
      idx_t idx = u.index(i);
      if (!u.validity->IsValid(idx)) continue;
      if (kWithSeparator && any) buffer.append(separator);
      buffer.append(u.values<StringRef>()[idx].view());
      any = true;
    }
    out[i] = result.AddString(buffer);
  }
  if (constant) result.MarkConstant();
  return Status();
}

}  // namespace

void RegisterStringConcatFunctions(FunctionRegistry& registry) {
  ScalarFunction concat{"concat", {kAnyType}, LogicalType::Varchar(), ConcatBody<false>};
  concat.has_varargs = true;
  concat.varargs = kAnyType;
  concat.bind = BindCastToText;
  concat.null_handling = NullHandling::kSpecial;
  registry.AddScalar(concat);

  ScalarFunction concat_ws{
      "concat_ws", {LogicalType::Varchar(), kAnyType}, LogicalType::Varchar(), ConcatBody<true>};
  concat_ws.has_varargs = true;
  concat_ws.varargs = kAnyType;
  concat_ws.bind = BindCastToText;
  concat_ws.null_handling = NullHandling::kSpecial;
  registry.AddScalar(concat_ws);
}

}  // namespace fluxdb
