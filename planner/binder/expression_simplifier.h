// Bind-time simplification: folds constants, NULL propagation, decided CASE branches, AND/OR
// with constant terms and COALESCE with a constant argument.
//
// Semantics never change. It runs before an aggregate query's ungrouped-column check, so a
// column that can never be evaluated (CASE 1 WHEN 2 THEN col END, NULL IN (col)) does not
// have to be grouped - as in SQLite and DuckDB.
#pragma once

#include "execution/expression/bound_expression.h"

namespace fluxdb {

void SimplifyExpression(BoundExprPtr& expr);

}  // namespace fluxdb
