// RowGroup: up to kRowGroupSize rows of a table, one column chunk per column.
//
// A row group holds its rows in memory (TransientColumns, while it is being appended to) and/or
// as sealed column chunks on data pages. Sealing writes chunks for every row and, once the group
// is full, drops the in-memory copy. The last, partially filled group of a table keeps both after
// a checkpoint so that appends continue in memory; its chunks are rewritten as a whole at the next
// checkpoint that finds new rows. A group loaded from the file has only chunks; appending to it
// first decodes them back into memory.
//
// Row ids: row r of group g has id g * kRowGroupSize + r, stable until Vacuum compacts the group.
//
// Deletes are per-row stamps (0 = live, a transaction id = deleted by that uncommitted
// transaction, otherwise the commit timestamp of the delete), in lazily allocated blocks of
// kVectorSize rows so that a table with few deletes pays little.
//
// Thread safety: one writer (under the database write lock) and many scans. Scans take a View
// (shared pointers to the current representation) and read rows below the row count they
// observed; representation changes swap pointers under `mu_`.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "storage/buffer_cache.h"
#include "storage/chunk_statistics.h"
#include "storage/column_chunk.h"
#include "storage/compression/codec.h"
#include "storage/page_allocator.h"
#include "storage/transient_column.h"

namespace fluxdb {

/// What every table of one database shares.
struct StorageContext {
  BufferCache* cache = nullptr;
  PageAllocator* allocator = nullptr;
  std::atomic<uint64_t>* next_chunk_id = nullptr;
  /// The encoding every sealed chunk must use when it can (-1: choose by size).
  std::atomic<int> forced_encoding{-1};

  std::optional<compression::Encoding> ForcedEncoding() const {
    int e = forced_encoding.load(std::memory_order_relaxed);
    if (e < 0) return std::nullopt;
    return static_cast<compression::Encoding>(e);
  }
};

/// Stamps at or above this value are transaction ids; below, commit timestamps.
inline constexpr uint64_t kTransactionIdStart = uint64_t{1} << 62;
/// The stamp of deletes loaded from the file: older than every snapshot.
inline constexpr uint64_t kLoadedDeleteStamp = 1;

struct TransientColumns {
  std::vector<TransientColumn> columns;
};

/// Delete stamps of one row group, in blocks of kVectorSize rows allocated on first delete.
class DeleteStamps {
 public:
  /// The stamps of rows [v * kVectorSize, +kVectorSize), null when none was ever deleted.
  const std::atomic<uint64_t>* block(idx_t v) const {
    return blocks_[v].load(std::memory_order_acquire);
  }
  /// Writer only.
  std::atomic<uint64_t>& stamp(idx_t row);
  bool empty() const { return !any_.load(std::memory_order_acquire); }

  /// Stamps `stamp` on a live row and keeps the counters (writer only).
  void Set(idx_t row, uint64_t stamp);
  /// Committed deletes a snapshot at `start_ts` sees, when that follows from the counters alone
  /// (no uncommitted delete, none committed after `start_ts`); nullopt otherwise.
  std::optional<idx_t> FastVisibleCount(uint64_t start_ts) const {
    if (uncommitted_.load(std::memory_order_acquire) != 0) return std::nullopt;
    if (max_commit_.load(std::memory_order_acquire) > start_ts) return std::nullopt;
    return committed_.load(std::memory_order_acquire);
  }
  /// Rows whose stamp satisfies `pred`, ascending.
  template <typename Pred>
  std::vector<uint32_t> Rows(Pred pred) const {
    std::vector<uint32_t> rows;
    for (idx_t v = 0; v < kSegmentsPerRowGroup; v++) {
      const std::atomic<uint64_t>* b = block(v);
      if (b == nullptr) continue;
      for (idx_t i = 0; i < kVectorSize; i++) {
        uint64_t s = b[i].load(std::memory_order_relaxed);
        if (s != 0 && pred(s)) rows.push_back(static_cast<uint32_t>(v * kVectorSize + i));
      }
    }
    return rows;
  }

 private:
  std::array<std::atomic<std::atomic<uint64_t>*>, kSegmentsPerRowGroup> blocks_{};
  std::vector<std::unique_ptr<std::atomic<uint64_t>[]>> owned_;
  std::atomic<bool> any_{false};
  std::atomic<idx_t> committed_{0};
  std::atomic<idx_t> uncommitted_{0};
  std::atomic<uint64_t> max_commit_{0};
};

class RowGroup {
 public:
  RowGroup(const StorageContext* context, uint32_t table_id, const std::vector<LogicalType>* types,
           uint64_t index);
  ~RowGroup();

  uint64_t index() const { return index_; }
  uint64_t row_start() const { return index_ * kRowGroupSize; }
  /// Rows appended so far (committed or not).
  idx_t row_count() const { return row_count_.load(std::memory_order_acquire); }

  struct View {
    std::shared_ptr<const TransientColumns> transient;  // all rows, when present
    std::vector<std::shared_ptr<ColumnChunk>> chunks;   // the persisted rows, when present
    idx_t persisted_rows = 0;
    idx_t row_count = 0;
    std::shared_ptr<const DeleteStamps> deletes;
  };
  View GetView() const;

  // ---- writer ----
  /// Appends `count` rows of `columns` (one unified view per column) starting at source row
  /// `offset`; the caller made sure they fit.
  Status Append(const std::vector<UnifiedVector>& columns, idx_t offset, idx_t count);
  /// Rollback: forgets rows at and after `rows`.
  void Truncate(idx_t rows);
  /// Whether rows exist that are not in chunks.
  bool NeedsSeal() const;
  /// Writes chunks for all rows; the chunks replaced (now obsolete) are appended to `replaced`.
  /// A full group drops its in-memory rows.
  Status Seal(std::vector<std::shared_ptr<ColumnChunk>>* replaced);
  /// Loading from the file.
  void LoadChunks(std::vector<std::shared_ptr<ColumnChunk>> chunks, idx_t row_count, bool closed);
  /// Replaces the whole content (vacuum): `chunks` hold `row_count` rows with the delete stamps
  /// `stamps` (row offset, stamp). The group accepts no more appends afterwards.
  void ReplaceContent(std::vector<std::shared_ptr<ColumnChunk>> chunks, idx_t row_count,
                      const std::vector<std::pair<uint32_t, uint64_t>>& stamps,
                      std::vector<std::shared_ptr<ColumnChunk>>* replaced);
  /// Vacuumed groups are closed: appends start a new group.
  bool closed() const { return closed_; }

  // ---- statistics ----
  /// Min/max/null count of column `c` over all rows (exact for chunks, running in memory).
  void ColumnStats(idx_t c, Value* min, Value* max, idx_t* null_count) const;
  /// Running statistics of the in-memory rows, when the group has them.
  bool TransientStats(idx_t c, ChunkStatistics* out) const;

  // ---- deletes ----
  /// Stamps row `offset` deleted by `txn_id`. Returns false when the row is already deleted as
  /// seen by the snapshot; a row deleted by a transaction the snapshot cannot see is a conflict.
  StatusOr<bool> Delete(idx_t offset, uint64_t txn_id, uint64_t start_ts);
  void CommitDelete(idx_t offset, uint64_t commit_ts);
  void RollbackDelete(idx_t offset);
  /// The current stamps (writer side; scans use their View's).
  const DeleteStamps& deletes() const { return *deletes_; }
  /// Rows whose delete is committed, ascending.
  std::vector<uint32_t> CommittedDeletes() const;
  void LoadDeletes(const std::vector<uint32_t>& rows);

  /// Where the row group's record is in the chunk-metadata heap, and whether it must be
  /// rewritten at the next checkpoint (writer only).
  RecordId heap_record;
  bool metadata_dirty = true;

 private:
  Status Materialize();
  void RecomputeStats();

  const StorageContext* context_;
  uint32_t table_id_;
  const std::vector<LogicalType>* types_;
  uint64_t index_;
  std::atomic<idx_t> row_count_{0};

  mutable std::mutex mu_;
  std::shared_ptr<TransientColumns> transient_;
  std::vector<std::shared_ptr<ColumnChunk>> chunks_;
  idx_t persisted_rows_ = 0;
  std::vector<ChunkStatistics> stats_;  // of transient_ rows
  std::shared_ptr<DeleteStamps> deletes_;
  bool closed_ = false;
};

}  // namespace fluxdb
