// MetadataHeap: a slotted-page record heap; the file has two, the catalog heap (one record per
// catalog object) and the chunk-metadata heap (one record per column chunk and per row group).
//
// On disk a heap is a chain of directory pages listing its record pages. The header holds the
// first directory page (0 = empty heap). All pages carry the heap's page kind (3 catalog,
// 4 chunk metadata); the page header's flags byte tells the two page types apart.
//
// Directory page (flags 1), offsets from the page start:
//     48     4    count        record pages listed here
//     52     4    reserved     0
//     56    8*n   page_ids     record pages, in heap order (a record page's ordinal is its
//                              position in the concatenation of all directory pages)
//   next_page in the page header: the next directory page, 0 = last.
//
// Record page (flags 0):
//     48     4    slot_count   entries in the slot array
//     52     4    data_start   offset of the lowest record byte; records occupy
//                              [data_start, page_size), packed from the end of the page
//     56    8*n   slots        per slot: u32 offset (0 = unused slot), u32 size_and_flags
//                              (bits 0-23 size in bytes, bits 24-31 flags: 0 record,
//                              1 large-record head, 2 fragment of a large record)
//
// Records bigger than a page are split into fragments (ordinary slots flagged 2, each at most
// one page) and referenced by a head record (flag 1): u32 total_size, u32 fragment_count, then
// per fragment u32 page_ordinal, u32 slot. The record is the fragments' bytes concatenated.
//
// Copy-on-write: the heap is loaded into memory on open and changed there; Flush (at checkpoint)
// writes each changed page to a newly allocated page and writes a new directory, so the pages the
// current file header references are never overwritten. Record ids (page ordinal, slot) are stable
// across flushes and reopen, but Update may move a record.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/buffer_cache.h"
#include "storage/page.h"
#include "storage/page_allocator.h"

namespace fluxdb {

struct RecordId {
  uint32_t page = UINT32_MAX;  // ordinal of the record page in the heap
  uint32_t slot = 0;
  bool valid() const { return page != UINT32_MAX; }
  bool operator==(const RecordId&) const = default;
};

struct HeapStats {
  uint64_t pages = 0;  // record pages + directory pages
  uint64_t directory_pages = 0;
  uint64_t slots_used = 0;
  uint64_t slots_free = 0;
  uint64_t bytes_used = 0;  // record bytes + slot entries + page headers
  uint64_t bytes_free = 0;
  uint64_t records = 0;  // logical records (a large record counts once)
};

class MetadataHeap {
 public:
  MetadataHeap(PageKind kind, uint32_t page_size);
  ~MetadataHeap();

  PageKind kind() const { return kind_; }
  /// Reads the heap rooted at directory page `root` (0 = empty).
  Status Load(BufferCache& cache, uint64_t root);

  RecordId Insert(std::string_view record);
  /// Replaces a record; `id` is updated when the record had to move.
  void Update(RecordId* id, std::string_view record);
  void Delete(RecordId id);
  StatusOr<std::string> Get(RecordId id) const;
  /// Calls `fn` for every record (large ones reassembled) in page and slot order.
  Status ForEach(const std::function<Status(RecordId, std::string_view)>& fn) const;
  uint64_t record_count() const;

  /// True when pages changed since the last Load/Flush.
  bool dirty() const;
  /// Writes changed pages to new pages and a new directory; returns the new root. Pages the
  /// heap no longer uses (old versions, old directory) are passed to `allocator.Free`.
  StatusOr<uint64_t> Flush(PageAllocator& allocator, BufferCache& cache);

  HeapStats Stats() const;
  /// Every page the heap occupies in the file (directory pages first).
  std::vector<uint64_t> PageIds() const;
  /// Structural check of every page (slots inside the page, no overlaps, fragments present);
  /// problems are appended as text.
  void Verify(std::vector<std::string>* problems) const;

  /// Largest record stored without fragmentation.
  uint32_t max_inline_record() const { return page_size_ - kPageHeaderSize - 16; }

 private:
  struct Page;
  enum SlotFlag : uint8_t { kPlain = 0, kLargeHead = 1, kFragment = 2 };

  RecordId InsertRaw(std::string_view bytes, uint8_t flags);
  void DeleteRaw(RecordId id);
  std::string_view RawRecord(RecordId id, uint8_t* flags) const;
  Status Assemble(std::string_view head, std::string* out) const;
  uint32_t FindPageWithSpace(uint32_t size);
  Page& NewPage();

  PageKind kind_;
  uint32_t page_size_;
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Page>> pages_;
  std::vector<uint64_t> directory_;  // durable directory pages
  bool directory_dirty_ = false;
  uint32_t insert_hint_ = 0;
};

}  // namespace fluxdb
