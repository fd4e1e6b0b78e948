// Vector: up to kVectorSize values of one type, the unit every operator works on.
//
// A vector is in one of three encodings:
//   flat       - `data` holds one value per row, `validity` one bit per row;
//   constant   - `data` holds one value (and validity one bit) standing for every row;
//   dictionary - a selection into a flat child vector (filters and dictionary-encoded column
//                chunks produce these without copying values).
// Kernels read any encoding through UnifiedVector (a selection, a data pointer and a mask) or
// branch on the encoding for a tighter loop. Buffers are reference counted: Reference() and
// Slice() share them, and the only ways to write (ResetToFlat, SetValue on an owned flat vector)
// first make sure the buffer is private, so a shared buffer is never modified.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/selection_vector.h"
#include "common/string_heap.h"
#include "common/types.h"
#include "common/validity_mask.h"
#include "common/value.h"

namespace fluxdb {

enum class VectorEncoding : uint8_t { kFlat, kConstant, kDictionary };

/// A uniform read-only view of a vector of any encoding: row i's value is
/// values<T>()[sel->get_index(i)], valid iff validity->IsValid(sel->get_index(i)).
struct UnifiedVector {
  const SelectionVector* sel = nullptr;
  const uint8_t* data = nullptr;
  const ValidityMask* validity = nullptr;
  SelectionVector identity;  // target of `sel` for flat vectors

  template <typename T>
  const T* values() const {
    return reinterpret_cast<const T*>(data);
  }
  idx_t index(idx_t row) const { return sel->get_index(row); }
  bool IsValid(idx_t row) const { return validity->IsValid(sel->get_index(row)); }
};

class Vector {
 public:
  Vector() = default;
  /// A writable flat vector of `capacity` rows, all valid.
  explicit Vector(LogicalType type, idx_t capacity = kVectorSize);
  /// A constant vector holding `value` (which may be NULL).
  explicit Vector(const Value& value);

  Vector(Vector&&) = default;
  Vector& operator=(Vector&&) = default;
  Vector(const Vector&) = delete;
  Vector& operator=(const Vector&) = delete;

  const LogicalType& type() const { return type_; }
  VectorEncoding encoding() const { return encoding_; }
  idx_t capacity() const { return capacity_; }

  template <typename T>
  T* data() {
    return reinterpret_cast<T*>(data_);
  }
  template <typename T>
  const T* data() const {
    return reinterpret_cast<const T*>(data_);
  }
  uint8_t* raw_data() { return data_; }
  const uint8_t* raw_data() const { return data_; }
  ValidityMask& validity() { return validity_; }
  const ValidityMask& validity() const { return validity_; }

  /// The heap that owns the bytes of this vector's long strings (created on first use).
  StringHeap& string_heap();
  StringRef AddString(std::string_view s) { return string_heap().Add(s); }
  /// Keeps `buffer` (another vector's heap, a pinned page ...) alive as long as this vector,
  /// for StringRefs that point into it.
  void KeepAlive(std::shared_ptr<const void> buffer);

  /// Makes this a private, writable flat vector again (all rows valid, old content gone).
  void ResetToFlat();
  /// Makes this a constant vector of `value`.
  void SetConstant(const Value& value);
  /// Turns a flat vector that was filled at row 0 into a constant vector (no copy).
  void MarkConstant() { encoding_ = VectorEncoding::kConstant; }
  bool IsConstantNull() const {
    return encoding_ == VectorEncoding::kConstant && !validity_.IsValid(0);
  }

  /// Shares all of `other`'s buffers; this vector becomes a read-only alias of it.
  void Reference(const Vector& other);
  /// Reference(other), read as `type`, which must have other's physical type (a DECIMAL(15,2)
  /// read as DECIMAL(18,2): a cast that changes no value).
  void ReferenceAs(const Vector& other, LogicalType type);
  /// Restricts this vector to the rows `sel` names (a dictionary vector unless constant).
  void Slice(const SelectionVector& sel, idx_t count);
  /// Reference(other) then Slice(sel, count).
  void Slice(const Vector& other, const SelectionVector& sel, idx_t count);
  /// Turns this vector into a dictionary over `dictionary` (a flat vector shared between
  /// many vectors, e.g. a chunk's string dictionary) with the given codes.
  void SetDictionary(std::shared_ptr<Vector> dictionary, SelectionVector codes);
  /// Rewrites this vector as flat (copies values out of a constant or dictionary encoding).
  void Flatten(idx_t count);
  /// A uniform view of the first `count` rows.
  void ToUnified(idx_t count, UnifiedVector* out) const;

  /// Dictionary encoding only.
  const Vector& dictionary() const { return *child_; }
  const SelectionVector& dictionary_selection() const { return selection_; }

  /// Boxed access for edges (results, tests, constant folding), any encoding.
  Value GetValue(idx_t row) const;
  /// Writes one boxed value into a flat vector.
  void SetValue(idx_t row, const Value& value);
  void SetNull(idx_t row) { validity_.SetInvalid(row); }

  /// Copies rows sel[0..count) of `source` into this flat vector starting at `dst_offset`;
  /// strings are copied into this vector's heap.
  void CopyRows(const Vector& source, const SelectionVector& sel, idx_t count, idx_t dst_offset);
  /// Copies rows [src_offset, src_offset + count) of `source` to `dst_offset`.
  void CopyRange(const Vector& source, idx_t src_offset, idx_t count, idx_t dst_offset);

  std::string ToString(idx_t count) const;

 private:
  void Allocate(idx_t capacity);

  LogicalType type_;
  VectorEncoding encoding_ = VectorEncoding::kFlat;
  idx_t capacity_ = 0;
  uint8_t* data_ = nullptr;
  std::shared_ptr<uint8_t[]> buffer_;
  ValidityMask validity_;
  std::shared_ptr<StringHeap> heap_;
  std::vector<std::shared_ptr<const void>> keep_alive_;
  std::shared_ptr<Vector> child_;  // dictionary only: flat vector of the distinct values
  SelectionVector selection_;      // dictionary only: row -> index in child_
};

}  // namespace fluxdb
