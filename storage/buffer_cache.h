// BufferCache: the pages of the database file held in memory, within a byte budget.
//
// Pages are pinned through a PageHandle (RAII): a pinned page stays in memory and at a fixed
// address. Unpinned pages are evicted by a clock sweep when the cache needs a frame; a dirty page
// is written back (checksummed) first. Reads from disk verify the page checksum and page id, so a
// damaged page is reported as a Corruption error, never handed out.
//
// The budget is soft in one direction only: when every frame is pinned the cache grows past it
// rather than fail, and frees the extra frames as they are unpinned (and at once when the
// budget is lowered), so it shrinks back to the budget.
//
// An in-memory database has no file: its pages exist only here, are never evicted (the budget
// does not apply) and a freed page's frame is released.
//
// Thread safety: every method may be called from any thread. A page may be pinned by several
// threads at once; writers (sealing, checkpoint) only write pages nobody else reads yet.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/status.h"
#include "storage/block_file.h"
#include "storage/page.h"

namespace fluxdb {

class BufferCache;

/// One cached page. Fields are guarded by the cache's mutex, except `dirty` and the page bytes
/// (which belong to whoever pinned the page).
struct BufferFrame {
  uint64_t page_id = 0;
  std::unique_ptr<uint8_t[]> data;
  uint32_t pins = 0;
  bool loading = false;
  bool referenced = false;
  bool in_use = false;
  size_t slot = 0;  // position in the cache's frame array
  std::atomic<bool> dirty{false};
};

class PageHandle {
 public:
  PageHandle() = default;
  PageHandle(PageHandle&& other) noexcept { *this = std::move(other); }
  PageHandle& operator=(PageHandle&& other) noexcept;
  PageHandle(const PageHandle&) = delete;
  PageHandle& operator=(const PageHandle&) = delete;
  ~PageHandle() { Release(); }

  bool valid() const { return frame_ != nullptr; }
  uint64_t page_id() const { return frame_->page_id; }
  uint8_t* data() { return frame_->data.get(); }
  const uint8_t* data() const { return frame_->data.get(); }
  uint8_t* payload() { return data() + kPageHeaderSize; }
  const uint8_t* payload() const { return data() + kPageHeaderSize; }
  /// True when this pin had to read the page from disk.
  bool from_disk() const { return from_disk_; }
  /// The page will be written back before its frame is reused.
  void MarkDirty() { frame_->dirty.store(true, std::memory_order_relaxed); }
  void Release();

 private:
  friend class BufferCache;
  PageHandle(BufferCache* cache, BufferFrame* frame, bool from_disk)
      : cache_(cache), frame_(frame), from_disk_(from_disk) {}
  BufferCache* cache_ = nullptr;
  BufferFrame* frame_ = nullptr;
  bool from_disk_ = false;
};

struct BufferCacheStats {
  uint64_t capacity_bytes = 0;
  uint64_t frames = 0;  // page buffers held (cached pages and spare ones)
  uint64_t cached_pages = 0;
  uint64_t pinned_pages = 0;
  uint64_t dirty_pages = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;
  uint64_t writes = 0;
};

class BufferCache {
 public:
  /// `file` null: in-memory database.
  BufferCache(BlockFile* file, uint32_t page_size, uint64_t capacity_bytes);
  ~BufferCache();

  uint32_t page_size() const { return page_size_; }
  bool in_memory() const { return file_ == nullptr; }

  /// Pins a page, reading (and verifying) it from disk if it is not cached.
  StatusOr<PageHandle> Pin(uint64_t page_id);
  /// Pins a frame for a page whose old contents do not matter (just allocated): zero-filled,
  /// dirty, nothing is read.
  StatusOr<PageHandle> NewPage(uint64_t page_id);
  /// Writes every dirty page (pinned or not) to the file. No-op in memory.
  Status Flush();
  /// Forgets a freed page: its frame is dropped without being written.
  void Discard(uint64_t page_id);
  /// Whether the page is cached (for tests and introspection).
  bool IsCached(uint64_t page_id);

  BufferCacheStats Stats();
  void SetCapacity(uint64_t capacity_bytes);

 private:
  friend class PageHandle;
  using Frame = BufferFrame;

  void Unpin(Frame* frame);
  // Frees an unpinned frame (writing its page back first if dirty); mu_ held. False when the
  // frame is pinned, loading, in an in-memory database or its write-back failed.
  bool ReleaseFrameLocked(Frame* frame);
  // Finds a frame for a new page (evicting or growing); mu_ held. Null only on a write-back
  // failure, reported through `error`.
  Frame* GrabFrame(std::unique_lock<std::mutex>& lock, Status* error);
  Status WriteBack(Frame* frame);

  BlockFile* file_;
  uint32_t page_size_;
  uint64_t capacity_pages_;

  std::mutex mu_;
  std::condition_variable loaded_;
  std::vector<std::unique_ptr<Frame>> frames_;
  std::vector<Frame*> spare_;  // frames not holding a page
  absl::flat_hash_map<uint64_t, Frame*> table_;
  size_t clock_hand_ = 0;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
  uint64_t evictions_ = 0;
  uint64_t writes_ = 0;
};

}  // namespace fluxdb
