// DuckDB's catalog functions: pragma_table_info('t') (also PRAGMA table_info('t')),
// duckdb_tables() (also the bare name duckdb_tables, as DuckDB's view over it) and
// duckdb_sequences(). Rows are computed when the query runs, in its transaction.
#include "catalog/catalog.h"
#include "execution/table_function/introspection_scan.h"
#include "execution/table_function/table_function_list.h"
#include "storage/data_table.h"
#include "storage/storage_manager.h"

namespace fluxdb {

namespace {

const LogicalType kBig = LogicalType::BigInt();
const LogicalType kText = LogicalType::Varchar();
const LogicalType kBool = LogicalType::Boolean();

bool IsPrimaryKey(const TableEntry& table, idx_t column) {
  for (uint32_t k : table.record().primary_key) {
    if (k == column) return true;
  }
  return false;
}

// ---- pragma_table_info('t') ----

Status ProduceTableInfo(ExecutionContext& context, const IntrospectionData& data,
                        IntrospectionRows& rows) {
  FLUX_ASSIGN_OR_RETURN(TableEntry * table, FindTableArgument(*context.catalog, data.arguments[0]));
  const auto& columns = table->columns();
  for (idx_t c = 0; c < columns.size(); c++) {
    const ColumnRecord& column = columns[c];
    bool key = IsPrimaryKey(*table, c);
    rows.Add({Value::Integer(static_cast<int32_t>(c)), Value::Varchar(column.name),
              Value::Varchar(column.type.ToString()), Value::Boolean(column.not_null || key),
              ValueOrNull(!column.default_sql.empty(), Value::Varchar(column.default_sql), kText),
              Value::Boolean(key)});
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindTableInfo(TableFunctionBindInput& input) {
  if (input.arguments[0].is_null()) return BinderError("pragma_table_info needs a table name");
  // An unknown table is a bind error, as for any table reference. A view's column types need
  // the binder, which is above this layer, so only tables are described.
  FLUX_RETURN_IF_ERROR(FindTableArgument(*input.catalog, input.arguments[0]).status());
  return BindIntrospection(input,
                           {{"cid", LogicalType::Integer()},
                            {"name", kText},
                            {"type", kText},
                            {"notnull", kBool},
                            {"dflt_value", kText},
                            {"pk", kBool}},
                           ProduceTableInfo);
}

// ---- duckdb_tables() ----

// The table's definition in DuckDB's form (column types, NOT NULL, DEFAULT, keys, CHECKs).
std::string TableSql(const TableEntry& table) {
  std::string sql = Concat("CREATE TABLE ", table.name(), "(");
  const auto& columns = table.columns();
  const auto& record = table.record();
  for (idx_t c = 0; c < columns.size(); c++) {
    const ColumnRecord& column = columns[c];
    sql += Concat(c == 0 ? "" : ", ", column.name, " ", column.type.ToString());
    bool key = record.primary_key.size() == 1 && record.primary_key[0] == c;
    if (key) sql += " PRIMARY KEY";
    if (!column.default_sql.empty()) sql += Concat(" DEFAULT(", column.default_sql, ")");
    if (column.not_null && !key) sql += " NOT NULL";  // a key column is NOT NULL implicitly
  }
  auto key_list = [&](const std::vector<uint32_t>& key) {
    std::string out;
    for (uint32_t k : key) out += Concat(out.empty() ? "" : ", ", columns[k].name);
    return out;
  };
  if (record.primary_key.size() > 1)
    sql += Concat(", PRIMARY KEY(", key_list(record.primary_key), ")");
  for (const auto& unique : record.unique_keys) sql += Concat(", UNIQUE(", key_list(unique), ")");
  for (const std::string& check : record.check_sql) sql += Concat(", CHECK(", check, ")");
  return sql + ");";
}

Status ProduceDuckDbTables(ExecutionContext& context, const IntrospectionData&,
                           IntrospectionRows& rows) {
  Value database = Value::Varchar(DatabaseName(*context.storage));
  std::vector<CatalogEntry*> indexes = context.catalog->Entries(CatalogEntryKind::kIndex);
  for (CatalogEntry* entry : context.catalog->Entries(CatalogEntryKind::kTable)) {
    auto* table = static_cast<TableEntry*>(entry);
    const CatalogRecord& record = table->record();
    idx_t index_count = record.unique_keys.size() + (record.primary_key.empty() ? 0 : 1);
    for (CatalogEntry* index : indexes) {
      index_count += NormalizeName(index->record().table_name) == NormalizeName(table->name());
    }
    rows.Add({database, Value::BigInt(0), Value::Varchar(table->schema_name()), Value::BigInt(0),
              Value::Varchar(table->name()), Value::BigInt(table->object_id()), Value(kText),
              Value::Varchar("{}"), Value::Boolean(false), Value::Boolean(false),
              Value::Boolean(!record.primary_key.empty()),
              Value::BigInt(static_cast<int64_t>(table->storage().RowCount(*context.transaction))),
              Value::BigInt(static_cast<int64_t>(table->columns().size())),
              Value::BigInt(static_cast<int64_t>(index_count)),
              Value::BigInt(static_cast<int64_t>(record.check_sql.size())),
              Value::Varchar(TableSql(*table))});
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindDuckDbTables(TableFunctionBindInput& input) {
  return BindIntrospection(input,
                           {{"database_name", kText},
                            {"database_oid", kBig},
                            {"schema_name", kText},
                            {"schema_oid", kBig},
                            {"table_name", kText},
                            {"table_oid", kBig},
                            {"comment", kText},
                            {"tags", kText},  // a MAP in DuckDB; always empty
                            {"internal", kBool},
                            {"temporary", kBool},
                            {"has_primary_key", kBool},
                            {"estimated_size", kBig},
                            {"column_count", kBig},
                            {"index_count", kBig},
                            {"check_constraint_count", kBig},
                            {"sql", kText}},
                           ProduceDuckDbTables);
}

// ---- duckdb_sequences() ----

Status ProduceDuckDbSequences(ExecutionContext& context, const IntrospectionData&,
                              IntrospectionRows& rows) {
  Value database = Value::Varchar(DatabaseName(*context.storage));
  for (SequenceEntry* entry : context.catalog->Sequences()) {
    SequenceRecord s = entry->counter().state();
    // DuckDB's sql recreates the sequence where it stands: START is the next value.
    std::string sql = Concat("CREATE SEQUENCE ", entry->name(), " INCREMENT BY ", s.increment,
                             " MINVALUE ", s.min_value, " MAXVALUE ", s.max_value, " START ",
                             s.counter, s.cycle ? " CYCLE;" : " NO CYCLE;");
    rows.Add({database, Value::BigInt(0), Value::Varchar(entry->schema_name()), Value::BigInt(0),
              Value::Varchar(entry->name()), Value::BigInt(entry->object_id()), Value(kText),
              Value::Varchar("{}"), Value::Boolean(false), Value::BigInt(s.start),
              Value::BigInt(s.min_value), Value::BigInt(s.max_value), Value::BigInt(s.increment),
              Value::Boolean(s.cycle),
              ValueOrNull(s.usage_count > 0, Value::BigInt(s.last_value), kBig),
              Value::Varchar(sql)});
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindDuckDbSequences(TableFunctionBindInput& input) {
  return BindIntrospection(input,
                           {{"database_name", kText},
                            {"database_oid", kBig},
                            {"schema_name", kText},
                            {"schema_oid", kBig},
                            {"sequence_name", kText},
                            {"sequence_oid", kBig},
                            {"comment", kText},
                            {"tags", kText},  // a MAP in DuckDB; always empty
                            {"temporary", kBool},
                            {"start_value", kBig},
                            {"min_value", kBig},
                            {"max_value", kBig},
                            {"increment_by", kBig},
                            {"cycle", kBool},
                            {"last_value", kBig},
                            {"sql", kText}},
                           ProduceDuckDbSequences);
}

}  // namespace

void AddDuckDbCatalogFunctions(std::vector<TableFunction>& functions) {
  functions.push_back(TableFunction{"pragma_table_info", 1, 1, BindTableInfo,
                                    IntrospectionScan::Init, IntrospectionScan::Scan});
  functions.push_back(TableFunction{"duckdb_tables", 0, 0, BindDuckDbTables,
                                    IntrospectionScan::Init, IntrospectionScan::Scan});
  functions.push_back(TableFunction{"duckdb_sequences", 0, 0, BindDuckDbSequences,
                                    IntrospectionScan::Init, IntrospectionScan::Scan});
}

}  // namespace fluxdb
