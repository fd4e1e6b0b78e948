// ValidityMask: one bit per row, 1 = valid, 0 = NULL.
//
// A mask with no buffer means "every row valid", so the common NULL-free case costs nothing: kernels
// test AllValid() once per vector and run a branch-free loop. Copying a mask shares its buffer;
// only the vector that created a buffer writes to it.
#pragma once

#include <cstring>
#include <memory>

#include "common/types.h"

namespace fluxdb {

class ValidityMask {
 public:
  ValidityMask() = default;
  explicit ValidityMask(idx_t capacity) : capacity_(capacity) {}

  static constexpr idx_t EntryCount(idx_t rows) { return (rows + 63) / 64; }

  bool AllValid() const { return bits_ == nullptr; }
  bool IsValid(idx_t row) const {
    return bits_ == nullptr || ((bits_[row >> 6] >> (row & 63)) & 1ULL);
  }
  void SetInvalid(idx_t row) {
    EnsureWritable();
    bits_[row >> 6] &= ~(1ULL << (row & 63));
  }
  void SetValid(idx_t row) {
    if (bits_ == nullptr) return;
    bits_[row >> 6] |= 1ULL << (row & 63);
  }
  void Set(idx_t row, bool valid) {
    if (valid) {
      SetValid(row);
    } else {
      SetInvalid(row);
    }
  }
  /// Allocates a private all-valid buffer if the mask has none.
  void EnsureWritable() {
    if (bits_ != nullptr) return;
    idx_t entries = EntryCount(capacity_);
    owned_ = std::shared_ptr<uint64_t[]>(new uint64_t[entries]);
    std::memset(owned_.get(), 0xFF, entries * sizeof(uint64_t));
    bits_ = owned_.get();
  }
  /// Back to "all valid" without a buffer.
  void Reset() {
    bits_ = nullptr;
    owned_.reset();
  }
  /// Sets every row valid, keeping a private buffer when the mask owns one.
  void SetAllValid(idx_t rows) {
    if (bits_ == nullptr) return;
    if (owned_.use_count() == 1) {
      std::memset(bits_, 0xFF, EntryCount(rows) * sizeof(uint64_t));
    } else {
      Reset();
    }
  }
  uint64_t* data() { return bits_; }
  const uint64_t* data() const { return bits_; }
  idx_t capacity() const { return capacity_; }
  void set_capacity(idx_t capacity) { capacity_ = capacity; }

  /// Number of NULL rows among the first `rows`.
  idx_t CountInvalid(idx_t rows) const;
  /// Copies validity of rows [src_offset, src_offset+count) of `src` to rows starting at
  /// `dst_offset` of this mask.
  void CopyFrom(const ValidityMask& src, idx_t src_offset, idx_t dst_offset, idx_t count);

 private:
  uint64_t* bits_ = nullptr;
  std::shared_ptr<uint64_t[]> owned_;
  idx_t capacity_ = kVectorSize;
};

inline idx_t ValidityMask::CountInvalid(idx_t rows) const {
  if (bits_ == nullptr) return 0;
  idx_t valid = 0;
  idx_t full = rows / 64;
  for (idx_t i = 0; i < full; i++) valid += __builtin_popcountll(bits_[i]);
  idx_t rest = rows % 64;
  if (rest) valid += __builtin_popcountll(bits_[full] & ((1ULL << rest) - 1));
  return rows - valid;
}

inline void ValidityMask::CopyFrom(const ValidityMask& src, idx_t src_offset, idx_t dst_offset,
                                   idx_t count) {
  if (src.AllValid() && AllValid()) return;
  for (idx_t i = 0; i < count; i++) Set(dst_offset + i, src.IsValid(src_offset + i));
}

}  // namespace fluxdb
