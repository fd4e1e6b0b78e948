// C API: prepared statements.
#include <cstring>

#include "main/c_api/c_api_internal.h"

using namespace fluxdb;        // NOLINT
using namespace fluxdb::capi;  // NOLINT

namespace {

int128_t FromCHugeInt(fluxdb_hugeint v) {
  return static_cast<int128_t>((static_cast<uint128_t>(static_cast<uint64_t>(v.upper)) << 64) |
                               v.lower);
}

/// Binds `make()` to parameter `param`, recording a failure in the statement's error.
template <typename F>
fluxdb_state BindWith(fluxdb_prepared_statement stmt, uint64_t param, F&& make) {
  if (stmt == nullptr) return FLUXDB_ERROR;
  PreparedHandle* handle = Unwrap(stmt);
  return GuardState(&handle->error, [&] {
    if (handle->statement == nullptr) {
      if (handle->error.empty()) handle->error = "Invalid Input Error: statement failed to prepare";
      return FLUXDB_ERROR;
    }
    StatusOr<Value> value = make();
    if (!value.ok()) {
      handle->error = ErrorMessage(value.status());
      return FLUXDB_ERROR;
    }
    Status status = handle->statement->Bind(param, std::move(value).value());
    if (!status.ok()) {
      handle->error = ErrorMessage(status);
      return FLUXDB_ERROR;
    }
    return FLUXDB_OK;
  });
}

}  // namespace

extern "C" {

fluxdb_state fluxdb_prepare(fluxdb_connection con, const char* sql,
                            fluxdb_prepared_statement* out) {
  if (out == nullptr) return FLUXDB_ERROR;
  *out = nullptr;
  if (con == nullptr) return FLUXDB_ERROR;
  PreparedHandle* handle = nullptr;
  try {
    handle = new PreparedHandle();
  } catch (...) {
    return FLUXDB_ERROR;
  }
  *out = reinterpret_cast<fluxdb_prepared_statement>(handle);
  return GuardState(&handle->error, [&] {
    handle->state = Unwrap(con)->state;
    if (sql == nullptr) {
      handle->error = "Invalid Input Error: query is NULL";
      return FLUXDB_ERROR;
    }
    std::lock_guard lock(handle->state->mutex);
    auto prepared = handle->state->connection->Prepare(sql);
    if (!prepared.ok()) {
      handle->error = ErrorMessage(prepared.status());
      return FLUXDB_ERROR;
    }
    handle->statement = std::move(prepared).value();
    return FLUXDB_OK;
  });
}

const char* fluxdb_prepare_error(fluxdb_prepared_statement stmt) {
  if (stmt == nullptr) return nullptr;
  PreparedHandle* handle = Unwrap(stmt);
  return handle->error.empty() ? nullptr : handle->error.c_str();
}

uint64_t fluxdb_nparams(fluxdb_prepared_statement stmt) {
  if (stmt == nullptr) return 0;
  PreparedHandle* handle = Unwrap(stmt);
  return handle->statement == nullptr ? 0 : handle->statement->parameter_count();
}

fluxdb_state fluxdb_bind_boolean(fluxdb_prepared_statement stmt, uint64_t param, bool val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::Boolean(val); });
}

fluxdb_state fluxdb_bind_int8(fluxdb_prepared_statement stmt, uint64_t param, int8_t val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::TinyInt(val); });
}

fluxdb_state fluxdb_bind_int16(fluxdb_prepared_statement stmt, uint64_t param, int16_t val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::SmallInt(val); });
}

fluxdb_state fluxdb_bind_int32(fluxdb_prepared_statement stmt, uint64_t param, int32_t val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::Integer(val); });
}

fluxdb_state fluxdb_bind_int64(fluxdb_prepared_statement stmt, uint64_t param, int64_t val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::BigInt(val); });
}

fluxdb_state fluxdb_bind_hugeint(fluxdb_prepared_statement stmt, uint64_t param,
                                 fluxdb_hugeint val) {
  return BindWith(stmt, param,
                  [&]() -> StatusOr<Value> { return Value::HugeInt(FromCHugeInt(val)); });
}

fluxdb_state fluxdb_bind_float(fluxdb_prepared_statement stmt, uint64_t param, float val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::Float(val); });
}

fluxdb_state fluxdb_bind_double(fluxdb_prepared_statement stmt, uint64_t param, double val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::Double(val); });
}

fluxdb_state fluxdb_bind_decimal(fluxdb_prepared_statement stmt, uint64_t param,
                                 fluxdb_decimal val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> {
    if (val.width < 1 || val.width > kDecimalMaxWidth || val.scale > val.width) {
      return InvalidInputError("invalid DECIMAL(", static_cast<int>(val.width), ",",
                               static_cast<int>(val.scale), ") parameter");
    }
    return Value::Decimal(FromCHugeInt(val.value), val.width, val.scale);
  });
}

fluxdb_state fluxdb_bind_date(fluxdb_prepared_statement stmt, uint64_t param, fluxdb_date val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::Date(val.days); });
}

fluxdb_state fluxdb_bind_time(fluxdb_prepared_statement stmt, uint64_t param, fluxdb_time val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::Time(val.micros); });
}

fluxdb_state fluxdb_bind_timestamp(fluxdb_prepared_statement stmt, uint64_t param,
                                   fluxdb_timestamp val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value::Timestamp(val.micros); });
}

fluxdb_state fluxdb_bind_interval(fluxdb_prepared_statement stmt, uint64_t param,
                                  fluxdb_interval val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> {
    return Value::IntervalValue(Interval{val.months, val.days, val.micros});
  });
}

fluxdb_state fluxdb_bind_varchar(fluxdb_prepared_statement stmt, uint64_t param, const char* val) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> {
    return val == nullptr ? Value(LogicalType::Varchar()) : Value::Varchar(val);
  });
}

fluxdb_state fluxdb_bind_varchar_length(fluxdb_prepared_statement stmt, uint64_t param,
                                        const char* val, uint64_t length) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> {
    if (val == nullptr) return Value(LogicalType::Varchar());
    return Value::Varchar(std::string_view(val, length));
  });
}

fluxdb_state fluxdb_bind_blob(fluxdb_prepared_statement stmt, uint64_t param, const void* data,
                              uint64_t length) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> {
    if (data == nullptr) return Value(LogicalType::Blob());
    return Value::Blob(std::string_view(static_cast<const char*>(data), length));
  });
}

fluxdb_state fluxdb_bind_null(fluxdb_prepared_statement stmt, uint64_t param) {
  return BindWith(stmt, param, [&]() -> StatusOr<Value> { return Value(); });
}

fluxdb_state fluxdb_clear_bindings(fluxdb_prepared_statement stmt) {
  if (stmt == nullptr) return FLUXDB_ERROR;
  PreparedHandle* handle = Unwrap(stmt);
  if (handle->statement == nullptr) return FLUXDB_ERROR;
  handle->statement->ClearBindings();
  return FLUXDB_OK;
}

fluxdb_state fluxdb_execute_prepared(fluxdb_prepared_statement stmt, fluxdb_result* out) {
  if (out != nullptr) std::memset(out, 0, sizeof(*out));
  if (stmt == nullptr) return FailResult(out, "Invalid Input Error: prepared statement is NULL");
  PreparedHandle* handle = Unwrap(stmt);
  if (handle->statement == nullptr) {
    return FailResult(out, handle->error.empty()
                               ? "Invalid Input Error: statement failed to prepare"
                               : handle->error);
  }
  try {
    std::lock_guard lock(handle->state->mutex);
    return FillResult(handle->statement->Execute(), out);
  } catch (const std::bad_alloc&) {
    return FailResult(out, kOutOfMemoryMessage);
  } catch (...) {
    return FailResult(out, "INTERNAL Error: unexpected exception");
  }
}

void fluxdb_destroy_prepare(fluxdb_prepared_statement* stmt) {
  if (stmt == nullptr || *stmt == nullptr) return;
  PreparedHandle* handle = Unwrap(*stmt);
  *stmt = nullptr;
  try {
    if (handle->state != nullptr) {
      // The statement refers to the connection's context: release it under the lock.
      std::shared_ptr<ConnectionState> state = handle->state;
      std::lock_guard lock(state->mutex);
      handle->statement.reset();
    }
    delete handle;
  } catch (...) {
  }
}

}  // extern "C"
