// RowLayout: fixed-width rows that keep the values of several columns together, for hash tables
// whose lookups land on random rows: one cache miss then fetches the keys and the payload of a
// match, where column-wise storage would take one miss per column.
//
// A row is [header][column values][one validity byte per column][trailer], 8-byte aligned. The
// header and trailer are bytes the owner uses as it likes (a hash join keeps its chain pointer
// and hash in the header and a "matched" flag in the trailer). Values are stored unaligned and
// read with memcpy, which compiles to plain loads. Long strings are StringRefs into a heap the
// owner keeps alive.
#pragma once

#include <cstring>
#include <vector>

#include "common/string_heap.h"
#include "common/vector.h"

namespace fluxdb {

class RowLayout {
 public:
  RowLayout() = default;
  RowLayout(std::vector<LogicalType> types, idx_t header_bytes, idx_t trailer_bytes);

  const std::vector<LogicalType>& types() const { return types_; }
  idx_t column_count() const { return types_.size(); }
  /// Bytes of one row.
  idx_t width() const { return width_; }
  /// Byte offset of column `c`'s value in a row.
  idx_t offset(idx_t c) const { return offsets_[c]; }
  /// Byte offset of column `c`'s validity byte (1 = valid).
  idx_t validity_offset(idx_t c) const { return validity_ + c; }
  idx_t trailer_offset() const { return trailer_; }

 private:
  std::vector<LogicalType> types_;
  std::vector<idx_t> offsets_;
  idx_t validity_ = 0;
  idx_t trailer_ = 0;
  idx_t width_ = 0;
};

template <typename T>
inline T LoadValue(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

template <typename T>
inline void StoreValue(uint8_t* p, const T& value) {
  std::memcpy(p, &value, sizeof(T));
}

/// Writes rows [0, count) of `source` (any encoding) into column `c` of rows[0..count); long
/// strings are copied into `heap`. Returns whether any of the rows was NULL.
bool ScatterColumn(const RowLayout& layout, idx_t c, const Vector& source, idx_t count,
                   uint8_t* const* rows, StringHeap* heap);

/// Writes column `c` of rows[0..count) to rows [0, count) of the flat vector `target`. A null
/// row pointer gives NULL. `column_has_nulls` false promises every stored value is valid (and
/// `rows_may_be_null` false that every pointer is set), which makes the loop a plain gather.
/// Strings are referenced, not copied: the caller keeps their heap alive (Vector::KeepAlive).
void GatherColumn(const RowLayout& layout, idx_t c, const uint8_t* const* rows, idx_t count,
                  Vector& target, bool column_has_nulls, bool rows_may_be_null);

}  // namespace fluxdb
