// C API: the appender.
#include "main/c_api/c_api_internal.h"

using namespace fluxdb;        // NOLINT
using namespace fluxdb::capi;  // NOLINT

namespace {

int128_t FromCHugeInt(fluxdb_hugeint v) {
  return static_cast<int128_t>((static_cast<uint128_t>(static_cast<uint64_t>(v.upper)) << 64) |
                               v.lower);
}

/// Runs `op(appender)` and records a failure in the handle's error.
template <typename F>
fluxdb_state Run(fluxdb_appender app, F&& op) {
  if (app == nullptr) return FLUXDB_ERROR;
  AppenderHandle* handle = Unwrap(app);
  return GuardState(&handle->error, [&] {
    if (handle->appender == nullptr) {
      if (handle->error.empty()) handle->error = "Invalid Input Error: appender was not created";
      return FLUXDB_ERROR;
    }
    Status status = op(*handle->appender);
    if (!status.ok()) {
      handle->error = ErrorMessage(status);
      return FLUXDB_ERROR;
    }
    return FLUXDB_OK;
  });
}

/// Like Run, for operations that write to the database (under the connection's lock).
template <typename F>
fluxdb_state RunLocked(fluxdb_appender app, F&& op) {
  if (app == nullptr) return FLUXDB_ERROR;
  AppenderHandle* handle = Unwrap(app);
  if (handle->state == nullptr) return Run(app, op);
  return Run(app, [&](Appender& appender) {
    std::lock_guard lock(handle->state->mutex);
    return op(appender);
  });
}

}  // namespace

extern "C" {

fluxdb_state fluxdb_appender_create(fluxdb_connection con, const char* schema, const char* table,
                                    fluxdb_appender* out) {
  if (out == nullptr) return FLUXDB_ERROR;
  *out = nullptr;
  if (con == nullptr) return FLUXDB_ERROR;
  AppenderHandle* handle = nullptr;
  try {
    handle = new AppenderHandle();
  } catch (...) {
    return FLUXDB_ERROR;
  }
  *out = reinterpret_cast<fluxdb_appender>(handle);
  return GuardState(&handle->error, [&] {
    handle->state = Unwrap(con)->state;
    if (table == nullptr) {
      handle->error = "Invalid Input Error: table name is NULL";
      return FLUXDB_ERROR;
    }
    std::lock_guard lock(handle->state->mutex);
    auto appender = Appender::Create(*handle->state->connection,
                                     schema == nullptr ? std::string_view() : schema, table);
    if (!appender.ok()) {
      handle->error = ErrorMessage(appender.status());
      return FLUXDB_ERROR;
    }
    handle->appender = std::move(appender).value();
    return FLUXDB_OK;
  });
}

const char* fluxdb_appender_error(fluxdb_appender appender) {
  if (appender == nullptr) return nullptr;
  AppenderHandle* handle = Unwrap(appender);
  return handle->error.empty() ? nullptr : handle->error.c_str();
}

uint64_t fluxdb_appender_column_count(fluxdb_appender appender) {
  if (appender == nullptr) return 0;
  AppenderHandle* handle = Unwrap(appender);
  return handle->appender == nullptr ? 0 : handle->appender->types().size();
}

fluxdb_type fluxdb_appender_column_type(fluxdb_appender appender, uint64_t col) {
  if (appender == nullptr) return FLUXDB_TYPE_INVALID;
  AppenderHandle* handle = Unwrap(appender);
  if (handle->appender == nullptr || col >= handle->appender->types().size()) {
    return FLUXDB_TYPE_INVALID;
  }
  return ToCType(handle->appender->types()[col]);
}

fluxdb_state fluxdb_append_boolean(fluxdb_appender appender, bool value) {
  return Run(appender, [&](Appender& a) { return a.AppendBoolean(value); });
}

fluxdb_state fluxdb_append_int8(fluxdb_appender appender, int8_t value) {
  return Run(appender, [&](Appender& a) { return a.AppendInt64(value); });
}

fluxdb_state fluxdb_append_int16(fluxdb_appender appender, int16_t value) {
  return Run(appender, [&](Appender& a) { return a.AppendInt64(value); });
}

fluxdb_state fluxdb_append_int32(fluxdb_appender appender, int32_t value) {
  return Run(appender, [&](Appender& a) { return a.AppendInt64(value); });
}

fluxdb_state fluxdb_append_int64(fluxdb_appender appender, int64_t value) {
  return Run(appender, [&](Appender& a) { return a.AppendInt64(value); });
}

fluxdb_state fluxdb_append_hugeint(fluxdb_appender appender, fluxdb_hugeint value) {
  return Run(appender, [&](Appender& a) { return a.AppendHugeInt(FromCHugeInt(value)); });
}

fluxdb_state fluxdb_append_float(fluxdb_appender appender, float value) {
  return Run(appender, [&](Appender& a) { return a.AppendFloat(value); });
}

fluxdb_state fluxdb_append_double(fluxdb_appender appender, double value) {
  return Run(appender, [&](Appender& a) { return a.AppendDouble(value); });
}

fluxdb_state fluxdb_append_date(fluxdb_appender appender, fluxdb_date value) {
  return Run(appender, [&](Appender& a) { return a.AppendDate(value.days); });
}

fluxdb_state fluxdb_append_time(fluxdb_appender appender, fluxdb_time value) {
  return Run(appender, [&](Appender& a) { return a.AppendTime(value.micros); });
}

fluxdb_state fluxdb_append_timestamp(fluxdb_appender appender, fluxdb_timestamp value) {
  return Run(appender, [&](Appender& a) { return a.AppendTimestamp(value.micros); });
}

fluxdb_state fluxdb_append_interval(fluxdb_appender appender, fluxdb_interval value) {
  return Run(appender, [&](Appender& a) {
    return a.AppendInterval(Interval{value.months, value.days, value.micros});
  });
}

fluxdb_state fluxdb_append_varchar(fluxdb_appender appender, const char* value) {
  return Run(appender, [&](Appender& a) {
    return value == nullptr ? a.AppendNull() : a.AppendVarchar(value);
  });
}

fluxdb_state fluxdb_append_varchar_length(fluxdb_appender appender, const char* value,
                                          uint64_t length) {
  return Run(appender, [&](Appender& a) {
    return value == nullptr ? a.AppendNull() : a.AppendVarchar(std::string_view(value, length));
  });
}

fluxdb_state fluxdb_append_blob(fluxdb_appender appender, const void* data, uint64_t length) {
  return Run(appender, [&](Appender& a) {
    return data == nullptr ? a.AppendNull()
                           : a.AppendBlob(std::string_view(static_cast<const char*>(data), length));
  });
}

fluxdb_state fluxdb_append_null(fluxdb_appender appender) {
  return Run(appender, [&](Appender& a) { return a.AppendNull(); });
}

fluxdb_state fluxdb_appender_end_row(fluxdb_appender appender) {
  if (appender == nullptr) return FLUXDB_ERROR;
  AppenderHandle* handle = Unwrap(appender);
  // Most rows only close a row; the ones that fill a row group flush and need the lock.
  if (handle->appender != nullptr &&
      handle->appender->current_column() == handle->appender->types().size()) {
    return RunLocked(appender, [&](Appender& a) { return a.EndRow(); });
  }
  return Run(appender, [&](Appender& a) { return a.EndRow(); });
}

fluxdb_state fluxdb_appender_flush(fluxdb_appender appender) {
  return RunLocked(appender, [&](Appender& a) { return a.Flush(); });
}

fluxdb_state fluxdb_appender_close(fluxdb_appender appender) {
  return RunLocked(appender, [&](Appender& a) { return a.Close(); });
}

fluxdb_state fluxdb_appender_destroy(fluxdb_appender* appender) {
  if (appender == nullptr || *appender == nullptr) return FLUXDB_ERROR;
  AppenderHandle* handle = Unwrap(*appender);
  *appender = nullptr;
  fluxdb_state state = FLUXDB_OK;
  try {
    if (handle->appender != nullptr) {
      std::lock_guard lock(handle->state->mutex);
      state = handle->appender->Close().ok() ? FLUXDB_OK : FLUXDB_ERROR;
      handle->appender.reset();
    } else {
      state = FLUXDB_ERROR;
    }
  } catch (...) {
    state = FLUXDB_ERROR;
  }
  try {
    delete handle;
  } catch (...) {
  }
  return state;
}

}  // extern "C"
