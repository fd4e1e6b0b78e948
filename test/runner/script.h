// A sqllogictest script parsed into commands.
//
// Both dialects share one grammar (DuckDB's is a superset of SQLite's): records are separated by
// blank lines, `#` lines are comments, `skipif`/`onlyif` lines prefix a record. Parsing is purely
// syntactic; what a directive means (and whether FluxDB supports it) is the FileRunner's call, so
// an unknown directive parses as kUnknown instead of failing the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace fluxdb::slt {

enum class SortMode : uint8_t { kNoSort, kRowSort, kValueSort };
enum class ExpectedOutcome : uint8_t { kOk, kError, kMaybe };

enum class CommandKind : uint8_t {
  kStatement,
  kQuery,
  kHashThreshold,
  kHalt,
  kMode,
  kSet,
  kReset,
  kLoop,     // loop / concurrentloop
  kForeach,  // foreach / concurrentforeach
  kEndLoop,
  kRequire,
  kRequireEnv,
  kLoad,
  kRestart,
  kReconnect,
  kSleep,
  kInclude,
  kUnzip,
  kTags,
  kUnknown,
};

/// `skipif ENGINE` (only_if false) or `onlyif ENGINE` (only_if true).
struct Condition {
  bool only_if = false;
  std::string engine;  // lowercase
};

struct Command {
  CommandKind kind = CommandKind::kUnknown;
  int line = 0;         // 1-based line of the keyword
  std::string keyword;  // as written ("concurrentloop", "statement", ...)
  std::vector<std::string> args;
  std::vector<Condition> conditions;

  // statement and query
  std::string sql;
  std::string connection;  // named connection, "" for the default one

  // statement
  ExpectedOutcome expected = ExpectedOutcome::kOk;
  std::optional<std::string> expected_error;  // DuckDB: text after "----"

  // query
  std::string column_types;  // one of T/I/R per column
  SortMode sort_mode = SortMode::kNoSort;
  std::string label;
  std::vector<std::string> expected_lines;

  // loop / foreach: index (in Script::commands) of the matching endloop
  size_t loop_end = 0;
};

struct Script {
  std::vector<Command> commands;
};

/// Splits into lines, dropping '\r' so CRLF files parse like LF ones.
std::vector<std::string> SplitLines(std::string_view text);

/// Parses a whole script. Errors (a `query` without types, an unbalanced `endloop`, ...) name the
/// line: "line 12: ...".
StatusOr<Script> ParseScript(std::string_view text);

const char* SortModeName(SortMode mode);

}  // namespace fluxdb::slt
