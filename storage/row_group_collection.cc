#include "storage/row_group_collection.h"

#include <algorithm>

#include "storage/column_writer.h"
#include "storage/record_serializer.h"

namespace fluxdb {

RowGroupCollection::RowGroupCollection(const StorageContext* context, uint32_t table_id,
                                       std::vector<LogicalType> types)
    : context_(context), table_id_(table_id), types_(std::move(types)) {}

RowGroupCollection::~RowGroupCollection() = default;

std::shared_ptr<RowGroup> RowGroupCollection::GetRowGroup(idx_t index) const {
  std::lock_guard<std::mutex> lock(mu_);
  return index < row_groups_.size() ? row_groups_[index] : nullptr;
}

idx_t RowGroupCollection::row_group_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return row_groups_.size();
}

idx_t RowGroupCollection::end() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (row_groups_.empty()) return 0;
  return row_groups_.back()->row_start() + row_groups_.back()->row_count();
}

std::shared_ptr<RowGroup> RowGroupCollection::GroupOf(int64_t row_id) const {
  if (row_id < 0) return nullptr;
  return GetRowGroup(static_cast<idx_t>(row_id) / kRowGroupSize);
}

TableSnapshot RowGroupCollection::GetSnapshot(uint64_t start_ts, uint64_t txn_id,
                                              idx_t own_start) const {
  TableSnapshot s;
  s.start_ts = start_ts;
  s.txn_id = txn_id;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::upper_bound(history_.begin(), history_.end(), start_ts,
                             [](uint64_t ts, const auto& entry) { return ts < entry.first; });
  s.committed_end = it == history_.begin() ? 0 : std::prev(it)->second;
  if (own_start != kInvalidIndex && !row_groups_.empty()) {
    s.own_start = own_start;
    s.own_end = row_groups_.back()->row_start() + row_groups_.back()->row_count();
  }
  idx_t end = s.visible_end();
  s.row_group_count =
      end == 0 ? 0 : std::min<idx_t>((end - 1) / kRowGroupSize + 1, row_groups_.size());
  return s;
}

idx_t RowGroupCollection::CountVisible(const TableSnapshot& snapshot) const {
  idx_t total = 0;
  auto own_rows_here = [&](idx_t start, idx_t rows) {
    return snapshot.own_end > snapshot.own_start && snapshot.own_start < start + rows &&
           snapshot.own_end > start;
  };
  for (idx_t g = 0; g < snapshot.row_group_count; g++) {
    std::shared_ptr<RowGroup> group = GetRowGroup(g);
    RowGroup::View view = group->GetView();
    idx_t start = group->row_start();
    idx_t rows = view.row_count;
    bool contiguous =
        snapshot.own_end <= snapshot.committed_end || snapshot.own_start <= snapshot.committed_end;
    idx_t visible;
    if (contiguous) {
      idx_t end = snapshot.visible_end();
      visible = end <= start ? 0 : std::min(rows, end - start);
    } else {
      visible = 0;
      for (idx_t r = 0; r < rows; r++) visible += snapshot.RowIdVisible(start + r);
    }
    total += visible;
    if (view.deletes->empty()) continue;
    // Deletes committed at or before the snapshot are of rows it sees: count them without a scan.
    if (!own_rows_here(start, rows) && snapshot.committed_end >= start + rows) {
      std::optional<idx_t> fast = view.deletes->FastVisibleCount(snapshot.start_ts);
      if (fast) {
        total -= *fast;
        continue;
      }
    }
    for (idx_t v = 0; v * kVectorSize < rows; v++) {
      const std::atomic<uint64_t>* stamps = view.deletes->block(v);
      if (stamps == nullptr) continue;
      for (idx_t i = 0; i < kVectorSize && v * kVectorSize + i < rows; i++) {
        idx_t r = v * kVectorSize + i;
        if (snapshot.RowIdVisible(start + r) &&
            snapshot.Deleted(stamps[i].load(std::memory_order_acquire))) {
          total--;
        }
      }
    }
  }
  return total;
}

Status RowGroupCollection::Append(const DataChunk& chunk) {
  if (chunk.ColumnCount() != types_.size()) {
    return InternalError("append of ", chunk.ColumnCount(), " columns to a table of ",
                         types_.size());
  }
  for (idx_t c = 0; c < types_.size(); c++) {
    if (chunk.column(c).type().physical() != types_[c].physical()) {
      return InternalError("append of a ", chunk.column(c).type().ToString(), " vector to a ",
                           types_[c].ToString(), " column");
    }
  }
  idx_t count = chunk.size();
  std::vector<UnifiedVector> unified(types_.size());
  for (idx_t c = 0; c < types_.size(); c++) chunk.column(c).ToUnified(count, &unified[c]);
  idx_t offset = 0;
  while (offset < count) {
    std::shared_ptr<RowGroup> last;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (row_groups_.empty() || row_groups_.back()->row_count() == kRowGroupSize ||
          row_groups_.back()->closed()) {
        row_groups_.push_back(
            std::make_shared<RowGroup>(context_, table_id_, &types_, row_groups_.size()));
      }
      last = row_groups_.back();
    }
    idx_t n = std::min(count - offset, kRowGroupSize - last->row_count());
    FLUX_RETURN_IF_ERROR(last->Append(unified, offset, n));
    offset += n;
  }
  return absl::OkStatus();
}

void RowGroupCollection::RevertAppend(idx_t end) {
  std::lock_guard<std::mutex> lock(mu_);
  while (!row_groups_.empty() && row_groups_.back()->row_start() >= end &&
         !row_groups_.back()->closed()) {
    row_groups_.pop_back();
  }
  if (!row_groups_.empty() && row_groups_.back()->row_start() < end) {
    RowGroup& last = *row_groups_.back();
    last.Truncate(std::min<idx_t>(end - last.row_start(), last.row_count()));
  }
}

StatusOr<bool> RowGroupCollection::Delete(int64_t row_id, const TableSnapshot& snapshot) {
  std::shared_ptr<RowGroup> group = GroupOf(row_id);
  if (group == nullptr || !snapshot.RowIdVisible(static_cast<idx_t>(row_id)) ||
      static_cast<idx_t>(row_id) - group->row_start() >= group->row_count()) {
    return InternalError("delete of row id ", row_id, ", which is not visible");
  }
  return group->Delete(row_id - group->row_start(), snapshot.txn_id, snapshot.start_ts);
}

void RowGroupCollection::CommitDelete(int64_t row_id, uint64_t commit_ts) {
  std::shared_ptr<RowGroup> group = GroupOf(row_id);
  group->CommitDelete(row_id - group->row_start(), commit_ts);
}

void RowGroupCollection::RollbackDelete(int64_t row_id) {
  std::shared_ptr<RowGroup> group = GroupOf(row_id);
  group->RollbackDelete(row_id - group->row_start());
}

void RowGroupCollection::CommitAppend(uint64_t commit_ts, uint64_t oldest_snapshot) {
  idx_t current_end = end();
  std::lock_guard<std::mutex> lock(mu_);
  // Entries before the newest one an active snapshot can still pick are dead.
  size_t keep_from = 0;
  for (size_t i = 0; i < history_.size(); i++) {
    if (history_[i].first <= oldest_snapshot) keep_from = i;
  }
  history_.erase(history_.begin(), history_.begin() + keep_from);
  history_.emplace_back(commit_ts, current_end);
}

void RowGroupCollection::RecordChunks(RowGroup& group, MetadataHeap& heap,
                                      std::vector<std::shared_ptr<ColumnChunk>>& replaced) {
  for (auto& old : replaced) {
    if (old->heap_record.valid()) heap.Delete(old->heap_record);
    old->heap_record = RecordId();
  }
  replaced.clear();
  RowGroup::View view = group.GetView();
  for (auto& chunk : view.chunks) {
    if (!chunk->heap_record.valid()) {
      chunk->heap_record = heap.Insert(SerializeChunkMetadata(chunk->metadata()));
    }
  }
}

Status RowGroupCollection::SealFullRowGroups(MetadataHeap& heap) {
  std::vector<std::shared_ptr<RowGroup>> groups;
  {
    std::lock_guard<std::mutex> lock(mu_);
    groups = row_groups_;
  }
  std::vector<std::shared_ptr<ColumnChunk>> replaced;
  for (auto& group : groups) {
    if (group->row_count() != kRowGroupSize || !group->NeedsSeal()) continue;
    FLUX_RETURN_IF_ERROR(group->Seal(&replaced));
    RecordChunks(*group, heap, replaced);
  }
  return absl::OkStatus();
}

Status RowGroupCollection::Checkpoint(MetadataHeap& heap) {
  std::vector<std::shared_ptr<RowGroup>> groups;
  {
    std::lock_guard<std::mutex> lock(mu_);
    groups = row_groups_;
  }
  std::vector<std::shared_ptr<ColumnChunk>> replaced;
  for (auto& group : groups) {
    FLUX_RETURN_IF_ERROR(group->Seal(&replaced));
    RecordChunks(*group, heap, replaced);
    if (!group->metadata_dirty && group->heap_record.valid()) continue;
    RowGroupMetadata meta;
    meta.table_id = table_id_;
    meta.row_group_index = group->index();
    meta.row_count = group->row_count();
    meta.closed = group->closed();
    meta.deleted_rows = group->CommittedDeletes();
    std::string bytes = SerializeRowGroupMetadata(meta);
    if (group->heap_record.valid()) {
      heap.Update(&group->heap_record, bytes);
    } else {
      group->heap_record = heap.Insert(bytes);
    }
    group->metadata_dirty = false;
  }
  return absl::OkStatus();
}

void RowGroupCollection::Drop(MetadataHeap& heap) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& group : row_groups_) {
    for (auto& chunk : group->GetView().chunks) {
      if (chunk->heap_record.valid()) heap.Delete(chunk->heap_record);
      chunk->heap_record = RecordId();
      chunk->MarkObsolete();
    }
    if (group->heap_record.valid()) heap.Delete(group->heap_record);
    group->heap_record = RecordId();
  }
}

void RowGroupCollection::ReadRows(idx_t start, idx_t end,
                                  const std::function<void(const DataChunk&)>& fn) const {
  DataChunk chunk;
  for (idx_t g = start / kRowGroupSize; g * kRowGroupSize < end; g++) {
    std::shared_ptr<RowGroup> group = GetRowGroup(g);
    if (group == nullptr) break;
    RowGroup::View view = group->GetView();
    idx_t first = std::max(start, group->row_start()) - group->row_start();
    idx_t last = std::min(end - group->row_start(), view.row_count);
    FLUX_CHECK(first >= last || view.transient != nullptr);
    for (idx_t row = first; row < last; row += kVectorSize) {
      idx_t n = std::min(kVectorSize, last - row);
      chunk.Initialize(types_);
      for (idx_t c = 0; c < types_.size(); c++) {
        view.transient->columns[c].Copy(row, n, chunk.column(c), 0);
      }
      chunk.SetCardinality(n);
      fn(chunk);
    }
  }
}

std::vector<std::shared_ptr<ColumnChunk>> RowGroupCollection::AllChunks() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<ColumnChunk>> out;
  for (auto& group : row_groups_) {
    for (auto& chunk : group->GetView().chunks) out.push_back(chunk);
  }
  return out;
}

Status RowGroupCollection::Load(std::vector<std::pair<RowGroupMetadata, RecordId>> groups,
                                std::vector<std::pair<ChunkMetadata, RecordId>> chunks) {
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    return a.first.row_group_index < b.first.row_group_index;
  });
  std::vector<std::vector<std::shared_ptr<ColumnChunk>>> by_group(groups.size());
  for (auto& group_chunks : by_group) group_chunks.resize(types_.size());
  for (auto& [meta, record] : chunks) {
    if (meta.row_group_index >= groups.size() || meta.column_index >= types_.size()) {
      return CorruptionError("chunk ", meta.chunk_id, " of table ", table_id_,
                             " belongs to no row group or column");
    }
    auto& slot = by_group[meta.row_group_index][meta.column_index];
    if (slot != nullptr) {
      return CorruptionError("table ", table_id_, " has two chunks for row group ",
                             meta.row_group_index, " column ", meta.column_index);
    }
    uint32_t column = meta.column_index;
    slot = std::make_shared<ColumnChunk>(std::move(meta), types_[column], context_->allocator);
    slot->heap_record = record;
  }
  std::lock_guard<std::mutex> lock(mu_);
  row_groups_.clear();
  for (idx_t g = 0; g < groups.size(); g++) {
    const RowGroupMetadata& meta = groups[g].first;
    if (meta.row_group_index != g || meta.row_count > kRowGroupSize) {
      return CorruptionError("table ", table_id_, " has an invalid row group ",
                             meta.row_group_index);
    }
    auto group = std::make_shared<RowGroup>(context_, table_id_, &types_, g);
    std::vector<std::shared_ptr<ColumnChunk>> group_chunks = std::move(by_group[g]);
    if (meta.row_count == 0) {
      group_chunks.clear();
    }
    for (auto& chunk : group_chunks) {
      if (chunk == nullptr || chunk->metadata().row_count != meta.row_count) {
        return CorruptionError("table ", table_id_, " row group ", g,
                               " lacks a chunk for some column or its row count disagrees");
      }
    }
    group->LoadChunks(std::move(group_chunks), meta.row_count, meta.closed);
    group->LoadDeletes(meta.deleted_rows);
    group->heap_record = groups[g].second;
    row_groups_.push_back(std::move(group));
  }
  history_.clear();
  idx_t loaded_end =
      row_groups_.empty() ? 0 : row_groups_.back()->row_start() + row_groups_.back()->row_count();
  history_.emplace_back(0, loaded_end);
  return absl::OkStatus();
}

StatusOr<idx_t> RowGroupCollection::Vacuum(double threshold, uint64_t oldest_snapshot,
                                           MetadataHeap& heap) {
  std::vector<std::shared_ptr<RowGroup>> groups;
  {
    std::lock_guard<std::mutex> lock(mu_);
    groups = row_groups_;
  }
  idx_t rewritten = 0;
  for (auto& group : groups) {
    RowGroup::View view = group->GetView();
    idx_t rows = view.row_count;
    if (rows == 0 || view.chunks.empty()) continue;
    // Rows whose delete every snapshot sees can go; younger deletes move with their rows.
    std::vector<bool> removable(rows, false);
    std::vector<std::pair<idx_t, uint64_t>> kept_stamps;
    idx_t removed = 0;
    for (idx_t v = 0; v * kVectorSize < rows; v++) {
      const std::atomic<uint64_t>* stamps = view.deletes->block(v);
      if (stamps == nullptr) continue;
      for (idx_t i = 0; i < kVectorSize && v * kVectorSize + i < rows; i++) {
        uint64_t stamp = stamps[i].load();
        if (stamp == 0) continue;
        if (stamp < kTransactionIdStart && stamp <= oldest_snapshot) {
          removable[v * kVectorSize + i] = true;
          removed++;
        } else {
          kept_stamps.emplace_back(v * kVectorSize + i, stamp);
        }
      }
    }
    idx_t live = rows - removed;
    if (removed == 0 || static_cast<double>(live) >= threshold * static_cast<double>(rows)) {
      continue;
    }
    // New row offsets of the rows that stay.
    std::vector<uint32_t> new_offset(rows);
    for (idx_t r = 0, n = 0; r < rows; r++) {
      new_offset[r] = static_cast<uint32_t>(n);
      n += !removable[r];
    }
    std::vector<std::shared_ptr<ColumnChunk>> chunks;
    for (idx_t c = 0; c < types_.size() && live > 0; c++) {
      ChunkReader reader;
      FLUX_RETURN_IF_ERROR(reader.Open(*view.chunks[c], *context_->cache, nullptr));
      TransientColumn column(types_[c]);
      Vector buffer(types_[c]);
      SelectionVector sel(kVectorSize);
      idx_t out_row = 0;
      for (idx_t offset = 0; offset < rows; offset += kVectorSize) {
        idx_t count = std::min(kVectorSize, rows - offset);
        idx_t n = 0;
        for (idx_t i = 0; i < count; i++) {
          if (!removable[offset + i]) sel.set_index(n++, i);
        }
        if (n == 0) continue;
        reader.Read(offset, count, buffer);
        Vector selected;
        selected.Slice(buffer, sel, n);
        UnifiedVector u;
        selected.ToUnified(n, &u);
        column.Append(u, 0, n, out_row);
        out_row += n;
      }
      ChunkTarget target;
      target.cache = context_->cache;
      target.allocator = context_->allocator;
      target.table_id = table_id_;
      target.column_index = static_cast<uint32_t>(c);
      target.row_group_index = group->index();
      target.chunk_id = context_->next_chunk_id->fetch_add(1);
      target.forced_encoding = context_->ForcedEncoding();
      StatusOr<ChunkMetadata> meta = WriteColumnChunk(target, column, live);
      if (!meta.ok()) {
        for (auto& chunk : chunks) chunk->MarkObsolete();
        return meta.status();
      }
      chunks.push_back(
          std::make_shared<ColumnChunk>(std::move(*meta), types_[c], context_->allocator));
    }
    std::vector<std::pair<uint32_t, uint64_t>> stamps;
    for (const auto& [row, stamp] : kept_stamps) stamps.emplace_back(new_offset[row], stamp);
    std::vector<std::shared_ptr<ColumnChunk>> replaced;
    group->ReplaceContent(std::move(chunks), live, stamps, &replaced);
    RecordChunks(*group, heap, replaced);
    rewritten++;
  }
  return rewritten;
}

std::vector<ColumnStatistics> RowGroupCollection::GetStatistics() const {
  std::vector<ColumnStatistics> out(types_.size());
  for (idx_t c = 0; c < types_.size(); c++) {
    out[c].min = Value(types_[c]);
    out[c].max = Value(types_[c]);
  }
  std::vector<std::shared_ptr<RowGroup>> groups;
  {
    std::lock_guard<std::mutex> lock(mu_);
    groups = row_groups_;
  }
  // Distinct counts do not add up across chunks: a column whose chunks are each (nearly) all
  // distinct is taken as unique overall (sum), otherwise the largest chunk count is the guess.
  std::vector<idx_t> distinct_sum(types_.size(), 0), distinct_max(types_.size(), 0);
  std::vector<bool> unique(types_.size(), true);
  for (auto& group : groups) {
    RowGroup::View view = group->GetView();
    for (idx_t c = 0; c < types_.size() && !view.chunks.empty(); c++) {
      const ChunkMetadata& m = view.chunks[c]->metadata();
      distinct_sum[c] += m.distinct_estimate;
      distinct_max[c] = std::max<idx_t>(distinct_max[c], m.distinct_estimate);
      idx_t values = m.row_count - m.null_count;
      if (m.distinct_estimate * 10 < values * 9) unique[c] = false;
    }
    for (idx_t c = 0; c < types_.size(); c++) {
      Value min, max;
      idx_t nulls;
      group->ColumnStats(c, &min, &max, &nulls);
      out[c].null_count += nulls;
      if (!min.is_null() && (out[c].min.is_null() || Value::Compare(min, out[c].min) < 0)) {
        out[c].min = min;
      }
      if (!max.is_null() && (out[c].max.is_null() || Value::Compare(max, out[c].max) > 0)) {
        out[c].max = max;
      }
    }
  }
  for (idx_t c = 0; c < types_.size(); c++) {
    out[c].distinct_estimate = unique[c] ? distinct_sum[c] : distinct_max[c];
  }
  return out;
}

std::vector<ColumnChunkInfo> RowGroupCollection::GetChunkInfo(const CatalogRecord& record) const {
  std::vector<ColumnChunkInfo> out;
  std::vector<std::shared_ptr<RowGroup>> groups;
  {
    std::lock_guard<std::mutex> lock(mu_);
    groups = row_groups_;
  }
  for (auto& group : groups) {
    RowGroup::View view = group->GetView();
    bool transient = view.transient != nullptr && view.persisted_rows != view.row_count;
    if (view.row_count == 0) continue;
    for (idx_t c = 0; c < types_.size(); c++) {
      ColumnChunkInfo info;
      info.row_group_index = group->index();
      info.column_index = static_cast<uint32_t>(c);
      info.column_name = c < record.columns.size() ? record.columns[c].name : "";
      info.row_start = group->row_start();
      info.row_count = view.row_count;
      if (transient) {
        ChunkStatistics stats;
        group->TransientStats(c, &stats);
        info.encoding = "TRANSIENT";
        info.min = stats.Min();
        info.max = stats.Max();
        info.null_count = stats.null_count();
        info.uncompressed_bytes = view.row_count * types_[c].physical_size();
        out.push_back(std::move(info));
        continue;
      }
      const ChunkMetadata& m = view.chunks[c]->metadata();
      info.chunk_id = m.chunk_id;
      std::string name = compression::EncodingName(m.encoding);
      if (name == "bitpacking") name = "bitpack";
      for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      info.encoding = name;
      info.min = m.min;
      info.max = m.max;
      info.null_count = m.null_count;
      info.distinct_estimate = m.distinct_estimate;
      info.compressed_bytes = m.total_bytes();
      info.uncompressed_bytes = m.uncompressed_bytes;
      info.first_page = static_cast<int64_t>(m.pages.front().first);
      info.last_page = static_cast<int64_t>(m.pages.back().first + m.pages.back().count - 1);
      info.page_count = m.page_count();
      info.persistent = true;
      out.push_back(std::move(info));
    }
  }
  return out;
}

}  // namespace fluxdb
