#include "test/runner/script.h"

#include <cctype>
#include <charconv>

namespace fluxdb::slt {
namespace {

bool IsBlank(const std::string& line) {
  for (char c : line) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsComment(const std::string& line) { return !line.empty() && line[0] == '#'; }

// Inside a record only a truly empty line ends it (DuckDB's rule): a result value may be spaces.
bool EndsSql(const std::string& line) { return line.empty() || IsComment(line) || line == "----"; }

std::vector<std::string> Tokenize(const std::string& line) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) i++;
    size_t start = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) i++;
    if (i > start) tokens.push_back(line.substr(start, i - start));
  }
  return tokens;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

CommandKind KindOf(const std::string& keyword) {
  static const struct {
    const char* name;
    CommandKind kind;
  } kKeywords[] = {
      {"statement", CommandKind::kStatement},
      {"query", CommandKind::kQuery},
      {"hash-threshold", CommandKind::kHashThreshold},
      {"halt", CommandKind::kHalt},
      {"mode", CommandKind::kMode},
      {"set", CommandKind::kSet},
      {"reset", CommandKind::kReset},
      {"loop", CommandKind::kLoop},
      {"concurrentloop", CommandKind::kLoop},
      {"foreach", CommandKind::kForeach},
      {"concurrentforeach", CommandKind::kForeach},
      {"endloop", CommandKind::kEndLoop},
      {"require", CommandKind::kRequire},
      {"require-env", CommandKind::kRequireEnv},
      {"load", CommandKind::kLoad},
      {"restart", CommandKind::kRestart},
      {"reconnect", CommandKind::kReconnect},
      {"sleep", CommandKind::kSleep},
      {"include", CommandKind::kInclude},
      {"unzip", CommandKind::kUnzip},
      {"tags", CommandKind::kTags},
  };
  for (const auto& k : kKeywords) {
    if (keyword == k.name) return k.kind;
  }
  return CommandKind::kUnknown;
}

Status LineError(size_t index, std::string_view message) {
  return absl::InvalidArgumentError(Concat("line ", index + 1, ": ", message));
}

bool IsInteger(const std::string& s) {
  int64_t v;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}

// SQL runs until a blank line, a comment or the "----" separator.
std::string ExtractSql(const std::vector<std::string>& lines, size_t& i) {
  std::string sql;
  for (; i < lines.size() && !EndsSql(lines[i]); i++) {
    if (!sql.empty()) sql += '\n';
    sql += lines[i];
  }
  return sql;
}

std::vector<std::string> ExtractUntilEmpty(const std::vector<std::string>& lines, size_t& i) {
  std::vector<std::string> out;
  for (; i < lines.size() && !lines[i].empty(); i++) out.push_back(lines[i]);
  return out;
}

}  // namespace

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    std::erase(line, '\r');
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

const char* SortModeName(SortMode mode) {
  switch (mode) {
    case SortMode::kNoSort:
      return "nosort";
    case SortMode::kRowSort:
      return "rowsort";
    case SortMode::kValueSort:
      return "valuesort";
  }
  return "nosort";
}

StatusOr<Script> ParseScript(std::string_view text) {
  std::vector<std::string> lines = SplitLines(text);
  Script script;
  std::vector<size_t> open_loops;  // indexes of loop commands awaiting their endloop
  size_t i = 0;
  while (true) {
    while (i < lines.size() && (IsBlank(lines[i]) || IsComment(lines[i]))) i++;
    if (i >= lines.size()) break;

    Command command;
    std::vector<std::string> tokens = Tokenize(lines[i]);
    while (tokens[0] == "skipif" || tokens[0] == "onlyif") {
      if (tokens.size() < 2) return LineError(i, Concat(tokens[0], " needs an engine name"));
      command.conditions.push_back({tokens[0] == "onlyif", Lower(tokens[1])});
      i++;
      if (i >= lines.size() || IsBlank(lines[i]) || IsComment(lines[i])) {
        return LineError(i - 1, Concat(tokens[0], " is not followed by a record"));
      }
      tokens = Tokenize(lines[i]);
    }
    command.line = static_cast<int>(i + 1);
    command.keyword = tokens[0];
    command.args.assign(tokens.begin() + 1, tokens.end());
    command.kind = KindOf(command.keyword);
    const size_t keyword_index = i;
    i++;

    switch (command.kind) {
      case CommandKind::kStatement: {
        if (command.args.empty())
          return LineError(keyword_index, "statement needs ok, error or maybe");
        const std::string& outcome = command.args[0];
        if (outcome == "ok") {
          command.expected = ExpectedOutcome::kOk;
        } else if (outcome == "error") {
          command.expected = ExpectedOutcome::kError;
        } else if (outcome == "maybe") {
          command.expected = ExpectedOutcome::kMaybe;
        } else {
          return LineError(keyword_index, Concat("unknown statement outcome '", outcome, "'"));
        }
        if (command.args.size() >= 2) command.connection = command.args[1];
        command.sql = ExtractSql(lines, i);
        if (command.sql.empty()) return LineError(keyword_index, "statement without SQL");
        if (i < lines.size() && lines[i] == "----") {
          if (command.expected == ExpectedOutcome::kOk) {
            return LineError(i, "only statement error/maybe can have an expected error message");
          }
          i++;
          std::vector<std::string> message = ExtractUntilEmpty(lines, i);
          std::string joined;
          for (size_t m = 0; m < message.size(); m++) {
            if (m > 0) joined += '\n';
            joined += message[m];
          }
          command.expected_error = std::move(joined);
        }
        break;
      }
      case CommandKind::kQuery: {
        if (command.args.empty()) return LineError(keyword_index, "query needs column types");
        command.column_types = command.args[0];
        for (char c : command.column_types) {
          if (c != 'T' && c != 'I' && c != 'R') {
            return LineError(keyword_index, Concat("unknown column type '", std::string(1, c),
                                                   "' (expected T, I or R)"));
          }
        }
        if (command.args.size() >= 2) {
          const std::string& mode = command.args[1];
          if (mode == "nosort") {
            command.sort_mode = SortMode::kNoSort;
          } else if (mode == "rowsort" || mode == "sort") {
            command.sort_mode = SortMode::kRowSort;
          } else if (mode == "valuesort") {
            command.sort_mode = SortMode::kValueSort;
          } else {
            // DuckDB: anything else in the sort position names a connection.
            command.connection = mode;
          }
        }
        if (command.args.size() >= 3) command.label = command.args[2];
        command.sql = ExtractSql(lines, i);
        if (command.sql.empty()) return LineError(keyword_index, "query without SQL");
        if (i < lines.size() && lines[i] == "----") {
          i++;
          command.expected_lines = ExtractUntilEmpty(lines, i);
        }
        break;
      }
      case CommandKind::kHashThreshold:
        if (command.args.size() != 1 || !IsInteger(command.args[0])) {
          return LineError(keyword_index, "hash-threshold needs a number");
        }
        break;
      case CommandKind::kLoop:
        if (command.args.size() != 3 || !IsInteger(command.args[1]) ||
            !IsInteger(command.args[2])) {
          return LineError(keyword_index, "expected loop NAME START END");
        }
        open_loops.push_back(script.commands.size());
        break;
      case CommandKind::kForeach:
        if (command.args.size() < 2)
          return LineError(keyword_index, "expected foreach NAME V1 V2 ...");
        open_loops.push_back(script.commands.size());
        break;
      case CommandKind::kEndLoop:
        if (open_loops.empty()) return LineError(keyword_index, "endloop without loop");
        script.commands[open_loops.back()].loop_end = script.commands.size();
        open_loops.pop_back();
        break;
      case CommandKind::kUnknown:
        // Its body, if any, belongs to it: skip to the record's end.
        while (i < lines.size() && !lines[i].empty()) i++;
        break;
      default:
        break;
    }
    script.commands.push_back(std::move(command));
  }
  if (!open_loops.empty()) {
    return absl::InvalidArgumentError(
        Concat("line ", script.commands[open_loops.back()].line, ": loop without endloop"));
  }
  return script;
}

}  // namespace fluxdb::slt
