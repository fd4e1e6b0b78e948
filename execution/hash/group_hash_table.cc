#include "execution/hash/group_hash_table.h"

#include <algorithm>

#include "execution/function/comparison_kernels.h"
#include "execution/hash/vector_hash.h"

namespace fluxdb {

namespace {
template <typename T>
inline bool KeyEqual(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    return CompareValues<T>(a, b) == 0;
  } else if constexpr (std::is_same_v<T, Interval>) {
    return CompareValues<T>(a, b) == 0;
  } else {
    return a == b;
  }
}
}  // namespace

GroupHashTable::GroupHashTable(std::vector<LogicalType> key_types, idx_t expected_groups)
    : key_types_(std::move(key_types)),
      stored_(key_types_.size()),
      expected_groups_(expected_groups) {
  Resize(1024);
}

idx_t GroupHashTable::memory_usage() const {
  idx_t bytes = entries_.size() * sizeof(Entry) + group_hashes_.size() * sizeof(uint64_t);
  for (const auto& type : key_types_)
    bytes += key_chunks_.size() * kVectorSize * type.physical_size();
  return bytes;
}

void GroupHashTable::Resize(idx_t capacity) {
  entries_.assign(capacity, Entry{0, 0});
  mask_ = capacity - 1;
  for (idx_t g = 0; g < group_count_; g++) {
    uint64_t h = group_hashes_[g];
    uint64_t slot = h & mask_;
    while (entries_[slot].group != 0) slot = (slot + 1) & mask_;
    entries_[slot] = Entry{static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(g + 1)};
  }
  memory_.Set(memory_usage());
}

void GroupHashTable::Reserve(idx_t rows) {
  idx_t needed = (group_count_ + rows) * 2;
  rows_seen_ += rows;
  if (needed <= entries_.size()) return;
  idx_t capacity = entries_.size();
  // Most rows made new groups so far: the estimate is probably not far off, grow to it at once.
  if (expected_groups_ > group_count_ && group_count_ * 2 >= rows_seen_ &&
      rows_seen_ >= 4 * kVectorSize) {
    needed = std::max(needed, expected_groups_ * 2);
  }
  while (needed > capacity) capacity *= 2;
  Resize(capacity);
}

void GroupHashTable::RefreshStoredColumns(idx_t chunk) {
  const DataChunk& keys = key_chunks_[chunk];
  for (idx_t c = 0; c < key_types_.size(); c++) {
    const Vector& column = keys.column(c);
    StoredColumn ref{column.raw_data(), column.validity().data()};
    if (stored_[c].size() <= chunk) {
      stored_[c].push_back(ref);
    } else {
      stored_[c][chunk] = ref;
    }
  }
}

void GroupHashTable::AppendKeys(const DataChunk& keys, const SelectionVector& rows, idx_t count) {
  idx_t done = 0;
  while (done < count) {
    if (key_chunks_.empty() || key_chunks_.back().size() == kVectorSize) {
      key_chunks_.emplace_back();
      key_chunks_.back().Initialize(key_types_);
    }
    DataChunk& target = key_chunks_.back();
    idx_t n = std::min(kVectorSize - target.size(), count - done);
    SelectionVector part(const_cast<sel_t*>(rows.data()) + done);
    for (idx_t c = 0; c < key_types_.size(); c++) {
      target.column(c).CopyRows(keys.column(c), part, n, target.size());
    }
    target.SetCardinality(target.size() + n);
    RefreshStoredColumns(key_chunks_.size() - 1);
    done += n;
  }
  memory_.Set(memory_usage());
}

idx_t GroupHashTable::CompareKeys(const DataChunk& keys, const uint32_t* candidates,
                                  SelectionVector& sel, idx_t count, SelectionVector& mismatch,
                                  idx_t* mismatch_count) const {
  for (idx_t c = 0; c < key_types_.size() && count > 0; c++) {
    UnifiedVector u;
    keys.column(c).ToUnified(keys.size(), &u);
    const StoredColumn* stored = stored_[c].data();
    idx_t kept = 0;
    idx_t missed = *mismatch_count;
    sel_t* matches = sel.data();
    sel_t* misses = mismatch.data();
    DispatchPhysical(key_types_[c].physical(), [&]<typename T>() {
      const T* input = u.values<T>();
      for (idx_t i = 0; i < count; i++) {
        sel_t row = matches[i];
        uint32_t group = candidates[row];
        const StoredColumn& column = stored[group / kVectorSize];
        idx_t slot = group % kVectorSize;
        idx_t idx = u.index(row);
        bool input_valid = u.validity->IsValid(idx);
        bool stored_valid =
            column.validity == nullptr || ((column.validity[slot >> 6] >> (slot & 63)) & 1);
        bool equal = input_valid == stored_valid &&
                     (!input_valid ||
                      KeyEqual<T>(input[idx], reinterpret_cast<const T*>(column.data)[slot]));
        // Branch-free: write the row to both lists, advance the one it belongs to.
        matches[kept] = row;
        misses[missed] = row;
        kept += equal;
        missed += !equal;
      }
    });
    *mismatch_count = missed;
    count = kept;
  }
  return count;
}

template <bool kCreate>
idx_t GroupHashTable::Probe(const DataChunk& keys, uint32_t* group_ids, SelectionVector* new_rows) {
  const idx_t count = keys.size();
  if (count == 0) return 0;
  if constexpr (kCreate) Reserve(count);
  uint64_t hashes[kVectorSize];
  uint64_t offsets[kVectorSize];
  uint32_t candidates[kVectorSize];
  for (idx_t c = 0; c < key_types_.size(); c++) HashVector(keys.column(c), count, hashes, c > 0);
  if (key_types_.empty()) {
    for (idx_t i = 0; i < count; i++) hashes[i] = 0;
  }
  for (idx_t i = 0; i < count; i++) {
    offsets[i] = hashes[i] & mask_;
    __builtin_prefetch(&entries_[offsets[i]]);
  }

  sel_t remaining_rows[kVectorSize], next_rows[kVectorSize], compare_rows[kVectorSize],
      created_rows[kVectorSize];
  SelectionVector next(next_rows), compare(compare_rows), created(created_rows);
  for (idx_t i = 0; i < count; i++) remaining_rows[i] = static_cast<sel_t>(i);
  idx_t remaining_count = count;
  idx_t total_new = 0;
  while (remaining_count > 0) {
    idx_t next_count = 0, compare_count = 0, created_count = 0;
    for (idx_t r = 0; r < remaining_count; r++) {
      sel_t i = remaining_rows[r];
      uint32_t salt = static_cast<uint32_t>(hashes[i] >> 32);
      uint64_t slot = offsets[i];
      // Linear probing up to an empty entry or one whose salt matches (most likely the key).
      while (true) {
        Entry& entry = entries_[slot];
        if (entry.group == 0) {
          if constexpr (kCreate) {
            uint32_t group = static_cast<uint32_t>(group_count_ + created_count);
            entry = Entry{salt, group + 1};
            group_ids[i] = group;
            created_rows[created_count++] = i;
            group_hashes_.push_back(hashes[i]);
          } else {
            group_ids[i] = kNoGroup;
          }
          break;
        }
        if (entry.salt == salt) {
          candidates[i] = entry.group - 1;
          compare_rows[compare_count++] = i;
          break;
        }
        slot = (slot + 1) & mask_;
      }
      offsets[i] = slot;
    }
    if (created_count > 0) {
      AppendKeys(keys, created, created_count);
      group_count_ += created_count;
      if (new_rows != nullptr) {
        for (idx_t k = 0; k < created_count; k++) {
          new_rows->set_index(total_new + k, created_rows[k]);
        }
      }
      total_new += created_count;
    }
    if (compare_count > 0) {
      idx_t matches = CompareKeys(keys, candidates, compare, compare_count, next, &next_count);
      for (idx_t m = 0; m < matches; m++) {
        sel_t i = compare_rows[m];
        group_ids[i] = candidates[i];
      }
      // Mismatches go on from the following entry.
      for (idx_t m = 0; m < next_count; m++) {
        sel_t i = next_rows[m];
        offsets[i] = (offsets[i] + 1) & mask_;
      }
    }
    std::copy(next_rows, next_rows + next_count, remaining_rows);
    remaining_count = next_count;
  }
  return new_rows != nullptr ? total_new : 0;
}

idx_t GroupHashTable::FindOrCreateGroups(const DataChunk& keys, uint32_t* group_ids,
                                         SelectionVector* new_rows) {
  return Probe<true>(keys, group_ids, new_rows);
}

void GroupHashTable::FindGroups(const DataChunk& keys, uint32_t* group_ids) const {
  const_cast<GroupHashTable*>(this)->Probe<false>(keys, group_ids, nullptr);
}

}  // namespace fluxdb
