// StorageManager::Impl: the state of one open database, shared by the files that implement the
// storage manager (open/commit in storage_manager.cc, checkpoint.cc, storage_inspector.cc) and by
// DataTable.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "storage/block_file.h"
#include "storage/buffer_cache.h"
#include "storage/file_handle.h"
#include "storage/file_header.h"
#include "storage/metadata_heap.h"
#include "storage/page_allocator.h"
#include "storage/row_group.h"
#include "storage/storage_manager.h"
#include "storage/transaction_manager.h"
#include "storage/write_ahead_log.h"

namespace fluxdb {

/// Refuses commits and checkpoints after StorageManager::Impl::header_in_doubt was set.
Status HeaderInDoubtError(const std::string& path);

struct StorageManager::Impl {
  std::string path;
  StorageOptions options;
  bool in_memory = false;
  bool read_only = false;

  std::unique_ptr<FileHandle> file;  // holds the flock
  std::unique_ptr<BlockFile> block_file;
  std::unique_ptr<BufferCache> cache;
  std::unique_ptr<PageAllocator> allocator;
  std::unique_ptr<MetadataHeap> catalog_heap;
  std::unique_ptr<MetadataHeap> chunk_heap;
  std::unique_ptr<WriteAheadLog> wal;
  DatabaseHeader header;  // the durable header (last checkpoint); written under header_mu
  std::mutex header_mu;   // lets introspection read `header` while a checkpoint replaces it

  std::atomic<uint64_t> next_object_id{1};
  std::atomic<uint64_t> next_chunk_id{1};
  StorageContext context;
  std::unique_ptr<TransactionManager> transactions;

  struct RecordEntry {
    CatalogRecord record;
    RecordId heap_record;
  };
  struct DroppedTable {
    std::shared_ptr<DataTable> table;
    uint64_t drop_timestamp;
  };
  std::mutex catalog_mu;                    // guards the three containers below
  std::map<uint32_t, RecordEntry> records;  // committed objects
  std::map<uint32_t, std::shared_ptr<DataTable>> tables;
  std::vector<DroppedTable> graveyard;  // dropped tables some snapshot may still scan

  bool replaying = false;
  bool checkpoint_failed = false;
  /// A checkpoint failed writing or syncing its header, which may have reached the disk anyway:
  /// the file may now describe that checkpoint while the log still continues the one before, so
  /// nothing more may be committed or checkpointed until the database is reopened.
  bool header_in_doubt = false;
  /// Something was committed (or vacuumed) since the last checkpoint; written under the write
  /// lock only.
  bool dirty = false;

  /// Writes everything committed to the file; the caller holds the write lock.
  Status CheckpointLocked();
  /// Frees dropped tables no snapshot can see any more.
  void CollectGarbage();
};

}  // namespace fluxdb
