#include "test/runner/dialect.h"

#include "test/runner/script.h"

namespace fluxdb::slt {

const char* DialectName(Dialect dialect) {
  return dialect == Dialect::kDuckDb ? "duckdb" : "sqlite";
}

Dialect DetectDialect(std::string_view path, std::string_view text, const Script& script) {
  // FluxDB's own files may force a dialect; they all carry DuckDB's "# name:" header.
  if (text.find("\n# dialect: sqlite") != std::string_view::npos) return Dialect::kSqlite;
  if (text.find("\n# dialect: duckdb") != std::string_view::npos) return Dialect::kDuckDb;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) break;  // the last component is the file itself
    if (path.substr(start, end - start) == "duckdb") return Dialect::kDuckDb;
    start = end + 1;
  }
  if (text.starts_with("# name:") || text.find("\n# name:") != std::string_view::npos) {
    return Dialect::kDuckDb;
  }
  for (const Command& command : script.commands) {
    for (const std::string& line : command.expected_lines) {
      if (line.find('\t') != std::string::npos) return Dialect::kDuckDb;
    }
  }
  return Dialect::kSqlite;
}

bool EngineIsFluxDb(Dialect dialect, std::string_view engine) {
  if (engine == "fluxdb") return true;
  return dialect == Dialect::kDuckDb && engine == "duckdb";
}

}  // namespace fluxdb::slt
