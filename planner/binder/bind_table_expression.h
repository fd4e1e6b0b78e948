// Binding expressions stored as SQL text in the catalog (DEFAULT values, CHECK constraints)
// against a table's columns.
#pragma once

#include <string>

#include "planner/binder/binder.h"

namespace fluxdb {

class TableEntry;

/// Parses `sql` (one expression) and binds it with the table's columns visible; column
/// references become kReference to the column's position. `target` (if valid) casts the result.
StatusOr<BoundExprPtr> BindTableExpression(Binder& binder, const TableEntry& table,
                                           const std::string& sql, LogicalType target);

/// The DEFAULT of column `column` (NULL of its type when none).
StatusOr<BoundExprPtr> BindColumnDefault(Binder& binder, const TableEntry& table, idx_t column);

/// The CHECK constraints of a table, over kReference 0..n-1.
StatusOr<BoundExprList> BindTableChecks(Binder& binder, const TableEntry& table);

}  // namespace fluxdb
