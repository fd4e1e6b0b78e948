// GroupHashTable: maps key tuples to dense group ids 0, 1, 2, ... and stores the keys.
//
// The keys of group g live column-wise in key chunk g / kVectorSize, row g % kVectorSize. The
// table itself is open addressing over (salt, group) entries. Lookups are vectorized: a round
// claims empty slots for new keys, then compares all candidate rows column by column against the
// stored keys (typed loops over raw column pointers); rows that lose move to the next slot and go
// round again. NULL keys equal each other (GROUP BY semantics).
//
// The table doubles when half full. With an expected group count (the planner's estimate), a
// table whose input keeps making new groups grows straight to that size instead, so a large
// GROUP BY does not re-insert every group a dozen times.
#pragma once

#include <cstdint>
#include <vector>

#include "common/data_chunk.h"
#include "common/memory_tracker.h"

namespace fluxdb {

class GroupHashTable {
 public:
  explicit GroupHashTable(std::vector<LogicalType> key_types, idx_t expected_groups = 0);
  GroupHashTable(GroupHashTable&&) = default;
  GroupHashTable& operator=(GroupHashTable&&) = default;

  /// For each of the `keys.size()` rows, writes its group id to group_ids (creating new groups
  /// as needed). If `new_rows` is given, the rows that created a group are written to it and
  /// their number returned (else 0).
  idx_t FindOrCreateGroups(const DataChunk& keys, uint32_t* group_ids,
                           SelectionVector* new_rows = nullptr);
  /// Like FindOrCreateGroups but never creates: missing keys get kNoGroup.
  void FindGroups(const DataChunk& keys, uint32_t* group_ids) const;
  static constexpr uint32_t kNoGroup = UINT32_MAX;

  idx_t group_count() const { return group_count_; }
  const std::vector<LogicalType>& key_types() const { return key_types_; }
  /// Chunk `i` of the stored keys (kVectorSize groups each, the last one partial).
  const DataChunk& key_chunk(idx_t i) const { return key_chunks_[i]; }
  idx_t key_chunk_count() const { return key_chunks_.size(); }
  /// The hash of group `g`'s keys (as HashVector computes it).
  uint64_t group_hash(uint32_t g) const { return group_hashes_[g]; }
  idx_t memory_usage() const;

 private:
  struct Entry {
    uint32_t salt;   // high hash bits, to skip most key comparisons
    uint32_t group;  // group id + 1; 0 = empty
  };
  // Where key column c of key chunk i lives (refreshed whenever the chunk is written).
  struct StoredColumn {
    const uint8_t* data;
    const uint64_t* validity;  // null: every row valid
  };
  void Reserve(idx_t rows);
  void RefreshStoredColumns(idx_t chunk);
  void Resize(idx_t capacity);
  void AppendKeys(const DataChunk& keys, const SelectionVector& rows, idx_t count);
  /// Compares input rows against candidate groups; rows in `sel` that match stay, others are
  /// written to `mismatch`. Returns the number of matches (compacted in sel).
  idx_t CompareKeys(const DataChunk& keys, const uint32_t* candidates, SelectionVector& sel,
                    idx_t count, SelectionVector& mismatch, idx_t* mismatch_count) const;
  template <bool kCreate>
  idx_t Probe(const DataChunk& keys, uint32_t* group_ids, SelectionVector* new_rows);

  std::vector<LogicalType> key_types_;
  std::vector<DataChunk> key_chunks_;
  std::vector<std::vector<StoredColumn>> stored_;  // [column][chunk]
  std::vector<uint64_t> group_hashes_;
  std::vector<Entry> entries_;
  uint64_t mask_ = 0;
  idx_t group_count_ = 0;
  idx_t expected_groups_;
  idx_t rows_seen_ = 0;
  MemoryCharge memory_;  // memory_usage(), charged to the running query
};

}  // namespace fluxdb
