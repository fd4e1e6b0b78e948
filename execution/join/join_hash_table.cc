#include "execution/join/join_hash_table.h"

#include <cmath>

#include "execution/function/comparison_kernels.h"
#include "execution/hash/vector_hash.h"

namespace fluxdb {

namespace {

// Row header: the next row of the chain, then the hash of the keys.
constexpr idx_t kHeaderBytes = 16;
constexpr idx_t kTrailerBytes = 1;  // matched flag

std::vector<LogicalType> Concatenated(const std::vector<LogicalType>& a,
                                      const std::vector<LogicalType>& b) {
  std::vector<LogicalType> all = a;
  all.insert(all.end(), b.begin(), b.end());
  return all;
}

// Key equality as FluxDB's `=`: NaN = NaN, -0.0 = 0.0, intervals normalized.
template <typename T>
inline bool KeyEqual(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    return a == b || (std::isnan(a) && std::isnan(b));
  } else if constexpr (std::is_same_v<T, Interval>) {
    return CompareValues<T>(a, b) == 0;
  } else {
    return a == b;
  }
}

template <typename T>
bool StoredKeysEqual(const uint8_t* a, const uint8_t* b, idx_t offset, idx_t validity_offset) {
  bool va = a[validity_offset] != 0, vb = b[validity_offset] != 0;
  if (!va || !vb) return va == vb;  // only kNotDistinctFrom keys are stored NULL in chains
  return KeyEqual<T>(LoadValue<T>(a + offset), LoadValue<T>(b + offset));
}

// Keeps in sel[0..count) the probe rows whose key equals the candidate row's; the others are
// appended to `mismatch`. Returns the number kept.
template <typename T, bool kNullsEqual>
idx_t MatchColumn(const UnifiedVector& u, idx_t offset, idx_t validity_offset,
                  const uint8_t* const* candidates, sel_t* sel, idx_t count, sel_t* mismatch,
                  idx_t* mismatch_count) {
  const T* values = u.values<T>();
  idx_t kept = 0;
  idx_t missed = *mismatch_count;
  for (idx_t j = 0; j < count; j++) {
    sel_t i = sel[j];
    const uint8_t* row = candidates[i];
    idx_t idx = u.index(i);
    bool equal;
    if constexpr (kNullsEqual) {
      bool probe_valid = u.validity->IsValid(idx);
      bool stored_valid = row[validity_offset] != 0;
      equal = probe_valid == stored_valid &&
              (!probe_valid || KeyEqual<T>(values[idx], LoadValue<T>(row + offset)));
    } else {
      equal = KeyEqual<T>(values[idx], LoadValue<T>(row + offset));
    }
    if (equal) {
      sel[kept++] = i;
    } else {
      mismatch[missed++] = i;
    }
  }
  *mismatch_count = missed;
  return kept;
}

template <typename T>
void PerfectLookup(const UnifiedVector& u, const sel_t* active, idx_t count, int64_t min,
                   uint64_t range, const uint64_t* entries, const uint8_t** heads) {
  const T* values = u.values<T>();
  for (idx_t j = 0; j < count; j++) {
    sel_t i = active[j];
    uint64_t slot = static_cast<uint64_t>(static_cast<int64_t>(values[u.index(i)])) -
                    static_cast<uint64_t>(min);
    const uint8_t* head = slot < range ? reinterpret_cast<const uint8_t*>(entries[slot]) : nullptr;
    heads[i] = head;
    __builtin_prefetch(head);
  }
}

// Entries of the linear-probing table for `rows` rows: at most half full; small tables at most
// an eighth (up to 64K entries, 512 KB), so that a probe key that is not in the table almost
// always lands on an empty entry at once and the branch is predictable.
idx_t LinearCapacity(idx_t rows) {
  idx_t capacity = 16;
  while (capacity < rows * 2) capacity *= 2;
  while (capacity < rows * 8 && capacity < 64 * 1024) capacity *= 2;
  return capacity;
}

}  // namespace

JoinBuildRows::JoinBuildRows(const std::vector<LogicalType>& key_types,
                             const std::vector<LogicalType>& payload_types)
    : layout_(Concatenated(key_types, payload_types), kHeaderBytes, kTrailerBytes),
      key_count_(key_types.size()),
      column_has_null_(key_types.size() + payload_types.size(), 0) {}

void JoinBuildRows::UpdateCharge() {
  uint64_t bytes = blocks_.size() * kBlockRows * layout_.width();
  for (const auto& heap : heaps_) bytes += heap->allocated_bytes();
  memory_.Set(bytes);
}

void JoinBuildRows::Append(const DataChunk& keys, const DataChunk& payload) {
  const idx_t count = payload.size();
  if (count == 0) return;
  uint64_t hashes[kVectorSize];
  for (idx_t k = 0; k < key_count_; k++) HashVector(keys.column(k), count, hashes, k > 0);
  if (key_count_ == 0) std::fill(hashes, hashes + count, 0);
  if (heaps_.empty()) heaps_.push_back(std::make_shared<StringHeap>());
  StringHeap* heap = heaps_.back().get();

  uint8_t* rows[kVectorSize];
  const idx_t width = layout_.width();
  for (idx_t i = 0; i < count; i++) {
    if (blocks_.empty() || blocks_.back().count == kBlockRows) {
      Block block;
      block.data = std::make_unique_for_overwrite<uint8_t[]>(kBlockRows * width);
      // Table entries keep a salt in a row pointer's top 16 bits (x86-64 and AArch64 user
      // space addresses have 48 bits).
      FLUX_CHECK((reinterpret_cast<uint64_t>(block.data.get() + kBlockRows * width) >> 48) == 0);
      blocks_.push_back(std::move(block));
    }
    Block& block = blocks_.back();
    uint8_t* row = block.data.get() + block.count++ * width;
    StoreValue<const uint8_t*>(row, nullptr);
    StoreValue<uint64_t>(row + 8, hashes[i]);
    row[layout_.trailer_offset()] = 0;
    rows[i] = row;
  }
  for (idx_t c = 0; c < layout_.column_count(); c++) {
    const Vector& source = c < key_count_ ? keys.column(c) : payload.column(c - key_count_);
    if (ScatterColumn(layout_, c, source, count, rows, heap)) column_has_null_[c] = 1;
  }
  row_count_ += count;
  UpdateCharge();
}

void JoinBuildRows::Merge(JoinBuildRows&& other) {
  for (auto& block : other.blocks_) blocks_.push_back(std::move(block));
  for (auto& heap : other.heaps_) heaps_.push_back(std::move(heap));
  for (idx_t c = 0; c < column_has_null_.size(); c++) {
    column_has_null_[c] |= other.column_has_null_[c];
  }
  row_count_ += other.row_count_;
  other.blocks_.clear();
  other.heaps_.clear();
  other.row_count_ = 0;
  other.memory_.Set(0);
  UpdateCharge();
}

JoinHashTable::JoinHashTable(JoinBuildRows rows, std::vector<ComparisonType> comparisons)
    : rows_(std::move(rows)),
      comparisons_(std::move(comparisons)),
      key_count_(comparisons_.size()),
      matched_offset_(rows_.layout_.trailer_offset()) {
  const RowLayout& layout = rows_.layout_;
  // New string heaps go to the back: earlier ones are never written again, so sharing them
  // with output vectors is safe.
  strings_ = std::make_shared<std::vector<std::shared_ptr<StringHeap>>>(rows_.heaps_);
  for (idx_t k = 0; k < key_count_; k++) {
    row_equal_.push_back(
        DispatchPhysical(layout.types()[k].physical(),
                         [&]<typename T>() -> RowKeysEqual { return StoredKeysEqual<T>; }));
  }
  if (keyless()) {
    // One chain in storage order (a nested loop emits pairs in build order).
    uint8_t* head = nullptr;
    const idx_t width = layout.width();
    for (idx_t b = rows_.blocks_.size(); b-- > 0;) {
      auto& block = rows_.blocks_[b];
      for (idx_t r = block.count; r-- > 0;) {
        uint8_t* row = block.data.get() + r * width;
        SetNext(row, head);
        head = row;
      }
    }
    keyless_head_ = head;
    return;
  }
  if (!TryPerfect()) {
    idx_t capacity = LinearCapacity(row_count());
    memory_.Set(capacity * sizeof(uint64_t));
    entries_.assign(capacity, 0);
    mask_ = capacity - 1;
  }
}

bool JoinHashTable::Excluded(const uint8_t* row) const {
  const RowLayout& layout = rows_.layout_;
  for (idx_t k = 0; k < key_count_; k++) {
    if (comparisons_[k] == ComparisonType::kEqual && row[layout.validity_offset(k)] == 0) {
      return true;
    }
  }
  return false;
}

bool JoinHashTable::TryPerfect() {
  if (key_count_ != 1 || row_count() == 0) return false;
  const RowLayout& layout = rows_.layout_;
  PhysicalType physical = layout.types()[0].physical();
  if (physical != PhysicalType::kInt8 && physical != PhysicalType::kInt16 &&
      physical != PhysicalType::kInt32 && physical != PhysicalType::kInt64) {
    return false;
  }
  const idx_t width = layout.width();
  const idx_t offset = layout.offset(0);
  const idx_t valid = layout.validity_offset(0);
  int64_t min = 0, max = 0;
  bool any = false;
  DispatchPhysical(physical, [&]<typename T>() {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      for (auto& block : rows_.blocks_) {
        const uint8_t* row = block.data.get();
        for (idx_t r = 0; r < block.count; r++, row += width) {
          if (row[valid] == 0) continue;
          auto v = static_cast<int64_t>(LoadValue<T>(row + offset));
          if (!any || v < min) min = v;
          if (!any || v > max) max = v;
          any = true;
        }
      }
    }
  });
  if (!any) return false;
  // No more entries than linear probing would allocate.
  idx_t capacity = LinearCapacity(row_count());
  uint64_t range = static_cast<uint64_t>(max) - static_cast<uint64_t>(min) + 1;
  if (range == 0 || range > capacity) return false;

  perfect_ = true;
  perfect_min_ = min;
  perfect_range_ = range;
  memory_.Set(range * sizeof(uint64_t));
  entries_.assign(range, 0);
  return true;
}

bool JoinHashTable::RowsEqual(const uint8_t* a, const uint8_t* b) const {
  const RowLayout& layout = rows_.layout_;
  for (idx_t k = 0; k < key_count_; k++) {
    if (!row_equal_[k](a, b, layout.offset(k), layout.validity_offset(k))) return false;
  }
  return true;
}

namespace {

// Makes `row` the head of the chain that `entry` holds; concurrent inserts swap atomically.
// Returns whether the chain held rows already.
template <bool kConcurrent>
inline bool Prepend(uint64_t& entry, uint8_t* row) {
  uint64_t old;
  if constexpr (kConcurrent) {
    old = std::atomic_ref<uint64_t>(entry).exchange(reinterpret_cast<uint64_t>(row),
                                                    std::memory_order_relaxed);
  } else {
    old = entry;
    entry = reinterpret_cast<uint64_t>(row);
  }
  StoreValue<const uint8_t*>(row, reinterpret_cast<const uint8_t*>(old));
  return old != 0;
}

// Replaces `expected` by `desired` in `entry`; false if another thread changed it first.
template <bool kConcurrent>
inline bool Swap(uint64_t& entry, uint64_t expected, uint64_t desired) {
  if constexpr (kConcurrent) {
    return std::atomic_ref<uint64_t>(entry).compare_exchange_strong(expected, desired,
                                                                    std::memory_order_relaxed);
  } else {
    entry = desired;
    return true;
  }
}

}  // namespace

void JoinHashTable::InsertRows(idx_t task, idx_t task_count) {
  if (keyless()) return;
  if (task_count > 1) {
    InsertBlocks<true>(task, task_count);
  } else {
    InsertBlocks<false>(task, task_count);
  }
}

template <bool kConcurrent>
void JoinHashTable::InsertBlocks(idx_t task, idx_t task_count) {
  const idx_t blocks = rows_.blocks_.size();
  const idx_t first = blocks * task / task_count;
  const idx_t last = blocks * (task + 1) / task_count;
  const RowLayout& layout = rows_.layout_;
  const idx_t width = layout.width();
  bool duplicates = false;
  if (perfect_) {
    const idx_t offset = layout.offset(0);
    const idx_t valid = layout.validity_offset(0);
    const bool nulls_match = comparisons_[0] == ComparisonType::kNotDistinctFrom;
    DispatchPhysical(layout.types()[0].physical(), [&]<typename T>() {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        for (idx_t b = first; b < last; b++) {
          auto& block = rows_.blocks_[b];
          uint8_t* row = block.data.get();
          for (idx_t r = 0; r < block.count; r++, row += width) {
            if (row[valid] == 0) {
              if (nulls_match) duplicates |= Prepend<kConcurrent>(null_chain_, row);
              continue;
            }
            uint64_t slot =
                static_cast<uint64_t>(static_cast<int64_t>(LoadValue<T>(row + offset))) -
                static_cast<uint64_t>(perfect_min_);
            duplicates |= Prepend<kConcurrent>(entries_[slot], row);
          }
        }
      }
    });
    if (duplicates) duplicates_.store(true, std::memory_order_relaxed);
    return;
  }
  uint64_t slots[JoinBuildRows::kBlockRows];
  for (idx_t b = first; b < last; b++) {
    auto& block = rows_.blocks_[b];
    uint8_t* base = block.data.get();
    // Prefetch the entries of the whole block first: the misses then overlap.
    for (idx_t r = 0; r < block.count; r++) {
      slots[r] = RowHash(base + r * width) & mask_;
      __builtin_prefetch(&entries_[slots[r]]);
    }
    for (idx_t r = 0; r < block.count; r++) {
      uint8_t* row = base + r * width;
      if (Excluded(row)) continue;
      const uint64_t salt = RowHash(row) & kSaltMask;
      const uint64_t desired = salt | reinterpret_cast<uint64_t>(row);
      uint64_t slot = slots[r];
      while (true) {
        uint64_t entry =
            kConcurrent ? std::atomic_ref<uint64_t>(entries_[slot]).load(std::memory_order_relaxed)
                        : entries_[slot];
        if (entry == 0) {
          SetNext(row, nullptr);
          if (Swap<kConcurrent>(entries_[slot], entry, desired)) break;
          continue;  // another thread took the entry: look at it again
        }
        if ((entry & kSaltMask) == salt && RowsEqual(row, RowPointer(entry))) {
          // Same keys: the row becomes the head of that key's chain.
          duplicates = true;
          SetNext(row, RowPointer(entry));
          if (Swap<kConcurrent>(entries_[slot], entry, desired)) break;
          continue;
        }
        slot = (slot + 1) & mask_;
      }
    }
  }
  if (duplicates) duplicates_.store(true, std::memory_order_relaxed);
}

void JoinHashTable::FindChains(const DataChunk& keys, idx_t count, const uint8_t** heads) const {
  if (keyless()) {
    std::fill(heads, heads + count, keyless_head_);
    return;
  }
  std::fill(heads, heads + count, nullptr);
  std::vector<UnifiedVector> views(key_count_);
  bool any_null_key = false;
  for (idx_t k = 0; k < key_count_; k++) {
    keys.column(k).ToUnified(count, &views[k]);
    if (comparisons_[k] == ComparisonType::kEqual && !views[k].validity->AllValid()) {
      any_null_key = true;
    }
  }
  // Rows with a NULL in a kEqual key match nothing.
  sel_t active[kVectorSize];
  idx_t active_count = 0;
  if (!any_null_key) {
    for (idx_t i = 0; i < count; i++) active[i] = static_cast<sel_t>(i);
    active_count = count;
  } else {
    for (idx_t i = 0; i < count; i++) {
      bool skip = false;
      for (idx_t k = 0; k < key_count_ && !skip; k++) {
        skip = comparisons_[k] == ComparisonType::kEqual && !views[k].IsValid(i);
      }
      if (!skip) active[active_count++] = static_cast<sel_t>(i);
    }
  }
  if (active_count == 0) return;

  if (perfect_) {
    const UnifiedVector& u = views[0];
    if (!u.validity->AllValid()) {
      // kNotDistinctFrom: NULL probe keys find the NULL build rows (kEqual's are not active).
      idx_t kept = 0;
      for (idx_t j = 0; j < active_count; j++) {
        sel_t i = active[j];
        if (u.IsValid(i)) {
          active[kept++] = i;
        } else {
          heads[i] = reinterpret_cast<const uint8_t*>(null_chain_);
        }
      }
      active_count = kept;
    }
    DispatchPhysical(rows_.layout_.types()[0].physical(), [&]<typename T>() {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        PerfectLookup<T>(u, active, active_count, perfect_min_, perfect_range_, entries_.data(),
                         heads);
      }
    });
    return;
  }
  uint64_t hashes[kVectorSize];
  for (idx_t k = 0; k < key_count_; k++) HashVector(keys.column(k), count, hashes, k > 0);
  FindLinear(views, hashes, active, active_count, heads);
}

void JoinHashTable::FindLinear(const std::vector<UnifiedVector>& views, const uint64_t* hashes,
                               const sel_t* active, idx_t count, const uint8_t** heads) const {
  const RowLayout& layout = rows_.layout_;
  uint64_t slots[kVectorSize];
  const uint8_t* candidates[kVectorSize];
  sel_t remaining[kVectorSize], compare[kVectorSize], next[kVectorSize];
  for (idx_t j = 0; j < count; j++) {
    sel_t i = active[j];
    slots[i] = hashes[i] & mask_;
    __builtin_prefetch(&entries_[slots[i]]);
    remaining[j] = i;
  }
  idx_t remaining_count = count;
  while (remaining_count > 0) {
    // Find each row's next entry with a matching salt (or an empty one: no match).
    idx_t compare_count = 0;
    for (idx_t j = 0; j < remaining_count; j++) {
      sel_t i = remaining[j];
      uint64_t salt = hashes[i] & kSaltMask;
      uint64_t slot = slots[i];
      while (true) {
        uint64_t entry = entries_[slot];
        if (entry == 0) break;
        if ((entry & kSaltMask) == salt) {
          candidates[i] = RowPointer(entry);
          __builtin_prefetch(candidates[i]);
          compare[compare_count++] = i;
          break;
        }
        slot = (slot + 1) & mask_;
      }
      slots[i] = slot;
    }
    // Compare the candidates' keys column by column.
    idx_t next_count = 0;
    idx_t matched = compare_count;
    for (idx_t k = 0; k < key_count_ && matched > 0; k++) {
      bool nulls_equal = comparisons_[k] == ComparisonType::kNotDistinctFrom;
      DispatchPhysical(layout.types()[k].physical(), [&]<typename T>() {
        matched = nulls_equal
                      ? MatchColumn<T, true>(views[k], layout.offset(k), layout.validity_offset(k),
                                             candidates, compare, matched, next, &next_count)
                      : MatchColumn<T, false>(views[k], layout.offset(k), layout.validity_offset(k),
                                              candidates, compare, matched, next, &next_count);
      });
    }
    for (idx_t j = 0; j < matched; j++) heads[compare[j]] = candidates[compare[j]];
    // Mismatches go on probing from the following entry.
    for (idx_t j = 0; j < next_count; j++) {
      sel_t i = next[j];
      slots[i] = (slots[i] + 1) & mask_;
      remaining[j] = i;
    }
    remaining_count = next_count;
  }
}

void JoinHashTable::GatherPayload(const uint8_t* const* rows, idx_t count, DataChunk& out,
                                  idx_t offset, bool rows_may_be_null) const {
  const RowLayout& layout = rows_.layout_;
  for (idx_t p = 0; p < payload_count(); p++) {
    idx_t c = key_count_ + p;
    Vector& target = out.column(offset + p);
    GatherColumn(layout, c, rows, count, target, rows_.column_has_null_[c] != 0, rows_may_be_null);
    if (layout.types()[c].physical() == PhysicalType::kString) target.KeepAlive(strings_);
  }
}

idx_t JoinHashTable::UnmatchedRows(idx_t block, const uint8_t** rows) const {
  const auto& b = rows_.blocks_[block];
  const idx_t width = rows_.layout_.width();
  idx_t count = 0;
  const uint8_t* row = b.data.get();
  for (idx_t r = 0; r < b.count; r++, row += width) {
    std::atomic_ref<uint8_t> flag(*const_cast<uint8_t*>(row + matched_offset_));
    if (flag.load(std::memory_order_relaxed) == 0) rows[count++] = row;
  }
  return count;
}

}  // namespace fluxdb
