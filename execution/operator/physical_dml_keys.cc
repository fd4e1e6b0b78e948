// PRIMARY KEY and UNIQUE enforcement for INSERT and UPDATE (and INSERT OR REPLACE / IGNORE,
// ON CONFLICT DO NOTHING / DO UPDATE).
//
// FluxDB keeps no persistent index: a statement that writes to a keyed table collects its rows,
// reads the key columns of the rows its transaction sees into a hash table (one pass over the
// table), then checks every new row against it and against the other new rows. Rows with a
// NULL in a UNIQUE key never conflict (NULLs are distinct), as in the SQL standard.
#include "execution/hash/group_hash_table.h"
#include "execution/operator/physical_dml.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

struct ExistingKeys {
  explicit ExistingKeys(std::vector<LogicalType> types) : table(std::move(types)) {}
  GroupHashTable table;
  std::vector<int64_t> row_ids;  // row id of the existing row holding each group
  MemoryCharge row_ids_memory;
};

std::string DescribeKey(const TableConstraints& constraints, const UniqueKey& key,
                        const DataChunk& rows, idx_t row) {
  std::string text;
  for (idx_t k = 0; k < key.columns.size(); k++) {
    if (k > 0) text += ", ";
    idx_t column = key.columns[k];
    text += Concat(constraints.column_names[column], ": ", rows.GetValue(column, row).ToString());
  }
  return text;
}

// The key columns of `rows` as their own chunk.
DataChunk KeyColumns(const DataChunk& rows, const UniqueKey& key) {
  DataChunk keys;
  for (idx_t column : key.columns) {
    Vector v;
    v.Reference(rows.column(column));
    keys.AddColumn(std::move(v));
  }
  keys.SetCardinality(rows.size());
  return keys;
}

// Rows with a NULL anywhere in the key (they never conflict).
std::vector<bool> NullKeyRows(const DataChunk& keys) {
  std::vector<bool> has_null(keys.size(), false);
  for (idx_t c = 0; c < keys.ColumnCount(); c++) {
    UnifiedVector u;
    keys.column(c).ToUnified(keys.size(), &u);
    if (u.validity->AllValid()) continue;
    for (idx_t i = 0; i < keys.size(); i++) has_null[i] = has_null[i] || !u.IsValid(i);
  }
  return has_null;
}

}  // namespace

Status PhysicalDml::WriteWithUniqueKeys(ExecutionContext& context, ChunkCollection& rows,
                                        idx_t* changed, ConflictAction action,
                                        ChunkCollection* written) const {
  const auto& keys = constraints.unique_keys;
  std::vector<LogicalType> column_types = table.types();
  // Existing keys, from one scan of every key column plus the row id.
  std::vector<uint32_t> scan_columns;
  std::vector<std::vector<idx_t>> positions(keys.size());
  for (idx_t k = 0; k < keys.size(); k++) {
    for (idx_t column : keys[k].columns) {
      idx_t position = scan_columns.size();
      for (idx_t i = 0; i < scan_columns.size(); i++) {
        if (scan_columns[i] == column) position = i;
      }
      if (position == scan_columns.size()) scan_columns.push_back(static_cast<uint32_t>(column));
      positions[k].push_back(position);
    }
  }
  idx_t row_id_position = scan_columns.size();
  scan_columns.push_back(kRowIdColumn);
  std::vector<std::unique_ptr<ExistingKeys>> existing;
  for (const auto& key : keys) {
    std::vector<LogicalType> types;
    for (idx_t column : key.columns) types.push_back(column_types[column]);
    existing.push_back(std::make_unique<ExistingKeys>(types));
  }
  TableScanState scan;
  table.InitializeScan(*context.transaction, scan, scan_columns, nullptr);
  DataChunk chunk;
  std::vector<LogicalType> scan_types;
  for (uint32_t column : scan_columns) {
    scan_types.push_back(column == kRowIdColumn ? LogicalType::BigInt() : column_types[column]);
  }
  chunk.Initialize(scan_types);
  uint32_t groups[kVectorSize];
  while (true) {
    // One pass over the whole table: as long as a query's pipeline, and checked as often.
    FLUX_RETURN_IF_ERROR(context.CheckRunning());
    chunk.Reset();
    FLUX_ASSIGN_OR_RETURN(bool more, table.Scan(scan, chunk));
    if (chunk.size() > 0) {
      Vector& ids = chunk.column(row_id_position);
      ids.Flatten(chunk.size());
      for (idx_t k = 0; k < keys.size(); k++) {
        DataChunk key_values;
        for (idx_t p : positions[k]) {
          Vector v;
          v.Reference(chunk.column(p));
          key_values.AddColumn(std::move(v));
        }
        key_values.SetCardinality(chunk.size());
        existing[k]->table.FindOrCreateGroups(key_values, groups);
        for (idx_t i = 0; i < chunk.size(); i++) {
          if (groups[i] >= existing[k]->row_ids.size())
            existing[k]->row_ids.resize(groups[i] + 1, -1);
          existing[k]->row_ids[groups[i]] = ids.data<int64_t>()[i];
        }
        existing[k]->row_ids_memory.Set(existing[k]->row_ids.capacity() * sizeof(int64_t));
      }
    }
    if (!more) break;
  }
  std::vector<idx_t> existing_count;
  for (const auto& e : existing) existing_count.push_back(e->table.group_count());

  // Check the new rows in order; conflicts are errors, skipped, replace the old row or update
  // it. The key the action applies to goes first: a row it takes out is not checked further.
  std::vector<idx_t> key_order;
  if (conflict_key) key_order.push_back(*conflict_key);
  for (idx_t k = 0; k < keys.size(); k++) {
    if (!conflict_key || k != *conflict_key) key_order.push_back(k);
  }
  std::vector<int64_t> replaced;
  ChunkCollection proposals(column_types);  // DO UPDATE: rows that clashed, and with what
  std::vector<int64_t> clashed;
  SelectionVector fresh(kVectorSize), kept(kVectorSize), updating(kVectorSize);
  for (idx_t c = 0; c < rows.chunk_count(); c++) {
    FLUX_RETURN_IF_ERROR(context.CheckRunning());
    DataChunk& batch = rows.chunk(c);
    std::vector<bool> keep(batch.size(), true);
    idx_t n_updating = 0;
    for (idx_t k : key_order) {
      ConflictAction key_action =
          !conflict_key || k == *conflict_key ? action : ConflictAction::kError;
      DataChunk key_values = KeyColumns(batch, keys[k]);
      std::vector<bool> null_key = NullKeyRows(key_values);
      idx_t n_fresh = existing[k]->table.FindOrCreateGroups(key_values, groups, &fresh);
      std::vector<bool> is_fresh(batch.size(), false);
      for (idx_t i = 0; i < n_fresh; i++) is_fresh[fresh.get_index(i)] = true;
      for (idx_t i = 0; i < batch.size(); i++) {
        if (is_fresh[i] || !keep[i] || null_key[i]) continue;
        bool clashes_with_existing = groups[i] < existing_count[k];
        if (key_action == ConflictAction::kIgnore) {
          keep[i] = false;
        } else if (key_action == ConflictAction::kUpdate) {
          // As DuckDB: the first proposal for a key acts, later ones in the same statement are
          // dropped.
          keep[i] = false;
          int64_t old_row = clashes_with_existing ? existing[k]->row_ids[groups[i]] : -1;
          if (old_row >= 0) {
            updating.set_index(n_updating++, i);
            clashed.push_back(old_row);
            existing[k]->row_ids[groups[i]] = -1;
          }
        } else if (key_action == ConflictAction::kReplace && clashes_with_existing) {
          int64_t old_row = existing[k]->row_ids[groups[i]];
          if (old_row >= 0) replaced.push_back(old_row);
          existing[k]->row_ids[groups[i]] = -1;
        } else if (key_action == ConflictAction::kReplace) {
          return InvalidInputError(
              "ON CONFLICT DO UPDATE can not update the same row twice in "
              "the same command. Ensure that no rows proposed for insertion "
              "within the same command have duplicate constrained values");
        } else {
          return ConstraintError("Duplicate key \"", DescribeKey(constraints, keys[k], batch, i),
                                 "\" violates ", keys[k].primary ? "primary key" : "unique",
                                 " constraint.");
        }
      }
    }
    if (n_updating > 0) {
      DataChunk proposed;
      proposed.Reference(batch);
      proposed.Slice(updating, n_updating);
      proposals.Append(proposed);
    }
    idx_t count = 0;
    for (idx_t i = 0; i < batch.size(); i++) {
      if (keep[i]) kept.set_index(count++, i);
    }
    if (count == 0) continue;
    if (count < batch.size()) batch.Slice(kept, count);
    if (!replaced.empty()) {
      FLUX_RETURN_IF_ERROR(
          table.Delete(*context.transaction, replaced.data(), replaced.size()).status());
      replaced.clear();
    }
    FLUX_RETURN_IF_ERROR(table.Append(*context.transaction, batch));
    if (written != nullptr) written->Append(batch);
    *changed += count;
  }
  if (!clashed.empty()) {
    FLUX_RETURN_IF_ERROR(ApplyConflictUpdates(context, proposals, clashed, changed, written));
  }
  return Status();
}

}  // namespace fluxdb
