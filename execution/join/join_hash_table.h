// JoinHashTable: the build side of a hash join, and the vectorized lookup of probe keys in it.
//
// Build rows are stored row-wise (RowLayout) as [next row, hash][keys...][payload...][validity]
// [matched], so that a match costs one cache miss for its keys and payload together. Rows with
// equal keys form one chain (linked through `next`); a lookup finds, for a whole vector of probe
// keys at once, the head of the chain of each probe row, and every row of that chain matches:
// after the lookup, the probe only walks chains and gathers payload, without comparing keys.
//
// The lookup structure is one of:
//  - perfect hashing: a single integer key whose build values span a range no larger than the
//    linear-probing table would be: entries[key - min] is the chain head; no hashing, no key
//    comparison;
//  - linear probing over 64-bit entries of (16-bit salt from the hash's top bits | 48-bit row
//    pointer), one entry per distinct key: the salt rejects almost every non-matching entry
//    without touching its row, and the keys of a candidate are compared column by column over
//    the whole vector with typed loops;
//  - no keys (nested loop): every row in one chain.
// Rows whose kEqual key is NULL never match and are left out of the chains (they still count for
// FULL joins' unmatched rows and for NOT IN's NULL semantics).
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "common/data_chunk.h"
#include "common/memory_tracker.h"
#include "execution/expression/bound_expression.h"
#include "execution/join/row_layout.h"

namespace fluxdb {

/// Build rows of a join before the table is made: each thread appends into its own, then they
/// are merged.
class JoinBuildRows {
 public:
  /// Rows hold `key_types` then `payload_types`.
  JoinBuildRows(const std::vector<LogicalType>& key_types,
                const std::vector<LogicalType>& payload_types);
  JoinBuildRows(JoinBuildRows&&) = default;
  JoinBuildRows& operator=(JoinBuildRows&&) = default;

  /// Appends the `payload.size()` rows of the evaluated keys and the payload columns.
  void Append(const DataChunk& keys, const DataChunk& payload);
  /// Moves every row of `other` (same layout) into this collection.
  void Merge(JoinBuildRows&& other);

  idx_t row_count() const { return row_count_; }
  const RowLayout& layout() const { return layout_; }

 private:
  friend class JoinHashTable;
  struct Block {
    std::unique_ptr<uint8_t[]> data;
    idx_t count = 0;
  };
  static constexpr idx_t kBlockRows = kVectorSize;
  void UpdateCharge();

  RowLayout layout_;
  idx_t key_count_;
  std::vector<Block> blocks_;
  std::vector<std::shared_ptr<StringHeap>> heaps_;
  std::vector<uint8_t> column_has_null_;
  idx_t row_count_ = 0;
  MemoryCharge memory_;  // blocks and string heaps
};

class JoinHashTable {
 public:
  /// Key k of the rows is compared with `comparisons[k]` (kEqual: NULL never matches;
  /// kNotDistinctFrom: NULL = NULL). The table is empty until InsertRows has run.
  JoinHashTable(JoinBuildRows rows, std::vector<ComparisonType> comparisons);

  /// Links the rows of task `task` of `task_count` (a share of the storage blocks) into the
  /// lookup structure. With task_count > 1 the tasks may run on as many threads at once (the
  /// entries are then swapped atomically); the table is ready once every task has run.
  void InsertRows(idx_t task, idx_t task_count);

  idx_t row_count() const { return rows_.row_count_; }
  idx_t payload_count() const { return rows_.layout_.column_count() - key_count_; }
  bool keyless() const { return key_count_ == 0; }
  /// True if some row has a NULL in key column `key` (for NOT IN semantics).
  bool has_null_key(idx_t key) const { return rows_.column_has_null_[key] != 0; }
  /// Whether the table is a direct index on a dense integer key (for EXPLAIN ANALYZE/tests).
  bool perfect() const { return perfect_; }
  /// Whether every chain has one row (no two build rows with equal keys), once InsertRows has
  /// run: each probe row then has at most one partner.
  bool unique() const { return !keyless() && !duplicates_.load(std::memory_order_relaxed); }

  /// heads[i] = the first build row whose keys equal row i of `keys` (count rows, one column
  /// per key; ignored when keyless), or null. Every row of that chain has the same keys.
  void FindChains(const DataChunk& keys, idx_t count, const uint8_t** heads) const;
  static const uint8_t* Next(const uint8_t* row) { return LoadValue<const uint8_t*>(row); }

  /// Writes the payload of rows[0..count) to columns [offset, offset + payload_count()) of
  /// `out`; with `rows_may_be_null`, null pointers give NULLs.
  void GatherPayload(const uint8_t* const* rows, idx_t count, DataChunk& out, idx_t offset,
                     bool rows_may_be_null) const;

  /// For FULL joins: marks and reads build rows that found a partner (any thread).
  void MarkMatched(const uint8_t* row) const {
    std::atomic_ref<uint8_t> flag(*const_cast<uint8_t*>(row + matched_offset_));
    if (flag.load(std::memory_order_relaxed) == 0) flag.store(1, std::memory_order_relaxed);
  }
  /// The rows of storage block `block` that no probe row matched; returns how many.
  idx_t UnmatchedRows(idx_t block, const uint8_t** rows) const;
  idx_t block_count() const { return rows_.blocks_.size(); }

 private:
  static constexpr int kSaltShift = 48;
  static constexpr uint64_t kPointerMask = (uint64_t{1} << kSaltShift) - 1;
  static constexpr uint64_t kSaltMask = ~kPointerMask;
  using RowKeysEqual = bool (*)(const uint8_t* a, const uint8_t* b, idx_t offset,
                                idx_t validity_offset);

  static uint8_t* RowPointer(uint64_t entry) {
    return reinterpret_cast<uint8_t*>(entry & kPointerMask);
  }
  static void SetNext(uint8_t* row, const uint8_t* next) { StoreValue(row, next); }
  static uint64_t RowHash(const uint8_t* row) { return LoadValue<uint64_t>(row + 8); }
  bool Excluded(const uint8_t* row) const;
  bool TryPerfect();
  template <bool kConcurrent>
  void InsertBlocks(idx_t task, idx_t task_count);
  bool RowsEqual(const uint8_t* a, const uint8_t* b) const;
  void FindLinear(const std::vector<UnifiedVector>& views, const uint64_t* hashes,
                  const sel_t* active, idx_t count, const uint8_t** heads) const;

  JoinBuildRows rows_;
  std::vector<ComparisonType> comparisons_;
  idx_t key_count_;
  idx_t matched_offset_;
  std::shared_ptr<const void> strings_;  // every string heap of the rows, for KeepAlive
  std::vector<RowKeysEqual> row_equal_;
  std::vector<uint64_t> entries_;
  uint64_t mask_ = 0;
  bool perfect_ = false;
  int64_t perfect_min_ = 0;
  uint64_t perfect_range_ = 0;
  uint64_t null_chain_ = 0;  // perfect hashing, kNotDistinctFrom: rows with a NULL key
  uint8_t* keyless_head_ = nullptr;
  std::atomic<bool> duplicates_{false};  // some chain has more than one row
  MemoryCharge memory_;                  // entries_ (the rows charge their own)
};

}  // namespace fluxdb
