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
  AggregateHashTable(std::vector<LogicalType> key_types,
                     std::vector<const BoundExpression*> aggregates);
  ~AggregateHashTable();
  AggregateHashTable(const AggregateHashTable&) = delete;
  AggregateHashTable& operator=(const AggregateHashTable&) = delete;

  /// Finds or creates the groups of `keys` and returns their ids in `group_ids`.
  void FindOrCreateGroups(const DataChunk& keys, uint32_t* group_ids);
  /// Updates aggregate `a` for rows whose groups are `group_ids`, with its evaluated arguments
  /// `inputs` (count rows).
  Status UpdateAggregate(idx_t a, const Vector* inputs, idx_t input_count,
                         const uint32_t* group_ids, idx_t count);
  /// Merges every group and state of `other` (same layout) into this table.
  Status Merge(AggregateHashTable& other);
  /// Writes keys then finalized aggregates of key chunk `chunk_index` to `out`.
  Status Scan(idx_t chunk_index, DataChunk& out) const;

  idx_t group_count() const { return groups_.group_count(); }
  idx_t chunk_count() const { return groups_.key_chunk_count(); }
  GroupHashTable& groups() { return groups_; }
  StatePtr StateOf(uint32_t group, idx_t aggregate) const {
    return blocks_[group / kVectorSize].get() + (group % kVectorSize) * row_size_ +
           offsets_[aggregate];
  }
  idx_t memory_usage() const;

 private:
  void EnsureStates(idx_t groups);

  GroupHashTable groups_;
  std::vector<const BoundExpression*> aggregates_;
  std::vector<idx_t> offsets_;
  idx_t row_size_ = 0;
  idx_t initialized_groups_ = 0;
  std::vector<std::unique_ptr<uint8_t[]>> blocks_;
  MemoryCharge memory_;  // the state blocks (groups_ charges its own)
};

}  // namespace fluxdb
