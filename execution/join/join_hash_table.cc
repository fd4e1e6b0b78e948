#include "execution/join/join_hash_table.h"

#include "execution/function/comparison_kernels.h"
#include "execution/hash/vector_hash.h"

namespace fluxdb {

namespace {
template <typename T>
bool CompareKey(const Vector& stored, idx_t row, const UnifiedVector& probe, idx_t index) {
  return CompareValues<T>(stored.data<T>()[row], probe.values<T>()[index]) == 0;
}
}  // namespace

JoinHashTable::JoinHashTable(ChunkCollection rows, idx_t payload_count,
                             std::vector<ComparisonType> comparisons)
    : rows_(std::move(rows)),
      payload_count_(payload_count),
      comparisons_(std::move(comparisons)),
      keyless_(comparisons_.empty()) {
  const auto& types = rows_.types();
  for (idx_t k = 0; k < comparisons_.size(); k++) {
    compare_.push_back(DispatchPhysical(types[payload_count_ + k].physical(),
                                        [&]<typename T>() -> KeyCompare { return CompareKey<T>; }));
  }
  has_null_key_.assign(comparisons_.size(), false);
  for (idx_t c = 0; c < rows_.chunk_count(); c++) {
    const DataChunk& chunk = rows_.chunk(c);
    for (idx_t r = 0; r < chunk.size(); r++) {
      refs_.push_back(RowRef{static_cast<uint32_t>(c), static_cast<uint32_t>(r)});
    }
  }
  idx_t n = refs_.size();
  matched_ = std::make_unique<std::atomic<uint8_t>[]>(n == 0 ? 1 : n);
  for (idx_t i = 0; i < n; i++) matched_[i].store(0, std::memory_order_relaxed);
  next_.assign(n, kEnd);
  memory_.Set(n * (sizeof(RowRef) + sizeof(uint32_t) + 1));
  if (keyless_) {
    for (idx_t i = 0; i + 1 < n; i++) next_[i] = static_cast<uint32_t>(i + 1);
    return;
  }
  idx_t capacity = 1;
  while (capacity < n * 2) capacity *= 2;
  buckets_.assign(capacity, kEnd);
  mask_ = capacity - 1;
  memory_.Set(n * (sizeof(RowRef) + sizeof(uint32_t) + 1) + capacity * sizeof(uint32_t));
  uint64_t hashes[kVectorSize];
  idx_t row = 0;
  for (idx_t c = 0; c < rows_.chunk_count(); c++) {
    const DataChunk& chunk = rows_.chunk(c);
    idx_t count = chunk.size();
    // Rows whose kEqual key is NULL can never match: leave them out of the chains.
    std::vector<bool> skip(count, false);
    for (idx_t k = 0; k < comparisons_.size(); k++) {
      const Vector& key = chunk.column(payload_count_ + k);
      HashVector(key, count, hashes, k > 0);
      for (idx_t r = 0; r < count; r++) {
        if (!key.validity().IsValid(r)) {
          has_null_key_[k] = true;
          if (comparisons_[k] == ComparisonType::kEqual) skip[r] = true;
        }
      }
    }
    for (idx_t r = 0; r < count; r++) {
      if (skip[r]) continue;
      uint32_t id = static_cast<uint32_t>(row + r);
      uint64_t bucket = hashes[r] & mask_;
      next_[id] = buckets_[bucket];
      buckets_[bucket] = id;
    }
    row += count;
  }
}

bool JoinHashTable::KeysMatch(uint32_t row, const std::vector<UnifiedVector>& keys,
                              idx_t probe_index) const {
  const RowRef& r = refs_[row];
  const DataChunk& chunk = rows_.chunk(r.chunk);
  for (idx_t k = 0; k < keys.size(); k++) {
    const Vector& stored = chunk.column(payload_count_ + k);
    idx_t index = keys[k].index(probe_index);
    bool probe_valid = keys[k].validity->IsValid(index);
    bool stored_valid = stored.validity().IsValid(r.row);
    if (!probe_valid || !stored_valid) {
      if (comparisons_[k] == ComparisonType::kNotDistinctFrom && probe_valid == stored_valid) continue;
      return false;
    }
    if (!compare_[k](stored, r.row, keys[k], index)) return false;
  }
  return true;
}

}  // namespace fluxdb
