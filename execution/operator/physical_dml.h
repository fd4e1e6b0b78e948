// INSERT, DELETE and UPDATE: sinks that change a table and then produce one row holding the
// number of rows changed.
//
// Append-only storage makes UPDATE a delete of the old row plus an append of the new one. The
// input of each operator is prepared by the planner:
//   INSERT: one column per table column, already cast and defaulted;
//   DELETE: column 0 is the row id;
//   UPDATE: column 0 is the row id, then one column per table column (the new row).
#pragma once

#include <optional>

#include "common/chunk_collection.h"
#include "execution/expression/bound_expression.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

class DataTable;

/// What INSERT does with a row whose key already exists.
enum class ConflictAction : uint8_t { kError, kIgnore, kReplace, kUpdate };

/// ON CONFLICT ... DO UPDATE: how a proposed row that clashes with an existing row changes it.
struct ConflictUpdate {
  /// One per table column, over the existing row's columns (references 0..n-1) followed by the
  /// proposed row's (`excluded`, references n..2n-1).
  BoundExprList set;
  /// Over the same columns; a row where it is not TRUE keeps the existing row as it is. May be
  /// null.
  BoundExprPtr where;
};

/// A PRIMARY KEY or UNIQUE constraint: the key's column positions.
struct UniqueKey {
  std::vector<idx_t> columns;
  bool primary = false;
};

/// Constraints checked on every row written.
struct TableConstraints {
  std::vector<UniqueKey> unique_keys;
  std::vector<std::string> column_names;
  std::vector<bool> not_null;
  /// CHECK expressions over the table's columns (references 0..n-1); NULL results pass.
  BoundExprList checks;
  std::vector<std::string> check_texts;
};

enum class DmlKind : uint8_t { kInsert, kDelete, kUpdate };

class PhysicalDml : public PhysicalOperator {
 public:
  /// With `returning_types` (the table's column types) the operator outputs the rows it wrote
  /// (INSERT / UPDATE: the new rows; DELETE: the deleted ones, which its input then carries
  /// after the row id) instead of their count: RETURNING.
  PhysicalDml(DmlKind kind, DataTable& table, std::string table_name, TableConstraints constraints,
              std::vector<LogicalType> returning_types = {});

  std::vector<std::string> Details() const override { return {table_name}; }
  bool IsSink() const override { return true; }
  bool IsSource() const override { return true; }
  bool SinkOrderDependent() const override { return kind == DmlKind::kInsert; }
  StatusOr<std::unique_ptr<GlobalSinkState>> GetGlobalSinkState(
      ExecutionContext& context) const override;
  StatusOr<std::unique_ptr<LocalSinkState>> GetLocalSinkState(
      ExecutionContext& context, GlobalSinkState& global) const override;
  StatusOr<SinkResult> Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                            LocalSinkState& local) const override;
  Status Combine(ExecutionContext& context, GlobalSinkState& global,
                 LocalSinkState& local) const override;
  Status Finalize(ExecutionContext& context, GlobalSinkState& global) const override;
  StatusOr<std::unique_ptr<GlobalSourceState>> GetGlobalSourceState(
      ExecutionContext& context) const override;
  StatusOr<SourceResult> GetData(ExecutionContext& context, DataChunk& chunk,
                                 GlobalSourceState& global, LocalSourceState& local) const override;

  DmlKind kind;
  bool returning = false;
  DataTable& table;
  std::string table_name;
  TableConstraints constraints;
  ConflictAction on_conflict = ConflictAction::kError;
  /// The key of constraints.unique_keys whose conflicts `on_conflict` resolves (ON CONFLICT
  /// (columns)); conflicts on other keys are errors. None: every key's.
  std::optional<idx_t> conflict_key;
  ConflictUpdate conflict_update;

 private:
  Status CheckConstraints(ExecutionContext& context, const DataChunk& rows) const;
  /// Writes buffered rows of a table with unique keys: checks keys against the table (as the
  /// transaction sees it) and each other, resolving conflicts per `action`, then appends. The
  /// rows written (inserted, then updated) also go to `written` unless it is null.
  Status WriteWithUniqueKeys(ExecutionContext& context, ChunkCollection& rows, idx_t* changed,
                             ConflictAction action, ChunkCollection* written = nullptr) const;
  /// DO UPDATE (physical_dml_upsert.cc): `proposals` clashed with the existing rows `old_rows`
  /// (in order); writes the updated rows in their place.
  Status ApplyConflictUpdates(ExecutionContext& context, ChunkCollection& proposals,
                              const std::vector<int64_t>& old_rows, idx_t* changed,
                              ChunkCollection* written) const;
};

}  // namespace fluxdb
