#include "execution/operator/physical_dml.h"

#include <map>
#include <mutex>

#include "common/chunk_collection.h"
#include "execution/expression/expression_executor.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {
struct DmlGlobalState : GlobalSinkState {
  std::mutex mutex;
  idx_t changed = 0;
  // Parallel inserts buffer rows per batch so the table keeps the input order.
  std::map<idx_t, ChunkCollection> batches;
  // RETURNING: the rows written, per batch (in input order).
  std::map<idx_t, ChunkCollection> returned;
};

struct ReturningSourceState : GlobalSourceState {
  std::map<idx_t, ChunkCollection>::iterator batch;
  idx_t chunk = 0;
  bool started = false;
};

// The table's columns of a DELETE / UPDATE input: every column after the row id.
DataChunk TableColumns(DataChunk& chunk) {
  DataChunk rows;
  for (idx_t c = 1; c < chunk.ColumnCount(); c++) {
    Vector v;
    v.Reference(chunk.column(c));
    rows.AddColumn(std::move(v));
  }
  rows.SetCardinality(chunk.size());
  return rows;
}

struct DmlLocalState : LocalSinkState {
  std::map<idx_t, ChunkCollection> batches;
  bool buffered = false;
};
}  // namespace

PhysicalDml::PhysicalDml(DmlKind kind, DataTable& table, std::string table_name,
                         TableConstraints constraints, std::vector<LogicalType> returning_types)
    : PhysicalOperator(kind == DmlKind::kInsert   ? PhysicalOperatorType::kInsert
                       : kind == DmlKind::kDelete ? PhysicalOperatorType::kDelete
                                                  : PhysicalOperatorType::kUpdate,
                       returning_types.empty() ? std::vector<LogicalType>{LogicalType::BigInt()}
                                               : returning_types,
                       1),
      kind(kind),
      returning(!returning_types.empty()),
      table(table),
      table_name(std::move(table_name)),
      constraints(std::move(constraints)) {}

namespace {
void KeepReturned(DmlGlobalState& g, idx_t batch, const DataChunk& rows) {
  auto it = g.returned.find(batch);
  if (it == g.returned.end()) it = g.returned.emplace(batch, ChunkCollection(rows.types())).first;
  it->second.Append(rows);
}
}  // namespace

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalDml::GetGlobalSinkState(
    ExecutionContext&) const {
  return std::unique_ptr<GlobalSinkState>(std::make_unique<DmlGlobalState>());
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalDml::GetLocalSinkState(ExecutionContext& context,
                                                                         GlobalSinkState&) const {
  auto state = std::make_unique<DmlLocalState>();
  bool keyed = !constraints.unique_keys.empty() && kind != DmlKind::kDelete;
  state->buffered =
      keyed || (kind == DmlKind::kInsert && context.settings != nullptr &&
                context.settings->threads > 1 && context.settings->preserve_insertion_order);
  return std::unique_ptr<LocalSinkState>(std::move(state));
}

Status PhysicalDml::CheckConstraints(ExecutionContext& context, const DataChunk& rows) const {
  for (idx_t c = 0; c < constraints.not_null.size(); c++) {
    if (!constraints.not_null[c]) continue;
    UnifiedVector u;
    rows.column(c).ToUnified(rows.size(), &u);
    if (u.validity->AllValid()) continue;
    for (idx_t i = 0; i < rows.size(); i++) {
      if (!u.IsValid(i)) {
        return ConstraintError("NOT NULL constraint failed: ", table_name, ".",
                               constraints.column_names[c]);
      }
    }
  }
  for (idx_t k = 0; k < constraints.checks.size(); k++) {
    ExpressionExecutor executor(&context);
    executor.AddExpression(*constraints.checks[k]);
    Vector result(LogicalType::Boolean());
    FLUX_RETURN_IF_ERROR(executor.ExecuteExpression(0, rows, result));
    UnifiedVector u;
    result.ToUnified(rows.size(), &u);
    for (idx_t i = 0; i < rows.size(); i++) {
      idx_t idx = u.index(i);
      if (u.validity->IsValid(idx) && !u.values<bool>()[idx]) {
        return ConstraintError("CHECK constraint failed: ", table_name);
      }
    }
  }
  return Status();
}

StatusOr<SinkResult> PhysicalDml::Sink(ExecutionContext& context, DataChunk& chunk,
                                       GlobalSinkState& global, LocalSinkState& local) const {
  auto& g = static_cast<DmlGlobalState&>(global);
  auto& l = static_cast<DmlLocalState&>(local);
  switch (kind) {
    case DmlKind::kInsert: {
      FLUX_RETURN_IF_ERROR(CheckConstraints(context, chunk));
      // With a conflict action, the rows written are known only once conflicts are resolved.
      if (returning && on_conflict == ConflictAction::kError) {
        std::lock_guard lock(g.mutex);
        KeepReturned(g, local.batch_index, chunk);
      }
      if (l.buffered) {
        auto it = l.batches.find(local.batch_index);
        if (it == l.batches.end()) {
          it = l.batches.emplace(local.batch_index, ChunkCollection(chunk.types())).first;
        }
        it->second.Append(chunk);
        return SinkResult::kNeedMoreInput;
      }
      std::lock_guard lock(g.mutex);
      FLUX_RETURN_IF_ERROR(table.Append(*context.transaction, chunk));
      g.changed += chunk.size();
      return SinkResult::kNeedMoreInput;
    }
    case DmlKind::kDelete: {
      Vector& ids = chunk.column(0);
      ids.Flatten(chunk.size());
      std::lock_guard lock(g.mutex);
      FLUX_ASSIGN_OR_RETURN(idx_t deleted,
                            table.Delete(*context.transaction, ids.data<int64_t>(), chunk.size()));
      g.changed += deleted;
      if (returning) KeepReturned(g, local.batch_index, TableColumns(chunk));
      return SinkResult::kNeedMoreInput;
    }
    case DmlKind::kUpdate: {
      DataChunk rows = TableColumns(chunk);
      if (returning) {
        std::lock_guard lock(g.mutex);
        KeepReturned(g, local.batch_index, rows);
      }
      if (l.buffered) {
        // Keyed tables: the old rows go now, the new ones are checked against what remains.
        Vector& ids = chunk.column(0);
        ids.Flatten(chunk.size());
        {
          std::lock_guard lock(g.mutex);
          FLUX_ASSIGN_OR_RETURN(
              idx_t deleted, table.Delete(*context.transaction, ids.data<int64_t>(), chunk.size()));
          if (deleted < chunk.size()) {
            return InvalidInputError("UPDATE would change a row more than once");
          }
        }
        FLUX_RETURN_IF_ERROR(CheckConstraints(context, rows));
        auto it = l.batches.find(local.batch_index);
        if (it == l.batches.end()) {
          it = l.batches.emplace(local.batch_index, ChunkCollection(rows.types())).first;
        }
        it->second.Append(rows);
        return SinkResult::kNeedMoreInput;
      }
      FLUX_RETURN_IF_ERROR(CheckConstraints(context, rows));
      Vector& ids = chunk.column(0);
      ids.Flatten(chunk.size());
      std::lock_guard lock(g.mutex);
      FLUX_ASSIGN_OR_RETURN(idx_t deleted,
                            table.Delete(*context.transaction, ids.data<int64_t>(), chunk.size()));
      if (deleted < chunk.size()) {
        // A row matched twice (UPDATE ... FROM with duplicates): write each row once.
        return InvalidInputError("UPDATE would change a row more than once");
      }
      FLUX_RETURN_IF_ERROR(table.Append(*context.transaction, rows));
      g.changed += deleted;
      return SinkResult::kNeedMoreInput;
    }
  }
  return SinkResult::kNeedMoreInput;
}

Status PhysicalDml::Combine(ExecutionContext&, GlobalSinkState& global,
                            LocalSinkState& local) const {
  auto& g = static_cast<DmlGlobalState&>(global);
  auto& l = static_cast<DmlLocalState&>(local);
  std::lock_guard lock(g.mutex);
  for (auto& [batch, rows] : l.batches) {
    auto it = g.batches.find(batch);
    if (it == g.batches.end()) {
      g.batches.emplace(batch, std::move(rows));
    } else {
      it->second.Merge(std::move(rows));
    }
  }
  return Status();
}

Status PhysicalDml::Finalize(ExecutionContext& context, GlobalSinkState& global) const {
  auto& g = static_cast<DmlGlobalState&>(global);
  if (!constraints.unique_keys.empty() && kind != DmlKind::kDelete) {
    std::vector<LogicalType> types;
    for (auto& [batch, rows] : g.batches) types = rows.types();
    ChunkCollection all(types);
    for (auto& [batch, rows] : g.batches) all.Merge(std::move(rows));
    g.batches.clear();
    idx_t written = 0;
    bool collect = returning && kind == DmlKind::kInsert && on_conflict != ConflictAction::kError;
    ChunkCollection rows_written(table.types());
    FLUX_RETURN_IF_ERROR(WriteWithUniqueKeys(context, all, &written, on_conflict,
                                             collect ? &rows_written : nullptr));
    if (kind == DmlKind::kInsert) g.changed += written;
    for (idx_t c = 0; c < rows_written.chunk_count(); c++) {
      KeepReturned(g, 0, rows_written.chunk(c));
    }
    return Status();
  }
  for (auto& [batch, rows] : g.batches) {
    for (idx_t c = 0; c < rows.chunk_count(); c++) {
      FLUX_RETURN_IF_ERROR(context.CheckInterrupt());
      FLUX_RETURN_IF_ERROR(table.Append(*context.transaction, rows.chunk(c)));
      g.changed += rows.chunk(c).size();
    }
  }
  g.batches.clear();
  return Status();
}

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalDml::GetGlobalSourceState(
    ExecutionContext&) const {
  return std::unique_ptr<GlobalSourceState>(std::make_unique<ReturningSourceState>());
}

StatusOr<SourceResult> PhysicalDml::GetData(ExecutionContext&, DataChunk& chunk,
                                            GlobalSourceState& global,
                                            LocalSourceState& local) const {
  auto& g = static_cast<DmlGlobalState&>(*sink_state);
  if (!returning) {
    chunk.column(0).data<int64_t>()[0] = static_cast<int64_t>(g.changed);
    chunk.SetCardinality(1);
    return SourceResult::kFinished;
  }
  auto& state = static_cast<ReturningSourceState&>(global);
  if (!state.started) {
    state.started = true;
    state.batch = g.returned.begin();
  }
  while (state.batch != g.returned.end() && state.chunk >= state.batch->second.chunk_count()) {
    ++state.batch;
    state.chunk = 0;
  }
  if (state.batch == g.returned.end()) return SourceResult::kFinished;
  local.batch_index = state.batch->first;
  chunk.Reference(state.batch->second.chunk(state.chunk++));
  return SourceResult::kHaveMoreOutput;
}

}  // namespace fluxdb
