// Tables and columns with their storage: fluxdb_tables(), fluxdb_columns(), and the standard
// information_schema.tables / information_schema.columns (the binder maps those qualified names
// to the table functions information_schema_tables / information_schema_columns).
#include <algorithm>
#include <map>

#include "catalog/catalog.h"
#include "execution/table_function/introspection_scan.h"
#include "execution/table_function/table_function_list.h"
#include "storage/data_table.h"
#include "storage/storage_manager.h"

namespace fluxdb {

namespace {

const LogicalType kBig = LogicalType::BigInt();
const LogicalType kText = LogicalType::Varchar();
const LogicalType kDouble = LogicalType::Double();

Value Big(uint64_t v) { return Value::BigInt(static_cast<int64_t>(v)); }

// Storage totals of a table or one of its columns.
struct StorageTotals {
  idx_t chunks = 0;            // persistent chunks
  idx_t transient_chunks = 0;  // rows still only in memory (and the WAL)
  idx_t pages = 0;
  idx_t compressed_bytes = 0;
  idx_t uncompressed_bytes = 0;
  std::map<std::string, idx_t> encodings;

  void Add(const ColumnChunkInfo& chunk) {
    if (!chunk.persistent) {
      transient_chunks++;
      return;
    }
    chunks++;
    pages += chunk.page_count;
    compressed_bytes += chunk.compressed_bytes;
    uncompressed_bytes += chunk.uncompressed_bytes;
    encodings[chunk.encoding]++;
  }
  Value Ratio() const {
    if (compressed_bytes == 0) return Value(kDouble);
    return Value::Double(static_cast<double>(uncompressed_bytes) / compressed_bytes);
  }
  // "BITPACK:2, RLE:1": how many chunks use each encoding.
  Value Encodings() const {
    std::string out;
    for (const auto& [name, count] : encodings) {
      out += Concat(out.empty() ? "" : ", ", name, ":", count);
    }
    return Value::Varchar(out);
  }
};

std::vector<TableEntry*> Tables(ExecutionContext& context) {
  std::vector<TableEntry*> tables;
  for (CatalogEntry* entry : context.catalog->Entries(CatalogEntryKind::kTable)) {
    tables.push_back(static_cast<TableEntry*>(entry));
  }
  return tables;
}

// ---- fluxdb_tables() ----

Status ProduceTables(ExecutionContext& context, const IntrospectionData&, IntrospectionRows& rows) {
  for (TableEntry* table : Tables(context)) {
    StorageTotals totals;
    idx_t row_groups = 0;
    idx_t last_group = kInvalidIndex;
    for (const ColumnChunkInfo& chunk : table->storage().GetChunkInfo()) {
      totals.Add(chunk);
      if (chunk.row_group_index != last_group) row_groups++;
      last_group = chunk.row_group_index;
    }
    rows.Add({Value::Varchar(table->schema_name()), Value::Varchar(table->name()),
              Big(table->object_id()), Big(table->columns().size()),
              Big(table->storage().RowCount(*context.transaction)), Big(row_groups),
              Big(totals.chunks), Big(totals.transient_chunks), Big(totals.pages),
              Big(totals.compressed_bytes), Big(totals.uncompressed_bytes), totals.Ratio(),
              totals.Encodings()});
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindTables(TableFunctionBindInput& input) {
  return BindIntrospection(input,
                           {{"schema_name", kText},
                            {"table_name", kText},
                            {"table_id", kBig},
                            {"column_count", kBig},
                            {"row_count", kBig},
                            {"row_groups", kBig},
                            {"chunks", kBig},
                            {"transient_chunks", kBig},
                            {"data_pages", kBig},
                            {"compressed_bytes", kBig},
                            {"uncompressed_bytes", kBig},
                            {"compression_ratio", kDouble},
                            {"encodings", kText}},
                           ProduceTables);
}

// ---- fluxdb_columns() ----

Status ProduceColumns(ExecutionContext& context, const IntrospectionData&,
                      IntrospectionRows& rows) {
  for (TableEntry* table : Tables(context)) {
    const auto& columns = table->columns();
    std::vector<StorageTotals> totals(columns.size());
    for (const ColumnChunkInfo& chunk : table->storage().GetChunkInfo()) {
      if (chunk.column_index < totals.size()) totals[chunk.column_index].Add(chunk);
    }
    std::vector<ColumnStatistics> stats = table->storage().GetStatistics();
    for (idx_t c = 0; c < columns.size(); c++) {
      const ColumnRecord& column = columns[c];
      ColumnStatistics s = c < stats.size() ? stats[c] : ColumnStatistics();
      rows.Add({Value::Varchar(table->schema_name()), Value::Varchar(table->name()), Big(c),
                Value::Varchar(column.name), Value::Varchar(column.type.ToString()),
                Value::Boolean(column.not_null),
                ValueOrNull(!column.default_sql.empty(), Value::Varchar(column.default_sql), kText),
                Big(totals[c].chunks), Big(totals[c].compressed_bytes),
                Big(totals[c].uncompressed_bytes), totals[c].Ratio(), totals[c].Encodings(),
                ValueOrNull(!s.min.is_null(), Value::Varchar(s.min.ToString()), kText),
                ValueOrNull(!s.max.is_null(), Value::Varchar(s.max.ToString()), kText),
                Big(s.null_count),
                ValueOrNull(s.distinct_estimate > 0, Big(s.distinct_estimate), kBig)});
    }
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindColumns(TableFunctionBindInput& input) {
  return BindIntrospection(input,
                           {{"schema_name", kText},
                            {"table_name", kText},
                            {"column_index", kBig},
                            {"column_name", kText},
                            {"data_type", kText},
                            {"not_null", LogicalType::Boolean()},
                            {"default_value", kText},
                            {"chunks", kBig},
                            {"compressed_bytes", kBig},
                            {"uncompressed_bytes", kBig},
                            {"compression_ratio", kDouble},
                            {"encodings", kText},
                            {"min", kText},
                            {"max", kText},
                            {"null_count", kBig},
                            {"distinct_estimate", kBig}},
                           ProduceColumns);
}

// ---- information_schema.tables ----

Status ProduceSchemaTables(ExecutionContext& context, const IntrospectionData&,
                           IntrospectionRows& rows) {
  Value database = Value::Varchar(DatabaseName(*context.storage));
  for (auto kind : {CatalogEntryKind::kTable, CatalogEntryKind::kView}) {
    bool table = kind == CatalogEntryKind::kTable;
    for (CatalogEntry* entry : context.catalog->Entries(kind)) {
      rows.Add({database, Value::Varchar(entry->schema_name()), Value::Varchar(entry->name()),
                Value::Varchar(table ? "BASE TABLE" : "VIEW"), Value(kText), Value(kText),
                Value(kText), Value(kText), Value(kText), Value::Varchar(table ? "YES" : "NO"),
                Value::Varchar("NO"), Value(kText), Value(kText)});
    }
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindSchemaTables(TableFunctionBindInput& input) {
  return BindIntrospection(input,
                           {{"table_catalog", kText},
                            {"table_schema", kText},
                            {"table_name", kText},
                            {"table_type", kText},
                            {"self_referencing_column_name", kText},
                            {"reference_generation", kText},
                            {"user_defined_type_catalog", kText},
                            {"user_defined_type_schema", kText},
                            {"user_defined_type_name", kText},
                            {"is_insertable_into", kText},
                            {"is_typed", kText},
                            {"commit_action", kText},
                            {"TABLE_COMMENT", kText}},
                           ProduceSchemaTables);
}

// ---- information_schema.columns (tables' columns; a view's columns need a binder) ----

struct NumericFacets {
  Value precision = Value(LogicalType::Integer());
  Value radix = Value(LogicalType::Integer());
  Value scale = Value(LogicalType::Integer());
};

// numeric_precision / _radix / _scale as DuckDB reports them.
NumericFacets Facets(const LogicalType& type) {
  NumericFacets f;
  auto binary = [&](int bits, bool integral) {
    f.precision = Value::Integer(bits);
    f.radix = Value::Integer(2);
    if (integral) f.scale = Value::Integer(0);
  };
  switch (type.id()) {
    case TypeId::kTinyInt:
      binary(8, true);
      break;
    case TypeId::kSmallInt:
      binary(16, true);
      break;
    case TypeId::kInteger:
      binary(32, true);
      break;
    case TypeId::kBigInt:
      binary(64, true);
      break;
    case TypeId::kHugeInt:
    case TypeId::kUHugeInt:
      binary(128, true);
      break;
    case TypeId::kUTinyInt:
      binary(8, true);
      break;
    case TypeId::kUSmallInt:
      binary(16, true);
      break;
    case TypeId::kUInteger:
      binary(32, true);
      break;
    case TypeId::kUBigInt:
      binary(64, true);
      break;
    case TypeId::kFloat:
      binary(24, false);
      break;
    case TypeId::kDouble:
      binary(53, false);
      break;
    case TypeId::kDecimal:
      f.precision = Value::Integer(type.width());
      f.radix = Value::Integer(10);
      f.scale = Value::Integer(type.scale());
      break;
    default:
      break;
  }
  return f;
}

Status ProduceSchemaColumns(ExecutionContext& context, const IntrospectionData&,
                            IntrospectionRows& rows) {
  Value database = Value::Varchar(DatabaseName(*context.storage));
  for (TableEntry* table : Tables(context)) {
    const auto& columns = table->columns();
    for (idx_t c = 0; c < columns.size(); c++) {
      const ColumnRecord& column = columns[c];
      NumericFacets f = Facets(column.type);
      bool temporal = column.type.IsTemporal() && column.type.id() != TypeId::kInterval;
      rows.Add({database, Value::Varchar(table->schema_name()), Value::Varchar(table->name()),
                Value::Varchar(column.name), Value::Integer(static_cast<int32_t>(c + 1)),
                ValueOrNull(!column.default_sql.empty(), Value::Varchar(column.default_sql), kText),
                Value::Varchar(column.not_null ? "NO" : "YES"),
                Value::Varchar(column.type.ToString()), Value(LogicalType::Integer()),
                Value(LogicalType::Integer()), f.precision, f.radix, f.scale,
                ValueOrNull(temporal, Value::Integer(column.type.id() == TypeId::kDate ? 0 : 6),
                            LogicalType::Integer())});
    }
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindSchemaColumns(TableFunctionBindInput& input) {
  const LogicalType kInt = LogicalType::Integer();
  return BindIntrospection(input,
                           {{"table_catalog", kText},
                            {"table_schema", kText},
                            {"table_name", kText},
                            {"column_name", kText},
                            {"ordinal_position", kInt},
                            {"column_default", kText},
                            {"is_nullable", kText},
                            {"data_type", kText},
                            {"character_maximum_length", kInt},
                            {"character_octet_length", kInt},
                            {"numeric_precision", kInt},
                            {"numeric_precision_radix", kInt},
                            {"numeric_scale", kInt},
                            {"datetime_precision", kInt}},
                           ProduceSchemaColumns);
}

void Add(std::vector<TableFunction>& functions, const char* name,
         StatusOr<TableFunctionBindResult> (*bind)(TableFunctionBindInput&)) {
  functions.push_back(
      TableFunction{name, 0, 0, bind, IntrospectionScan::Init, IntrospectionScan::Scan});
}

}  // namespace

void AddCatalogIntrospectionFunctions(std::vector<TableFunction>& functions) {
  Add(functions, "fluxdb_tables", BindTables);
  Add(functions, "fluxdb_columns", BindColumns);
  Add(functions, "information_schema_tables", BindSchemaTables);
  Add(functions, "information_schema_columns", BindSchemaColumns);
}

}  // namespace fluxdb
