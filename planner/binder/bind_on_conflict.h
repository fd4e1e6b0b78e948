// INSERT ... ON CONFLICT: which key the action applies to, and DO UPDATE's SET / WHERE.
#pragma once

#include <optional>

#include "execution/operator/physical_dml.h"
#include "parser/statement.h"
#include "planner/binder/binder.h"

namespace fluxdb {

class TableEntry;

/// The key (in PhysicalDml's order: primary key first, then the unique keys) named by ON
/// CONFLICT (columns); for DO UPDATE without columns, the table's only key. None: DO NOTHING
/// without columns (every key).
StatusOr<std::optional<idx_t>> BindConflictTarget(const TableEntry& table,
                                                  const ast::InsertStatement& statement);

/// DO UPDATE SET ... WHERE ...: the existing row is named by the table's name (or the INSERT's
/// alias) and wins unqualified names; the proposed row is `excluded`.
StatusOr<ConflictUpdate> BindConflictUpdate(Binder& binder, const TableEntry& table,
                                            const ast::InsertStatement& statement);

}  // namespace fluxdb
