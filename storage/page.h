// Page layout: the unit of I/O, caching and checksumming.
//
// A database file is an array of pages of `page_size` bytes (a power of two from 4 KiB to 1 MiB,
// fixed when the file is created and recorded in the file header); page N occupies bytes
// [N * page_size, (N + 1) * page_size). The file length is always a multiple of page_size.
//
// EVERY page, the two file-header pages included, starts with this 48-byte page header (all
// integers little endian):
//
//   offset  size  field
//     0      4    checksum      CRC32C (see crc32c.h) of bytes [4, page_size) of the page
//     4      1    kind          1 header, 2 free-list trunk, 3 catalog heap, 4 chunk-metadata
//                               heap, 5 data, 6 free (formatted, never used)
//     5      1    flags         heap pages: 0 = slotted record page, 1 = directory page; else 0
//     6      2    reserved      0
//     8      8    page_id       the number of the page itself: a page read from another position
//                               (misdirected write) is detected
//    16      8    next_page     next page of a chain (free-list trunk, heap directory); 0 = end
//    24      4    used_bytes    payload bytes in use (bytes after the header)
//    28      4    table_id      data pages: the table owning the chunk; otherwise 0
//    32      4    column_index  data pages: the column of the chunk; otherwise 0xFFFFFFFF
//    36      4    sequence      data pages: position of this page within its chunk (0, 1, ...)
//    40      8    chunk_id      data pages: the chunk's id; otherwise 0
//    48      -    payload       page_size - 48 bytes, layout depends on the kind
//
// The checksum is verified on every read from disk; a mismatch is a Corruption error naming the
// page, its kind and the file. Payload layouts: header pages in file_header.h, free-list trunks
// in page_allocator.h, heap pages in metadata_heap.h, data pages in column_chunk.h.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace fluxdb {

inline constexpr uint32_t kPageHeaderSize = 48;
inline constexpr uint32_t kMinPageSize = 4 * 1024;
inline constexpr uint32_t kMaxPageSize = 1024 * 1024;
inline constexpr uint32_t kNoColumn = 0xFFFFFFFF;

enum class PageKind : uint8_t {
  kInvalid = 0,
  kHeader = 1,
  kFreeTrunk = 2,
  kCatalogHeap = 3,
  kChunkHeap = 4,
  kData = 5,
  kFree = 6,
};
const char* PageKindName(PageKind kind);

struct PageHeader {
  uint32_t checksum = 0;
  PageKind kind = PageKind::kInvalid;
  uint8_t flags = 0;
  uint64_t page_id = 0;
  uint64_t next_page = 0;
  uint32_t used_bytes = 0;
  uint32_t table_id = 0;
  uint32_t column_index = kNoColumn;
  uint32_t sequence = 0;
  uint64_t chunk_id = 0;
};

bool IsValidPageSize(uint64_t page_size);
inline uint32_t PagePayloadSize(uint32_t page_size) { return page_size - kPageHeaderSize; }

PageHeader ReadPageHeader(const uint8_t* page);
/// Writes every field but the checksum (SealPage computes it when the page goes to disk).
void WritePageHeader(uint8_t* page, const PageHeader& header);
/// Fills an empty page: zero payload, the given header.
void FormatPage(uint8_t* page, uint32_t page_size, const PageHeader& header);
uint32_t ComputePageChecksum(const uint8_t* page, uint32_t page_size);
/// Stores the checksum of the page's current contents.
void SealPage(uint8_t* page, uint32_t page_size);
/// Checks the checksum and the page's own id; `path` names the file in the error.
Status VerifyPage(const uint8_t* page, uint32_t page_size, uint64_t expected_id,
                  const std::string& path);

}  // namespace fluxdb
