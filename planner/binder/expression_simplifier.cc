#include "planner/binder/expression_simplifier.h"

#include <optional>

#include "execution/expression/expression_executor.h"
#include "execution/function/scalar_function.h"

namespace fluxdb {

namespace {

bool IsNullConstant(const BoundExpression& e) {
  return e.kind == BoundExprKind::kConstant && e.value.is_null();
}

std::optional<bool> BoolConstant(const BoundExpression& e) {
  if (e.kind != BoundExprKind::kConstant || e.value.is_null() || e.type.id() != TypeId::kBoolean) {
    return std::nullopt;
  }
  return e.value.GetBool();
}

BoundExprPtr NullOf(const LogicalType& type, const std::string& alias) {
  auto result = BoundExpression::Constant(Value(type));
  result->alias = alias;
  return result;
}

}  // namespace

void SimplifyExpression(BoundExprPtr& expr) {
  if (expr->kind == BoundExprKind::kSubquery || expr->kind == BoundExprKind::kAggregate ||
      expr->kind == BoundExprKind::kWindow) {
    return;
  }
  for (auto& child : expr->children) SimplifyExpression(child);
  const std::string alias = expr->alias;
  switch (expr->kind) {
    case BoundExprKind::kComparison:
      if (expr->comparison != ComparisonType::kDistinctFrom &&
          expr->comparison != ComparisonType::kNotDistinctFrom &&
          (IsNullConstant(*expr->children[0]) || IsNullConstant(*expr->children[1]))) {
        expr = NullOf(expr->type, alias);
        return;
      }
      break;
    case BoundExprKind::kCast:
      if (IsNullConstant(*expr->children[0])) {
        expr = NullOf(expr->type, alias);
        return;
      }
      break;
    case BoundExprKind::kFunction:
      if (expr->function && expr->function->null_handling == NullHandling::kPropagate) {
        for (const auto& child : expr->children) {
          if (IsNullConstant(*child)) {
            expr = NullOf(expr->type, alias);
            return;
          }
        }
      }
      break;
    case BoundExprKind::kInList:
      if (IsNullConstant(*expr->children[0])) {
        expr = NullOf(expr->type, alias);
        return;
      }
      break;
    case BoundExprKind::kConjunction: {
      BoundExprList kept;
      for (auto& child : expr->children) {
        auto b = BoolConstant(*child);
        if (b && *b == expr->is_and) continue;  // TRUE in AND, FALSE in OR: no effect
        if (b && *b != expr->is_and) {           // FALSE in AND, TRUE in OR: decides
          expr = BoundExpression::Constant(Value::Boolean(*b));
          expr->alias = alias;
          return;
        }
        kept.push_back(std::move(child));
      }
      if (kept.empty()) {
        expr = BoundExpression::Constant(Value::Boolean(expr->is_and));
        expr->alias = alias;
        return;
      }
      bool all_null = true;
      for (const auto& k : kept) all_null &= IsNullConstant(*k);
      if (all_null) {
        expr = NullOf(LogicalType::Boolean(), alias);
        return;
      }
      if (kept.size() == 1) {
        expr = std::move(kept[0]);
        expr->alias = alias;
        return;
      }
      expr->children = std::move(kept);
      break;
    }
    case BoundExprKind::kCase: {
      BoundExprList kept;
      BoundExprPtr else_branch = std::move(expr->children.back());
      for (size_t i = 0; i + 1 < expr->children.size(); i += 2) {
        auto b = BoolConstant(*expr->children[i]);
        if (IsNullConstant(*expr->children[i]) || (b && !*b)) continue;  // never taken
        if (b && *b) {  // always taken: it is the answer for every remaining row
          else_branch = std::move(expr->children[i + 1]);
          break;
        }
        kept.push_back(std::move(expr->children[i]));
        kept.push_back(std::move(expr->children[i + 1]));
      }
      if (kept.empty()) {
        expr = std::move(else_branch);
        expr->alias = alias;
        return;
      }
      kept.push_back(std::move(else_branch));
      expr->children = std::move(kept);
      break;
    }
    case BoundExprKind::kCoalesce: {
      BoundExprList kept;
      for (auto& child : expr->children) {
        if (IsNullConstant(*child)) continue;
        bool constant = child->kind == BoundExprKind::kConstant;
        kept.push_back(std::move(child));
        if (constant) break;
      }
      if (kept.empty()) {
        expr = NullOf(expr->type, alias);
        return;
      }
      if (kept.size() == 1) {
        expr = std::move(kept[0]);
        expr->alias = alias;
        return;
      }
      expr->children = std::move(kept);
      break;
    }
    default:
      break;
  }
  if (expr->kind != BoundExprKind::kConstant && expr->IsFoldable()) {
    auto value = ExpressionExecutor::EvaluateScalar(*expr);
    if (value.ok()) {
      LogicalType type = expr->type;
      expr = BoundExpression::Constant(std::move(value).value());
      expr->type = type;
      expr->alias = alias;
    }
  }
}

}  // namespace fluxdb
