// Binding of LIMIT / OFFSET. A constant value (folded here, prepared-statement parameters
// included) becomes the LogicalLimit's count; LIMIT p% its percentage. A value read from a
// scalar subquery is known only at run time: the subquery is joined to the limit's input (one
// row, so every input row carries it) and the limit reads it from its first row, as DuckDB.
#include "execution/cast/vector_cast.h"
#include "execution/expression/expression_executor.h"
#include "execution/operator/limit_value.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"

namespace fluxdb {

Status Binder::BindLimit(const ast::ResultModifiers& modifiers, LogicalOperatorPtr& plan) {
  if (!modifiers.limit && !modifiers.offset) return Status();
  auto limit = std::make_unique<LogicalLimit>(LogicalLimit::kNoLimit, 0);
  auto bind_value = [&](const ast::ParsedExpression& expr, bool is_limit) -> Status {
    bool percent = is_limit && modifiers.limit_percent;
    ExpressionBinder binder(*this, ExpressionClause::kLimit);
    FLUX_ASSIGN_OR_RETURN(auto bound, binder.Bind(expr));
    bool has_subquery =
        bound->Any([](const BoundExpression& e) { return e.kind == BoundExprKind::kSubquery; });
    if (has_subquery) {
      FLUX_RETURN_IF_ERROR(PlanSubqueries(bound, plan));
      idx_t index = limit->expressions.size();
      limit->expressions.push_back(std::move(bound));
      if (!is_limit) {
        limit->offset_expression = index;
      } else {
        limit->limit_expression = index;
        if (percent) limit->percent = 100.0;
      }
      return Status();
    }
    // Evaluated once, now: a volatile value (random(), nextval) is drawn once per query.
    ExecutionContext context;
    context.transaction = &state_.transaction;
    context.storage = &state_.storage;
    context.catalog = &state_.catalog;
    context.settings = &state_.settings;
    FLUX_ASSIGN_OR_RETURN(Value value, ExpressionExecutor::EvaluateScalar(*bound, &context));
    if (percent) {
      FLUX_ASSIGN_OR_RETURN(double percentage, LimitPercentage(value, true));
      limit->percent = percentage;
      return Status();
    }
    if (value.is_null()) return Status();  // LIMIT NULL: no limit; OFFSET NULL: none
    FLUX_ASSIGN_OR_RETURN(Value rows, CastValue(value, LogicalType::BigInt()));
    if (rows.is_null()) return Status();
    if (rows.GetInt64() < 0) return BinderError("LIMIT/OFFSET cannot be negative");
    (is_limit ? limit->limit : limit->offset) = static_cast<idx_t>(rows.GetInt64());
    return Status();
  };
  if (modifiers.limit) FLUX_RETURN_IF_ERROR(bind_value(*modifiers.limit, true));
  if (modifiers.offset) FLUX_RETURN_IF_ERROR(bind_value(*modifiers.offset, false));
  limit->children.push_back(std::move(plan));
  plan = std::move(limit);
  return Status();
}

}  // namespace fluxdb
