// storage_info('t') / PRAGMA storage_info('t'): one row per column chunk of a table: where it is
// (row group, rows, pages), how it is encoded, its size before and after compression and the
// statistics scans prune with. The first columns are FluxDB's; the last ones repeat the same
// facts under DuckDB's pragma_storage_info names. Rows are computed when the query runs.
#include "catalog/catalog.h"
#include "execution/table_function/introspection_scan.h"
#include "execution/table_function/table_function_list.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

const LogicalType kBig = LogicalType::BigInt();
const LogicalType kText = LogicalType::Varchar();

Value Big(uint64_t v) { return Value::BigInt(static_cast<int64_t>(v)); }

// DuckDB's names of the encodings ("TRANSIENT" rows are not compressed yet).
std::string DuckDbCompressionName(const std::string& encoding) {
  if (encoding == "PLAIN" || encoding == "TRANSIENT") return "Uncompressed";
  if (encoding == "CONSTANT") return "Constant";
  if (encoding == "DICTIONARY") return "Dictionary";
  if (encoding == "BITPACK") return "BitPacking";
  return encoding;  // RLE
}

// DuckDB's stats text: "[Min: 1, Max: 9][Has Null: false, Has No Null: true]".
std::string DuckDbStats(const ColumnChunkInfo& info) {
  bool values = !info.min.is_null();
  return Concat(values ? Concat("[Min: ", info.min.ToString(), ", Max: ", info.max.ToString(), "]")
                       : std::string(),
                "[Has Null: ", info.null_count > 0 ? "true" : "false",
                ", Has No Null: ", info.null_count < info.row_count ? "true" : "false", "]");
}

Status ProduceStorageInfo(ExecutionContext& context, const IntrospectionData& data,
                          IntrospectionRows& rows) {
  FLUX_ASSIGN_OR_RETURN(TableEntry * table, FindTableArgument(*context.catalog, data.arguments[0]));
  for (const ColumnChunkInfo& info : table->storage().GetChunkInfo()) {
    bool stored = info.first_page >= 0;
    LogicalType type = info.column_index < table->columns().size()
                           ? table->columns()[info.column_index].type
                           : LogicalType::Invalid();
    rows.Add({Big(info.row_group_index),
              Value::Varchar(info.column_name),
              Big(info.column_index),
              ValueOrNull(info.persistent, Big(info.chunk_id), kBig),
              Big(info.row_start),
              Big(info.row_count),
              Value::Varchar(info.encoding),
              ValueOrNull(!info.min.is_null(), Value::Varchar(info.min.ToString()), kText),
              ValueOrNull(!info.max.is_null(), Value::Varchar(info.max.ToString()), kText),
              Big(info.null_count),
              ValueOrNull(info.distinct_estimate > 0, Big(info.distinct_estimate), kBig),
              Big(info.compressed_bytes),
              Big(info.uncompressed_bytes),
              ValueOrNull(info.compressed_bytes > 0,
                          Value::Double(info.compressed_bytes == 0
                                            ? 0
                                            : static_cast<double>(info.uncompressed_bytes) /
                                                  static_cast<double>(info.compressed_bytes)),
                          LogicalType::Double()),
              ValueOrNull(stored, Value::BigInt(info.first_page), kBig),
              ValueOrNull(stored, Value::BigInt(info.last_page), kBig),
              Big(info.page_count),
              Value::Boolean(info.persistent),
              Big(info.compressed_bytes),
              Value::Varchar(type.ToString()),
              Big(info.row_start),
              Big(info.row_count),
              Value::Varchar(DuckDbCompressionName(info.encoding)),
              Value::Varchar(DuckDbStats(info)),
              Value::Boolean(false),
              Value::BigInt(info.first_page)});
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindStorageInfo(TableFunctionBindInput& input) {
  if (input.arguments.empty() || input.arguments[0].is_null()) {
    return BinderError("storage_info needs a table name");
  }
  // An unknown table is a bind error, as for any table reference.
  FLUX_RETURN_IF_ERROR(FindTableArgument(*input.catalog, input.arguments[0]).status());
  return BindIntrospection(input,
                           {{"row_group_id", kBig},
                            {"column_name", kText},
                            {"column_id", kBig},
                            {"chunk_id", kBig},
                            {"row_start", kBig},
                            {"row_count", kBig},
                            {"encoding", kText},
                            {"min", kText},
                            {"max", kText},
                            {"null_count", kBig},
                            {"distinct_estimate", kBig},
                            {"compressed_bytes", kBig},
                            {"uncompressed_bytes", kBig},
                            {"compression_ratio", LogicalType::Double()},
                            {"first_page", kBig},
                            {"last_page", kBig},
                            {"page_count", kBig},
                            {"persistent", LogicalType::Boolean()},
                            {"bytes", kBig},
                            // DuckDB's pragma_storage_info names for the same facts.
                            {"segment_type", kText},
                            {"start", kBig},
                            {"count", kBig},
                            {"compression", kText},
                            {"stats", kText},
                            {"has_updates", LogicalType::Boolean()},
                            {"block_id", kBig}},
                           ProduceStorageInfo);
}

}  // namespace

void AddStorageInfoFunctions(std::vector<TableFunction>& functions) {
  for (const char* name : {"storage_info", "pragma_storage_info"}) {
    functions.push_back(TableFunction{name, 1, 1, BindStorageInfo, IntrospectionScan::Init,
                                      IntrospectionScan::Scan});
  }
}

}  // namespace fluxdb
