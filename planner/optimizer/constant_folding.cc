// Constant folding: an expression without columns is evaluated once at plan time. A failure
// (1/0 is NULL, but CAST('x' AS INT) fails) leaves the expression alone so the error appears
// only if the row is actually evaluated, as in DuckDB.
#include "execution/expression/expression_executor.h"
#include "planner/optimizer/optimizer.h"
#include "planner/optimizer/plan_walk.h"

namespace fluxdb {

Status FoldExpression(BoundExprPtr& expr) {
  if (expr->kind == BoundExprKind::kConstant) return Status();
  if (expr->IsFoldable()) {
    auto value = ExpressionExecutor::EvaluateScalar(*expr);
    if (value.ok()) {
      std::string alias = expr->alias;
      LogicalType type = expr->type;
      Value folded = std::move(value).value();
      if (folded.type() != type) folded = Value(type);  // only NULLs differ in type here
      expr = BoundExpression::Constant(std::move(folded));
      expr->type = type;
      expr->alias = alias;
      return Status();
    }
  }
  for (auto& child : expr->children) FLUX_RETURN_IF_ERROR(FoldExpression(child));
  if (expr->filter) FLUX_RETURN_IF_ERROR(FoldExpression(expr->filter));
  return Status();
}

Status FoldConstants(LogicalOperator& plan) {
  Status status;
  ForEachOperatorExpression(plan, [&](BoundExprPtr& e) {
    if (status.ok()) status = FoldExpression(e);
  });
  FLUX_RETURN_IF_ERROR(status);
  for (auto& child : plan.children) FLUX_RETURN_IF_ERROR(FoldConstants(*child));
  return Status();
}

}  // namespace fluxdb
