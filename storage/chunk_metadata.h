// What the chunk-metadata heap stores: one ChunkMetadata per sealed column chunk and one
// RowGroupMetadata per row group of every table (row count and deleted rows). Together with the
// catalog records they are everything needed to rebuild the tables on open.
//
// A chunk's bytes live on its data pages (see column_chunk.h): the validity bitmap
// (`validity_bytes`, 0 when the chunk has no NULLs) followed by the encoded values
// (`encoded_bytes`, starting with the encoding id byte, see docs/ENCODINGS.md).
#pragma once

#include <cstdint>
#include <vector>

#include "common/value.h"
#include "storage/compression/codec.h"
#include "storage/page_allocator.h"

namespace fluxdb {

struct ChunkMetadata {
  uint32_t table_id = 0;
  uint32_t column_index = 0;
  uint64_t row_group_index = 0;
  uint64_t row_start = 0;  // row id of the first row
  uint64_t row_count = 0;
  uint64_t chunk_id = 0;
  compression::Encoding encoding = compression::Encoding::kPlain;
  uint64_t validity_bytes = 0;
  uint64_t encoded_bytes = 0;
  uint64_t uncompressed_bytes = 0;  // row_count * value width (+ string bytes)
  Value min;                        // NULL when the chunk has no non-NULL value
  Value max;
  uint64_t null_count = 0;
  uint64_t distinct_estimate = 0;  // 0 = unknown
  std::vector<PageRun> pages;

  uint64_t total_bytes() const { return validity_bytes + encoded_bytes; }
  uint64_t page_count() const {
    uint64_t n = 0;
    for (const PageRun& r : pages) n += r.count;
    return n;
  }
  bool operator==(const ChunkMetadata&) const = default;
};

struct RowGroupMetadata {
  uint32_t table_id = 0;
  uint64_t row_group_index = 0;
  uint64_t row_count = 0;
  /// Rewritten by vacuum: no more appends go to this group (the next row starts a new one).
  bool closed = false;
  std::vector<uint32_t> deleted_rows;  // ascending row offsets within the row group
  bool operator==(const RowGroupMetadata&) const = default;
};

}  // namespace fluxdb
