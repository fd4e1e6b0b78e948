// C API: running queries, result metadata and value access by column and row.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "execution/cast/vector_cast.h"
#include "main/c_api/c_api_internal.h"
#include "parser/parser.h"

using namespace fluxdb;        // NOLINT
using namespace fluxdb::capi;  // NOLINT

namespace fluxdb::capi {

Vector& ResultData::FlatColumn(idx_t chunk, idx_t col) {
  Vector& vector = chunks[chunk].column(col);
  if (vector.encoding() != VectorEncoding::kFlat) vector.Flatten(chunks[chunk].size());
  return vector;
}

fluxdb_type ToCType(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return FLUXDB_TYPE_BOOLEAN;
    case TypeId::kTinyInt:
      return FLUXDB_TYPE_TINYINT;
    case TypeId::kSmallInt:
      return FLUXDB_TYPE_SMALLINT;
    case TypeId::kInteger:
      return FLUXDB_TYPE_INTEGER;
    case TypeId::kBigInt:
      return FLUXDB_TYPE_BIGINT;
    case TypeId::kHugeInt:
      return FLUXDB_TYPE_HUGEINT;
    case TypeId::kFloat:
      return FLUXDB_TYPE_FLOAT;
    case TypeId::kDouble:
      return FLUXDB_TYPE_DOUBLE;
    case TypeId::kDecimal:
      return FLUXDB_TYPE_DECIMAL;
    case TypeId::kVarchar:
      return FLUXDB_TYPE_VARCHAR;
    case TypeId::kBlob:
      return FLUXDB_TYPE_BLOB;
    case TypeId::kDate:
      return FLUXDB_TYPE_DATE;
    case TypeId::kTime:
      return FLUXDB_TYPE_TIME;
    case TypeId::kTimestamp:
      return FLUXDB_TYPE_TIMESTAMP;
    case TypeId::kInterval:
      return FLUXDB_TYPE_INTERVAL;
    case TypeId::kNull:
      return FLUXDB_TYPE_SQLNULL;
    case TypeId::kUTinyInt:
    case TypeId::kUSmallInt:
    case TypeId::kUInteger:
    case TypeId::kUBigInt:
    case TypeId::kUHugeInt:
    case TypeId::kUuid:
      // Their vectors hold a wider signed type (UHUGEINT and UUID encoded), not DuckDB's C layout,
      // so the C API does not expose them as typed columns; the value getters cast them.
    case TypeId::kList:
    case TypeId::kStruct:
      // Nested values are key-encoded strings (common/nested_value.h), not DuckDB's list
      // layout: fluxdb_value_varchar gives their text ([1, 2], {'a': 1}).
    case TypeId::kInvalid:
      break;
  }
  return FLUXDB_TYPE_INVALID;
}

char* CopyToMalloc(std::string_view text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) return nullptr;
  if (!text.empty()) std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return out;
}

fluxdb_state FailResult(fluxdb_result* out, std::string_view message) noexcept {
  if (out == nullptr) return FLUXDB_ERROR;
  std::memset(out, 0, sizeof(*out));
  out->internal_error = kOutOfMemoryMessage;
  try {
    auto data = std::make_unique<ResultData>();
    data->error = std::string(message);
    out->internal_data = data.release();
    out->internal_error = static_cast<ResultData*>(out->internal_data)->error.c_str();
  } catch (...) {
  }
  return FLUXDB_ERROR;
}

fluxdb_state FillResult(StatusOr<std::unique_ptr<QueryResult>> outcome,
                        fluxdb_result* out) noexcept {
  if (!outcome.ok()) {
    fluxdb_state state = FLUXDB_ERROR;
    try {
      state = FailResult(out, ErrorMessage(outcome.status()));
      if (ResultData* data = Unwrap(out))
        data->error_offset = Parser::ErrorOffset(outcome.status());
    } catch (...) {
    }
    return state;
  }
  if (out == nullptr) return FLUXDB_OK;
  std::memset(out, 0, sizeof(*out));
  try {
    auto data = std::make_unique<ResultData>();
    data->result = std::move(outcome).value();
    const QueryResult& result = *data->result;
    idx_t start = 0;
    data->chunks.reserve(result.chunks().size());
    for (const DataChunk& chunk : result.chunks()) {
      DataChunk alias;
      alias.Reference(chunk);
      data->starts.push_back(start);
      start += chunk.size();
      data->chunks.push_back(std::move(alias));
    }
    data->chunk_handles.resize(data->chunks.size());
    if (result.kind() == ResultKind::kChangedRows && result.RowCount() > 0 &&
        result.ColumnCount() > 0) {
      Value count = result.GetValue(0, 0);
      if (!count.is_null()) data->rows_changed = static_cast<uint64_t>(count.GetInt64());
    }
    out->internal_column_count = result.ColumnCount();
    out->internal_row_count = result.RowCount();
    out->internal_data = data.release();
    return FLUXDB_OK;
  } catch (...) {
    std::memset(out, 0, sizeof(*out));
    out->internal_error = kOutOfMemoryMessage;
    return FLUXDB_ERROR;
  }
}

}  // namespace fluxdb::capi

namespace {

/// One value of a result located by column and row (a flat vector and the row inside it).
struct Cell {
  const Vector* vector = nullptr;
  idx_t index = 0;
  const LogicalType* type = nullptr;
  bool valid = false;

  template <typename T>
  const T& Get() const {
    return vector->data<T>()[index];
  }
};

/// Finds the cell; false for a missing result, an error result or an index out of range.
bool Locate(fluxdb_result* result, uint64_t col, uint64_t row, Cell* cell) {
  ResultData* data = Unwrap(result);
  if (data == nullptr || data->result == nullptr) return false;
  const QueryResult& r = *data->result;
  if (col >= r.ColumnCount() || row >= r.RowCount()) return false;
  idx_t chunk = data->last_chunk;
  if (chunk >= data->chunks.size() || row < data->starts[chunk] ||
      row >= data->starts[chunk] + data->chunks[chunk].size()) {
    auto it = std::upper_bound(data->starts.begin(), data->starts.end(), row);
    chunk = static_cast<idx_t>(it - data->starts.begin()) - 1;
    data->last_chunk = chunk;
  }
  Vector& vector = data->FlatColumn(chunk, col);
  cell->vector = &vector;
  cell->index = row - data->starts[chunk];
  cell->type = &r.types()[col];
  cell->valid = vector.validity().IsValid(cell->index);
  return true;
}

/// The cell converted to `target` as TRY_CAST would; NULL when it does not convert.
Value CastCell(const Cell& cell, const LogicalType& target) {
  Value boxed = cell.vector->GetValue(cell.index);
  if (boxed.is_null()) return Value(target);
  if (boxed.type() == target) return boxed;
  auto cast = CastValue(boxed, target, /*try_cast=*/true);
  if (!cast.ok()) return Value(target);
  return *cast;
}

/// Integer types read without boxing.
bool IntegralCell(const Cell& cell, int64_t* out) {
  switch (cell.type->id()) {
    case TypeId::kTinyInt:
      *out = cell.Get<int8_t>();
      return true;
    case TypeId::kSmallInt:
      *out = cell.Get<int16_t>();
      return true;
    case TypeId::kInteger:
      *out = cell.Get<int32_t>();
      return true;
    case TypeId::kBigInt:
      *out = cell.Get<int64_t>();
      return true;
    default:
      return false;
  }
}

template <typename T>
T IntegerValue(fluxdb_result* result, uint64_t col, uint64_t row, const LogicalType& target) {
  return Guard<T>(0, [&]() -> T {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return 0;
    int64_t v;
    if (IntegralCell(cell, &v) && v >= std::numeric_limits<T>::min() &&
        v <= std::numeric_limits<T>::max()) {
      return static_cast<T>(v);
    }
    Value cast = CastCell(cell, target);
    return cast.is_null() ? 0 : static_cast<T>(cast.GetInt64());
  });
}

fluxdb_hugeint ToCHugeInt(int128_t v) {
  fluxdb_hugeint out;
  out.lower = static_cast<uint64_t>(static_cast<uint128_t>(v));
  out.upper = static_cast<int64_t>(v >> 64);
  return out;
}

}  // namespace

extern "C" {

fluxdb_state fluxdb_query(fluxdb_connection con, const char* sql, fluxdb_result* out) {
  if (out != nullptr) std::memset(out, 0, sizeof(*out));
  if (con == nullptr) return FailResult(out, "Invalid Input Error: connection is NULL");
  if (sql == nullptr) return FailResult(out, "Invalid Input Error: query is NULL");
  try {
    ConnectionState& state = *Unwrap(con)->state;
    std::lock_guard lock(state.mutex);
    return FillResult(state.connection->Query(sql), out);
  } catch (const std::bad_alloc&) {
    return FailResult(out, kOutOfMemoryMessage);
  } catch (...) {
    return FailResult(out, "INTERNAL Error: unexpected exception");
  }
}

void fluxdb_destroy_result(fluxdb_result* result) {
  if (result == nullptr) return;
  ResultData* data = Unwrap(result);
  std::memset(result, 0, sizeof(*result));
  try {
    delete data;
  } catch (...) {
  }
}

const char* fluxdb_result_error(fluxdb_result* result) {
  if (result == nullptr) return nullptr;
  ResultData* data = Unwrap(result);
  if (data == nullptr) return result->internal_error;
  return data->error.empty() && data->result != nullptr ? nullptr : data->error.c_str();
}

int64_t fluxdb_result_error_offset(fluxdb_result* result) {
  ResultData* data = Unwrap(result);
  return data == nullptr ? -1 : data->error_offset;
}

uint64_t fluxdb_column_count(fluxdb_result* result) {
  ResultData* data = Unwrap(result);
  return data == nullptr || data->result == nullptr ? 0 : data->result->ColumnCount();
}

uint64_t fluxdb_row_count(fluxdb_result* result) {
  ResultData* data = Unwrap(result);
  return data == nullptr || data->result == nullptr ? 0 : data->result->RowCount();
}

uint64_t fluxdb_rows_changed(fluxdb_result* result) {
  ResultData* data = Unwrap(result);
  return data == nullptr ? 0 : data->rows_changed;
}

const char* fluxdb_column_name(fluxdb_result* result, uint64_t col) {
  ResultData* data = Unwrap(result);
  if (data == nullptr || data->result == nullptr || col >= data->result->ColumnCount()) {
    return nullptr;
  }
  return data->result->names()[col].c_str();
}

fluxdb_type fluxdb_column_type(fluxdb_result* result, uint64_t col) {
  ResultData* data = Unwrap(result);
  if (data == nullptr || data->result == nullptr || col >= data->result->ColumnCount()) {
    return FLUXDB_TYPE_INVALID;
  }
  return ToCType(data->result->types()[col]);
}

uint8_t fluxdb_column_decimal_width(fluxdb_result* result, uint64_t col) {
  ResultData* data = Unwrap(result);
  if (data == nullptr || data->result == nullptr || col >= data->result->ColumnCount()) return 0;
  const LogicalType& type = data->result->types()[col];
  return type.id() == TypeId::kDecimal ? type.width() : 0;
}

uint8_t fluxdb_column_decimal_scale(fluxdb_result* result, uint64_t col) {
  ResultData* data = Unwrap(result);
  if (data == nullptr || data->result == nullptr || col >= data->result->ColumnCount()) return 0;
  const LogicalType& type = data->result->types()[col];
  return type.id() == TypeId::kDecimal ? type.scale() : 0;
}

bool fluxdb_value_is_null(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(false, [&] {
    Cell cell;
    // DuckDB answers true for rows and columns that do not exist.
    if (!Locate(result, col, row, &cell)) return true;
    return !cell.valid;
  });
}

bool fluxdb_value_boolean(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(false, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return false;
    if (cell.type->id() == TypeId::kBoolean) return cell.Get<bool>();
    Value cast = CastCell(cell, LogicalType::Boolean());
    return !cast.is_null() && cast.GetBool();
  });
}

int8_t fluxdb_value_int8(fluxdb_result* result, uint64_t col, uint64_t row) {
  return IntegerValue<int8_t>(result, col, row, LogicalType::TinyInt());
}

int16_t fluxdb_value_int16(fluxdb_result* result, uint64_t col, uint64_t row) {
  return IntegerValue<int16_t>(result, col, row, LogicalType::SmallInt());
}

int32_t fluxdb_value_int32(fluxdb_result* result, uint64_t col, uint64_t row) {
  return IntegerValue<int32_t>(result, col, row, LogicalType::Integer());
}

int64_t fluxdb_value_int64(fluxdb_result* result, uint64_t col, uint64_t row) {
  return IntegerValue<int64_t>(result, col, row, LogicalType::BigInt());
}

fluxdb_hugeint fluxdb_value_hugeint(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(fluxdb_hugeint{0, 0}, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return fluxdb_hugeint{0, 0};
    if (cell.type->id() == TypeId::kHugeInt) return ToCHugeInt(cell.Get<int128_t>());
    int64_t v;
    if (IntegralCell(cell, &v)) return ToCHugeInt(v);
    Value cast = CastCell(cell, LogicalType::HugeInt());
    return cast.is_null() ? fluxdb_hugeint{0, 0} : ToCHugeInt(cast.GetInt128());
  });
}

float fluxdb_value_float(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(0.0f, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return 0.0f;
    if (cell.type->id() == TypeId::kFloat) return cell.Get<float>();
    Value cast = CastCell(cell, LogicalType::Float());
    return cast.is_null() ? 0.0f : static_cast<float>(cast.GetDouble());
  });
}

double fluxdb_value_double(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(0.0, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return 0.0;
    if (cell.type->id() == TypeId::kDouble) return cell.Get<double>();
    if (cell.type->id() == TypeId::kFloat) return static_cast<double>(cell.Get<float>());
    int64_t v;
    if (IntegralCell(cell, &v)) return static_cast<double>(v);
    Value cast = CastCell(cell, LogicalType::Double());
    return cast.is_null() ? 0.0 : cast.GetDouble();
  });
}

fluxdb_decimal fluxdb_value_decimal(fluxdb_result* result, uint64_t col, uint64_t row) {
  fluxdb_decimal zero{0, 0, {0, 0}};
  return Guard(zero, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return zero;
    fluxdb_decimal out = zero;
    const LogicalType& type = *cell.type;
    if (type.id() == TypeId::kDecimal) {
      Value v = cell.vector->GetValue(cell.index);
      out.width = type.width();
      out.scale = type.scale();
      out.value = ToCHugeInt(v.GetInt128());
      return out;
    }
    int64_t v;
    if (IntegralCell(cell, &v)) {
      out.width = 18;
      out.value = ToCHugeInt(v);
      return out;
    }
    if (type.id() == TypeId::kHugeInt) {
      out.width = 38;
      out.value = ToCHugeInt(cell.Get<int128_t>());
      return out;
    }
    // Floating point and text: DuckDB's default DECIMAL(18,3).
    Value cast = CastCell(cell, LogicalType::Decimal(18, 3));
    if (cast.is_null()) return zero;
    out.width = 18;
    out.scale = 3;
    out.value = ToCHugeInt(cast.GetInt128());
    return out;
  });
}

fluxdb_date fluxdb_value_date(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(fluxdb_date{0}, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return fluxdb_date{0};
    if (cell.type->id() == TypeId::kDate) return fluxdb_date{cell.Get<int32_t>()};
    Value cast = CastCell(cell, LogicalType::Date());
    return fluxdb_date{cast.is_null() ? 0 : static_cast<int32_t>(cast.GetInt64())};
  });
}

fluxdb_time fluxdb_value_time(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(fluxdb_time{0}, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return fluxdb_time{0};
    if (cell.type->id() == TypeId::kTime) return fluxdb_time{cell.Get<int64_t>()};
    Value cast = CastCell(cell, LogicalType::Time());
    return fluxdb_time{cast.is_null() ? 0 : cast.GetInt64()};
  });
}

fluxdb_timestamp fluxdb_value_timestamp(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(fluxdb_timestamp{0}, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return fluxdb_timestamp{0};
    if (cell.type->id() == TypeId::kTimestamp) return fluxdb_timestamp{cell.Get<int64_t>()};
    Value cast = CastCell(cell, LogicalType::Timestamp());
    return fluxdb_timestamp{cast.is_null() ? 0 : cast.GetInt64()};
  });
}

fluxdb_interval fluxdb_value_interval(fluxdb_result* result, uint64_t col, uint64_t row) {
  fluxdb_interval zero{0, 0, 0};
  return Guard(zero, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return zero;
    Interval v;
    if (cell.type->id() == TypeId::kInterval) {
      v = cell.Get<Interval>();
    } else {
      Value cast = CastCell(cell, LogicalType::IntervalType());
      if (cast.is_null()) return zero;
      v = cast.GetInterval();
    }
    return fluxdb_interval{v.months, v.days, v.micros};
  });
}

char* fluxdb_value_varchar(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(static_cast<char*>(nullptr), [&]() -> char* {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return nullptr;
    if (cell.type->id() == TypeId::kVarchar) return CopyToMalloc(cell.Get<StringRef>().view());
    // CAST's text (BLOBs get \x escapes, which Value::ToString leaves out).
    Value text = CastCell(cell, LogicalType::Varchar());
    if (text.is_null()) return CopyToMalloc(ValueToText(cell.vector->GetValue(cell.index)));
    return CopyToMalloc(text.GetString());
  });
}

fluxdb_blob fluxdb_value_blob(fluxdb_result* result, uint64_t col, uint64_t row) {
  return Guard(fluxdb_blob{nullptr, 0}, [&] {
    Cell cell;
    if (!Locate(result, col, row, &cell) || !cell.valid) return fluxdb_blob{nullptr, 0};
    if (cell.type->id() != TypeId::kBlob && cell.type->id() != TypeId::kVarchar) {
      return fluxdb_blob{nullptr, 0};
    }
    std::string_view bytes = cell.Get<StringRef>().view();
    void* data = std::malloc(bytes.empty() ? 1 : bytes.size());
    if (data == nullptr) return fluxdb_blob{nullptr, 0};
    if (!bytes.empty()) std::memcpy(data, bytes.data(), bytes.size());
    return fluxdb_blob{data, bytes.size()};
  });
}

}  // extern "C"
