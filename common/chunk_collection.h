// ChunkCollection: rows materialized as a list of flat data chunks of one schema.
//
// Operators that must hold their input (sort, hash-join build, window, results) append chunks
// here; strings are copied into the collection's chunks, so the input may be reused afterwards.
#pragma once

#include <vector>

#include "common/data_chunk.h"
#include "common/memory_tracker.h"

namespace fluxdb {

class ChunkCollection {
 public:
  ChunkCollection() = default;
  explicit ChunkCollection(std::vector<LogicalType> types) : types_(std::move(types)) {}
  ChunkCollection(ChunkCollection&&) = default;
  ChunkCollection& operator=(ChunkCollection&&) = default;

  const std::vector<LogicalType>& types() const { return types_; }
  idx_t row_count() const { return row_count_; }
  idx_t chunk_count() const { return chunks_.size(); }
  DataChunk& chunk(idx_t i) { return chunks_[i]; }
  const DataChunk& chunk(idx_t i) const { return chunks_[i]; }

  /// Copies every row of `input` (any vector encodings) to the end of the collection.
  void Append(const DataChunk& input);
  /// Moves all chunks of `other` (same types) to the end.
  void Merge(ChunkCollection&& other);
  /// Row `row` of column `column`, boxed (for tests and edges).
  Value GetValue(idx_t column, idx_t row) const;
  /// Bytes held (approximate), for memory accounting.
  idx_t memory_usage() const;
  void Clear();

 private:
  std::vector<LogicalType> types_;
  std::vector<DataChunk> chunks_;
  idx_t row_count_ = 0;
  idx_t string_bytes_ = 0;  // bytes of the chunks' string heaps
  MemoryCharge memory_;     // memory_usage(), charged to the running query
};

}  // namespace fluxdb
