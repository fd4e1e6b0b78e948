// DataChunk: a set of equally long vectors, the rows that flow between operators.
#pragma once

#include <string>
#include <vector>

#include "common/vector.h"

namespace fluxdb {

class DataChunk {
 public:
  DataChunk() = default;
  DataChunk(DataChunk&&) = default;
  DataChunk& operator=(DataChunk&&) = default;

  /// One writable flat vector per type, each of `capacity` rows; size() is 0.
  void Initialize(const std::vector<LogicalType>& types, idx_t capacity = kVectorSize);

  idx_t size() const { return size_; }
  void SetCardinality(idx_t size) { size_ = size; }
  idx_t ColumnCount() const { return columns_.size(); }
  Vector& column(idx_t i) { return columns_[i]; }
  const Vector& column(idx_t i) const { return columns_[i]; }
  std::vector<Vector>& columns() { return columns_; }
  const std::vector<Vector>& columns() const { return columns_; }
  std::vector<LogicalType> types() const;
  idx_t capacity() const { return capacity_; }

  /// Empties the chunk and makes every vector flat and writable again.
  void Reset();
  /// Makes this chunk an alias of `other` (shared buffers).
  void Reference(const DataChunk& other);
  /// Keeps only the rows `sel` names.
  void Slice(const SelectionVector& sel, idx_t count);
  /// Makes every vector flat.
  void Flatten();
  /// Appends the rows of `other` (same types) after this chunk's rows; capacity must suffice.
  void Append(const DataChunk& other);
  /// Adds a column (takes the vector).
  void AddColumn(Vector vector) { columns_.push_back(std::move(vector)); }

  Value GetValue(idx_t column, idx_t row) const { return columns_[column].GetValue(row); }
  void SetValue(idx_t column, idx_t row, const Value& value) {
    columns_[column].SetValue(row, value);
  }

  std::string ToString() const;

 private:
  std::vector<Vector> columns_;
  idx_t size_ = 0;
  idx_t capacity_ = kVectorSize;
};

}  // namespace fluxdb
