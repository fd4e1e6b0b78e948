// PageAllocator: which pages of the file are in use, and the persistent free list.
//
// Free list format: a chain of free-list trunk pages (page kind 2) starting at the header's
// free_list_head. Trunk payload (offsets from the page start, little endian):
//
//   offset  size  field
//     48     4    count     page ids in this trunk
//     52     4    reserved  0
//     56     8*n  page_ids  free pages, ascending within the trunk
//
// and the page header's next_page is the next trunk (0 = last). The trunks themselves are not
// free. The list describes the free pages of the checkpoint whose header points at it.
//
// Freed pages are not reused at once: a page freed after a checkpoint may still be referenced by
// the file's current header, so it waits in `pending` until the next checkpoint has switched to
// a header that no longer references it (shadow paging; in memory pages are reusable at once).
// A checkpoint writes a fresh trunk chain (on pages free in the current header, so the current
// chain stays intact) listing free + pending + the old trunks, and commits it with the header.
#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <vector>

#include "common/status.h"
#include "storage/buffer_cache.h"
#include "storage/file_header.h"

namespace fluxdb {

/// `count` consecutive pages starting at `first`.
struct PageRun {
  uint64_t first = 0;
  uint64_t count = 0;
  bool operator==(const PageRun&) const = default;
};

class PageAllocator {
 public:
  explicit PageAllocator(BufferCache* cache) : cache_(cache) {}

  /// A new file (or in-memory database): only the two header pages exist.
  void InitEmpty();
  /// Reads the free list of an existing file.
  Status Load(const DatabaseHeader& header);

  uint64_t page_count();
  /// Allocates `count` pages, as few runs as possible; grows the file when the free list runs
  /// out. The pages' contents are undefined: callers format them (BufferCache::NewPage).
  std::vector<PageRun> Allocate(uint64_t count);
  uint64_t AllocateOne();
  /// Frees a page; reusable immediately in memory, after the next checkpoint in a file.
  void Free(uint64_t page_id);
  void Free(const std::vector<PageRun>& runs);

  // ---- checkpoint ----
  struct FreeListRoot {
    uint64_t head = 0;
    uint64_t free_pages = 0;
  };
  /// Writes the trunk chain of the free pages as they will be after this checkpoint.
  /// `reserved` pages are listed as free in the file (nothing the new header references uses
  /// them) but stay in use in memory: pages of dropped tables that old snapshots still read.
  StatusOr<FreeListRoot> WriteFreeList(const std::vector<uint64_t>& reserved = {});
  /// The header referencing the new chain is durable: pending pages become reusable.
  void CommitCheckpoint();
  /// The checkpoint failed before its header was written: back to the state before it.
  void AbortCheckpoint();

  // ---- introspection ----
  /// Pages free in the current state (free + pending), ascending.
  std::vector<uint64_t> FreePages();
  /// Trunk pages of the durable free list.
  std::vector<uint64_t> TrunkPages();

 private:
  void TakeRun(uint64_t first, uint64_t count, std::vector<PageRun>* out);

  BufferCache* cache_;
  std::mutex mu_;
  uint64_t page_count_ = kFirstDataPage;
  uint64_t durable_page_count_ = kFirstDataPage;  // page count of the durable header
  std::set<uint64_t> free_;                       // reusable now
  std::set<uint64_t> pending_;                    // freed since the last checkpoint
  std::set<uint64_t> committing_;  // pending pages listed by the checkpoint in progress
  std::vector<uint64_t> trunks_;   // the durable chain
  std::vector<uint64_t> new_trunks_;
  uint64_t committing_page_count_ = 0;
};

}  // namespace fluxdb
