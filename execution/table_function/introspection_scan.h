// Introspection table functions (fluxdb_pages(), fluxdb_tables(), information_schema ...): their
// columns are fixed at bind time, their rows are computed when the query starts, inside its
// transaction, so a prepared statement or a view always shows the current state.
#pragma once

#include <string>
#include <vector>

#include "common/value.h"
#include "execution/table_function/table_function.h"

namespace fluxdb {

class Catalog;
class TableEntry;

/// Rows of an introspection function, built one Value row at a time (they are few).
class IntrospectionRows {
 public:
  explicit IntrospectionRows(const std::vector<LogicalType>& types) : types_(types) {}
  /// Appends one row; `row` has one value per column (cast to the column's type when needed).
  void Add(std::vector<Value> row) { rows_.push_back(std::move(row)); }
  idx_t size() const { return rows_.size(); }

 private:
  friend struct IntrospectionScan;
  const std::vector<LogicalType>& types_;
  std::vector<std::vector<Value>> rows_;
};

struct IntrospectionData : TableFunctionData {
  using Producer = Status (*)(ExecutionContext& context, const IntrospectionData& data,
                              IntrospectionRows& rows);
  std::vector<LogicalType> types;
  std::vector<Value> arguments;  // the function's positional arguments
  Producer produce = nullptr;
};

struct IntrospectionColumn {
  const char* name;
  LogicalType type;
};

/// The bind result of an introspection function with these columns.
TableFunctionBindResult BindIntrospection(const TableFunctionBindInput& input,
                                          const std::vector<IntrospectionColumn>& columns,
                                          IntrospectionData::Producer produce);

struct IntrospectionScan {
  static StatusOr<std::unique_ptr<GlobalSourceState>> Init(ExecutionContext& context,
                                                           const TableFunctionData& data);
  static StatusOr<SourceResult> Scan(ExecutionContext& context, const TableFunctionData& data,
                                     GlobalSourceState& state, LocalSourceState& local,
                                     DataChunk& out);
};

/// A NULL of `type` when `present` is false, else `value`.
inline Value ValueOrNull(bool present, Value value, LogicalType type) {
  return present ? std::move(value) : Value(type);
}
/// The table named by a function argument: 'schema.table' or 'table'.
StatusOr<TableEntry*> FindTableArgument(const Catalog& catalog, const Value& argument);
/// The database's name as information_schema and DuckDB show it: "memory" in memory, else the
/// file name without directory and extension.
std::string DatabaseName(const StorageManager& storage);

}  // namespace fluxdb
