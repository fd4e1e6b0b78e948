// The two sqllogictest dialects and the engine names each one answers to.
#pragma once

#include <string>
#include <string_view>

namespace fluxdb::slt {

struct Script;

enum class Dialect : uint8_t { kSqlite, kDuckDb };
enum class DialectChoice : uint8_t { kAuto, kSqlite, kDuckDb };

const char* DialectName(Dialect dialect);

/// A "# dialect: sqlite|duckdb" line decides (FluxDB's own files); otherwise DuckDB when the path
/// has a "duckdb" directory, the file has a "# name:" header, or an expected result line holds a
/// tab; SQLite otherwise.
Dialect DetectDialect(std::string_view path, std::string_view text, const Script& script);

/// Whether `engine` (lowercase, from skipif/onlyif) names FluxDB. FluxDB is "fluxdb"; DuckDB's
/// files are written for DuckDB, so there "duckdb" is FluxDB too. In SQLite files FluxDB is none of
/// sqlite/mysql/postgresql/mssql/oracle.
bool EngineIsFluxDb(Dialect dialect, std::string_view engine);

}  // namespace fluxdb::slt
