// The output modes of the shell (.mode and the -csv, -json ... flags).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fluxdb::shell {

enum class OutputMode {
  kBox,        // DuckDB's "duckbox": unicode box, column types, row elision (the default)
  kTable,      // the same layout drawn with ASCII characters, without types
  kCsv,        // RFC 4180
  kTsv,        // like csv with tabs
  kJson,       // one array of objects
  kJsonLines,  // one object per line
  kMarkdown,   // a GitHub-flavoured markdown table
  kLine,       // one "name = value" line per column, records separated by a blank line
  kList,       // values separated by .separator (default "|")
};

/// Parses a mode name (also accepts DuckDB/SQLite spellings: duckbox, tabs, ndjson).
std::optional<OutputMode> ParseOutputMode(std::string_view name);
/// The canonical name of a mode.
std::string_view OutputModeName(OutputMode mode);
/// The names ParseOutputMode accepts, for help texts.
std::string OutputModeNames();

}  // namespace fluxdb::shell
