#include "storage/row_group.h"

#include "storage/column_writer.h"

namespace fluxdb {

std::atomic<uint64_t>& DeleteStamps::stamp(idx_t row) {
  idx_t v = row / kVectorSize;
  std::atomic<uint64_t>* b = blocks_[v].load(std::memory_order_relaxed);
  if (b == nullptr) {
    owned_.push_back(std::make_unique<std::atomic<uint64_t>[]>(kVectorSize));
    b = owned_.back().get();
    blocks_[v].store(b, std::memory_order_release);
  }
  any_.store(true, std::memory_order_release);
  return b[row % kVectorSize];
}

void DeleteStamps::Set(idx_t row, uint64_t value) {
  std::atomic<uint64_t>& s = stamp(row);
  uint64_t old = s.load(std::memory_order_relaxed);
  auto adjust = [&](uint64_t v, int delta) {
    if (v == 0) return;
    if (v >= kTransactionIdStart) {
      uncommitted_.fetch_add(static_cast<idx_t>(delta), std::memory_order_acq_rel);
    } else {
      committed_.fetch_add(static_cast<idx_t>(delta), std::memory_order_acq_rel);
    }
  };
  // The new stamp is counted before the old one is uncounted, so a concurrent reader that sees
  // no uncommitted delete never misses a committed one.
  adjust(value, 1);
  if (value != 0 && value < kTransactionIdStart &&
      value > max_commit_.load(std::memory_order_relaxed)) {
    max_commit_.store(value, std::memory_order_release);
  }
  s.store(value, std::memory_order_release);
  adjust(old, -1);
}

RowGroup::RowGroup(const StorageContext* context, uint32_t table_id,
                   const std::vector<LogicalType>* types, uint64_t index)
    : context_(context),
      table_id_(table_id),
      types_(types),
      index_(index),
      deletes_(std::make_shared<DeleteStamps>()) {}

RowGroup::~RowGroup() = default;

RowGroup::View RowGroup::GetView() const {
  std::lock_guard<std::mutex> lock(mu_);
  View v;
  v.transient = transient_;
  v.chunks = chunks_;
  v.persisted_rows = persisted_rows_;
  v.row_count = row_count_.load(std::memory_order_acquire);
  v.deletes = deletes_;
  return v;
}

void RowGroup::RecomputeStats() {
  stats_.clear();
  idx_t rows = row_count_.load(std::memory_order_relaxed);
  for (idx_t c = 0; c < types_->size(); c++) {
    ChunkStatistics stats((*types_)[c]);
    const TransientColumn& column = transient_->columns[c];
    for (idx_t s = 0; s * kVectorSize < rows; s++) {
      const Vector* seg = column.segment(s);
      idx_t n = std::min(rows - s * kVectorSize, kVectorSize);
      if (seg != nullptr) stats.Update(seg->raw_data(), &seg->validity(), 0, n);
    }
    stats_.push_back(std::move(stats));
  }
}

Status RowGroup::Materialize() {
  auto transient = std::make_shared<TransientColumns>();
  for (idx_t c = 0; c < types_->size(); c++) transient->columns.emplace_back((*types_)[c]);
  idx_t rows = persisted_rows_;
  for (idx_t c = 0; c < types_->size() && rows > 0; c++) {
    ChunkReader reader;
    FLUX_RETURN_IF_ERROR(reader.Open(*chunks_[c], *context_->cache, nullptr));
    Vector buffer((*types_)[c]);
    for (idx_t offset = 0; offset < rows; offset += kVectorSize) {
      idx_t n = std::min(rows - offset, kVectorSize);
      reader.Read(offset, n, buffer);
      UnifiedVector u;
      buffer.ToUnified(n, &u);
      transient->columns[c].Append(u, 0, n, offset);
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  transient_ = std::move(transient);
  RecomputeStats();
  return absl::OkStatus();
}

Status RowGroup::Append(const std::vector<UnifiedVector>& columns, idx_t offset, idx_t count) {
  FLUX_CHECK(!closed_);
  if (!transient_) {
    if (persisted_rows_ > 0) {
      FLUX_RETURN_IF_ERROR(Materialize());
    } else {
      auto transient = std::make_shared<TransientColumns>();
      for (const LogicalType& type : *types_) transient->columns.emplace_back(type);
      std::lock_guard<std::mutex> lock(mu_);
      transient_ = std::move(transient);
      RecomputeStats();
    }
  }
  idx_t row = row_count_.load(std::memory_order_relaxed);
  FLUX_CHECK(row + count <= kRowGroupSize);
  for (idx_t c = 0; c < columns.size(); c++) {
    transient_->columns[c].Append(columns[c], offset, count, row);
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (idx_t c = 0; c < columns.size(); c++) {
      const TransientColumn& column = transient_->columns[c];
      idx_t width = (*types_)[c].physical_size();
      for (idx_t r = row; r < row + count;) {
        idx_t seg_row = r % kVectorSize;
        idx_t n = std::min(row + count - r, kVectorSize - seg_row);
        const Vector* seg = column.segment(r / kVectorSize);
        stats_[c].Update(seg->raw_data() + seg_row * width, &seg->validity(), seg_row, n);
        r += n;
      }
    }
  }
  row_count_.store(row + count, std::memory_order_release);
  metadata_dirty = true;
  return absl::OkStatus();
}

void RowGroup::Truncate(idx_t rows) {
  if (rows >= row_count()) return;
  FLUX_CHECK(rows >= persisted_rows_ && transient_);
  for (auto& column : transient_->columns) column.Truncate(rows);
  std::lock_guard<std::mutex> lock(mu_);
  row_count_.store(rows, std::memory_order_release);
  RecomputeStats();
}

bool RowGroup::NeedsSeal() const {
  std::lock_guard<std::mutex> lock(mu_);
  return persisted_rows_ != row_count_.load(std::memory_order_relaxed);
}

Status RowGroup::Seal(std::vector<std::shared_ptr<ColumnChunk>>* replaced) {
  if (!NeedsSeal()) return absl::OkStatus();
  idx_t rows = row_count();
  FLUX_CHECK(transient_ != nullptr);
  std::vector<std::shared_ptr<ColumnChunk>> chunks;
  if (rows > 0) {
    for (idx_t c = 0; c < types_->size(); c++) {
      ChunkTarget target;
      target.cache = context_->cache;
      target.allocator = context_->allocator;
      target.table_id = table_id_;
      target.column_index = static_cast<uint32_t>(c);
      target.row_group_index = index_;
      target.chunk_id = context_->next_chunk_id->fetch_add(1);
      target.forced_encoding = context_->ForcedEncoding();
      StatusOr<ChunkMetadata> meta = WriteColumnChunk(target, transient_->columns[c], rows);
      if (!meta.ok()) {
        for (auto& chunk : chunks) chunk->MarkObsolete();
        return meta.status();
      }
      chunks.push_back(
          std::make_shared<ColumnChunk>(std::move(*meta), (*types_)[c], context_->allocator));
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& old : chunks_) {
    old->MarkObsolete();
    replaced->push_back(old);
  }
  chunks_ = std::move(chunks);
  persisted_rows_ = rows;
  if (rows == kRowGroupSize) {
    transient_.reset();
    stats_.clear();
  }
  metadata_dirty = true;
  return absl::OkStatus();
}

void RowGroup::LoadChunks(std::vector<std::shared_ptr<ColumnChunk>> chunks, idx_t row_count,
                          bool closed) {
  std::lock_guard<std::mutex> lock(mu_);
  closed_ = closed;
  chunks_ = std::move(chunks);
  persisted_rows_ = row_count;
  row_count_.store(row_count, std::memory_order_release);
  metadata_dirty = false;
}

void RowGroup::ReplaceContent(std::vector<std::shared_ptr<ColumnChunk>> chunks, idx_t row_count,
                              const std::vector<std::pair<uint32_t, uint64_t>>& stamps,
                              std::vector<std::shared_ptr<ColumnChunk>>* replaced) {
  auto deletes = std::make_shared<DeleteStamps>();
  for (const auto& [row, stamp] : stamps) deletes->Set(row, stamp);
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& old : chunks_) {
    old->MarkObsolete();
    replaced->push_back(old);
  }
  chunks_ = std::move(chunks);
  persisted_rows_ = row_count;
  transient_.reset();
  stats_.clear();
  deletes_ = std::move(deletes);
  row_count_.store(row_count, std::memory_order_release);
  closed_ = true;
  metadata_dirty = true;
}

void RowGroup::ColumnStats(idx_t c, Value* min, Value* max, idx_t* null_count) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (transient_) {
    *min = stats_[c].Min();
    *max = stats_[c].Max();
    *null_count = stats_[c].null_count();
  } else if (!chunks_.empty()) {
    *min = chunks_[c]->metadata().min;
    *max = chunks_[c]->metadata().max;
    *null_count = chunks_[c]->metadata().null_count;
  } else {
    *min = Value((*types_)[c]);
    *max = Value((*types_)[c]);
    *null_count = 0;
  }
}

bool RowGroup::TransientStats(idx_t c, ChunkStatistics* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!transient_) return false;
  *out = stats_[c];
  return true;
}

StatusOr<bool> RowGroup::Delete(idx_t offset, uint64_t txn_id, uint64_t start_ts) {
  std::atomic<uint64_t>& stamp = deletes_->stamp(offset);
  uint64_t s = stamp.load(std::memory_order_relaxed);
  if (s == 0) {
    deletes_->Set(offset, txn_id);
    return true;
  }
  if (s == txn_id || (s < kTransactionIdStart && s <= start_ts)) return false;
  return TransactionError("Conflict on tuple deletion!");
}

void RowGroup::CommitDelete(idx_t offset, uint64_t commit_ts) {
  deletes_->Set(offset, commit_ts);
  metadata_dirty = true;
}

void RowGroup::RollbackDelete(idx_t offset) { deletes_->Set(offset, 0); }

std::vector<uint32_t> RowGroup::CommittedDeletes() const {
  return deletes_->Rows([](uint64_t s) { return s < kTransactionIdStart; });
}

void RowGroup::LoadDeletes(const std::vector<uint32_t>& rows) {
  for (uint32_t row : rows) deletes_->Set(row, kLoadedDeleteStamp);
}

}  // namespace fluxdb
