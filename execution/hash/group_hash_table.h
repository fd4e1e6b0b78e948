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
//
// A single integer key whose values seen so far span at most kDirectMaxRange (a code, a year, a
// flag) is looked up in a direct map from key - min to group first: no hashing and no key
// comparison per row. The map only caches groups of the hash table, which still creates them
// (and stays complete), so the map is simply dropped once the keys' range outgrows it.
//
// Keys that arrive as dictionary vectors with few entries in use (a flag column, a filtered
// code) are looked up once per combination of entries, not once per row.
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
  /// Keys that are all dictionary vectors with few combinations of entries in use: looks up one
  /// row per combination (ProbeKeys) and hands its group to the others. False if not applicable.
  template <bool kCreate>
  bool ProbeDictionary(const DataChunk& keys, uint32_t* group_ids, SelectionVector* new_rows,
                       idx_t* created);
  /// The direct map if usable, else ProbeHash.
  template <bool kCreate>
  idx_t ProbeKeys(const DataChunk& keys, uint32_t* group_ids, SelectionVector* new_rows);
  template <bool kCreate>
  idx_t ProbeHash(const DataChunk& keys, uint32_t* group_ids, SelectionVector* new_rows);
  template <typename T, bool kCreate>
  idx_t ProbeDirect(const DataChunk& keys, uint32_t* group_ids, SelectionVector* new_rows);
  /// Makes the direct map cover [lo, hi]; false (and the map dropped) if it cannot.
  bool CoverDirect(int64_t lo, int64_t hi);
  void DropDirect();

  std::vector<LogicalType> key_types_;
  std::vector<DataChunk> key_chunks_;
  std::vector<std::vector<StoredColumn>> stored_;  // [column][chunk]
  std::vector<uint64_t> group_hashes_;
  std::vector<Entry> entries_;
  uint64_t mask_ = 0;
  idx_t group_count_ = 0;
  idx_t expected_groups_;
  idx_t rows_seen_ = 0;
  static constexpr uint64_t kDirectMaxRange = uint64_t{1} << 16;
  bool direct_ = false;  // the direct map is in use
  int64_t direct_min_ = 0;
  std::vector<uint32_t> direct_map_;  // group + 1 of key direct_min_ + i; 0: not looked up yet
  uint32_t direct_null_ = 0;          // group + 1 of the NULL key
  MemoryCharge memory_;               // memory_usage(), charged to the running query
};

}  // namespace fluxdb
