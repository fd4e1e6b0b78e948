// Table scans: DataTable::InitializeScan / Scan and the morsel-driven parallel variant.
//
// A scan walks the row groups of its snapshot. Before touching a row group it checks every filter
// against the group's column statistics (zone maps) and skips the group without pinning a page
// when one fails. Inside a group it produces one vector of up to kVectorSize rows at a time:
// in-memory rows are shared or copied from their segments, sealed chunks are opened on first use
// and decoded a vector at a time. Rows outside the snapshot or deleted for it are removed with a
// selection vector.
#include <algorithm>

#include "storage/column_chunk.h"
#include "storage/data_table.h"
#include "storage/row_group_collection.h"
#include "storage/storage_manager_impl.h"
#include "storage/transaction_undo.h"
#include "storage/zone_map.h"

namespace fluxdb {

struct TableScanState::Impl {
  RowGroupCollection* collection = nullptr;
  BufferCache* cache = nullptr;
  std::vector<uint32_t> column_ids;
  std::vector<LogicalType> output_types;
  std::shared_ptr<const TableFilterSet> filters;
  TableSnapshot snapshot;
  idx_t next_group = 0;

  std::shared_ptr<RowGroup> group;  // null between row groups
  RowGroup::View view;
  idx_t group_rows = 0;  // rows of the group inside the snapshot's range
  idx_t offset = 0;
  std::vector<ChunkReader> readers;
  std::vector<bool> touched;
  SelectionVector sel{kVectorSize};

  void EndGroup() {
    group.reset();
    view = RowGroup::View();
    for (auto& r : readers) r.Close();
  }
  // Positions the scan at row group `index`; false when the group is empty for the snapshot
  // or pruned by its zone maps.
  bool BeginGroup(idx_t index, ScanStatistics& stats);
  // Produces the next non-empty vector of the current group; false when the group is done.
  StatusOr<bool> NextVector(DataChunk& out, ScanStatistics& stats);
};

TableScanState::TableScanState() = default;
TableScanState::~TableScanState() = default;
TableScanState::TableScanState(TableScanState&&) noexcept = default;
TableScanState& TableScanState::operator=(TableScanState&&) noexcept = default;

bool TableScanState::Impl::BeginGroup(idx_t index, ScanStatistics& stats) {
  EndGroup();
  std::shared_ptr<RowGroup> g = collection->GetRowGroup(index);
  if (g == nullptr) return false;
  RowGroup::View v = g->GetView();
  idx_t end = snapshot.visible_end();
  idx_t start = g->row_start();
  idx_t rows = end <= start ? 0 : std::min(v.row_count, end - start);
  if (rows == 0) return false;
  if (filters != nullptr && !filters->filters.empty()) {
    bool use_transient = v.transient != nullptr;
    for (const ColumnFilter& filter : filters->filters) {
      if (filter.column_index >= collection->types().size()) continue;
      Value min, max;
      idx_t nulls;
      if (use_transient || v.chunks.empty()) {
        g->ColumnStats(filter.column_index, &min, &max, &nulls);
      } else {
        const ChunkMetadata& m = v.chunks[filter.column_index]->metadata();
        min = m.min;
        max = m.max;
        nulls = m.null_count;
      }
      // Running statistics count every appended row, so compare nulls against all of them.
      std::optional<PruneReason> reason = CheckZoneMap(filter, min, max, nulls, v.row_count);
      if (!reason) continue;
      idx_t data_columns = 0;
      for (uint32_t c : column_ids) data_columns += c != kRowIdColumn;
      stats.chunks_pruned[static_cast<int>(*reason)] += std::max<idx_t>(data_columns, 1);
      stats.row_groups_pruned++;
      return false;
    }
  }
  group = std::move(g);
  view = std::move(v);
  group_rows = rows;
  offset = 0;
  std::fill(touched.begin(), touched.end(), false);
  stats.row_groups_scanned++;
  return true;
}

StatusOr<bool> TableScanState::Impl::NextVector(DataChunk& out, ScanStatistics& stats) {
  idx_t start = group->row_start();
  while (offset < group_rows) {
    idx_t count = std::min(kVectorSize, group_rows - offset);
    idx_t base = start + offset;
    const std::atomic<uint64_t>* stamps = view.deletes->block(offset / kVectorSize);
    bool gap = snapshot.own_end > snapshot.committed_end &&
               snapshot.own_start > snapshot.committed_end && base < snapshot.own_start &&
               base + count > snapshot.committed_end;
    idx_t selected = count;
    if (stamps != nullptr || gap) {
      selected = 0;
      sel_t* s = sel.data();
      for (idx_t i = 0; i < count; i++) {
        if (gap && !snapshot.RowIdVisible(base + i)) continue;
        if (stamps != nullptr && snapshot.Deleted(stamps[i].load(std::memory_order_acquire))) {
          continue;
        }
        s[selected++] = static_cast<sel_t>(i);
      }
    }
    if (selected == 0) {
      offset += count;
      continue;
    }
    // Rows committed for this snapshot never change again; a segment made only of such rows
    // can be shared instead of copied.
    bool immutable = snapshot.committed_end >= base + kVectorSize;
    for (idx_t i = 0; i < column_ids.size(); i++) {
      uint32_t cid = column_ids[i];
      Vector& vector = out.column(i);
      if (cid == kRowIdColumn) {
        vector.ResetToFlat();
        auto* ids = vector.data<int64_t>();
        for (idx_t r = 0; r < count; r++) ids[r] = static_cast<int64_t>(base + r);
        continue;
      }
      if (!touched[i]) {
        touched[i] = true;
        if (view.transient != nullptr) stats.chunks_scanned++;
      }
      if (view.transient != nullptr) {
        view.transient->columns[cid].Scan(offset, count, immutable, vector);
      } else {
        if (!readers[i].is_open()) {
          FLUX_RETURN_IF_ERROR(readers[i].Open(*view.chunks[cid], *cache, &stats));
        }
        readers[i].Read(offset, count, vector);
      }
      stats.bytes_decoded += count * output_types[i].physical_size();
    }
    out.SetCardinality(count);
    if (selected < count) out.Slice(sel, selected);
    offset += count;
    return true;
  }
  return false;
}

void DataTable::InitializeScan(const Transaction& txn, TableScanState& state,
                               const std::vector<uint32_t>& column_ids,
                               std::shared_ptr<const TableFilterSet> filters) {
  auto impl = std::make_unique<TableScanState::Impl>();
  impl->collection = row_groups_.get();
  impl->cache = storage_.impl().cache.get();
  impl->column_ids = column_ids;
  for (uint32_t c : column_ids) {
    impl->output_types.push_back(c == kRowIdColumn ? LogicalType::BigInt() : types_[c]);
  }
  impl->filters = std::move(filters);
  const TableChanges* own = txn.undo().FindTable(this);
  impl->snapshot = row_groups_->GetSnapshot(txn.start_timestamp(), txn.transaction_id(),
                                            own != nullptr ? own->append_start : kInvalidIndex);
  impl->readers.resize(column_ids.size());
  impl->touched.assign(column_ids.size(), false);
  state.impl = std::move(impl);
  state.statistics = ScanStatistics();
}

namespace {
void PrepareOutput(TableScanState::Impl& impl, DataChunk& out) {
  if (out.ColumnCount() != impl.column_ids.size()) out.Initialize(impl.output_types);
}
}  // namespace

StatusOr<bool> DataTable::Scan(TableScanState& state, DataChunk& out) {
  TableScanState::Impl& impl = *state.impl;
  PrepareOutput(impl, out);
  for (;;) {
    if (impl.group == nullptr) {
      if (impl.next_group >= impl.snapshot.row_group_count) {
        out.SetCardinality(0);
        return false;
      }
      impl.BeginGroup(impl.next_group++, state.statistics);
      continue;
    }
    FLUX_ASSIGN_OR_RETURN(bool produced, impl.NextVector(out, state.statistics));
    if (produced) return true;
    impl.EndGroup();
  }
}

void DataTable::InitializeParallelScan(const Transaction& txn, ParallelScanState& global) {
  const TableChanges* own = txn.undo().FindTable(this);
  TableSnapshot snapshot =
      row_groups_->GetSnapshot(txn.start_timestamp(), txn.transaction_id(),
                               own != nullptr ? own->append_start : kInvalidIndex);
  global.next_row_group.store(0);
  global.row_group_count = snapshot.row_group_count;
  global.own_rows_end = snapshot.own_end;
}

bool DataTable::NextMorsel(ParallelScanState& global, TableScanState& state) {
  TableScanState::Impl& impl = *state.impl;
  impl.EndGroup();
  idx_t index = global.next_row_group.fetch_add(1);
  if (index >= global.row_group_count) return false;
  impl.snapshot.own_end = std::min(impl.snapshot.own_end, global.own_rows_end);
  impl.snapshot.row_group_count = global.row_group_count;
  state.morsel_index = index;
  impl.BeginGroup(index, state.statistics);
  return true;
}

StatusOr<bool> DataTable::ScanMorsel(TableScanState& state, DataChunk& out) {
  TableScanState::Impl& impl = *state.impl;
  PrepareOutput(impl, out);
  if (impl.group == nullptr) {
    out.SetCardinality(0);
    return false;
  }
  FLUX_ASSIGN_OR_RETURN(bool produced, impl.NextVector(out, state.statistics));
  if (produced) return true;
  impl.EndGroup();
  out.SetCardinality(0);
  return false;
}

}  // namespace fluxdb
