// RowGroupCollection: the row groups of one table, their commit history and everything that
// changes them (append, delete, rollback, sealing, checkpoint records, vacuum).
//
// Visibility: a table records, for each commit that appended to it, the row id just past its
// last row afterwards (`history_`). A snapshot sees the rows below the end recorded by the last
// commit at or before its start timestamp, plus the rows its own transaction appended, minus the
// rows deleted as of the snapshot.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "storage/catalog_record.h"
#include "storage/data_table.h"
#include "storage/metadata_heap.h"
#include "storage/row_group.h"

namespace fluxdb {

/// Which rows of a table one transaction sees.
struct TableSnapshot {
  uint64_t start_ts = 0;
  uint64_t txn_id = 0;
  idx_t committed_end = 0;  // committed rows: ids below this
  idx_t own_start = 0;      // the transaction's own appended rows: [own_start, own_end)
  idx_t own_end = 0;
  idx_t row_group_count = 0;

  idx_t visible_end() const { return std::max(committed_end, own_end); }
  bool RowIdVisible(idx_t id) const {
    return id < committed_end || (id >= own_start && id < own_end);
  }
  /// Whether a delete stamp hides the row from this snapshot.
  bool Deleted(uint64_t stamp) const {
    return stamp != 0 && (stamp == txn_id || (stamp < kTransactionIdStart && stamp <= start_ts));
  }
};

class RowGroupCollection {
 public:
  RowGroupCollection(const StorageContext* context, uint32_t table_id,
                     std::vector<LogicalType> types);
  ~RowGroupCollection();

  const std::vector<LogicalType>& types() const { return types_; }
  uint32_t table_id() const { return table_id_; }

  /// `own_start` = kInvalidIndex when the transaction appended nothing to this table.
  TableSnapshot GetSnapshot(uint64_t start_ts, uint64_t txn_id, idx_t own_start) const;
  std::shared_ptr<RowGroup> GetRowGroup(idx_t index) const;
  idx_t row_group_count() const;
  /// Row id just past the last row, uncommitted rows included.
  idx_t end() const;
  /// Visible, non-deleted rows of a snapshot.
  idx_t CountVisible(const TableSnapshot& snapshot) const;

  // ---- the writer ----
  Status Append(const DataChunk& chunk);
  /// Rollback of appends: removes every row at or after `end`.
  void RevertAppend(idx_t end);
  /// Marks one row deleted by `txn_id`; false when already deleted for the snapshot.
  StatusOr<bool> Delete(int64_t row_id, const TableSnapshot& snapshot);
  void CommitDelete(int64_t row_id, uint64_t commit_ts);
  void RollbackDelete(int64_t row_id);
  /// Records that the commit `commit_ts` ends at end(); forgets entries no snapshot needs.
  void CommitAppend(uint64_t commit_ts, uint64_t oldest_snapshot);
  /// Commit timestamp of the last commit that appended or deleted rows (0: none since open).
  uint64_t last_change() const { return last_change_.load(std::memory_order_acquire); }
  void set_last_change(uint64_t ts) { last_change_.store(ts, std::memory_order_release); }
  /// Seals row groups that are full; their records go into `heap`.
  Status SealFullRowGroups(MetadataHeap& heap);
  /// Seals every row group with unsealed rows and brings the heap records up to date.
  Status Checkpoint(MetadataHeap& heap);
  /// The table was dropped: removes its records; its pages are freed when the collection (and
  /// every scan of it) is gone.
  void Drop(MetadataHeap& heap);
  /// Calls `fn` with the rows [start, end) (uncommitted ones included, deleted ones too) in
  /// chunks of at most kVectorSize rows, for the WAL. The rows must be in memory.
  void ReadRows(idx_t start, idx_t end, const std::function<void(const DataChunk&)>& fn) const;
  /// Pages of every sealed chunk.
  std::vector<std::shared_ptr<ColumnChunk>> AllChunks() const;

  /// Rebuilds the row groups from their metadata (any order).
  Status Load(std::vector<std::pair<RowGroupMetadata, RecordId>> groups,
              std::vector<std::pair<ChunkMetadata, RecordId>> chunks);

  /// Rewrites row groups whose share of live rows is below `threshold`, dropping rows whose
  /// delete every snapshot sees (stamp <= oldest_snapshot). Returns the row groups rewritten.
  StatusOr<idx_t> Vacuum(double threshold, uint64_t oldest_snapshot, MetadataHeap& heap);

  std::vector<ColumnStatistics> GetStatistics() const;
  std::vector<ColumnChunkInfo> GetChunkInfo(const CatalogRecord& record) const;

 private:
  void RecordChunks(RowGroup& group, MetadataHeap& heap,
                    std::vector<std::shared_ptr<ColumnChunk>>& replaced);
  std::shared_ptr<RowGroup> GroupOf(int64_t row_id) const;

  const StorageContext* context_;
  uint32_t table_id_;
  std::vector<LogicalType> types_;

  mutable std::mutex mu_;  // guards the vectors below
  std::vector<std::shared_ptr<RowGroup>> row_groups_;
  std::vector<std::pair<uint64_t, idx_t>> history_;  // (commit timestamp, end)
  std::atomic<uint64_t> last_change_{0};
};

}  // namespace fluxdb
