// C API: library information, memory, opening databases, configuration, connections.
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string>

#include "main/c_api/c_api_internal.h"

using namespace fluxdb;        // NOLINT
using namespace fluxdb::capi;  // NOLINT

namespace {

thread_local std::string open_error;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ParseUnsigned(std::string_view text, uint64_t* out) {
  if (text.empty()) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    if (v > (UINT64_MAX - 9) / 10) return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

/// "4GB", "512 MiB", "1000000" (bytes), as DuckDB's memory_limit.
bool ParseMemory(std::string_view text, uint64_t* out) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) i++;
  size_t start = i;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
    i++;
  }
  std::string number(text.substr(start, i - start));
  if (number.empty()) return false;
  char* end = nullptr;
  double value = std::strtod(number.c_str(), &end);
  if (end == nullptr || *end != '\0' || value < 0) return false;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) i++;
  std::string unit = Lower(text.substr(i));
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.back()))) unit.pop_back();
  double multiplier = 0;
  if (unit.empty() || unit == "b" || unit == "byte" || unit == "bytes") {
    multiplier = 1;
  } else if (unit == "kb" || unit == "k") {
    multiplier = 1e3;
  } else if (unit == "mb" || unit == "m") {
    multiplier = 1e6;
  } else if (unit == "gb" || unit == "g") {
    multiplier = 1e9;
  } else if (unit == "tb" || unit == "t") {
    multiplier = 1e12;
  } else if (unit == "kib") {
    multiplier = 1024.0;
  } else if (unit == "mib") {
    multiplier = 1024.0 * 1024;
  } else if (unit == "gib") {
    multiplier = 1024.0 * 1024 * 1024;
  } else if (unit == "tib") {
    multiplier = 1024.0 * 1024 * 1024 * 1024;
  } else {
    return false;
  }
  double bytes = value * multiplier;
  if (bytes >= 1.8e19) return false;
  *out = static_cast<uint64_t>(bytes);
  return true;
}

fluxdb_state OpenImpl(const char* path, fluxdb_database* out, fluxdb_config config) {
  try {
    open_error.clear();
  } catch (...) {
  }
  if (out == nullptr) {
    SetErrorNoThrow(&open_error, "Invalid Input Error: fluxdb_open needs an output handle");
    return FLUXDB_ERROR;
  }
  *out = nullptr;
  try {
    std::string file = path == nullptr ? std::string() : std::string(path);
    bool in_memory = file.empty() || file == ":memory:";
    DatabaseOptions options;
    if (config != nullptr) {
      ConfigHandle* handle = Unwrap(config);
      options = handle->options;
      if (handle->read_only_requested && in_memory) {
        open_error = "Invalid Input Error: Cannot launch in-memory database in read-only mode!";
        return FLUXDB_ERROR;
      }
    }
    auto database = Database::Open(in_memory ? ":memory:" : file, options);
    if (!database.ok()) {
      open_error = ErrorMessage(database.status());
      return FLUXDB_ERROR;
    }
    auto handle = std::make_unique<DatabaseHandle>();
    handle->database = std::shared_ptr<Database>(std::move(database).value());
    *out = reinterpret_cast<fluxdb_database>(handle.release());
    return FLUXDB_OK;
  } catch (const std::bad_alloc&) {
    SetErrorNoThrow(&open_error, kOutOfMemoryMessage);
  } catch (...) {
    SetErrorNoThrow(&open_error, "INTERNAL Error: unexpected exception while opening");
  }
  return FLUXDB_ERROR;
}

}  // namespace

extern "C" {

const char* fluxdb_library_version(void) { return "0.1.0"; }

void fluxdb_free(void* ptr) { std::free(ptr); }

void* fluxdb_malloc(size_t size) { return std::malloc(size); }

fluxdb_state fluxdb_open(const char* path, fluxdb_database* out) {
  return OpenImpl(path, out, nullptr);
}

fluxdb_state fluxdb_open_ext(const char* path, fluxdb_database* out, fluxdb_config config) {
  return OpenImpl(path, out, config);
}

const char* fluxdb_open_error(void) { return open_error.c_str(); }

void fluxdb_close(fluxdb_database* db) {
  if (db == nullptr || *db == nullptr) return;
  DatabaseHandle* handle = Unwrap(*db);
  *db = nullptr;
  // Destroying the last reference checkpoints a file database; nothing may escape.
  try {
    delete handle;
  } catch (...) {
  }
}

fluxdb_state fluxdb_create_config(fluxdb_config* out) {
  if (out == nullptr) return FLUXDB_ERROR;
  *out = nullptr;
  return Guard(FLUXDB_ERROR, [&] {
    *out = reinterpret_cast<fluxdb_config>(new ConfigHandle());
    return FLUXDB_OK;
  });
}

fluxdb_state fluxdb_set_config(fluxdb_config config, const char* name, const char* value) {
  if (config == nullptr || name == nullptr || value == nullptr) return FLUXDB_ERROR;
  return Guard(FLUXDB_ERROR, [&] {
    ConfigHandle* handle = Unwrap(config);
    std::string key = Lower(name);
    std::string v = Lower(value);
    if (key == "access_mode") {
      if (v == "read_only") {
        handle->options.read_only = true;
        handle->read_only_requested = true;
      } else if (v == "read_write" || v == "automatic") {
        handle->options.read_only = false;
        handle->read_only_requested = false;
      } else {
        return FLUXDB_ERROR;
      }
      return FLUXDB_OK;
    }
    if (key == "threads" || key == "worker_threads") {
      uint64_t threads;
      if (!ParseUnsigned(v, &threads) || threads < 1 || threads > 1024) return FLUXDB_ERROR;
      handle->options.threads = static_cast<uint32_t>(threads);
      return FLUXDB_OK;
    }
    if (key == "memory_limit" || key == "max_memory") {
      uint64_t bytes;
      if (!ParseMemory(v, &bytes)) return FLUXDB_ERROR;
      handle->options.memory_limit = bytes;
      return FLUXDB_OK;
    }
    return FLUXDB_ERROR;
  });
}

void fluxdb_destroy_config(fluxdb_config* config) {
  if (config == nullptr || *config == nullptr) return;
  delete Unwrap(*config);
  *config = nullptr;
}

fluxdb_state fluxdb_connect(fluxdb_database db, fluxdb_connection* out) {
  if (out == nullptr) return FLUXDB_ERROR;
  *out = nullptr;
  if (db == nullptr) return FLUXDB_ERROR;
  return Guard(FLUXDB_ERROR, [&] {
    auto state = std::make_shared<ConnectionState>();
    state->database = Unwrap(db)->database;
    state->connection = std::make_unique<Connection>(*state->database);
    auto handle = std::make_unique<ConnectionHandle>();
    handle->state = std::move(state);
    *out = reinterpret_cast<fluxdb_connection>(handle.release());
    return FLUXDB_OK;
  });
}

void fluxdb_disconnect(fluxdb_connection* con) {
  if (con == nullptr || *con == nullptr) return;
  ConnectionHandle* handle = Unwrap(*con);
  *con = nullptr;
  try {
    delete handle;
  } catch (...) {
  }
}

void fluxdb_interrupt(fluxdb_connection con) {
  if (con == nullptr) return;
  // No lock: the point is to reach a statement that holds it.
  Unwrap(con)->state->connection->Interrupt();
}

}  // extern "C"
