// storage_info('t') / PRAGMA storage_info('t'): one row per column chunk of a table.
#include "catalog/catalog.h"
#include "common/chunk_collection.h"
#include "execution/table_function/table_function.h"
#include "execution/table_function/table_function_list.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

StatusOr<TableFunctionBindResult> BindStorageInfo(TableFunctionBindInput& input) {
  if (input.arguments.empty() || input.arguments[0].is_null()) {
    return BinderError("storage_info needs a table name");
  }
  std::string name = input.arguments[0].ToString();
  std::string schema;
  if (auto dot = name.find('.'); dot != std::string::npos) {
    schema = name.substr(0, dot);
    name = name.substr(dot + 1);
  }
  FLUX_ASSIGN_OR_RETURN(TableEntry * table, input.catalog->GetTable(schema, name));
  TableFunctionBindResult result;
  result.names = {"row_group_id",     "column_name",  "column_id",  "chunk_id",
                  "row_start",        "row_count",    "encoding",   "min",
                  "max",              "null_count",   "distinct_estimate",
                  "compressed_bytes", "uncompressed_bytes", "compression_ratio",
                  "first_page",       "last_page",    "page_count", "persistent",
                  "bytes"};
  result.types = {LogicalType::BigInt(),  LogicalType::Varchar(), LogicalType::BigInt(),
                  LogicalType::BigInt(),  LogicalType::BigInt(),  LogicalType::BigInt(),
                  LogicalType::Varchar(), LogicalType::Varchar(), LogicalType::Varchar(),
                  LogicalType::BigInt(),  LogicalType::BigInt(),  LogicalType::BigInt(),
                  LogicalType::BigInt(),  LogicalType::Double(),  LogicalType::BigInt(),
                  LogicalType::BigInt(),  LogicalType::BigInt(),  LogicalType::Boolean(),
                  LogicalType::BigInt()};
  auto rows = std::make_shared<ChunkCollection>(result.types);
  DataChunk chunk;
  chunk.Initialize(result.types);
  auto flush = [&] {
    rows->Append(chunk);
    chunk.Reset();
  };
  for (const ColumnChunkInfo& info : table->storage().GetChunkInfo()) {
    idx_t r = chunk.size();
    auto set = [&](idx_t column, Value v) { chunk.SetValue(column, r, v); };
    set(0, Value::BigInt(static_cast<int64_t>(info.row_group_index)));
    set(1, Value::Varchar(info.column_name));
    set(2, Value::BigInt(info.column_index));
    set(3, Value::BigInt(static_cast<int64_t>(info.chunk_id)));
    set(4, Value::BigInt(static_cast<int64_t>(info.row_start)));
    set(5, Value::BigInt(static_cast<int64_t>(info.row_count)));
    set(6, Value::Varchar(info.encoding));
    set(7, info.min.is_null() ? Value(LogicalType::Varchar()) : Value::Varchar(info.min.ToString()));
    set(8, info.max.is_null() ? Value(LogicalType::Varchar()) : Value::Varchar(info.max.ToString()));
    set(9, Value::BigInt(static_cast<int64_t>(info.null_count)));
    set(10, Value::BigInt(static_cast<int64_t>(info.distinct_estimate)));
    set(11, Value::BigInt(static_cast<int64_t>(info.compressed_bytes)));
    set(12, Value::BigInt(static_cast<int64_t>(info.uncompressed_bytes)));
    set(13, info.compressed_bytes == 0
                ? Value(LogicalType::Double())
                : Value::Double(static_cast<double>(info.uncompressed_bytes) /
                                static_cast<double>(info.compressed_bytes)));
    set(14, info.first_page < 0 ? Value(LogicalType::BigInt()) : Value::BigInt(info.first_page));
    set(15, info.last_page < 0 ? Value(LogicalType::BigInt()) : Value::BigInt(info.last_page));
    set(16, Value::BigInt(static_cast<int64_t>(info.page_count)));
    set(17, Value::Boolean(info.persistent));
    set(18, Value::BigInt(static_cast<int64_t>(info.compressed_bytes)));
    chunk.SetCardinality(r + 1);
    if (chunk.size() == kVectorSize) flush();
  }
  if (chunk.size() > 0) flush();
  auto data = std::make_unique<MaterializedFunctionData>();
  result.estimated_cardinality = rows->row_count();
  data->rows = std::move(rows);
  result.data = std::move(data);
  return result;
}

}  // namespace

void AddStorageInfoFunctions(std::vector<TableFunction>& functions) {
  functions.push_back(TableFunction{"storage_info", 1, 1, BindStorageInfo, InitMaterializedScan,
                                    ScanMaterialized});
  functions.push_back(TableFunction{"pragma_storage_info", 1, 1, BindStorageInfo,
                                    InitMaterializedScan, ScanMaterialized});
}

}  // namespace fluxdb
