#include "main/appender.h"

#include <cmath>
#include <limits>

#include "catalog/catalog.h"
#include "execution/cast/vector_cast.h"
#include "main/client_context.h"
#include "main/connection.h"
#include "main/database.h"
#include "storage/data_table.h"
#include "storage/storage_manager.h"
#include "storage/transaction.h"

namespace fluxdb {

namespace {

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  out += '"';
  return out;
}

template <typename T>
bool FitsIn(int128_t v) {
  return v >= static_cast<int128_t>(std::numeric_limits<T>::min()) &&
         v <= static_cast<int128_t>(std::numeric_limits<T>::max());
}

}  // namespace

Appender::Appender(Connection& connection, std::string schema, std::string table)
    : connection_(connection), schema_(std::move(schema)), table_(std::move(table)) {}

Appender::~Appender() = default;

StatusOr<std::unique_ptr<Appender>> Appender::Create(Connection& connection,
                                                     std::string_view schema,
                                                     std::string_view table) {
  std::string schema_name = schema.empty() ? std::string(kDefaultSchema) : std::string(schema);
  FLUX_ASSIGN_OR_RETURN(TableEntry * entry,
                        connection.database().catalog().GetTable(schema_name, table));
  std::unique_ptr<Appender> appender(new Appender(connection, entry->schema_name(), entry->name()));
  appender->table_id_ = entry->object_id();
  for (const ColumnRecord& column : entry->columns()) {
    appender->types_.push_back(column.type);
    appender->names_.push_back(column.name);
    appender->not_null_.push_back(column.not_null);
  }
  // CHECK, PRIMARY KEY and UNIQUE constraints are enforced by INSERT's operator.
  const CatalogRecord& record = entry->record();
  appender->needs_insert_path_ = !record.check_sql.empty() || !record.primary_key.empty() ||
                                 !record.unique_keys.empty();
  appender->chunk_.Initialize(appender->types_);
  return appender;
}

Status Appender::CheckColumn() const {
  if (closed_) return InvalidInputError("appender for table \"", table_, "\" is closed");
  if (column_ >= types_.size()) {
    return InvalidInputError("too many values for a row of table \"", table_, "\" (", types_.size(),
                             " columns); call end_row first");
  }
  return Status();
}

Status Appender::ColumnError(const Status& status) const {
  return Status(status.code(), Concat(status.message(), " (column \"", names_[column_],
                                      "\" of table \"", table_, "\")"));
}

void Appender::Store(const Value& value) {
  Vector& vector = chunk_.column(column_);
  idx_t row = chunk_.size();
  if (value.is_null()) {
    vector.SetNull(row);
  } else {
    vector.SetValue(row, value);
    vector.validity().SetValid(row);
  }
}

Status Appender::AppendConverted(const Value& value) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  const LogicalType& target = types_[column_];
  if (value.is_null() || value.type() == target) {
    Store(value);
  } else {
    auto cast = CastValue(value, target);
    if (!cast.ok()) return ColumnError(cast.status());
    Store(*cast);
  }
  AdvanceColumn();
  return Status();
}

template <typename T>
Status Appender::AppendIntegral(T value, const LogicalType& source_type) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  Vector& vector = chunk_.column(column_);
  idx_t row = chunk_.size();
  int128_t v = value;
  bool stored = true;
  switch (types_[column_].id()) {
    case TypeId::kTinyInt:
      stored = FitsIn<int8_t>(v);
      if (stored) vector.data<int8_t>()[row] = static_cast<int8_t>(v);
      break;
    case TypeId::kSmallInt:
      stored = FitsIn<int16_t>(v);
      if (stored) vector.data<int16_t>()[row] = static_cast<int16_t>(v);
      break;
    case TypeId::kInteger:
      stored = FitsIn<int32_t>(v);
      if (stored) vector.data<int32_t>()[row] = static_cast<int32_t>(v);
      break;
    case TypeId::kBigInt:
      stored = FitsIn<int64_t>(v);
      if (stored) vector.data<int64_t>()[row] = static_cast<int64_t>(v);
      break;
    case TypeId::kHugeInt:
      vector.data<int128_t>()[row] = v;
      break;
    case TypeId::kDouble:
      vector.data<double>()[row] = static_cast<double>(v);
      break;
    case TypeId::kFloat:
      vector.data<float>()[row] = static_cast<float>(v);
      break;
    default:
      stored = false;
      break;
  }
  if (!stored) {
    // Out of range or another kind of type: CAST decides (and words the error).
    Value boxed = source_type.id() == TypeId::kHugeInt   ? Value::HugeInt(v)
                  : source_type.id() == TypeId::kBoolean ? Value::Boolean(v != 0)
                                                         : Value::BigInt(static_cast<int64_t>(v));
    return AppendConverted(boxed);
  }
  vector.validity().SetValid(row);
  AdvanceColumn();
  return Status();
}

Status Appender::AppendBoolean(bool value) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  if (types_[column_].id() == TypeId::kBoolean) {
    idx_t row = chunk_.size();
    chunk_.column(column_).data<bool>()[row] = value;
    chunk_.column(column_).validity().SetValid(row);
    AdvanceColumn();
    return Status();
  }
  return AppendConverted(Value::Boolean(value));
}

Status Appender::AppendInt64(int64_t value) {
  return AppendIntegral<int64_t>(value, LogicalType::BigInt());
}

Status Appender::AppendHugeInt(int128_t value) {
  return AppendIntegral<int128_t>(value, LogicalType::HugeInt());
}

Status Appender::AppendDouble(double value) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  idx_t row = chunk_.size();
  Vector& vector = chunk_.column(column_);
  switch (types_[column_].id()) {
    case TypeId::kDouble:
      vector.data<double>()[row] = value;
      break;
    case TypeId::kFloat:
      if (std::isfinite(value) && std::fabs(value) > std::numeric_limits<float>::max()) {
        return AppendConverted(Value::Double(value));
      }
      vector.data<float>()[row] = static_cast<float>(value);
      break;
    default:
      return AppendConverted(Value::Double(value));
  }
  vector.validity().SetValid(row);
  AdvanceColumn();
  return Status();
}

Status Appender::AppendFloat(float value) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  if (types_[column_].id() == TypeId::kFloat) {
    idx_t row = chunk_.size();
    chunk_.column(column_).data<float>()[row] = value;
    chunk_.column(column_).validity().SetValid(row);
    AdvanceColumn();
    return Status();
  }
  return AppendConverted(Value::Float(value));
}

Status Appender::AppendDate(int32_t days) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  if (types_[column_].id() == TypeId::kDate) {
    idx_t row = chunk_.size();
    chunk_.column(column_).data<int32_t>()[row] = days;
    chunk_.column(column_).validity().SetValid(row);
    AdvanceColumn();
    return Status();
  }
  return AppendConverted(Value::Date(days));
}

Status Appender::AppendTime(int64_t micros) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  if (types_[column_].id() == TypeId::kTime) {
    idx_t row = chunk_.size();
    chunk_.column(column_).data<int64_t>()[row] = micros;
    chunk_.column(column_).validity().SetValid(row);
    AdvanceColumn();
    return Status();
  }
  return AppendConverted(Value::Time(micros));
}

Status Appender::AppendTimestamp(int64_t micros) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  if (types_[column_].id() == TypeId::kTimestamp) {
    idx_t row = chunk_.size();
    chunk_.column(column_).data<int64_t>()[row] = micros;
    chunk_.column(column_).validity().SetValid(row);
    AdvanceColumn();
    return Status();
  }
  return AppendConverted(Value::Timestamp(micros));
}

Status Appender::AppendInterval(Interval value) {
  return AppendConverted(Value::IntervalValue(value));
}

Status Appender::AppendVarchar(std::string_view value) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  if (types_[column_].id() == TypeId::kVarchar) {
    idx_t row = chunk_.size();
    Vector& vector = chunk_.column(column_);
    vector.data<StringRef>()[row] = vector.AddString(value);
    vector.validity().SetValid(row);
    AdvanceColumn();
    return Status();
  }
  return AppendConverted(Value::Varchar(value));
}

Status Appender::AppendBlob(std::string_view bytes) {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  if (types_[column_].id() == TypeId::kBlob) {
    idx_t row = chunk_.size();
    Vector& vector = chunk_.column(column_);
    vector.data<StringRef>()[row] = vector.AddString(bytes);
    vector.validity().SetValid(row);
    AdvanceColumn();
    return Status();
  }
  return AppendConverted(Value::Blob(bytes));
}

Status Appender::AppendNull() {
  FLUX_RETURN_IF_ERROR(CheckColumn());
  chunk_.column(column_).SetNull(chunk_.size());
  AdvanceColumn();
  return Status();
}

Status Appender::AppendValue(const Value& value) { return AppendConverted(value); }

Status Appender::EndRow() {
  if (closed_) return InvalidInputError("appender for table \"", table_, "\" is closed");
  if (column_ != types_.size()) {
    idx_t given = column_;
    column_ = 0;
    // Values already written to the unfinished row are overwritten by the next row.
    for (auto& vector : chunk_.columns()) vector.validity().SetValid(chunk_.size());
    return InvalidInputError("row of table \"", table_, "\" ended after ", given, " of ",
                             types_.size(), " values; missing column \"", names_[given],
                             "\" (the row was discarded)");
  }
  column_ = 0;
  chunk_.SetCardinality(chunk_.size() + 1);
  buffered_rows_++;
  if (chunk_.size() == kVectorSize) {
    full_chunks_.push_back(std::move(chunk_));
    chunk_ = DataChunk();
    chunk_.Initialize(types_);
    if (buffered_rows_ >= kAutoFlushRows) return Flush();
  }
  return Status();
}

Status Appender::Flush() {
  std::vector<DataChunk> chunks = std::move(full_chunks_);
  full_chunks_.clear();
  buffered_rows_ = 0;
  if (chunk_.size() > 0) {
    // Only complete rows are flushed; a partly filled row moves to the fresh chunk.
    DataChunk rest;
    rest.Initialize(types_);
    if (column_ > 0) {
      for (idx_t c = 0; c < column_; c++) {
        rest.column(c).CopyRange(chunk_.column(c), chunk_.size(), 1, 0);
      }
    }
    chunks.push_back(std::move(chunk_));
    chunk_ = std::move(rest);
  } else if (column_ == 0) {
    chunk_.Reset();
  }
  if (chunks.empty()) return Status();
  for (const DataChunk& chunk : chunks) {
    for (idx_t c = 0; c < types_.size(); c++) {
      if (!not_null_[c] || chunk.column(c).validity().AllValid()) continue;
      if (chunk.column(c).validity().CountInvalid(chunk.size()) > 0) {
        return ConstraintError("NOT NULL constraint failed: ", table_, ".", names_[c]);
      }
    }
  }
  return needs_insert_path_ ? FlushThroughSql(chunks) : FlushToStorage(chunks);
}

Status Appender::FlushToStorage(std::vector<DataChunk>& chunks) {
  Database& database = connection_.database();
  FLUX_ASSIGN_OR_RETURN(TableEntry * entry, database.catalog().GetTable(schema_, table_));
  if (entry->column_types() != types_) {
    return InvalidInputError("table \"", table_, "\" changed since the appender was created");
  }
  DataTable& table = entry->storage();
  ClientContext& context = connection_.context();
  if (context.in_explicit_transaction()) {
    // A flush is one unit: a failure part-way takes back the chunks already appended.
    ClientContext::Savepoint savepoint = context.TakeSavepoint();
    for (const DataChunk& chunk : chunks) {
      Status status = table.Append(context.transaction(), chunk);
      if (!status.ok()) {
        context.RollbackToSavepoint(savepoint);
        return status;
      }
    }
    return Status();
  }
  StorageManager& storage = database.storage();
  std::unique_ptr<Transaction> txn = storage.BeginTransaction();
  for (const DataChunk& chunk : chunks) {
    Status status = table.Append(*txn, chunk);
    if (!status.ok()) {
      storage.Rollback(*txn);
      database.catalog().RollbackTransaction(*txn);
      return status;
    }
  }
  Status status = storage.Commit(*txn);
  if (!status.ok()) {
    database.catalog().RollbackTransaction(*txn);
    return status;
  }
  database.catalog().CommitTransaction(*txn);
  return Status();
}

Status Appender::FlushThroughSql(std::vector<DataChunk>& chunks) {
  // CHECK and key constraints are INSERT's: statements of CAST literals, in one transaction.
  ClientContext& context = connection_.context();
  bool own_transaction = !context.in_explicit_transaction();
  if (own_transaction) FLUX_RETURN_IF_ERROR(connection_.Query("BEGIN TRANSACTION").status());
  // In the caller's transaction, a failed flush takes back its earlier statements too.
  ClientContext::Savepoint savepoint = context.TakeSavepoint();
  auto run = [&]() -> Status {
    std::string prefix =
        Concat("INSERT INTO ", QuoteIdentifier(schema_), ".", QuoteIdentifier(table_), " VALUES ");
    std::string sql;
    idx_t rows_in_statement = 0;
    for (const DataChunk& chunk : chunks) {
      for (idx_t r = 0; r < chunk.size(); r++) {
        sql += rows_in_statement == 0 ? prefix : std::string(",");
        sql += "(";
        for (idx_t c = 0; c < types_.size(); c++) {
          if (c > 0) sql += ",";
          Value v = chunk.GetValue(c, r);
          if (v.is_null()) {
            sql += "NULL";
          } else {
            auto text = CastValue(v, LogicalType::Varchar());
            if (!text.ok()) return text.status();
            sql += Concat("CAST(", text->ToSQLString(), " AS ", types_[c].ToString(), ")");
          }
        }
        sql += ")";
        if (++rows_in_statement == 1000) {
          FLUX_RETURN_IF_ERROR(connection_.Query(sql).status());
          sql.clear();
          rows_in_statement = 0;
        }
      }
    }
    if (rows_in_statement > 0) FLUX_RETURN_IF_ERROR(connection_.Query(sql).status());
    return Status();
  };
  Status status = run();
  if (!status.ok() && !own_transaction && context.in_explicit_transaction()) {
    context.RollbackToSavepoint(savepoint);
  }
  if (own_transaction) {
    if (status.ok()) {
      status = connection_.Query("COMMIT").status();
    } else {
      (void)connection_.Query("ROLLBACK");
    }
  }
  return status;
}

Status Appender::Close() {
  if (closed_) return Status();
  Status status = Flush();
  closed_ = true;
  return status;
}

}  // namespace fluxdb
