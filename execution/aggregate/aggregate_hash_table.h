// AggregateHashTable: GROUP BY state: a GroupHashTable for the keys plus one row of aggregate
// states per group, stored in fixed-size blocks so state pointers never move.
#pragma once

#include <memory>
#include <vector>

#include "common/memory_tracker.h"
#include "execution/aggregate/aggregate_function.h"
#include "execution/hash/group_hash_table.h"

namespace fluxdb {

class AggregateHashTable {
 public:
  /// `aggregates` are bound kAggregate expressions (not DISTINCT); they must outlive the table.
  /// `expected_groups` (0: unknown) sizes the table (GroupHashTable).
  AggregateHashTable(std::vector<LogicalType> key_types,
                     std::vector<const BoundExpression*> aggregates, idx_t expected_groups = 0);
  ~AggregateHashTable();
  AggregateHashTable(const AggregateHashTable&) = delete;
  AggregateHashTable& operator=(const AggregateHashTable&) = delete;

  /// Finds or creates the groups of `keys` and returns their ids in `group_ids`.
  void FindOrCreateGroups(const DataChunk& keys, uint32_t* group_ids);
  /// Updates aggregate `a` for rows whose groups are `group_ids`, with its evaluated arguments
  /// `inputs` (count rows).
  Status UpdateAggregate(idx_t a, const Vector* inputs, idx_t input_count,
                         const uint32_t* group_ids, idx_t count);
  /// rows[i] = the start of group_ids[i]'s states, for the overload below.
  void GroupRows(const uint32_t* group_ids, idx_t count, StatePtr* rows) const {
    for (idx_t i = 0; i < count; i++) {
      uint32_t g = group_ids[i];
      rows[i] = blocks_[g / kVectorSize].get() + (g % kVectorSize) * row_size_;
    }
  }
  /// UpdateAggregate for rows whose groups' states start at `rows` (GroupRows).
  Status UpdateAggregate(idx_t a, const Vector* inputs, idx_t input_count, const StatePtr* rows,
                         idx_t count);
  /// Merges every group and state of `other` (same layout) into this table.
  Status Merge(AggregateHashTable& other);
  /// Merges the groups `groups[0..count)` (ascending ids) of `other` into this table.
  Status MergeGroups(AggregateHashTable& other, const uint32_t* groups, idx_t count);
  /// Writes keys then finalized aggregates of key chunk `chunk_index` to `out`.
  Status Scan(idx_t chunk_index, DataChunk& out) const;

  idx_t group_count() const { return groups_.group_count(); }
  idx_t chunk_count() const { return groups_.key_chunk_count(); }
  GroupHashTable& groups() { return groups_; }
  const GroupHashTable& groups() const { return groups_; }
  StatePtr StateOf(uint32_t group, idx_t aggregate) const {
    return blocks_[group / kVectorSize].get() + (group % kVectorSize) * row_size_ +
           offsets_[aggregate];
  }
  idx_t memory_usage() const;

 private:
  void EnsureStates(idx_t groups);
  /// Merges groups of `other` whose keys are `keys` and ids `ids` (count of them).
  Status MergeChunk(AggregateHashTable& other, const DataChunk& keys, const uint32_t* ids);

  GroupHashTable groups_;
  std::vector<const BoundExpression*> aggregates_;
  std::vector<idx_t> offsets_;
  idx_t row_size_ = 0;
  idx_t initialized_groups_ = 0;
  std::vector<std::unique_ptr<uint8_t[]>> blocks_;
  MemoryCharge memory_;  // the state blocks (groups_ charges its own)
};

}  // namespace fluxdb
