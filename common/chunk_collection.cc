#include "common/chunk_collection.h"

namespace fluxdb {

void ChunkCollection::Append(const DataChunk& input) {
  if (input.size() == 0) return;
  if (types_.empty()) types_ = input.types();
  idx_t offset = 0;
  while (offset < input.size()) {
    if (chunks_.empty() || chunks_.back().size() == kVectorSize) {
      chunks_.emplace_back();
      chunks_.back().Initialize(types_);
    }
    DataChunk& target = chunks_.back();
    idx_t n = std::min(kVectorSize - target.size(), input.size() - offset);
    for (idx_t c = 0; c < types_.size(); c++) {
      bool strings = types_[c].physical() == PhysicalType::kString;
      idx_t heap_before = strings ? target.column(c).string_heap().allocated_bytes() : 0;
      target.column(c).CopyRange(input.column(c), offset, n, target.size());
      if (strings) string_bytes_ += target.column(c).string_heap().allocated_bytes() - heap_before;
    }
    target.SetCardinality(target.size() + n);
    offset += n;
  }
  row_count_ += input.size();
  memory_.Set(memory_usage());
}

void ChunkCollection::Merge(ChunkCollection&& other) {
  if (types_.empty()) types_ = other.types_;
  for (auto& chunk : other.chunks_) chunks_.push_back(std::move(chunk));
  row_count_ += other.row_count_;
  string_bytes_ += other.string_bytes_;
  other.Clear();
  memory_.Set(memory_usage());
}

Value ChunkCollection::GetValue(idx_t column, idx_t row) const {
  for (const auto& chunk : chunks_) {
    if (row < chunk.size()) return chunk.GetValue(column, row);
    row -= chunk.size();
  }
  return Value();
}

idx_t ChunkCollection::memory_usage() const {
  idx_t bytes = 0;
  for (const auto& type : types_) bytes += type.physical_size();
  return bytes * chunks_.size() * kVectorSize + string_bytes_;
}

void ChunkCollection::Clear() {
  chunks_.clear();
  row_count_ = 0;
  string_bytes_ = 0;
  memory_.Set(0);
}

}  // namespace fluxdb
