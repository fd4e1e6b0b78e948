#include "planner/binder/plan_helpers.h"

#include "execution/function/function_registry.h"

namespace fluxdb {

void SplitConjunction(BoundExprPtr expr, BoundExprList* out) {
  if (expr->kind == BoundExprKind::kConjunction && expr->is_and) {
    for (auto& child : expr->children) SplitConjunction(std::move(child), out);
    return;
  }
  out->push_back(std::move(expr));
}

LogicalOperatorPtr MakeFilter(LogicalOperatorPtr plan, BoundExprPtr condition) {
  auto filter = std::make_unique<LogicalFilter>();
  SplitConjunction(std::move(condition), &filter->expressions);
  filter->children.push_back(std::move(plan));
  return filter;
}

BoundExprList ColumnRefs(const LogicalOperator& plan) {
  BoundExprList refs;
  auto bindings = plan.GetColumnBindings();
  auto types = plan.GetTypes();
  for (idx_t i = 0; i < bindings.size(); i++) {
    refs.push_back(BoundExpression::ColumnRef(types[i], bindings[i]));
  }
  return refs;
}

LogicalOperatorPtr EnsureSingleTableIndex(Binder& binder, LogicalOperatorPtr plan) {
  auto bindings = plan->GetColumnBindings();
  bool single = true;
  for (const auto& b : bindings) single &= b.table_index == bindings[0].table_index;
  if (single && !bindings.empty()) return plan;
  auto projection = std::make_unique<LogicalProjection>(binder.NewTableIndex(), ColumnRefs(*plan));
  projection->children.push_back(std::move(plan));
  return projection;
}

bool ContainsAggregate(const ast::ParsedExpression& expr) {
  using ast::ExprKind;
  switch (expr.kind) {
    case ExprKind::kFunction: {
      const auto& f = expr.As<ast::FunctionExpr>();
      const auto& registry = FunctionRegistry::Get();
      if (registry.LookupAggregate(f.name) && !registry.LookupScalar(f.name)) return true;
      for (const auto& arg : f.args) {
        if (ContainsAggregate(*arg)) return true;
      }
      return false;
    }
    case ExprKind::kWindow: {
      const auto& w = expr.As<ast::WindowExpr>();
      for (const auto& arg : w.args) {
        if (ContainsAggregate(*arg)) return true;
      }
      for (const auto& p : w.partition_by) {
        if (ContainsAggregate(*p)) return true;
      }
      for (const auto& o : w.order_by) {
        if (ContainsAggregate(*o.expr)) return true;
      }
      return false;
    }
    case ExprKind::kSubquery: {
      const auto& s = expr.As<ast::SubqueryExpr>();
      return s.left && ContainsAggregate(*s.left);
    }
    case ExprKind::kComparison: {
      const auto& c = expr.As<ast::ComparisonExpr>();
      return ContainsAggregate(*c.left) || ContainsAggregate(*c.right);
    }
    case ExprKind::kConjunction:
      for (const auto& c : expr.As<ast::ConjunctionExpr>().children) {
        if (ContainsAggregate(*c)) return true;
      }
      return false;
    case ExprKind::kNot:
      return ContainsAggregate(*expr.As<ast::NotExpr>().child);
    case ExprKind::kIsNull:
      return ContainsAggregate(*expr.As<ast::IsNullExpr>().child);
    case ExprKind::kIsDistinct: {
      const auto& e = expr.As<ast::IsDistinctExpr>();
      return ContainsAggregate(*e.left) || ContainsAggregate(*e.right);
    }
    case ExprKind::kIsBool:
      return ContainsAggregate(*expr.As<ast::IsBoolExpr>().child);
    case ExprKind::kBetween: {
      const auto& e = expr.As<ast::BetweenExpr>();
      return ContainsAggregate(*e.input) || ContainsAggregate(*e.lower) ||
             ContainsAggregate(*e.upper);
    }
    case ExprKind::kInList: {
      const auto& e = expr.As<ast::InListExpr>();
      if (ContainsAggregate(*e.input)) return true;
      for (const auto& item : e.list) {
        if (ContainsAggregate(*item)) return true;
      }
      return false;
    }
    case ExprKind::kLike: {
      const auto& e = expr.As<ast::LikeExpr>();
      return ContainsAggregate(*e.input) || ContainsAggregate(*e.pattern);
    }
    case ExprKind::kCase: {
      const auto& e = expr.As<ast::CaseExpr>();
      if (e.operand && ContainsAggregate(*e.operand)) return true;
      for (const auto& check : e.checks) {
        if (ContainsAggregate(*check.when) || ContainsAggregate(*check.then)) return true;
      }
      return e.else_expr && ContainsAggregate(*e.else_expr);
    }
    case ExprKind::kCast:
      return ContainsAggregate(*expr.As<ast::CastExpr>().child);
    case ExprKind::kCoalesce:
      for (const auto& a : expr.As<ast::CoalesceExpr>().args) {
        if (ContainsAggregate(*a)) return true;
      }
      return false;
    case ExprKind::kNullIf: {
      const auto& e = expr.As<ast::NullIfExpr>();
      return ContainsAggregate(*e.left) || ContainsAggregate(*e.right);
    }
    case ExprKind::kCollate:
      return ContainsAggregate(*expr.As<ast::CollateExpr>().child);
    default:
      return false;
  }
}

}  // namespace fluxdb
