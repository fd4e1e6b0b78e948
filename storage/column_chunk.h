// ColumnChunk: one sealed column of one row group, and ChunkReader, which reads it back.
//
// Data pages (page kind 5). A chunk's bytes are the validity bitmap followed by the encoded
// values; they are cut into pieces of at most page_size - 48 bytes, stored in order on the
// chunk's pages (ChunkMetadata::pages, runs of consecutive page ids, in order). Each data page:
//
//   page header   kind 5; table_id, column_index, chunk_id of the owner; sequence = the page's
//                 position within the chunk (0, 1, ...); used_bytes = bytes of the chunk on this
//                 page (page_size - 48 on every page but the last)
//   48 ..         the chunk's bytes [sequence * (page_size - 48), + used_bytes); the rest zero
//
// Validity bitmap: absent (validity_bytes = 0) when the chunk has no NULL; otherwise
// ceil(row_count / 64) little-endian u64 words, bit (r % 64) of word (r / 64) set when row r is
// valid (not NULL); bits past row_count are zero. Values: the codec's bytes, starting with the
// encoding id (docs/ENCODINGS.md); the values of NULL rows are unspecified.
//
// A chunk that fits one page is decoded in place while its page stays pinned; a longer chunk is
// assembled into one buffer first.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "storage/buffer_cache.h"
#include "storage/chunk_metadata.h"
#include "storage/compression/codec.h"
#include "storage/data_table.h"
#include "storage/metadata_heap.h"
#include "storage/page_allocator.h"

namespace fluxdb {

class ColumnChunk {
 public:
  ColumnChunk(ChunkMetadata metadata, LogicalType type, PageAllocator* allocator)
      : metadata_(std::move(metadata)), type_(type), allocator_(allocator) {}
  ~ColumnChunk();
  ColumnChunk(const ColumnChunk&) = delete;
  ColumnChunk& operator=(const ColumnChunk&) = delete;

  const ChunkMetadata& metadata() const { return metadata_; }
  const LogicalType& type() const { return type_; }
  /// The chunk was replaced or its table dropped: its pages are freed when the last scan
  /// holding it lets go.
  void MarkObsolete() { obsolete_.store(true); }

  /// Where the chunk's record is in the chunk-metadata heap (invalid until the checkpoint
  /// that writes it). Written and read under the database's write lock only.
  RecordId heap_record;

 private:
  ChunkMetadata metadata_;
  LogicalType type_;
  PageAllocator* allocator_;
  std::atomic<bool> obsolete_{false};
};

class ChunkReader {
 public:
  /// Pins the chunk's pages, checks that they belong to it and opens the decoder. Counts pages
  /// read/cached and bytes read in `stats` (may be null).
  Status Open(const ColumnChunk& chunk, BufferCache& cache, ScanStatistics* stats);
  bool is_open() const { return decoder_ != nullptr; }
  void Close();
  /// Decodes rows [offset, offset + count) (count <= kVectorSize) into `out`, NULLs included.
  void Read(idx_t offset, idx_t count, Vector& out);
  /// Whether any row in [offset, offset + count) is NULL.
  bool HasNulls(idx_t offset, idx_t count) const;

 private:
  PageHandle page_;     // single-page chunks: decoded in place
  std::string buffer_;  // multi-page chunks: assembled bytes
  const uint8_t* validity_ = nullptr;
  std::unique_ptr<compression::ChunkDecoder> decoder_;
  idx_t row_count_ = 0;
};

}  // namespace fluxdb
