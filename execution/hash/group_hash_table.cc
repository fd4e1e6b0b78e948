#include "execution/hash/group_hash_table.h"

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

GroupHashTable::GroupHashTable(std::vector<LogicalType> key_types)
    : key_types_(std::move(key_types)) {
  Resize(1024);
}

idx_t GroupHashTable::memory_usage() const {
  idx_t bytes = entries_.size() * sizeof(Entry) + group_hashes_.size() * sizeof(uint64_t);
  for (const auto& type : key_types_) bytes += key_chunks_.size() * kVectorSize * type.physical_size();
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
    idx_t kept = 0;
    DispatchPhysical(key_types_[c].physical(), [&]<typename T>() {
      const T* input = u.values<T>();
      for (idx_t i = 0; i < count; i++) {
        idx_t row = sel.get_index(i);
        uint32_t group = candidates[row];
        const Vector& stored = key_chunks_[group / kVectorSize].column(c);
        idx_t slot = group % kVectorSize;
        idx_t idx = u.index(row);
        bool input_valid = u.validity->IsValid(idx);
        bool stored_valid = stored.validity().IsValid(slot);
        bool equal = input_valid == stored_valid &&
                     (!input_valid || KeyEqual<T>(input[idx], stored.data<T>()[slot]));
        if (equal) {
          sel.set_index(kept++, row);
        } else {
          mismatch.set_index((*mismatch_count)++, row);
        }
      }
    });
    count = kept;
  }
  return count;
}

template <bool kCreate>
idx_t GroupHashTable::Probe(const DataChunk& keys, uint32_t* group_ids, SelectionVector* new_rows) {
  const idx_t count = keys.size();
  if (count == 0) return 0;
  if constexpr (kCreate) {
    if ((group_count_ + count) * 2 > entries_.size()) {
      idx_t capacity = entries_.size();
      while ((group_count_ + count) * 2 > capacity) capacity *= 2;
      Resize(capacity);
    }
  }
  uint64_t hashes[kVectorSize];
  uint64_t offsets[kVectorSize];
  uint32_t candidates[kVectorSize];
  for (idx_t c = 0; c < key_types_.size(); c++) HashVector(keys.column(c), count, hashes, c > 0);
  if (key_types_.empty()) {
    for (idx_t i = 0; i < count; i++) hashes[i] = 0;
  }
  for (idx_t i = 0; i < count; i++) offsets[i] = hashes[i] & mask_;

  SelectionVector remaining(kVectorSize), next(kVectorSize), compare(kVectorSize),
      created(kVectorSize);
  for (idx_t i = 0; i < count; i++) remaining.set_index(i, i);
  idx_t remaining_count = count;
  idx_t total_new = 0;
  while (remaining_count > 0) {
    idx_t next_count = 0, compare_count = 0, created_count = 0;
    for (idx_t r = 0; r < remaining_count; r++) {
      idx_t i = remaining.get_index(r);
      Entry& entry = entries_[offsets[i]];
      uint32_t salt = static_cast<uint32_t>(hashes[i] >> 32);
      if (entry.group == 0) {
        if constexpr (kCreate) {
          uint32_t group = static_cast<uint32_t>(group_count_ + created_count);
          entry = Entry{salt, group + 1};
          group_ids[i] = group;
          created.set_index(created_count++, i);
          group_hashes_.push_back(hashes[i]);
        } else {
          group_ids[i] = kNoGroup;
        }
      } else if (entry.salt == salt) {
        candidates[i] = entry.group - 1;
        compare.set_index(compare_count++, i);
      } else {
        offsets[i] = (offsets[i] + 1) & mask_;
        next.set_index(next_count++, i);
      }
    }
    if (created_count > 0) {
      AppendKeys(keys, created, created_count);
      group_count_ += created_count;
      if (new_rows != nullptr) {
        for (idx_t k = 0; k < created_count; k++) new_rows->set_index(total_new + k, created.get_index(k));
      }
      total_new += created_count;
    }
    if (compare_count > 0) {
      idx_t mismatch_start = next_count;
      idx_t matches = CompareKeys(keys, candidates, compare, compare_count, next, &next_count);
      for (idx_t m = 0; m < matches; m++) {
        idx_t i = compare.get_index(m);
        group_ids[i] = candidates[i];
      }
      for (idx_t m = mismatch_start; m < next_count; m++) {
        idx_t i = next.get_index(m);
        offsets[i] = (offsets[i] + 1) & mask_;
      }
    }
    std::swap(remaining, next);
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
