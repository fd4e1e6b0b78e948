#include "execution/function/constant_argument.h"

#include "execution/expression/expression_executor.h"

namespace fluxdb {

StatusOr<std::optional<Value>> ConstantArgument(const BoundExpression& arg) {
  if (arg.kind == BoundExprKind::kConstant) return std::optional<Value>(arg.value);
  if (!arg.IsFoldable()) return std::optional<Value>();
  FLUX_ASSIGN_OR_RETURN(Value value, ExpressionExecutor::EvaluateScalar(arg));
  return std::optional<Value>(std::move(value));
}

}  // namespace fluxdb
