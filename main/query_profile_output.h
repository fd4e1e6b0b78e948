// Where `PRAGMA enable_profiling = 'json'` sends each query's profile.
#pragma once

#include <string>

#include "common/status.h"

namespace fluxdb {

struct SessionSettings;

/// Writes one query's profile (EXPLAIN ANALYZE JSON) to the session's `profiling_output` file,
/// replacing the previous query's, as DuckDB does; to stderr when no file is set. A failed write
/// never fails the query (it has already run and may have changed data): the file was checked
/// when it was set (CheckProfileOutput).
void WriteQueryProfile(const SessionSettings& session, const std::string& json);
/// Whether `path` can be written, for `PRAGMA profiling_output = 'path'`.
Status CheckProfileOutput(const std::string& path);

}  // namespace fluxdb
