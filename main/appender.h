// Appender: bulk inserts into one table without SQL, for the C API's fluxdb_appender.
//
// Values are written straight into a DataChunk of the table's column types (converted as CAST
// would when the C type differs from the column's), full chunks are queued, and Flush appends the
// queue to the table's storage in one transaction (or in the connection's open transaction),
// checking NOT NULL constraints. Tables with CHECK, PRIMARY KEY or UNIQUE constraints are flushed
// through INSERT statements instead, so those are enforced by INSERT's own machinery.
//
// Not thread-safe: one appender is used by one thread at a time, and not while its connection
// runs a statement on another thread (the C API serializes them).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"

namespace fluxdb {

class Connection;

class Appender {
 public:
  /// Rows buffered before an automatic flush (one row group).
  static constexpr idx_t kAutoFlushRows = 60 * kVectorSize;

  /// An appender on `schema`.`table` (schema empty = "main"); the table must exist.
  static StatusOr<std::unique_ptr<Appender>> Create(Connection& connection, std::string_view schema,
                                                    std::string_view table);
  ~Appender();

  const std::vector<LogicalType>& types() const { return types_; }
  const std::vector<std::string>& names() const { return names_; }
  /// Column the next value goes to.
  idx_t current_column() const { return column_; }
  bool closed() const { return closed_; }

  Status AppendBoolean(bool value);
  Status AppendInt64(int64_t value);
  Status AppendHugeInt(int128_t value);
  Status AppendFloat(float value);
  Status AppendDouble(double value);
  Status AppendDate(int32_t days);
  Status AppendTime(int64_t micros);
  Status AppendTimestamp(int64_t micros);
  Status AppendInterval(Interval value);
  Status AppendVarchar(std::string_view value);
  Status AppendBlob(std::string_view bytes);
  Status AppendNull();
  /// Any boxed value (converted to the column type).
  Status AppendValue(const Value& value);

  /// Closes the current row; an incomplete row is an error and is discarded.
  Status EndRow();
  /// Writes every complete buffered row. On failure none of them is written and they are dropped.
  Status Flush();
  /// Flush, then refuse further appends.
  Status Close();

 private:
  Appender(Connection& connection, std::string schema, std::string table);

  Status CheckColumn() const;
  /// Decorates a conversion failure with the column's name.
  Status ColumnError(const Status& status) const;
  /// Stores `value` (already of the column's type) at the current row and column.
  void Store(const Value& value);
  Status AppendConverted(const Value& value);
  template <typename T>
  Status AppendIntegral(T value, const LogicalType& source_type);
  void AdvanceColumn() { column_++; }

  Status FlushToStorage(std::vector<DataChunk>& chunks);
  Status FlushThroughSql(std::vector<DataChunk>& chunks);

  Connection& connection_;
  std::string schema_;
  std::string table_;
  std::vector<LogicalType> types_;
  std::vector<std::string> names_;
  std::vector<bool> not_null_;
  bool needs_insert_path_ = false;
  uint32_t table_id_ = 0;

  DataChunk chunk_;  // rows being filled; chunk_.size() complete rows
  idx_t column_ = 0;
  std::vector<DataChunk> full_chunks_;
  idx_t buffered_rows_ = 0;
  bool closed_ = false;
};

}  // namespace fluxdb
