#include "execution/aggregate/aggregate_hash_table.h"

namespace fluxdb {

namespace {
constexpr idx_t kStateAlignment = 16;
idx_t AlignUp(idx_t n) { return (n + kStateAlignment - 1) / kStateAlignment * kStateAlignment; }
}  // namespace

AggregateHashTable::AggregateHashTable(std::vector<LogicalType> key_types,
                                       std::vector<const BoundExpression*> aggregates,
                                       idx_t expected_groups)
    : groups_(std::move(key_types), expected_groups), aggregates_(std::move(aggregates)) {
  for (const BoundExpression* aggregate : aggregates_) {
    offsets_.push_back(row_size_);
    row_size_ += AlignUp(aggregate->aggregate->state_size(*aggregate));
  }
  if (row_size_ == 0) row_size_ = kStateAlignment;
}

AggregateHashTable::~AggregateHashTable() {
  std::vector<StatePtr> states;
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    const BoundExpression& expr = *aggregates_[a];
    if (expr.aggregate->destroy == nullptr) continue;
    states.clear();
    for (uint32_t g = 0; g < initialized_groups_; g++) states.push_back(StateOf(g, a));
    expr.aggregate->destroy(expr, states.data(), states.size());
  }
}

idx_t AggregateHashTable::memory_usage() const {
  return groups_.memory_usage() + blocks_.size() * kVectorSize * row_size_;
}

void AggregateHashTable::EnsureStates(idx_t groups) {
  while (blocks_.size() * kVectorSize < groups) {
    // uint8_t[] from new[] is aligned for any fundamental type (16 bytes on x86-64).
    blocks_.push_back(std::make_unique_for_overwrite<uint8_t[]>(kVectorSize * row_size_));
    memory_.Set(blocks_.size() * kVectorSize * row_size_);
  }
  for (; initialized_groups_ < groups; initialized_groups_++) {
    for (idx_t a = 0; a < aggregates_.size(); a++) {
      const BoundExpression& expr = *aggregates_[a];
      expr.aggregate->initialize(expr, StateOf(static_cast<uint32_t>(initialized_groups_), a));
    }
  }
}

void AggregateHashTable::FindOrCreateGroups(const DataChunk& keys, uint32_t* group_ids) {
  groups_.FindOrCreateGroups(keys, group_ids);
  EnsureStates(groups_.group_count());
}

Status AggregateHashTable::UpdateAggregate(idx_t a, const Vector* inputs, idx_t input_count,
                                           const uint32_t* group_ids, idx_t count) {
  StatePtr states[kVectorSize];
  // The state blocks hold kVectorSize groups each: shift and mask, no division.
  static_assert((kVectorSize & (kVectorSize - 1)) == 0);
  const idx_t offset = offsets_[a];
  const auto* blocks = blocks_.data();
  for (idx_t i = 0; i < count; i++) {
    uint32_t g = group_ids[i];
    states[i] = blocks[g / kVectorSize].get() + (g % kVectorSize) * row_size_ + offset;
  }
  const BoundExpression& expr = *aggregates_[a];
  return expr.aggregate->update(expr, inputs, input_count, states, count);
}

Status AggregateHashTable::UpdateAggregate(idx_t a, const Vector* inputs, idx_t input_count,
                                           const StatePtr* rows, idx_t count) {
  StatePtr states[kVectorSize];
  const idx_t offset = offsets_[a];
  for (idx_t i = 0; i < count; i++) states[i] = rows[i] + offset;
  const BoundExpression& expr = *aggregates_[a];
  return expr.aggregate->update(expr, inputs, input_count, states, count);
}

Status AggregateHashTable::MergeChunk(AggregateHashTable& other, const DataChunk& keys,
                                      const uint32_t* ids) {
  uint32_t group_ids[kVectorSize];
  StatePtr sources[kVectorSize];
  StatePtr targets[kVectorSize];
  FindOrCreateGroups(keys, group_ids);
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    for (idx_t i = 0; i < keys.size(); i++) {
      sources[i] = other.StateOf(ids[i], a);
      targets[i] = StateOf(group_ids[i], a);
    }
    const BoundExpression& expr = *aggregates_[a];
    FLUX_RETURN_IF_ERROR(expr.aggregate->combine(expr, sources, targets, keys.size()));
  }
  return Status();
}

Status AggregateHashTable::Merge(AggregateHashTable& other) {
  uint32_t ids[kVectorSize];
  for (idx_t c = 0; c < other.groups_.key_chunk_count(); c++) {
    const DataChunk& keys = other.groups_.key_chunk(c);
    for (idx_t i = 0; i < keys.size(); i++) ids[i] = static_cast<uint32_t>(c * kVectorSize + i);
    FLUX_RETURN_IF_ERROR(MergeChunk(other, keys, ids));
  }
  return Status();
}

Status AggregateHashTable::MergeGroups(AggregateHashTable& other, const uint32_t* groups,
                                       idx_t count) {
  SelectionVector slots(kVectorSize);
  idx_t i = 0;
  while (i < count) {
    // The groups of one key chunk at a time.
    idx_t chunk = groups[i] / kVectorSize;
    idx_t n = 0;
    while (i + n < count && groups[i + n] / kVectorSize == chunk) {
      slots.set_index(n, groups[i + n] % kVectorSize);
      n++;
    }
    DataChunk keys;
    keys.Reference(other.groups_.key_chunk(chunk));
    keys.Slice(slots, n);
    FLUX_RETURN_IF_ERROR(MergeChunk(other, keys, groups + i));
    i += n;
  }
  return Status();
}

Status AggregateHashTable::Scan(idx_t chunk_index, DataChunk& out) const {
  const DataChunk& keys = groups_.key_chunk(chunk_index);
  idx_t key_count = groups_.key_types().size();
  for (idx_t c = 0; c < key_count; c++) out.column(c).Reference(keys.column(c));
  StatePtr states[kVectorSize];
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    for (idx_t i = 0; i < keys.size(); i++) {
      states[i] = StateOf(static_cast<uint32_t>(chunk_index * kVectorSize + i), a);
    }
    const BoundExpression& expr = *aggregates_[a];
    Vector& result = out.column(key_count + a);
    result.ResetToFlat();
    FLUX_RETURN_IF_ERROR(expr.aggregate->finalize(expr, states, result, keys.size(), 0));
  }
  out.SetCardinality(keys.size());
  return Status();
}

}  // namespace fluxdb
