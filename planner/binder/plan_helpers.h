// Small builders shared by the binder files.
#pragma once

#include "planner/binder/binder.h"

namespace fluxdb {

/// Adds a filter for `condition` (split into conjuncts) on top of `plan`.
LogicalOperatorPtr MakeFilter(LogicalOperatorPtr plan, BoundExprPtr condition);
/// Splits nested ANDs into a list.
void SplitConjunction(BoundExprPtr expr, BoundExprList* out);
/// References to every output column of `plan`.
BoundExprList ColumnRefs(const LogicalOperator& plan);
/// Wraps `plan` in a projection of all its columns when its outputs span several table
/// indexes (joins), so it can be registered as one FROM item.
LogicalOperatorPtr EnsureSingleTableIndex(Binder& binder, LogicalOperatorPtr plan);
/// True if the AST expression calls an aggregate (outside subqueries and OVER clauses' own
/// function names).
bool ContainsAggregate(const ast::ParsedExpression& expr);

}  // namespace fluxdb
