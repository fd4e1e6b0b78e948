#include "execution/hash/group_hash_table.h"

#include <algorithm>
#include <limits>

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
  if (key_types_.size() == 1) {
    PhysicalType physical = key_types_[0].physical();
    direct_ = physical == PhysicalType::kInt8 || physical == PhysicalType::kInt16 ||
              physical == PhysicalType::kInt32 || physical == PhysicalType::kInt64;
  }
  Resize(1024);
}

idx_t GroupHashTable::memory_usage() const {
  idx_t bytes = entries_.size() * sizeof(Entry) + group_hashes_.size() * sizeof(uint64_t) +
                direct_map_.size() * sizeof(uint32_t);
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

void GroupHashTable::DropDirect() {
  direct_ = false;
  direct_map_ = std::vector<uint32_t>();
  memory_.Set(memory_usage());
}

bool GroupHashTable::CoverDirect(int64_t lo, int64_t hi) {
  // Unsigned differences: int64 keys may span more than int64 can hold.
  if (static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) >= kDirectMaxRange) {
    DropDirect();
    return false;
  }
  if (direct_map_.empty()) {
    direct_min_ = lo;
    direct_map_.assign(static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1, 0);
    memory_.Set(memory_usage());
    return true;
  }
  const int64_t old_min = direct_min_;
  const uint64_t old_size = direct_map_.size();
  const int64_t old_max = static_cast<int64_t>(static_cast<uint64_t>(old_min) + old_size - 1);
  if (lo >= old_min && hi <= old_max) return true;
  const int64_t new_min = std::min(lo, old_min);
  const int64_t new_max = std::max(hi, old_max);
  uint64_t range = static_cast<uint64_t>(new_max) - static_cast<uint64_t>(new_min) + 1;
  if (range == 0 || range > kDirectMaxRange) {
    DropDirect();
    return false;
  }
  // Doubling keeps the number of rebuilds logarithmic when keys creep upwards.
  uint64_t size = std::max(range, std::min(kDirectMaxRange, 2 * old_size));
  if (static_cast<int128_t>(new_min) + static_cast<int128_t>(size) - 1 >
      std::numeric_limits<int64_t>::max()) {
    size = range;
  }
  std::vector<uint32_t> map(size, 0);
  std::copy(direct_map_.begin(), direct_map_.end(),
            map.begin() + (static_cast<uint64_t>(old_min) - static_cast<uint64_t>(new_min)));
  direct_map_ = std::move(map);
  direct_min_ = new_min;
  memory_.Set(memory_usage());
  return true;
}

template <typename T, bool kCreate>
idx_t GroupHashTable::ProbeDirect(const DataChunk& keys, uint32_t* group_ids,
                                  SelectionVector* new_rows) {
  const idx_t count = keys.size();
  UnifiedVector u;
  keys.column(0).ToUnified(count, &u);
  const T* values = u.values<T>();
  const bool plain = u.validity->AllValid() && u.sel->IsIdentity();
  int64_t lo = std::numeric_limits<int64_t>::max();
  int64_t hi = std::numeric_limits<int64_t>::min();
  if (plain) {
    for (idx_t i = 0; i < count; i++) {
      lo = std::min<int64_t>(lo, values[i]);
      hi = std::max<int64_t>(hi, values[i]);
    }
  } else {
    for (idx_t i = 0; i < count; i++) {
      idx_t idx = u.index(i);
      if (!u.validity->IsValid(idx)) continue;
      lo = std::min<int64_t>(lo, values[idx]);
      hi = std::max<int64_t>(hi, values[idx]);
    }
  }
  if (lo <= hi) {
    // Lookups without creation leave the map as it is (FindGroups is const).
    bool covered;
    if constexpr (kCreate) {
      covered = CoverDirect(lo, hi);
    } else {
      covered = !direct_map_.empty() && lo >= direct_min_ &&
                static_cast<uint64_t>(hi) - static_cast<uint64_t>(direct_min_) < direct_map_.size();
    }
    if (!covered) return ProbeHash<kCreate>(keys, group_ids, new_rows);
  }

  // Rows whose key has no group in the map yet (their entry 0 gives kNoGroup until the hash
  // table has answered below).
  sel_t missing[kVectorSize];
  idx_t missing_count = 0;
  const uint32_t* map = direct_map_.data();
  const uint64_t base = static_cast<uint64_t>(direct_min_);
  if (plain) {
    for (idx_t i = 0; i < count; i++) {
      uint32_t entry = map[static_cast<uint64_t>(static_cast<int64_t>(values[i])) - base];
      group_ids[i] = entry - 1;
      missing[missing_count] = static_cast<sel_t>(i);
      missing_count += entry == 0;
    }
  } else {
    for (idx_t i = 0; i < count; i++) {
      idx_t idx = u.index(i);
      uint32_t entry = u.validity->IsValid(idx)
                           ? map[static_cast<uint64_t>(static_cast<int64_t>(values[idx])) - base]
                           : direct_null_;
      group_ids[i] = entry - 1;
      missing[missing_count] = static_cast<sel_t>(i);
      missing_count += entry == 0;
    }
  }
  if (missing_count == 0) return 0;

  // First sight of these keys in the map: the hash table finds or creates their groups.
  DataChunk subset;
  subset.Reference(keys);
  subset.Slice(SelectionVector(missing), missing_count);
  uint32_t subset_ids[kVectorSize];
  sel_t subset_new[kVectorSize] = {};
  SelectionVector subset_new_rows(subset_new);
  idx_t created =
      ProbeHash<kCreate>(subset, subset_ids, new_rows != nullptr ? &subset_new_rows : nullptr);
  for (idx_t j = 0; j < missing_count; j++) {
    sel_t i = missing[j];
    uint32_t group = subset_ids[j];
    group_ids[i] = group;
    if (!kCreate || group == kNoGroup) continue;
    idx_t idx = u.index(i);
    if (u.validity->IsValid(idx)) {
      direct_map_[static_cast<uint64_t>(static_cast<int64_t>(values[idx])) - base] = group + 1;
    } else {
      direct_null_ = group + 1;
    }
  }
  if (new_rows != nullptr) {
    for (idx_t k = 0; k < created; k++) new_rows->set_index(k, missing[subset_new[k]]);
  }
  return created;
}

template <bool kCreate>
bool GroupHashTable::ProbeDictionary(const DataChunk& keys, uint32_t* group_ids,
                                     SelectionVector* new_rows, idx_t* created) {
  constexpr idx_t kMaxKeys = 4;
  constexpr idx_t kMaxCodes = 256;
  const idx_t count = keys.size();
  const idx_t key_count = key_types_.size();
  if (key_count == 0 || key_count > kMaxKeys || count < 8 * 64) return false;
  const sel_t* codes_of[kMaxKeys];
  idx_t stride[kMaxKeys];
  idx_t combinations = 1;
  for (idx_t c = 0; c < key_count; c++) {
    const Vector& column = keys.column(c);
    if (column.encoding() != VectorEncoding::kDictionary ||
        column.dictionary_selection().IsIdentity()) {
      return false;
    }
    const sel_t* codes = column.dictionary_selection().data();
    sel_t max = 0;
    for (idx_t i = 0; i < count; i++) max = std::max(max, codes[i]);
    codes_of[c] = codes;
    stride[c] = combinations;
    combinations *= static_cast<idx_t>(max) + 1;
    if (combinations > kMaxCodes || combinations > count / 8) return false;
  }
  // One code per combination of dictionary entries: rows with equal codes have equal keys.
  uint16_t code[kVectorSize];
  for (idx_t i = 0; i < count; i++) code[i] = static_cast<uint16_t>(codes_of[0][i]);
  for (idx_t c = 1; c < key_count; c++) {
    const sel_t* codes = codes_of[c];
    const auto step = static_cast<uint16_t>(stride[c]);
    for (idx_t i = 0; i < count; i++) code[i] += static_cast<uint16_t>(codes[i] * step);
  }
  // The first row of each code stands for all of them.
  uint16_t rep_of_code[kMaxCodes];
  std::fill(rep_of_code, rep_of_code + combinations, UINT16_MAX);
  sel_t reps[kMaxCodes];
  idx_t rep_count = 0;
  for (idx_t i = 0; i < count; i++) {
    if (rep_of_code[code[i]] == UINT16_MAX) {
      rep_of_code[code[i]] = static_cast<uint16_t>(rep_count);
      reps[rep_count++] = static_cast<sel_t>(i);
    }
  }
  DataChunk subset;
  subset.Reference(keys);
  subset.Slice(SelectionVector(reps), rep_count);
  uint32_t rep_ids[kMaxCodes];
  sel_t rep_new[kMaxCodes] = {};
  SelectionVector rep_new_rows(rep_new);
  *created = ProbeKeys<kCreate>(subset, rep_ids, new_rows != nullptr ? &rep_new_rows : nullptr);
  uint32_t group_of_code[kMaxCodes];
  for (idx_t r = 0; r < rep_count; r++) group_of_code[code[reps[r]]] = rep_ids[r];
  for (idx_t i = 0; i < count; i++) group_ids[i] = group_of_code[code[i]];
  if (new_rows != nullptr) {
    for (idx_t k = 0; k < *created; k++) new_rows->set_index(k, reps[rep_new[k]]);
  }
  return true;
}

template <bool kCreate>
idx_t GroupHashTable::Probe(const DataChunk& keys, uint32_t* group_ids, SelectionVector* new_rows) {
  idx_t created = 0;
  if (ProbeDictionary<kCreate>(keys, group_ids, new_rows, &created)) return created;
  return ProbeKeys<kCreate>(keys, group_ids, new_rows);
}

template <bool kCreate>
idx_t GroupHashTable::ProbeKeys(const DataChunk& keys, uint32_t* group_ids,
                                SelectionVector* new_rows) {
  if (direct_ && keys.size() > 0) {
    return DispatchPhysical(key_types_[0].physical(), [&]<typename T>() -> idx_t {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8) {
        return ProbeDirect<T, kCreate>(keys, group_ids, new_rows);
      } else {
        return ProbeHash<kCreate>(keys, group_ids, new_rows);
      }
    });
  }
  return ProbeHash<kCreate>(keys, group_ids, new_rows);
}

template <bool kCreate>
idx_t GroupHashTable::ProbeHash(const DataChunk& keys, uint32_t* group_ids,
                                SelectionVector* new_rows) {
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
