// StorageManager: one database file (or an in-memory database) and everything stored in it.
//
// It owns the pager (file, buffer cache, page allocator), the metadata heaps, the WAL, the
// transaction counters and the DataTables. The catalog layer above asks it to create and drop
// persistent objects; on open it hands back the CatalogRecords it found.
//
// Durability: a transaction's changes are written to the WAL at commit and fsynced (unless
// `sync_on_commit` is off); a checkpoint writes sealed row groups, the catalog heap and the
// chunk-metadata heap into the database file, then truncates the WAL. Opening a file replays
// its WAL. Every page read is checksum-verified; a mismatch is a DataLoss status naming the page.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/catalog_record.h"
#include "storage/data_table.h"
#include "storage/transaction.h"

namespace fluxdb {

struct StorageOptions {
  /// Page size for a new file (a power of two, 4 KiB .. 1 MiB); an existing file keeps its own.
  uint32_t page_size = 64 * 1024;
  /// Bytes the buffer cache may hold; 0 = a fraction (1/4) of physical RAM.
  uint64_t memory_limit = 0;
  bool read_only = false;
  /// fsync the WAL at every commit.
  bool sync_on_commit = true;
  /// Checkpoint automatically when the WAL grows beyond this many bytes.
  uint64_t checkpoint_threshold = 16ull << 20;
};

/// One row of fluxdb_pages().
struct PageInfo {
  uint64_t page_id = 0;
  std::string kind;       // "header", "free", "catalog_heap", "chunk_heap", "data", "other"
  uint32_t table_id = 0;  // data pages: owning table (0 otherwise)
  std::string table_name;
  int64_t column_index = -1;
  int64_t chunk_id = -1;
  uint64_t used_bytes = 0;
  uint64_t free_bytes = 0;
  bool checksum_ok = true;
};

/// One row of fluxdb_heaps().
struct HeapInfo {
  std::string name;  // "catalog", "chunk_metadata"
  uint64_t pages = 0;
  uint64_t slots_used = 0;
  uint64_t slots_free = 0;
  uint64_t bytes_used = 0;
  uint64_t bytes_free = 0;
};

/// fluxdb_buffer_cache().
struct BufferCacheInfo {
  uint64_t capacity_bytes = 0;
  uint64_t cached_pages = 0;
  uint64_t pinned_pages = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;
};

/// The file header fields, for `fluxdb inspect`.
struct FileHeaderInfo {
  uint32_t format_version = 0;
  uint32_t page_size = 0;
  uint64_t page_count = 0;
  uint64_t free_pages = 0;
  uint64_t checkpoint_id = 0;
};

/// How UpdateObject fills the columns of a rewritten table version, beyond copying by name.
struct TableRewrite {
  /// Computes one new column from a chunk of the old version's rows (every old column, in the
  /// old record's order) into `result` (the new column's type, the chunk's size).
  using ColumnFunction = std::function<Status(const DataChunk& old_rows, Vector& result)>;
  /// Per column of the new record; an empty function copies the old column of the same name (or
  /// fills NULL). A table with any function is rewritten even when its layout stays the same.
  std::vector<ColumnFunction> columns;
  /// Replay of a logged rewrite: the new version starts empty, its rows follow in the log.
  bool start_empty = false;
};

class StorageManager {
 public:
  /// Opens or creates the database at `path`; "" or ":memory:" is an in-memory database.
  /// A file that is not a FluxDB database, has an unknown format version, or fails a checksum is
  /// refused with an error naming the reason (and page).
  static StatusOr<std::unique_ptr<StorageManager>> Open(const std::string& path,
                                                        const StorageOptions& options);
  ~StorageManager();  // checkpoints (unless read-only or in-memory) and closes

  bool in_memory() const;
  bool read_only() const;
  const std::string& path() const;

  // ---- catalog objects ----
  /// Every object found in the file (after WAL replay), in creation order.
  std::vector<CatalogRecord> LoadedRecords() const;
  /// A new object id (unique in this database).
  uint32_t NextObjectId();
  /// Creates a persistent object as part of `txn`; for tables also the DataTable.
  Status CreateObject(Transaction& txn, const CatalogRecord& record);
  /// Replaces an object's record (ALTER / rename) as part of `txn`. For a table whose columns
  /// change (added, dropped, reordered) the rows `txn` sees are copied into a new DataTable
  /// (GetTable returns it from now on; older snapshots keep the old one): columns are matched by
  /// name, added columns are NULL (the layer above fills defaults), a changed column type is Not
  /// implemented unless `rewrite` computes it. Computed columns are not made again by replay: the
  /// rewritten rows are logged. Fails with a conflict when the table changed after `txn`'s
  /// snapshot.
  Status UpdateObject(Transaction& txn, const CatalogRecord& record,
                      const TableRewrite* rewrite = nullptr);
  /// Drops an object (and a table's data, once no snapshot can see it) as part of `txn`.
  Status DropObject(Transaction& txn, uint32_t object_id);
  /// The storage of a table, or null.
  DataTable* GetTable(uint32_t table_id);

  // ---- transactions ----
  std::unique_ptr<Transaction> BeginTransaction();
  /// Makes `txn`'s changes durable and visible. On failure nothing of `txn` is visible.
  Status Commit(Transaction& txn);
  void Rollback(Transaction& txn);
  /// Undoes what `txn` changed after `savepoint` (a statement that failed) and keeps the rest:
  /// rows appended, delete stamps, objects created, updated (a rewritten table goes back to its
  /// previous version) or dropped. A transaction left with no change gives up the write lock.
  void RollbackToSavepoint(Transaction& txn, const TransactionSavepoint& savepoint);

  // ---- maintenance ----
  /// Writes everything committed into the file and truncates the WAL. Fails if a write
  /// transaction other than `txn` (may be null) is active.
  Status Checkpoint();
  /// Rewrites row groups of `table_id` (0 = all) whose live fraction fell below `threshold`,
  /// freeing their pages.
  Status Vacuum(uint32_t table_id, double threshold = 0.7);
  /// The `force_compression` setting: chunks sealed from now on use this encoding ("plain",
  /// "constant", "rle", "dictionary", "bitpacking") whenever it can encode them; "" or "auto"
  /// goes back to choosing the smallest. An unknown name is an Invalid Input error.
  Status SetForceCompression(std::string_view encoding);
  /// The buffer cache's budget (StorageOptions::memory_limit); lowering it frees cached pages
  /// beyond it now.
  void SetCacheCapacity(uint64_t bytes);

  // ---- introspection ----
  StatusOr<std::vector<PageInfo>> ListPages();
  std::vector<HeapInfo> ListHeaps();
  BufferCacheInfo GetBufferCacheInfo();
  FileHeaderInfo GetHeaderInfo();
  /// Verifies checksums, page ownership, heap consistency and chunk statistics; returns the
  /// problems found (empty = ok).
  std::vector<std::string> CheckIntegrity();

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  explicit StorageManager(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fluxdb
