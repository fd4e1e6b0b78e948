#include "storage/page.h"

#include <cstring>

#include "storage/byte_order.h"
#include "storage/crc32c.h"

namespace fluxdb {

const char* PageKindName(PageKind kind) {
  switch (kind) {
    case PageKind::kHeader:
      return "header";
    case PageKind::kFreeTrunk:
      return "free_trunk";
    case PageKind::kCatalogHeap:
      return "catalog_heap";
    case PageKind::kChunkHeap:
      return "chunk_heap";
    case PageKind::kData:
      return "data";
    case PageKind::kFree:
      return "free";
    case PageKind::kInvalid:
      break;
  }
  return "unknown";
}

bool IsValidPageSize(uint64_t page_size) {
  return page_size >= kMinPageSize && page_size <= kMaxPageSize &&
         (page_size & (page_size - 1)) == 0;
}

PageHeader ReadPageHeader(const uint8_t* page) {
  PageHeader h;
  h.checksum = LoadLE<uint32_t>(page + 0);
  h.kind = static_cast<PageKind>(page[4]);
  h.flags = page[5];
  h.page_id = LoadLE<uint64_t>(page + 8);
  h.next_page = LoadLE<uint64_t>(page + 16);
  h.used_bytes = LoadLE<uint32_t>(page + 24);
  h.table_id = LoadLE<uint32_t>(page + 28);
  h.column_index = LoadLE<uint32_t>(page + 32);
  h.sequence = LoadLE<uint32_t>(page + 36);
  h.chunk_id = LoadLE<uint64_t>(page + 40);
  return h;
}

void WritePageHeader(uint8_t* page, const PageHeader& h) {
  page[4] = static_cast<uint8_t>(h.kind);
  page[5] = h.flags;
  StoreLE<uint16_t>(page + 6, 0);
  StoreLE<uint64_t>(page + 8, h.page_id);
  StoreLE<uint64_t>(page + 16, h.next_page);
  StoreLE<uint32_t>(page + 24, h.used_bytes);
  StoreLE<uint32_t>(page + 28, h.table_id);
  StoreLE<uint32_t>(page + 32, h.column_index);
  StoreLE<uint32_t>(page + 36, h.sequence);
  StoreLE<uint64_t>(page + 40, h.chunk_id);
}

void FormatPage(uint8_t* page, uint32_t page_size, const PageHeader& header) {
  std::memset(page, 0, page_size);
  WritePageHeader(page, header);
}

uint32_t ComputePageChecksum(const uint8_t* page, uint32_t page_size) {
  return Crc32c(page + 4, page_size - 4);
}

void SealPage(uint8_t* page, uint32_t page_size) {
  StoreLE<uint32_t>(page, ComputePageChecksum(page, page_size));
}

Status VerifyPage(const uint8_t* page, uint32_t page_size, uint64_t expected_id,
                  const std::string& path) {
  PageHeader h = ReadPageHeader(page);
  if (h.checksum != ComputePageChecksum(page, page_size)) {
    return CorruptionError("checksum mismatch on page ", expected_id, " (kind ",
                           PageKindName(h.kind), ") of file ", path);
  }
  if (h.page_id != expected_id) {
    return CorruptionError("page ", expected_id, " of file ", path, " holds page ", h.page_id,
                           " (misplaced write)");
  }
  return absl::OkStatus();
}

}  // namespace fluxdb
