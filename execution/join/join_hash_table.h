// JoinHashTable: the build side of a join, materialized, with chained hash buckets over the
// equality keys.
//
// Rows are stored as [payload columns..., key columns...] in a ChunkCollection. Buckets hold the
// first row of a chain; `next` links rows with the same bucket. A join without equality keys
// puts every row in one chain, which makes the same probe code a nested-loop join.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "common/chunk_collection.h"
#include "common/memory_tracker.h"
#include "execution/expression/bound_expression.h"
#include "execution/sort/row_sorter.h"

namespace fluxdb {

class JoinHashTable {
 public:
  static constexpr uint32_t kEnd = UINT32_MAX;

  /// `payload_count` leading columns of `rows` are the right side's outputs; the rest are keys
  /// compared with `comparisons` (kEqual: NULL never matches; kNotDistinctFrom: NULL = NULL).
  JoinHashTable(ChunkCollection rows, idx_t payload_count, std::vector<ComparisonType> comparisons);

  idx_t row_count() const { return refs_.size(); }
  idx_t payload_count() const { return payload_count_; }
  const ChunkCollection& rows() const { return rows_; }
  RowRef ref(uint32_t row) const { return refs_[row]; }
  /// True if some row has a NULL in key column `key` (for NOT IN semantics).
  bool has_null_key(idx_t key) const { return has_null_key_[key]; }

  /// First row of the chain for a probe hash (kEnd if none). Without keys, row 0.
  uint32_t First(uint64_t hash) const {
    if (keyless_) return refs_.empty() ? kEnd : 0;
    return buckets_.empty() ? kEnd : buckets_[hash & mask_];
  }
  uint32_t Next(uint32_t row) const { return next_[row]; }
  bool keyless() const { return keyless_; }

  /// Whether build row `row` has key values equal to probe row `probe_index` of `keys`
  /// (UnifiedVector views, one per key).
  bool KeysMatch(uint32_t row, const std::vector<UnifiedVector>& keys, idx_t probe_index) const;

  /// For RIGHT / FULL joins: marks and reads build rows that found a partner.
  void MarkMatched(uint32_t row) { matched_[row].store(1, std::memory_order_relaxed); }
  bool WasMatched(uint32_t row) const { return matched_[row].load(std::memory_order_relaxed) != 0; }

 private:
  using KeyCompare = bool (*)(const Vector& stored, idx_t row, const UnifiedVector& probe, idx_t index);

  ChunkCollection rows_;
  idx_t payload_count_;
  std::vector<ComparisonType> comparisons_;
  std::vector<KeyCompare> compare_;
  std::vector<RowRef> refs_;
  std::vector<uint32_t> buckets_;
  std::vector<uint32_t> next_;
  std::vector<bool> has_null_key_;
  std::unique_ptr<std::atomic<uint8_t>[]> matched_;
  uint64_t mask_ = 0;
  bool keyless_;
  MemoryCharge memory_;  // refs, chains and buckets (rows_ charges its own)
};

}  // namespace fluxdb
