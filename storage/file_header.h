// The file header: pages 0 and 1 of every database file.
//
// Two header pages make the checkpoint's final switch atomic even if the header write is torn:
// checkpoint k writes its header to page k % 2, and opening a file reads both pages and uses the
// valid one (checksum, magic, version) with the larger checkpoint id. The other copy describes
// the previous checkpoint, whose pages are never overwritten before the switch (shadow paging).
//
// Header page payload (after the 48-byte page header; page kind 1; offsets from the page start,
// all integers little endian):
//
//   offset  size  field
//     48     8    magic              "FLUXDB\0\0"
//     56     4    format_version     1; a reader refuses any version it does not know
//     60     4    page_size          bytes per page, a power of two in [4096, 1048576]
//     64     8    page_count         pages in the file (file length / page_size)
//     72     8    free_list_head     first free-list trunk page, 0 = no free pages
//     80     8    free_page_count    pages listed in the free-list trunks
//     88     8    catalog_heap_root  first directory page of the catalog heap, 0 = empty
//     96     8    chunk_heap_root    first directory page of the chunk-metadata heap, 0 = empty
//    104     8    checkpoint_id      incremented by every checkpoint; the WAL names it
//    112     8    next_object_id     next catalog object id to hand out
//    120     8    next_chunk_id      next column chunk id to hand out
//    128     8    feature_flags      0; a reader refuses bits it does not know
//    136     8    last_commit        commit timestamp of the last transaction in the file
//    144     -    zero
//
// The first 4096 bytes of page 0 hold every field, so the page size is read from them before the
// whole page is read and checksummed.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "storage/file_handle.h"

namespace fluxdb {

inline constexpr char kFileMagic[8] = {'F', 'L', 'U', 'X', 'D', 'B', '\0', '\0'};
inline constexpr uint32_t kFormatVersion = 1;
inline constexpr uint64_t kKnownFeatureFlags = 0;
/// Pages 0 and 1 are the header slots; the first page anything else may use.
inline constexpr uint64_t kFirstDataPage = 2;

struct DatabaseHeader {
  uint32_t format_version = kFormatVersion;
  uint32_t page_size = 0;
  uint64_t page_count = kFirstDataPage;
  uint64_t free_list_head = 0;
  uint64_t free_page_count = 0;
  uint64_t catalog_heap_root = 0;
  uint64_t chunk_heap_root = 0;
  uint64_t checkpoint_id = 0;
  uint64_t next_object_id = 1;
  uint64_t next_chunk_id = 1;
  uint64_t feature_flags = 0;
  uint64_t last_commit = 0;
};

/// Formats and checksums the header page for `header` (page checkpoint_id % 2).
void WriteHeaderPage(const DatabaseHeader& header, uint8_t* page);
/// The slot a header goes to.
inline uint64_t HeaderSlot(uint64_t checkpoint_id) { return checkpoint_id % 2; }

/// Reads both header slots of an existing file and returns the current header. Refuses a file
/// that is not a FluxDB database, has an unknown version or feature, or two damaged headers.
StatusOr<DatabaseHeader> ReadDatabaseHeader(const FileHandle& file);

}  // namespace fluxdb
