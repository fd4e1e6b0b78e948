#include "storage/file_header.h"

#include <cstring>
#include <memory>
#include <optional>

#include "storage/byte_order.h"
#include "storage/page.h"

namespace fluxdb {

namespace {

constexpr uint32_t kMagicOffset = kPageHeaderSize;

DatabaseHeader ParseFields(const uint8_t* page) {
  DatabaseHeader h;
  h.format_version = LoadLE<uint32_t>(page + 56);
  h.page_size = LoadLE<uint32_t>(page + 60);
  h.page_count = LoadLE<uint64_t>(page + 64);
  h.free_list_head = LoadLE<uint64_t>(page + 72);
  h.free_page_count = LoadLE<uint64_t>(page + 80);
  h.catalog_heap_root = LoadLE<uint64_t>(page + 88);
  h.chunk_heap_root = LoadLE<uint64_t>(page + 96);
  h.checkpoint_id = LoadLE<uint64_t>(page + 104);
  h.next_object_id = LoadLE<uint64_t>(page + 112);
  h.next_chunk_id = LoadLE<uint64_t>(page + 120);
  h.feature_flags = LoadLE<uint64_t>(page + 128);
  h.last_commit = LoadLE<uint64_t>(page + 136);
  return h;
}

bool HasMagic(const uint8_t* page) {
  return std::memcmp(page + kMagicOffset, kFileMagic, sizeof(kFileMagic)) == 0;
}

Status CheckVersion(const DatabaseHeader& h, const std::string& path) {
  if (h.format_version != kFormatVersion) {
    return CorruptionError("database file ", path, " has format version ", h.format_version,
                           ", this build reads version ", kFormatVersion);
  }
  if ((h.feature_flags & ~kKnownFeatureFlags) != 0) {
    return CorruptionError("database file ", path, " uses unknown feature flags ", h.feature_flags);
  }
  if (!IsValidPageSize(h.page_size)) {
    return CorruptionError("database file ", path, " has an invalid page size ", h.page_size);
  }
  return absl::OkStatus();
}

// One header slot: the header if the page is intact, else the reason it is not.
StatusOr<DatabaseHeader> ReadSlot(const FileHandle& file, uint32_t page_size, uint64_t slot,
                                  uint8_t* buffer) {
  FLUX_RETURN_IF_ERROR(file.ReadAt(slot * page_size, buffer, page_size));
  FLUX_RETURN_IF_ERROR(VerifyPage(buffer, page_size, slot, file.path()));
  if (!HasMagic(buffer)) {
    return CorruptionError("header page ", slot, " of file ", file.path(), " lacks the magic");
  }
  DatabaseHeader h = ParseFields(buffer);
  FLUX_RETURN_IF_ERROR(CheckVersion(h, file.path()));
  if (h.page_size != page_size) {
    return CorruptionError("header pages of file ", file.path(), " disagree on the page size");
  }
  return h;
}

}  // namespace

void WriteHeaderPage(const DatabaseHeader& h, uint8_t* page) {
  PageHeader ph;
  ph.kind = PageKind::kHeader;
  ph.page_id = HeaderSlot(h.checkpoint_id);
  ph.used_bytes = 144 - kPageHeaderSize;
  FormatPage(page, h.page_size, ph);
  std::memcpy(page + kMagicOffset, kFileMagic, sizeof(kFileMagic));
  StoreLE<uint32_t>(page + 56, h.format_version);
  StoreLE<uint32_t>(page + 60, h.page_size);
  StoreLE<uint64_t>(page + 64, h.page_count);
  StoreLE<uint64_t>(page + 72, h.free_list_head);
  StoreLE<uint64_t>(page + 80, h.free_page_count);
  StoreLE<uint64_t>(page + 88, h.catalog_heap_root);
  StoreLE<uint64_t>(page + 96, h.chunk_heap_root);
  StoreLE<uint64_t>(page + 104, h.checkpoint_id);
  StoreLE<uint64_t>(page + 112, h.next_object_id);
  StoreLE<uint64_t>(page + 120, h.next_chunk_id);
  StoreLE<uint64_t>(page + 128, h.feature_flags);
  StoreLE<uint64_t>(page + 136, h.last_commit);
  SealPage(page, h.page_size);
}

StatusOr<DatabaseHeader> ReadDatabaseHeader(const FileHandle& file) {
  uint8_t first[kMinPageSize];
  FLUX_ASSIGN_OR_RETURN(size_t n, file.ReadUpTo(0, first, sizeof(first)));
  if (n < sizeof(first) || !HasMagic(first)) {
    return CorruptionError("not a FluxDB database file: ", file.path());
  }
  // The version is checked before the checksum: a future version may checksum differently.
  DatabaseHeader probe = ParseFields(first);
  FLUX_RETURN_IF_ERROR(CheckVersion(probe, file.path()));

  uint32_t page_size = probe.page_size;
  auto buffer = std::make_unique<uint8_t[]>(page_size);
  std::optional<DatabaseHeader> best;
  Status first_error;
  for (uint64_t slot = 0; slot < 2; slot++) {
    StatusOr<DatabaseHeader> h = ReadSlot(file, page_size, slot, buffer.get());
    if (!h.ok()) {
      if (first_error.ok()) first_error = h.status();
      continue;
    }
    if (!best || h->checkpoint_id > best->checkpoint_id) best = *h;
  }
  if (!best) return first_error;
  return *best;
}

}  // namespace fluxdb
