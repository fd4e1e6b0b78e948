// DataTable: the rows of one table, stored column-wise in row groups.
//
// A table is a list of row groups of up to kRowGroupSize rows. Each column of a row group is a
// column chunk: appended to in memory, sealed (statistics computed, compressed, written to data
// pages) when the row group fills or at checkpoint. Row ids are stable positions
// (row_group_index * kRowGroupSize + offset) until compaction rewrites the table.
//
// Thread safety: any number of scans may run concurrently with each other and with the one
// writing transaction's Append / Delete; a scan sees the snapshot of the transaction it was
// initialized with.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "storage/catalog_record.h"
#include "storage/table_filter.h"
#include "storage/transaction.h"

namespace fluxdb {

inline constexpr idx_t kRowGroupSize = 60 * kVectorSize;  // 122,880 rows
/// Pseudo column id: a scan producing it emits the row id (BIGINT).
inline constexpr uint32_t kRowIdColumn = UINT32_MAX;

class StorageManager;
class RowGroupCollection;  // storage-private

/// What a scan did; EXPLAIN ANALYZE prints these. Counters are per scan operator and summed over
/// the threads that ran it.
struct ScanStatistics {
  uint64_t chunks_scanned = 0;                     // column chunks read
  uint64_t chunks_pruned[kPruneReasonCount] = {};  // column chunks skipped, by reason
  uint64_t row_groups_scanned = 0;
  uint64_t row_groups_pruned = 0;
  uint64_t pages_read = 0;     // from disk
  uint64_t pages_cached = 0;   // found in the buffer cache
  uint64_t bytes_read = 0;     // encoded bytes of the chunks read
  uint64_t bytes_decoded = 0;  // bytes after decompression
  void Add(const ScanStatistics& other);
  uint64_t total_pruned() const;
};

/// Per-thread scan cursor. Opaque to callers; created by InitializeScan.
struct TableScanState {
  TableScanState();
  ~TableScanState();
  TableScanState(TableScanState&&) noexcept;
  TableScanState& operator=(TableScanState&&) noexcept;
  struct Impl;
  std::unique_ptr<Impl> impl;
  ScanStatistics statistics;
  /// Set by NextMorsel: the position (in the snapshot's row-group order) of the row group just
  /// claimed. Order-preserving sinks sort parallel output by it.
  idx_t morsel_index = 0;
};

/// Shared by every thread scanning one table in one query: hands out row groups as morsels.
struct ParallelScanState {
  std::atomic<idx_t> next_row_group{0};
  idx_t row_group_count = 0;  // fixed when the scan starts (the snapshot's row groups)
  /// Fixed when the scan starts: rows the transaction itself appends afterwards (INSERT INTO t
  /// SELECT ... FROM t) stay invisible to every thread of the scan.
  idx_t own_rows_end = 0;
};

/// Statistics of one column over the whole table, for the optimizer.
struct ColumnStatistics {
  Value min;  // NULL when unknown or no non-NULL values
  Value max;
  idx_t null_count = 0;
  idx_t distinct_estimate = 0;  // 0 when unknown
};

/// One row of storage_info(): a column chunk.
struct ColumnChunkInfo {
  idx_t row_group_index = 0;
  uint32_t column_index = 0;
  std::string column_name;
  idx_t chunk_id = 0;   // unique in the file
  idx_t row_start = 0;  // row id of the chunk's first row
  idx_t row_count = 0;
  // "PLAIN", "DICTIONARY", "RLE", "BITPACK", "CONSTANT"; "TRANSIENT" in memory
  std::string encoding;
  Value min;
  Value max;
  idx_t null_count = 0;
  idx_t distinct_estimate = 0;
  idx_t compressed_bytes = 0;
  idx_t uncompressed_bytes = 0;
  int64_t first_page = -1;
  int64_t last_page = -1;
  idx_t page_count = 0;
  bool persistent = false;  // sealed and written to data pages
};

class DataTable {
 public:
  DataTable(StorageManager& storage, CatalogRecord record);
  ~DataTable();

  uint32_t table_id() const { return record_.object_id; }
  const CatalogRecord& record() const { return record_; }
  const std::vector<LogicalType>& types() const { return types_; }

  /// Appends the rows of `chunk` (types() columns, any vector encoding) as part of `txn`.
  /// Takes the write lock if `txn` does not hold it yet.
  Status Append(Transaction& txn, const DataChunk& chunk);
  /// Marks rows deleted as part of `txn`; returns how many were visible and not yet deleted.
  StatusOr<idx_t> Delete(Transaction& txn, const int64_t* row_ids, idx_t count);

  /// Prepares a scan of `column_ids` (table column indexes or kRowIdColumn) as seen by `txn`.
  /// `filters` (may be null) prune chunks; they may be extended until the first Scan call.
  void InitializeScan(const Transaction& txn, TableScanState& state,
                      const std::vector<uint32_t>& column_ids,
                      std::shared_ptr<const TableFilterSet> filters);
  /// Serial scan: fills `out` (columns in column_ids order, at most kVectorSize rows) with the
  /// next visible rows; returns false (and an empty chunk) when the table is exhausted.
  StatusOr<bool> Scan(TableScanState& state, DataChunk& out);

  /// Parallel scan: sets up `global` for the row groups of `txn`'s snapshot.
  void InitializeParallelScan(const Transaction& txn, ParallelScanState& global);
  /// Points `state` at the next unclaimed row group; false when none is left.
  bool NextMorsel(ParallelScanState& global, TableScanState& state);
  /// Like Scan, but stops (returns false) at the end of the current morsel.
  StatusOr<bool> ScanMorsel(TableScanState& state, DataChunk& out);

  /// Rows visible to `txn`.
  idx_t RowCount(const Transaction& txn) const;
  /// Whole-table statistics (committed data), cheap: maintained on append and seal.
  std::vector<ColumnStatistics> GetStatistics() const;
  /// One entry per column chunk, in row group then column order.
  std::vector<ColumnChunkInfo> GetChunkInfo() const;

  /// Storage-private access for the storage manager (checkpoint, WAL replay).
  RowGroupCollection& row_groups() { return *row_groups_; }
  /// Replaces the record after ALTER / rename (StorageManager::UpdateObject).
  void set_record(CatalogRecord record) { record_ = std::move(record); }

 private:
  StorageManager& storage_;
  CatalogRecord record_;
  std::vector<LogicalType> types_;
  std::unique_ptr<RowGroupCollection> row_groups_;
};

}  // namespace fluxdb
