// Binding of subquery expressions: (SELECT ...), EXISTS, IN / ANY / ALL.
#include "execution/cast/cast_rules.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/plan_helpers.h"

namespace fluxdb {

StatusOr<BoundExprPtr> ExpressionBinder::BindSubquery(const ast::SubqueryExpr& expr) {
  FLUX_ASSIGN_OR_RETURN(auto plan, binder_.BindSubquery(*expr.query));
  switch (expr.subquery_kind) {
    case ast::SubqueryKind::kScalar: {
      if (plan->types.size() != 1) {
        return BinderError("Subquery returns ", plan->types.size(), " columns - expected 1");
      }
      LogicalType type = plan->types[0];
      if (type.id() == TypeId::kNull) type = LogicalType::Integer();
      auto result = std::make_unique<BoundExpression>(BoundExprKind::kSubquery, type);
      result->subquery_type = SubqueryType::kScalar;
      result->subquery = std::move(plan);
      return result;
    }
    case ast::SubqueryKind::kExists: {
      auto result = std::make_unique<BoundExpression>(BoundExprKind::kSubquery, LogicalType::Boolean());
      result->subquery_type = SubqueryType::kExists;
      result->subquery = std::move(plan);
      return result;
    }
    case ast::SubqueryKind::kAny:
    case ast::SubqueryKind::kAll: {
      if (plan->types.size() != 1) {
        return BinderError("Subquery returns ", plan->types.size(), " columns - expected 1");
      }
      FLUX_ASSIGN_OR_RETURN(auto left, Bind(*expr.left));
      auto common = CommonSuperType(left->type, plan->types[0], IsLiteral(*left), false);
      bool equality_op = expr.comparison == ast::ComparisonOp::kEqual ||
                         expr.comparison == ast::ComparisonOp::kNotEqual;
      if (!common && equality_op && ConstantNeverEquals(*left, plan->types[0])) {
        common = LogicalType::Varchar();
        left = AddCast(std::move(left), LogicalType::Varchar());
      }
      if (!common) {
        return BinderError("Cannot compare values of type ", left->type.ToString(), " and type ",
                           plan->types[0].ToString(), " - an explicit cast is required");
      }
      LogicalType type = common->id() == TypeId::kNull ? LogicalType::Integer() : *common;
      bool equality = expr.comparison == ast::ComparisonOp::kEqual ||
                      expr.comparison == ast::ComparisonOp::kNotEqual;
      if (equality && !LiteralFitsType(*left, type)) type = LogicalType::Varchar();
      if (plan->types[0] != type) {
        // Cast the subquery's column with a projection on top of its plan.
        BoundExprList refs = ColumnRefs(*plan->plan);
        refs[0] = AddCast(std::move(refs[0]), type);
        auto projection = std::make_unique<LogicalProjection>(binder_.NewTableIndex(), std::move(refs));
        projection->children.push_back(std::move(plan->plan));
        plan->plan = std::move(projection);
        plan->types[0] = type;
      }
      auto result = std::make_unique<BoundExpression>(BoundExprKind::kSubquery, LogicalType::Boolean());
      result->subquery_type =
          expr.subquery_kind == ast::SubqueryKind::kAny ? SubqueryType::kAny : SubqueryType::kAll;
      switch (expr.comparison) {
        case ast::ComparisonOp::kEqual:
          result->comparison = ComparisonType::kEqual;
          break;
        case ast::ComparisonOp::kNotEqual:
          result->comparison = ComparisonType::kNotEqual;
          break;
        case ast::ComparisonOp::kLess:
          result->comparison = ComparisonType::kLess;
          break;
        case ast::ComparisonOp::kLessEqual:
          result->comparison = ComparisonType::kLessEqual;
          break;
        case ast::ComparisonOp::kGreater:
          result->comparison = ComparisonType::kGreater;
          break;
        case ast::ComparisonOp::kGreaterEqual:
          result->comparison = ComparisonType::kGreaterEqual;
          break;
      }
      result->children.push_back(AddCast(std::move(left), type));
      result->subquery = std::move(plan);
      return result;
    }
  }
  return InternalError("unknown subquery kind");
}

}  // namespace fluxdb
