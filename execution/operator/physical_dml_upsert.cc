// INSERT ... ON CONFLICT DO UPDATE: the proposed rows that clashed with existing rows update
// them instead.
//
// The clashing rows were found by the key check (physical_dml_keys.cc), which knows only their
// row ids. One scan of the table fetches those rows; each is paired with its proposal (existing
// columns, then `excluded` columns), filtered by the WHERE, and its new values computed by the
// SET expressions. As an UPDATE, the old rows are deleted and the new ones written through the
// key check again: a SET that changes a key must not create a duplicate.
#include "absl/container/flat_hash_map.h"
#include "execution/expression/expression_executor.h"
#include "execution/operator/physical_dml.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

// Evaluates the WHERE and the SET expressions over `pairs` (existing + proposed columns) and
// appends the resulting rows to `updated`, their old row ids to `updated_ids`.
Status UpdatePairs(ExecutionContext& context, const ConflictUpdate& update, DataChunk& pairs,
                   const std::vector<int64_t>& pair_ids, ChunkCollection& updated,
                   std::vector<int64_t>& updated_ids) {
  idx_t count = pairs.size();
  SelectionVector sel(kVectorSize);
  if (update.where != nullptr) {
    ExpressionExecutor filter(&context);
    filter.AddExpression(*update.where);
    Vector result(LogicalType::Boolean());
    FLUX_RETURN_IF_ERROR(filter.ExecuteExpression(0, pairs, result));
    UnifiedVector u;
    result.ToUnified(pairs.size(), &u);
    count = 0;
    for (idx_t i = 0; i < pairs.size(); i++) {
      idx_t idx = u.index(i);
      if (u.validity->IsValid(idx) && u.values<bool>()[idx]) sel.set_index(count++, i);
    }
    if (count == 0) return Status();
    if (count < pairs.size()) pairs.Slice(sel, count);
  } else {
    for (idx_t i = 0; i < count; i++) sel.set_index(i, i);
  }
  ExpressionExecutor executor(&context, update.set);
  DataChunk rows;
  rows.Initialize(updated.types());
  FLUX_RETURN_IF_ERROR(executor.Execute(pairs, rows));
  rows.SetCardinality(pairs.size());
  updated.Append(rows);
  for (idx_t i = 0; i < count; i++) updated_ids.push_back(pair_ids[sel.get_index(i)]);
  return Status();
}

}  // namespace

Status PhysicalDml::ApplyConflictUpdates(ExecutionContext& context, ChunkCollection& proposals,
                                         const std::vector<int64_t>& old_rows, idx_t* changed,
                                         ChunkCollection* written) const {
  const std::vector<LogicalType>& types = table.types();
  idx_t n = types.size();
  // Which proposal each clashing row id goes with.
  absl::flat_hash_map<int64_t, idx_t> proposal_of;
  for (idx_t p = 0; p < old_rows.size(); p++) proposal_of[old_rows[p]] = p;
  std::vector<const DataChunk*> proposal_chunk;
  std::vector<idx_t> proposal_row;
  for (idx_t c = 0; c < proposals.chunk_count(); c++) {
    for (idx_t r = 0; r < proposals.chunk(c).size(); r++) {
      proposal_chunk.push_back(&proposals.chunk(c));
      proposal_row.push_back(r);
    }
  }

  std::vector<LogicalType> pair_types = types;
  pair_types.insert(pair_types.end(), types.begin(), types.end());
  std::vector<uint32_t> scan_columns;
  for (uint32_t c = 0; c < n; c++) scan_columns.push_back(c);
  scan_columns.push_back(kRowIdColumn);
  TableScanState scan;
  table.InitializeScan(*context.transaction, scan, scan_columns, nullptr);

  ChunkCollection updated(types);
  std::vector<int64_t> updated_ids;
  std::vector<LogicalType> scan_types = types;
  scan_types.push_back(LogicalType::BigInt());
  DataChunk existing;
  existing.Initialize(scan_types);
  DataChunk pairs;
  pairs.Initialize(pair_types);
  std::vector<int64_t> pair_ids;
  auto flush = [&]() -> Status {
    if (pairs.size() == 0) return Status();
    FLUX_RETURN_IF_ERROR(
        UpdatePairs(context, conflict_update, pairs, pair_ids, updated, updated_ids));
    pairs.Reset();
    pair_ids.clear();
    return Status();
  };
  // Rows are copied value by value: only the rows that clashed, usually few.
  for (;;) {
    FLUX_RETURN_IF_ERROR(context.CheckRunning());
    existing.Reset();
    FLUX_ASSIGN_OR_RETURN(bool more, table.Scan(scan, existing));
    if (existing.size() > 0) {
      Vector& ids = existing.column(n);
      ids.Flatten(existing.size());
      for (idx_t i = 0; i < existing.size(); i++) {
        auto it = proposal_of.find(ids.data<int64_t>()[i]);
        if (it == proposal_of.end()) continue;
        idx_t row = pairs.size();
        for (idx_t c = 0; c < n; c++) {
          pairs.SetValue(c, row, existing.GetValue(c, i));
          pairs.SetValue(n + c, row,
                         proposal_chunk[it->second]->GetValue(c, proposal_row[it->second]));
        }
        pairs.SetCardinality(row + 1);
        pair_ids.push_back(it->first);
        if (pairs.size() == kVectorSize) FLUX_RETURN_IF_ERROR(flush());
      }
    }
    if (!more) break;
  }
  FLUX_RETURN_IF_ERROR(flush());
  if (updated_ids.empty()) return Status();

  for (idx_t c = 0; c < updated.chunk_count(); c++) {
    FLUX_RETURN_IF_ERROR(CheckConstraints(context, updated.chunk(c)));
  }
  FLUX_ASSIGN_OR_RETURN(idx_t deleted,
                        table.Delete(*context.transaction, updated_ids.data(), updated_ids.size()));
  if (deleted != updated_ids.size()) {
    return InternalError("ON CONFLICT DO UPDATE lost track of the rows it updates");
  }
  idx_t count = 0;
  FLUX_RETURN_IF_ERROR(
      WriteWithUniqueKeys(context, updated, &count, ConflictAction::kError, written));
  *changed += count;
  return Status();
}

}  // namespace fluxdb
