// Visiting every expression of a logical operator (shared by the optimizer passes).
#pragma once

#include "planner/logical/logical_operator.h"

namespace fluxdb {

/// Calls f(BoundExprPtr&) for each top-level expression an operator holds.
template <typename F>
void ForEachOperatorExpression(LogicalOperator& op, F&& f) {
  for (auto& e : op.expressions) f(e);
  switch (op.type) {
    case LogicalOperatorType::kAggregate:
      for (auto& e : op.As<LogicalAggregate>().groups) f(e);
      break;
    case LogicalOperatorType::kOrder:
      for (auto& o : op.As<LogicalOrder>().orders) f(o.expr);
      break;
    case LogicalOperatorType::kTopN:
      for (auto& o : op.As<LogicalTopN>().orders) f(o.expr);
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.As<LogicalJoin>();
      for (auto& c : join.conditions) {
        f(c.left);
        f(c.right);
      }
      for (auto& e : join.delim_columns) f(e);
      break;
    }
    case LogicalOperatorType::kExpressionGet:
      for (auto& row : op.As<LogicalExpressionGet>().rows) {
        for (auto& e : row) f(e);
      }
      break;
    case LogicalOperatorType::kInsert:
    case LogicalOperatorType::kUpdate:
    case LogicalOperatorType::kDelete:
      for (auto& e : op.As<LogicalDml>().checks) f(e);
      break;
    default:
      break;
  }
}

/// Calls f(const BoundExpression&) on every node of `expr`, window specs and filters included.
template <typename F>
void VisitExpressionTree(const BoundExpression& expr, F&& f) {
  f(expr);
  for (const auto& child : expr.children) VisitExpressionTree(*child, f);
  if (expr.filter) VisitExpressionTree(*expr.filter, f);
  if (expr.window) {
    for (const auto& p : expr.window->partitions) VisitExpressionTree(*p, f);
    for (const auto& o : expr.window->orders) VisitExpressionTree(*o.expr, f);
    if (expr.window->start_offset) VisitExpressionTree(*expr.window->start_offset, f);
    if (expr.window->end_offset) VisitExpressionTree(*expr.window->end_offset, f);
  }
}

}  // namespace fluxdb
