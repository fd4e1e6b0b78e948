#include "storage/transient_column.h"

#include <atomic>
#include <cstring>

#include "common/status.h"

namespace fluxdb {

namespace {

// Validity words are shared between the writer's rows and committed rows of the same word.
inline void ClearBit(uint64_t* words, idx_t row) {
  std::atomic_ref<uint64_t>(words[row / 64])
      .fetch_and(~(1ULL << (row % 64)), std::memory_order_relaxed);
}
inline uint64_t LoadWord(const uint64_t* words, idx_t index) {
  return std::atomic_ref<uint64_t>(const_cast<uint64_t*>(words)[index])
      .load(std::memory_order_relaxed);
}
inline void StoreWord(uint64_t* words, idx_t index, uint64_t value) {
  std::atomic_ref<uint64_t>(words[index]).store(value, std::memory_order_relaxed);
}

}  // namespace

TransientColumn::Segment& TransientColumn::GetSegment(idx_t index) {
  if (!segments_[index]) segments_[index] = std::make_unique<Segment>(type_);
  return *segments_[index];
}

idx_t TransientColumn::Append(const UnifiedVector& source, idx_t source_offset, idx_t count,
                              idx_t row) {
  idx_t total_nulls = 0;
  bool identity = source.sel->IsIdentity();
  bool all_valid = source.validity->AllValid();
  while (count > 0) {
    idx_t seg_row = row % kVectorSize;
    idx_t n = std::min(count, kVectorSize - seg_row);
    Segment& seg = GetSegment(row / kVectorSize);
    uint64_t* words = seg.vector.validity().data();
    idx_t nulls = 0;
    DispatchPhysical(type_.physical(), [&]<typename T>() {
      const T* src = source.values<T>();
      T* dst = seg.vector.data<T>() + seg_row;
      if constexpr (!std::is_same_v<T, StringRef>) {
        if (identity && all_valid) {
          std::memcpy(static_cast<void*>(dst), src + source_offset, n * sizeof(T));
          return;
        }
      }
      for (idx_t i = 0; i < n; i++) {
        idx_t s = source.sel->get_index(source_offset + i);
        if (!all_valid && !source.validity->IsValid(s)) {
          ClearBit(words, seg_row + i);
          dst[i] = T{};
          nulls++;
          continue;
        }
        if constexpr (std::is_same_v<T, StringRef>) {
          if (src[s].IsInlined()) {
            dst[i] = src[s];
          } else {
            dst[i] = seg.strings->Add(src[s].view());
          }
        } else {
          dst[i] = src[s];
        }
      }
    });
    seg.nulls.fetch_add(nulls, std::memory_order_relaxed);
    total_nulls += nulls;
    source_offset += n;
    row += n;
    count -= n;
  }
  return total_nulls;
}

void TransientColumn::Truncate(idx_t rows) {
  for (idx_t s = 0; s < kSegmentsPerRowGroup; s++) {
    if (!segments_[s]) continue;
    idx_t first = s * kVectorSize;
    if (first >= rows) {
      segments_[s].reset();
      continue;
    }
    idx_t keep = std::min(rows - first, kVectorSize);
    if (keep == kVectorSize) continue;
    // Rows after `keep` become valid again, ready for the next append.
    Segment& seg = *segments_[s];
    uint64_t* words = seg.vector.validity().data();
    for (idx_t r = keep; r < kVectorSize; r++) {
      if (r % 64 == 0) {
        StoreWord(words, r / 64, ~0ULL);
        r += 63;
        continue;
      }
      std::atomic_ref<uint64_t>(words[r / 64])
          .fetch_or(1ULL << (r % 64), std::memory_order_relaxed);
    }
    seg.nulls.store(seg.vector.validity().CountInvalid(keep), std::memory_order_relaxed);
  }
}

void TransientColumn::Scan(idx_t row, idx_t count, bool immutable, Vector& out) const {
  const Segment* seg = segments_[row / kVectorSize].get();
  FLUX_DCHECK(seg != nullptr && row % kVectorSize == 0);
  if (immutable && count == kVectorSize) {
    out.Reference(seg->vector);
    if (seg->nulls == 0) out.validity().Reset();
    if (seg->strings) out.KeepAlive(seg->strings);
    return;
  }
  out.ResetToFlat();
  Copy(row, count, out, 0);
}

void TransientColumn::Copy(idx_t row, idx_t count, Vector& out, idx_t out_offset) const {
  while (count > 0) {
    idx_t seg_row = row % kVectorSize;
    idx_t n = std::min(count, kVectorSize - seg_row);
    const Segment& seg = *segments_[row / kVectorSize];
    idx_t width = type_.physical_size();
    std::memcpy(out.raw_data() + out_offset * width, seg.vector.raw_data() + seg_row * width,
                n * width);
    // Long strings point into the segment's heap; it lives as long as the output.
    if (seg.strings) out.KeepAlive(seg.strings);
    if (seg.nulls > 0) {
      const uint64_t* words = seg.vector.validity().data();
      for (idx_t i = 0; i < n; i++) {
        idx_t r = seg_row + i;
        if (!((LoadWord(words, r / 64) >> (r % 64)) & 1)) out.validity().SetInvalid(out_offset + i);
      }
    }
    row += n;
    out_offset += n;
    count -= n;
  }
}

idx_t TransientColumn::CountNulls(idx_t rows) const {
  idx_t nulls = 0;
  for (idx_t s = 0; s * kVectorSize < rows; s++) {
    const Segment* seg = segments_[s].get();
    if (seg == nullptr || seg->nulls == 0) continue;
    idx_t n = std::min(rows - s * kVectorSize, kVectorSize);
    nulls += seg->vector.validity().CountInvalid(n);
  }
  return nulls;
}

}  // namespace fluxdb
