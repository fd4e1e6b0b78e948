// Sealing: turns the in-memory rows of one column of a row group into a persistent column chunk.
//
// The rows are gathered into one array, their exact statistics computed, the smallest encoding
// chosen (compression::ChooseEncoding, unless forced), and the validity bitmap plus the encoded
// values written to newly allocated data pages tagged with the chunk's owner (see column_chunk.h
// for the layout). The pages are dirty in the buffer cache; the checkpoint writes them.
#pragma once

#include <optional>

#include "common/status.h"
#include "storage/buffer_cache.h"
#include "storage/chunk_metadata.h"
#include "storage/compression/codec.h"
#include "storage/page_allocator.h"
#include "storage/transient_column.h"

namespace fluxdb {

struct ChunkTarget {
  BufferCache* cache = nullptr;
  PageAllocator* allocator = nullptr;
  uint32_t table_id = 0;
  uint32_t column_index = 0;
  uint64_t row_group_index = 0;
  uint64_t chunk_id = 0;
  std::optional<compression::Encoding> forced_encoding;
};

/// Seals the first `row_count` rows of `column`.
StatusOr<ChunkMetadata> WriteColumnChunk(const ChunkTarget& target, const TransientColumn& column,
                                         idx_t row_count);

}  // namespace fluxdb
