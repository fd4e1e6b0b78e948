// ChunkStatistics: min, max and NULL count of a column chunk, kept in the column's physical type
// (no Value boxing) while rows are appended or a chunk is sealed.
//
// Ordering is the one Value::Compare defines: integers and decimals numerically, strings by
// bytes (memcmp), floating point with NaN above every number, intervals by their normalized
// length (months as 30 days). Min/max therefore agree with the comparisons filters make.
#pragma once

#include <cstdint>
#include <string>

#include "common/types.h"
#include "common/validity_mask.h"
#include "common/value.h"

namespace fluxdb {

class ChunkStatistics {
 public:
  ChunkStatistics() = default;
  explicit ChunkStatistics(LogicalType type) : type_(type) {}

  const LogicalType& type() const { return type_; }
  /// Adds `count` values at `data` (the physical type's array); `validity` may be null (all valid)
  /// and is indexed from `validity_offset`.
  void Update(const uint8_t* data, const ValidityMask* validity, idx_t validity_offset,
              idx_t count);
  /// Adds NULL rows without values.
  void AddNulls(idx_t count) {
    null_count_ += count;
    row_count_ += count;
  }
  void Merge(const ChunkStatistics& other);
  void Reset() { *this = ChunkStatistics(type_); }

  bool has_values() const { return has_values_; }
  idx_t null_count() const { return null_count_; }
  idx_t row_count() const { return row_count_; }
  /// NULL Values when there is no non-NULL value.
  Value Min() const;
  Value Max() const;

 private:
  template <typename T>
  void UpdateTyped(const T* data, const ValidityMask* validity, idx_t offset, idx_t count);

  LogicalType type_;
  bool has_values_ = false;
  idx_t null_count_ = 0;
  idx_t row_count_ = 0;
  alignas(16) uint8_t min_[16] = {};
  alignas(16) uint8_t max_[16] = {};
  std::string min_string_;  // strings: the bytes (min_/max_ unused)
  std::string max_string_;
};

}  // namespace fluxdb
