// Internal: what the C API's opaque handles point at, and the exception barrier.
//
// Every handle is a pointer to one of the structs below (DuckDB's convention: the public
// `struct _fluxdb_x { void *internal_ptr; }` type only makes handles distinct). Lifetimes are
// shared_ptrs so that closing a database or disconnecting while dependents live is safe: the
// object goes away with its last user.
#pragma once

#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "fluxdb.h"
#include "main/appender.h"
#include "main/connection.h"
#include "main/database.h"
#include "main/prepared_statement.h"
#include "main/query_result.h"

namespace fluxdb::capi {

inline constexpr const char* kOutOfMemoryMessage = "Out of Memory Error: could not allocate memory";

struct DatabaseHandle {
  std::shared_ptr<Database> database;
};

struct ConnectionState {
  std::shared_ptr<Database> database;  // keeps the database open while the connection lives
  std::unique_ptr<Connection> connection;
  std::mutex mutex;  // serializes statements, prepares and appender flushes on this connection
  ~ConnectionState() {
    connection.reset();  // before the database it refers to
  }
};

struct ConnectionHandle {
  std::shared_ptr<ConnectionState> state;
};

struct ConfigHandle {
  DatabaseOptions options;
  bool read_only_requested = false;
};

struct ResultData;

struct VectorData {
  ResultData* result = nullptr;
  idx_t chunk = 0;
  idx_t column = 0;
};

struct ChunkData {
  ResultData* result = nullptr;
  idx_t index = 0;
  std::vector<VectorData> vectors;
};

struct ResultData {
  std::unique_ptr<QueryResult> result;
  std::string error;
  int64_t error_offset = -1;
  std::vector<DataChunk> chunks;  // aliases of the result's chunks; columns flattened on demand
  std::vector<idx_t> starts;      // first row of each chunk
  std::vector<std::unique_ptr<ChunkData>> chunk_handles;  // created on first request
  idx_t last_chunk = 0;  // chunk of the previous row lookup (sequential access)
  uint64_t rows_changed = 0;

  /// Makes column `col` of chunk `chunk` flat (once).
  Vector& FlatColumn(idx_t chunk, idx_t col);
};

struct PreparedHandle {
  std::shared_ptr<ConnectionState> state;
  std::unique_ptr<PreparedStatement> statement;
  std::string error;
};

struct AppenderHandle {
  std::shared_ptr<ConnectionState> state;
  std::unique_ptr<Appender> appender;
  std::string error;
};

/// Runs `body`; any exception becomes `fallback` (and `on_error(message)` when given).
template <typename R, typename F>
R Guard(R fallback, F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return fallback;
  }
}

/// Sets `*error` from a caught exception, never throwing itself.
inline void SetErrorNoThrow(std::string* error, const char* message) noexcept {
  try {
    *error = message;
  } catch (...) {
  }
}

/// Like Guard, for functions that report errors through an object's `error` string.
template <typename F>
fluxdb_state GuardState(std::string* error, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    if (error != nullptr) SetErrorNoThrow(error, kOutOfMemoryMessage);
  } catch (const std::exception& e) {
    if (error != nullptr) {
      try {
        *error = Concat("INTERNAL Error: ", e.what());
      } catch (...) {
      }
    }
  } catch (...) {
    if (error != nullptr) SetErrorNoThrow(error, "INTERNAL Error: unknown exception");
  }
  return FLUXDB_ERROR;
}

inline DatabaseHandle* Unwrap(fluxdb_database db) { return reinterpret_cast<DatabaseHandle*>(db); }
inline ConnectionHandle* Unwrap(fluxdb_connection con) {
  return reinterpret_cast<ConnectionHandle*>(con);
}
inline ConfigHandle* Unwrap(fluxdb_config config) {
  return reinterpret_cast<ConfigHandle*>(config);
}
inline PreparedHandle* Unwrap(fluxdb_prepared_statement stmt) {
  return reinterpret_cast<PreparedHandle*>(stmt);
}
inline AppenderHandle* Unwrap(fluxdb_appender appender) {
  return reinterpret_cast<AppenderHandle*>(appender);
}
inline ResultData* Unwrap(fluxdb_result* result) {
  return result == nullptr ? nullptr : static_cast<ResultData*>(result->internal_data);
}

/// Fills `out` (may be null) from a statement's outcome. Returns the state to report.
fluxdb_state FillResult(StatusOr<std::unique_ptr<QueryResult>> outcome,
                        fluxdb_result* out) noexcept;
/// Puts an error into `out` (may be null) without a QueryResult.
fluxdb_state FailResult(fluxdb_result* out, std::string_view message) noexcept;

fluxdb_type ToCType(const LogicalType& type);

/// Copies `text` into malloc'd, NUL-terminated memory (null when out of memory).
char* CopyToMalloc(std::string_view text);

}  // namespace fluxdb::capi
