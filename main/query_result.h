// QueryResult: the materialized result of one statement.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/data_chunk.h"

namespace fluxdb {

enum class ResultKind : uint8_t {
  kRows,        // SELECT, EXPLAIN, PRAGMA returning rows, SHOW ...
  kChangedRows, // INSERT / UPDATE / DELETE / COPY: one BIGINT column "Count"
  kNothing,     // DDL, SET, transaction control: no columns, no rows
};

class QueryResult {
 public:
  QueryResult(ResultKind kind, std::vector<std::string> names, std::vector<LogicalType> types);

  ResultKind kind() const { return kind_; }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<LogicalType>& types() const { return types_; }
  idx_t ColumnCount() const { return types_.size(); }
  idx_t RowCount() const { return row_count_; }

  /// Chunks in result order; each holds flat or other-encoded vectors of at most kVectorSize rows.
  const std::vector<DataChunk>& chunks() const { return chunks_; }
  /// Boxed access to row `row` (0-based across chunks) of column `column`.
  Value GetValue(idx_t column, idx_t row) const;

  /// Adds a chunk (the result takes it).
  void Append(DataChunk chunk);

 private:
  ResultKind kind_;
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
  std::vector<DataChunk> chunks_;
  std::vector<idx_t> chunk_starts_;  // first row of each chunk
  idx_t row_count_ = 0;
};

}  // namespace fluxdb
