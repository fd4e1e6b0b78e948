#include "test/runner/file_runner.h"

#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_replace.h"
#include "main/connection.h"
#include "main/database.h"
#include "test/runner/result_check.h"
#include "test/runner/unsupported_feature.h"
#include "test/runner/value_render.h"

namespace fluxdb::slt {
namespace {

// SQLite semantics FluxDB offers as settings; the only concessions made to the SQLite dialect.
constexpr const char* kSqliteSetup[] = {
    "SET integer_division=true",
    "SET default_null_order='nulls_first_on_asc_last_on_desc'",
};

constexpr size_t kDetailLines = 40;

bool IsInternalError(std::string_view message) {
  return message.find("INTERNAL Error") != std::string_view::npos;
}

std::string FirstLine(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator,
                 size_t from = 0) {
  std::string out;
  for (size_t i = from; i < parts.size(); i++) {
    if (i > from) out += separator;
    out += parts[i];
  }
  return out;
}

std::string Indented(std::string_view title, const std::vector<std::string>& lines) {
  std::string out = Concat("  ", title, ":\n");
  for (size_t i = 0; i < lines.size() && i < kDetailLines; i++)
    out += Concat("    ", lines[i], "\n");
  if (lines.size() > kDetailLines) {
    out += Concat("    ... (", lines.size() - kDetailLines, " more lines)\n");
  }
  return out;
}

std::string SqlDetail(const std::string& sql) {
  std::vector<std::string> lines = SplitLines(sql);
  return Indented("SQL", lines);
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

void RemoveDatabaseFiles(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  std::filesystem::remove(path + ".wal", ignored);
}

}  // namespace

bool RequirementProvided(const std::vector<std::string>& args) {
  if (args.empty()) return false;
  std::string name = args[0];
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Build properties DuckDB's files ask about, which FluxDB's build has.
  static const char* const kProvided[] = {
      "64bit",
      "notwindows",
      "notmingw",
      "nothreadsan",
      "strinline",
      "noalternativeverify",
      "skip_reload",
      "no_extension_autoloading",
      "no_vector_verification",
      "noforcestorage",
  };
  for (const char* provided : kProvided) {
    if (name == provided) return true;
  }
  if ((name == "vector_size" || name == "exact_vector_size") && args.size() == 2) {
    char* end = nullptr;
    long long size = std::strtoll(args[1].c_str(), &end, 10);
    if (*end != '\0') return false;
    return name == "vector_size" ? size <= static_cast<long long>(kVectorSize)
                                 : size == static_cast<long long>(kVectorSize);
  }
  return false;  // extensions (parquet, icu, tpch, ...) and anything unknown
}

std::vector<std::string> ExpandForeachToken(const std::string& token) {
  std::string t = token;
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool all = t == "<alltypes>";
  const bool numeric = all || t == "<numeric>";
  const bool integral = numeric || t == "<integral>";
  const bool is_signed = integral || t == "<signed>";
  const bool is_unsigned = integral || t == "<unsigned>";
  std::vector<std::string> out;
  if (is_signed) out.insert(out.end(), {"tinyint", "smallint", "integer", "bigint", "hugeint"});
  if (is_unsigned) {
    out.insert(out.end(), {"utinyint", "usmallint", "uinteger", "ubigint", "uhugeint"});
  }
  if (numeric) out.insert(out.end(), {"float", "double"});
  if (all) out.insert(out.end(), {"bool", "interval", "varchar"});
  if (t == "<compression>") {
    out = {"none", "uncompressed", "rle", "bitpacking", "dictionary", "fsst", "alp", "alprd"};
  }
  if (out.empty()) out.push_back(token);
  return out;
}

StatusOr<DocumentedDifferences> ReadDocumentedDifferences(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(Concat("cannot read ", path));
  DocumentedDifferences differences;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    number++;
    std::string entry = Trim(line);
    if (entry.empty() || entry[0] == '#') continue;
    size_t space = entry.find_first_of(" \t");
    size_t colon = entry.rfind(':', space);
    int record_line = colon == std::string::npos || space == std::string::npos
                          ? 0
                          : std::atoi(entry.substr(colon + 1, space - colon - 1).c_str());
    std::string reason = space == std::string::npos ? "" : Trim(entry.substr(space));
    if (record_line <= 0 || reason.empty()) {
      return absl::InvalidArgumentError(
          Concat(path, ":", number, ": expected 'FILE:LINE  reason', got '", entry, "'"));
    }
    differences[entry.substr(0, colon)][record_line] = std::move(reason);
  }
  return differences;
}

FileRunner::FileRunner(RunnerOptions options) : options_(options) {}

FileRunner::~FileRunner() { CloseDatabase(); }

FileResult FileRunner::RunFile(const std::string& path, const std::string& display_name) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in.good() && !in.eof()) {
    FileResult result;
    result.file = display_name;
    result.status = FileStatus::kFailed;
    result.reason = Concat("cannot read ", path);
    result.category = "cannot read the test file";
    return result;
  }
  file_differences_ = nullptr;
  if (options_.differences != nullptr) {
    auto found = options_.differences->find(display_name);
    if (found != options_.differences->end()) file_differences_ = &found->second;
  }
  FileResult result = RunText(buffer.str(), path);
  result.file = display_name;
  file_differences_ = nullptr;
  return result;
}

FileResult FileRunner::RunText(std::string_view text, const std::string& path) {
  const auto start = std::chrono::steady_clock::now();
  result_ = FileResult();
  result_.file = path;
  stop_ = skip_file_ = false;
  skip_level_ = 0;
  hash_threshold_ = 0;
  labels_.clear();
  ignore_error_messages_.clear();
  bindings_.clear();
  file_stem_ = std::filesystem::path(path).stem().string();

  StatusOr<Script> script = ParseScript(text);
  if (!script.ok()) {
    result_.status = FileStatus::kFailed;
    result_.reason = Concat("test file not understood: ", script.status().message());
    result_.category = FailureCategory(FailureKind::kScriptError, "");
    result_.categories[result_.category]++;
  } else {
    if (options_.dialect == DialectChoice::kAuto) {
      dialect_ = DetectDialect(path, text, *script);
    } else {
      dialect_ = options_.dialect == DialectChoice::kDuckDb ? Dialect::kDuckDb : Dialect::kSqlite;
    }
    result_.dialect = dialect_;
    if (options_.progress != nullptr) {
      options_.progress->dialect.store(static_cast<int32_t>(dialect_));
    }

    std::string dir_template =
        (std::filesystem::temp_directory_path() / "fluxdb-slt-XXXXXX").string();
    if (mkdtemp(dir_template.data()) != nullptr) test_dir_ = dir_template;

    Status opened = OpenDatabase("", false);
    if (!opened.ok()) {
      Command none;
      Failed(none, FailureKind::kSetup, std::string(opened.message()), "");
    } else {
      Execute(*script, 0, script->commands.size());
    }
    CloseDatabase();
    if (!test_dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(test_dir_, ignored);
      test_dir_.clear();
    }
    if (result_.records.failed > 0) {
      result_.status = FileStatus::kFailed;
    } else if (skip_file_) {
      result_.status = FileStatus::kSkipped;
    } else if (result_.records.run == 0) {
      result_.status = FileStatus::kSkipped;
      result_.reason = "no record ran";
    } else {
      result_.status = FileStatus::kPassed;
    }
  }
  result_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::move(result_);
}

void FileRunner::Execute(const Script& script, size_t begin, size_t end) {
  for (size_t i = begin; i < end && !stop_; i++) {
    const Command& command = script.commands[i];
    Publish(command.line);
    const bool is_loop =
        command.kind == CommandKind::kLoop || command.kind == CommandKind::kForeach;
    const bool is_record =
        command.kind == CommandKind::kStatement || command.kind == CommandKind::kQuery;
    const bool skipped_by_mode = skip_level_ > 0 && command.kind != CommandKind::kMode;
    if (skipped_by_mode || !ConditionsAllow(command)) {
      if (is_record) Skipped();
      if (is_loop) {
        CountSkippedRecords(script, i + 1, command.loop_end);
        i = command.loop_end;
      }
      continue;
    }
    if (ExecuteCommand(script, i) == Flow::kStop) stop_ = true;
  }
}

FileRunner::Flow FileRunner::ExecuteCommand(const Script& script, size_t& index) {
  const Command& command = script.commands[index];
  const std::vector<std::string>& args = command.args;
  switch (command.kind) {
    case CommandKind::kStatement:
      RunStatement(command);
      break;
    case CommandKind::kQuery:
      RunQuery(command);
      break;
    case CommandKind::kLoop: {
      int64_t from = std::strtoll(args[1].c_str(), nullptr, 10);
      int64_t to = std::strtoll(args[2].c_str(), nullptr, 10);
      std::vector<std::string> values;
      for (int64_t v = from; v < to; v++) values.push_back(std::to_string(v));
      RunLoop(script, index, values);
      index = command.loop_end;
      break;
    }
    case CommandKind::kForeach: {
      std::vector<std::string> values;
      for (size_t a = 1; a < args.size(); a++) {
        for (std::string& v : ExpandForeachToken(args[a])) values.push_back(std::move(v));
      }
      RunLoop(script, index, values);
      index = command.loop_end;
      break;
    }
    case CommandKind::kEndLoop:
    case CommandKind::kTags:
      break;
    case CommandKind::kHashThreshold:
      hash_threshold_ = std::strtoll(args[0].c_str(), nullptr, 10);
      break;
    case CommandKind::kHalt:
      return Flow::kStop;
    case CommandKind::kMode:
      if (args.size() == 1 && args[0] == "skip") {
        skip_level_++;
      } else if (args.size() == 1 && args[0] == "unskip") {
        if (skip_level_ > 0) skip_level_--;
      } else {
        Note(Concat("line ", command.line, ": ignored mode ", Join(args, " ")));
      }
      break;
    case CommandKind::kSet:
      if (!args.empty() && args[0] == "ignore_error_messages") {
        ignore_error_messages_.clear();
        std::string list = Join(args, " ", 1);
        size_t start = 0;
        while (start <= list.size()) {
          size_t comma = list.find(',', start);
          if (comma == std::string::npos) comma = list.size();
          std::string item = Trim(std::string_view(list).substr(start, comma - start));
          if (!item.empty()) ignore_error_messages_.push_back(item);
          start = comma + 1;
        }
      } else {
        Note(Concat("line ", command.line, ": ignored set ", Join(args, " ")));
      }
      break;
    case CommandKind::kReset:
      if (args.size() == 2 && args[0] == "label") {
        labels_.erase(args[1]);
      } else {
        Note(Concat("line ", command.line, ": ignored reset ", Join(args, " ")));
      }
      break;
    case CommandKind::kRequire:
      if (!RequirementProvided(args)) {
        StopFile(FileStatus::kSkipped, Concat("require ", Join(args, " ")));
        return Flow::kStop;
      }
      break;
    case CommandKind::kRequireEnv: {
      const char* value = args.empty() ? nullptr : std::getenv(args[0].c_str());
      if (value == nullptr || (args.size() >= 2 && args[1] != value)) {
        StopFile(FileStatus::kSkipped, Concat("require-env ", Join(args, " ")));
        return Flow::kStop;
      }
      bindings_.emplace_back(args[0], value);
      break;
    }
    case CommandKind::kLoad: {
      std::string path = args.empty() ? "" : Substitute(args[0]);
      bool read_only = args.size() >= 2 && args[1] == "readonly";
      if (!path.empty() && !read_only) RemoveDatabaseFiles(path);
      Status opened = OpenDatabase(path, read_only);
      if (!opened.ok()) {
        Failed(command, FailureKind::kSetup, std::string(opened.message()), "");
        return Flow::kStop;
      }
      break;
    }
    case CommandKind::kRestart: {
      if (db_path_.empty()) {
        Failed(command, FailureKind::kScriptError, "restart of an in-memory database", "");
        return Flow::kStop;
      }
      Status opened = OpenDatabase(db_path_, false);
      if (!opened.ok()) {
        Failed(command, FailureKind::kSetup, Concat("restart: ", opened.message()), "");
        return Flow::kStop;
      }
      break;
    }
    case CommandKind::kReconnect: {
      if (db_ == nullptr) return Flow::kStop;
      connection_ = std::make_unique<Connection>(*db_);
      Status set_up = SetUpConnection(*connection_);
      if (!set_up.ok()) {
        Failed(command, FailureKind::kSetup, std::string(set_up.message()), "");
        return Flow::kStop;
      }
      break;
    }
    case CommandKind::kSleep: {
      char* end = nullptr;
      long long amount = args.size() == 2 ? std::strtoll(args[0].c_str(), &end, 10) : -1;
      std::string unit = args.size() == 2 ? args[1] : "";
      if (!unit.empty() && unit.back() == 's') unit.pop_back();
      std::chrono::nanoseconds duration;
      if (amount < 0 || end == nullptr || *end != '\0') {
        Failed(command, FailureKind::kScriptError, "expected sleep N UNIT", "");
        return Flow::kStop;
      } else if (unit == "second") {
        duration = std::chrono::seconds(amount);
      } else if (unit == "millisecond") {
        duration = std::chrono::milliseconds(amount);
      } else if (unit == "microsecond") {
        duration = std::chrono::microseconds(amount);
      } else if (unit == "nanosecond") {
        duration = std::chrono::nanoseconds(amount);
      } else {
        Failed(command, FailureKind::kScriptError, Concat("unknown sleep unit ", args[1]), "");
        return Flow::kStop;
      }
      std::this_thread::sleep_for(duration);
      break;
    }
    case CommandKind::kInclude:
      StopFile(FileStatus::kSkipped, "include is not supported");
      return Flow::kStop;
    case CommandKind::kUnzip:
      StopFile(FileStatus::kSkipped, "unzip is not supported");
      return Flow::kStop;
    case CommandKind::kUnknown:
      StopFile(FileStatus::kSkipped,
               Concat("unknown directive '", command.keyword, "' (line ", command.line, ")"));
      return Flow::kStop;
  }
  return Flow::kContinue;
}

void FileRunner::RunLoop(const Script& script, size_t index,
                         const std::vector<std::string>& values) {
  const Command& command = script.commands[index];
  // DuckDB's "foreach a,b 1,2 3,4" binds several names at once.
  std::vector<std::string> names;
  for (size_t start = 0; start <= command.args[0].size();) {
    size_t comma = command.args[0].find(',', start);
    if (comma == std::string::npos) comma = command.args[0].size();
    names.push_back(command.args[0].substr(start, comma - start));
    start = comma + 1;
  }
  for (const std::string& value : values) {
    std::vector<std::string> parts;
    if (names.size() == 1) {
      parts.push_back(value);
    } else {
      for (size_t start = 0; start <= value.size();) {
        size_t comma = value.find(',', start);
        if (comma == std::string::npos) comma = value.size();
        parts.push_back(value.substr(start, comma - start));
        start = comma + 1;
      }
      if (parts.size() != names.size()) {
        Failed(command, FailureKind::kScriptError,
               Concat("foreach value '", value, "' does not match the names ", command.args[0]),
               "");
        stop_ = true;
        return;
      }
    }
    for (size_t n = 0; n < names.size(); n++) bindings_.emplace_back(names[n], parts[n]);
    Execute(script, index + 1, command.loop_end);
    bindings_.resize(bindings_.size() - names.size());
    if (stop_) return;
  }
}

void FileRunner::RunStatement(const Command& command) {
  Connection* connection = ConnectionFor(command.connection);
  if (connection == nullptr) {
    Failed(command, FailureKind::kSetup, "no open database", "");
    return;
  }
  const std::string sql = Substitute(command.sql);
  StatusOr<std::unique_ptr<QueryResult>> result = connection->Query(sql);
  const std::string message = result.ok() ? "" : std::string(result.status().message());
  if (!result.ok() && IgnoredError(message)) return;
  if (!result.ok() && IsInternalError(message)) {
    Failed(command, FailureKind::kInternalError, message, SqlDetail(sql));
    return;
  }
  switch (command.expected) {
    case ExpectedOutcome::kOk:
      if (!result.ok()) {
        Failed(command, FailureKind::kStatementFailed, message, SqlDetail(sql));
        return;
      }
      break;
    case ExpectedOutcome::kError:
      if (result.ok()) {
        std::string expected = command.expected_error ? Substitute(*command.expected_error) : "";
        Failed(command, FailureKind::kUnexpectedSuccess,
               expected.empty() ? "" : Concat("expected '", FirstLine(expected), "'"),
               SqlDetail(sql));
        return;
      }
      [[fallthrough]];
    case ExpectedOutcome::kMaybe:
      if (!result.ok() && command.expected_error) {
        std::string expected = Substitute(*command.expected_error);
        if (!ErrorMessageMatches(message, expected)) {
          Failed(
              command, FailureKind::kWrongErrorMessage,
              Concat("expected error '", FirstLine(expected), "', got '", FirstLine(message), "'"),
              SqlDetail(sql) + Indented("expected error", SplitLines(expected)) +
                  Indented("actual error", SplitLines(message)));
          return;
        }
      }
      break;
  }
  Passed();
}

void FileRunner::RunQuery(const Command& command) {
  Connection* connection = ConnectionFor(command.connection);
  if (connection == nullptr) {
    Failed(command, FailureKind::kSetup, "no open database", "");
    return;
  }
  const std::string sql = Substitute(command.sql);
  StatusOr<std::unique_ptr<QueryResult>> result = connection->Query(sql);
  if (!result.ok()) {
    std::string message(result.status().message());
    if (IgnoredError(message)) return;
    Failed(command,
           IsInternalError(message) ? FailureKind::kInternalError : FailureKind::kQueryFailed,
           message, SqlDetail(sql));
    return;
  }
  if (command.expected_lines.size() == 1 && command.expected_lines[0].starts_with("<FILE>:")) {
    StopFile(FileStatus::kSkipped, "expected results read from a file (<FILE>:) are not supported");
    return;
  }
  const QueryResult& rows = **result;
  const size_t columns = command.column_types.size();
  if (rows.ColumnCount() != columns) {
    Failed(command, FailureKind::kColumnCount,
           Concat("expected ", columns, " columns (query ", command.column_types, "), got ",
                  rows.ColumnCount()),
           SqlDetail(sql));
    return;
  }
  std::vector<std::string> values;
  values.reserve(rows.RowCount() * columns);
  for (idx_t r = 0; r < rows.RowCount(); r++) {
    for (idx_t c = 0; c < columns; c++) {
      Value v = rows.GetValue(c, r);
      values.push_back(dialect_ == Dialect::kSqlite ? RenderSqliteValue(v, command.column_types[c])
                                                    : RenderDuckDbValue(v));
    }
  }
  SortValues(command.sort_mode, columns, values);
  std::vector<std::string> expected = command.expected_lines;
  if (!bindings_.empty()) {
    for (std::string& line : expected) line = Substitute(line);
  }
  QueryCheck check = CheckQueryResult(dialect_, values, rows.types(), expected);
  if (!check.ok) {
    std::vector<std::string> actual;
    if (check.kind == FailureKind::kWrongHash ||
        (hash_threshold_ > 0 && values.size() > static_cast<size_t>(hash_threshold_))) {
      actual.push_back(HashValues(values));
    }
    if (dialect_ == Dialect::kDuckDb) {
      for (size_t i = 0; i < values.size(); i += columns) {
        std::string row;
        for (size_t c = 0; c < columns; c++) row += (c > 0 ? "\t" : "") + values[i + c];
        actual.push_back(std::move(row));
      }
    } else {
      actual.insert(actual.end(), values.begin(), values.end());
    }
    Failed(command, check.kind, check.message,
           SqlDetail(sql) +
               Indented(Concat("expected (", SortModeName(command.sort_mode), ")"), expected) +
               Indented("actual", actual));
    return;
  }
  if (!command.label.empty()) {
    std::string hash = HashValues(values);
    auto [it, inserted] = labels_.try_emplace(command.label, hash, command.line);
    if (!inserted && it->second.first != hash) {
      Failed(command, FailureKind::kLabelMismatch,
             Concat("label ", command.label, ": the result differs from the query at line ",
                    it->second.second),
             SqlDetail(sql));
      return;
    }
  }
  Passed();
}

bool FileRunner::ConditionsAllow(const Command& command) const {
  for (const Condition& condition : command.conditions) {
    if (EngineIsFluxDb(dialect_, condition.engine) != condition.only_if) return false;
  }
  return true;
}

void FileRunner::CountSkippedRecords(const Script& script, size_t begin, size_t end) {
  for (size_t i = begin; i < end; i++) {
    CommandKind kind = script.commands[i].kind;
    if (kind == CommandKind::kStatement || kind == CommandKind::kQuery) Skipped();
  }
}

std::string FileRunner::Substitute(std::string text) const {
  if (text.find_first_of("{_") == std::string::npos) return text;
  for (const auto& [name, value] : bindings_) {
    text = absl::StrReplaceAll(text, {{Concat("${", name, "}"), value}});
    text = absl::StrReplaceAll(text, {{Concat("{", name, "}"), value}});
  }
  if (text.find("TEST_DIR") != std::string::npos) {
    text = absl::StrReplaceAll(text, {{"{TEST_DIR}", test_dir_}, {"__TEST_DIR__", test_dir_}});
  }
  if (text.find("{BASE_TEST_NAME}") != std::string::npos) {
    text = absl::StrReplaceAll(text, {{"{BASE_TEST_NAME}", file_stem_}});
  }
  if (text.find("__WORKING_DIRECTORY__") != std::string::npos) {
    std::error_code ignored;
    text = absl::StrReplaceAll(
        text, {{"__WORKING_DIRECTORY__", std::filesystem::current_path(ignored).string()}});
  }
  return text;
}

Connection* FileRunner::ConnectionFor(const std::string& name) {
  if (db_ == nullptr) return nullptr;
  if (name.empty()) return connection_.get();
  auto it = named_connections_.find(name);
  if (it != named_connections_.end()) return it->second.get();
  auto connection = std::make_unique<Connection>(*db_);
  if (!SetUpConnection(*connection).ok()) return nullptr;
  return named_connections_.emplace(name, std::move(connection)).first->second.get();
}

Status FileRunner::OpenDatabase(const std::string& path, bool read_only) {
  CloseDatabase();
  DatabaseOptions options;
  options.threads = options_.threads;
  options.read_only = read_only;
  StatusOr<std::unique_ptr<Database>> db =
      Database::Open(path.empty() ? ":memory:" : path, options);
  if (!db.ok()) return db.status();
  db_ = std::move(*db);
  db_path_ = path;
  connection_ = std::make_unique<Connection>(*db_);
  return SetUpConnection(*connection_);
}

Status FileRunner::SetUpConnection(Connection& connection) {
  if (dialect_ != Dialect::kSqlite) return Status();
  for (const char* sql : kSqliteSetup) {
    StatusOr<std::unique_ptr<QueryResult>> result = connection.Query(sql);
    if (!result.ok()) {
      return absl::InternalError(Concat(sql, ": ", result.status().message()));
    }
  }
  return Status();
}

void FileRunner::CloseDatabase() {
  named_connections_.clear();
  connection_.reset();
  db_.reset();
}

bool FileRunner::IgnoredError(const std::string& message) {
  if (std::optional<std::string> reason = DeliberatelyUnsupported(message)) {
    StopFile(FileStatus::kSkipped, *std::move(reason));
    return true;
  }
  for (const std::string& ignored : ignore_error_messages_) {
    if (message.find(ignored) != std::string::npos) {
      StopFile(FileStatus::kSkipped, Concat("error matches ignore_error_messages '", ignored, "'"));
      return true;
    }
  }
  return false;
}

void FileRunner::Passed() {
  result_.records.run++;
  result_.records.passed++;
}

void FileRunner::Skipped(uint64_t count) { result_.records.skipped += count; }

void FileRunner::Failed(const Command& command, FailureKind kind, const std::string& message,
                        const std::string& detail) {
  if (file_differences_ != nullptr) {
    auto documented = file_differences_->find(command.line);
    if (documented != file_differences_->end()) {
      Skipped();
      Note(Concat("line ", command.line,
                  ": skipped, a documented semantic difference: ", documented->second));
      return;
    }
  }
  result_.records.run++;
  result_.records.failed++;
  std::string category = FailureCategory(kind, message);
  if (result_.records.failed == 1) {
    result_.reason = Concat("line ", command.line, ": ", FailureKindName(kind),
                            message.empty() ? "" : ": ", FirstLine(message));
    result_.category = category;
  }
  result_.categories[category]++;
  if (result_.failures.size() < options_.max_failure_details) {
    result_.failures.push_back({command.line, kind, message, detail});
  }
  Publish(command.line);
}

void FileRunner::StopFile(FileStatus status, std::string reason) {
  stop_ = true;
  if (status == FileStatus::kSkipped) skip_file_ = true;
  if (result_.records.failed == 0) result_.reason = std::move(reason);
}

void FileRunner::Note(std::string note) { result_.notes.push_back(std::move(note)); }

void FileRunner::Publish(int line) {
  SharedProgress* p = options_.progress;
  if (p == nullptr) return;
  p->line.store(line, std::memory_order_relaxed);
  p->run.store(result_.records.run, std::memory_order_relaxed);
  p->passed.store(result_.records.passed, std::memory_order_relaxed);
  p->failed.store(result_.records.failed, std::memory_order_relaxed);
  p->skipped.store(result_.records.skipped, std::memory_order_relaxed);
}

}  // namespace fluxdb::slt
