// BindContext: the columns visible to expressions of one query level (its FROM clause).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "execution/expression/bound_expression.h"

namespace fluxdb {

class TableEntry;

/// Binding column index of a base table's row id (the storage's kRowIdColumn).
inline constexpr idx_t kRowIdBinding = 0xFFFFFFFFull;

/// One FROM item: a table, subquery, table function, CTE or VALUES list.
struct BindingEntry {
  std::string alias;
  idx_t table_index = 0;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  /// Binding column index of each name (table column index for base tables).
  std::vector<idx_t> binding_columns;
  TableEntry* table = nullptr;  // base tables only
};

/// A column merged by USING / NATURAL: unqualified references resolve to `binding`.
struct UsingColumn {
  std::string name;
  BoundExprPtr expr;                // the merged column (COALESCE(l, r) for FULL joins)
  std::vector<std::string> hidden;  // aliases whose copy of the column is hidden from *
};

struct ResolvedColumn {
  BoundExprPtr expr;  // a kColumnRef (depth 0) or a merged USING expression
  std::string name;
  /// From ExpandStar: the FROM items (aliases) the column belongs to, several when merged.
  std::vector<std::string> relations;
};

class BindContext {
 public:
  /// Adds a FROM item; an alias already in use is an error.
  Status AddEntry(BindingEntry entry);
  void AddUsingColumn(UsingColumn column) { using_columns_.push_back(std::move(column)); }
  size_t using_column_count() const { return using_columns_.size(); }
  /// Forgets the FROM items and USING columns added after the first `entries` / `using_columns`.
  void Truncate(size_t entries, size_t using_columns) {
    entries_.resize(entries);
    using_columns_.resize(using_columns);
  }
  /// Removes and returns the USING column `name` (a join on it again merges it once more).
  std::optional<UsingColumn> TakeUsingColumn(std::string_view name);

  /// Resolves `name` (qualified by `table` when not empty). nullopt when not found here; an
  /// error when ambiguous.
  StatusOr<std::optional<ResolvedColumn>> Resolve(std::string_view table,
                                                  std::string_view name) const;
  /// Every column in FROM order for `*` (or only those of `table`), honoring USING merges.
  StatusOr<std::vector<ResolvedColumn>> ExpandStar(std::string_view table) const;

  const std::vector<BindingEntry>& entries() const { return entries_; }
  const BindingEntry* FindEntry(std::string_view alias) const;
  /// All column names (for suggestions).
  std::vector<std::string> AllColumnNames() const;
  bool empty() const { return entries_.empty(); }

  /// Moves every entry and USING column of `other` into this context.
  Status Merge(BindContext&& other);

 private:
  std::vector<BindingEntry> entries_;
  std::vector<UsingColumn> using_columns_;
};

}  // namespace fluxdb
