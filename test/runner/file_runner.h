// Runs one sqllogictest file against a fresh FluxDB database.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "test/runner/dialect.h"
#include "test/runner/file_result.h"
#include "test/runner/script.h"

namespace fluxdb {
class Connection;
class Database;
}  // namespace fluxdb

namespace fluxdb::slt {

/// Where a file's run stands, readable by another process (it lives in shared memory) so that a
/// crash or a timeout can still say where it happened.
struct SharedProgress {
  std::atomic<int32_t> line{0};
  std::atomic<int32_t> dialect{0};  // a Dialect
  std::atomic<uint64_t> run{0};
  std::atomic<uint64_t> passed{0};
  std::atomic<uint64_t> failed{0};
  std::atomic<uint64_t> skipped{0};
};

/// Corpus file name (as reported, relative to --root) -> record line -> reason.
using DocumentedDifferences = std::map<std::string, std::map<int, std::string>>;

/// Reads a differences file: one `FILE:LINE  reason` per line; '#' starts a comment line.
StatusOr<DocumentedDifferences> ReadDocumentedDifferences(const std::string& path);

struct RunnerOptions {
  DialectChoice dialect = DialectChoice::kAuto;
  /// Engine worker threads per database; 0 = the engine's default.
  uint32_t threads = 0;
  /// Failures kept with details per file (all are counted).
  size_t max_failure_details = 20;
  SharedProgress* progress = nullptr;
  /// Records whose disagreement with the corpus is a documented semantic difference (file name as
  /// reported -> line -> why); such a record counts as skipped, with a note, when it fails.
  const DocumentedDifferences* differences = nullptr;
};

class FileRunner {
 public:
  explicit FileRunner(RunnerOptions options);
  ~FileRunner();

  /// Runs the file at `path`; the result is named `display_name`.
  FileResult RunFile(const std::string& path, const std::string& display_name);
  /// Runs a script given as text (for tests); `path` only feeds dialect detection.
  FileResult RunText(std::string_view text, const std::string& path);

 private:
  enum class Flow { kContinue, kStop };

  void Execute(const Script& script, size_t begin, size_t end);
  Flow ExecuteCommand(const Script& script, size_t& index);
  void RunStatement(const Command& command);
  void RunQuery(const Command& command);
  void RunLoop(const Script& script, size_t index, const std::vector<std::string>& values);

  bool ConditionsAllow(const Command& command) const;
  void CountSkippedRecords(const Script& script, size_t begin, size_t end);
  std::string Substitute(std::string text) const;
  Connection* ConnectionFor(const std::string& name);
  Status OpenDatabase(const std::string& path, bool read_only);
  Status SetUpConnection(Connection& connection);
  void CloseDatabase();
  bool IgnoredError(const std::string& message);

  void Passed();
  void Skipped(uint64_t count = 1);
  void Failed(const Command& command, FailureKind kind, const std::string& message,
              const std::string& detail);
  void StopFile(FileStatus status, std::string reason);
  void Note(std::string note);
  void Publish(int line);

  RunnerOptions options_;
  Dialect dialect_ = Dialect::kSqlite;
  FileResult result_;
  bool stop_ = false;
  bool skip_file_ = false;
  int skip_level_ = 0;
  int64_t hash_threshold_ = 0;
  std::string test_dir_;
  std::string file_stem_;
  const std::map<int, std::string>* file_differences_ = nullptr;  // this file's, if any
  std::string db_path_;                                           // "" while in memory
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> connection_;
  std::map<std::string, std::unique_ptr<Connection>> named_connections_;
  std::map<std::string, std::pair<std::string, int>> labels_;  // label -> (hash, line)
  std::vector<std::string> ignore_error_messages_;
  std::vector<std::pair<std::string, std::string>> bindings_;  // loop variables, outermost first
};

/// What a `require` argument list asks for and whether FluxDB provides it.
bool RequirementProvided(const std::vector<std::string>& args);

/// The values a foreach token expands to: DuckDB's type groups (<integral>, <numeric>, ...) or
/// the token itself.
std::vector<std::string> ExpandForeachToken(const std::string& token);

}  // namespace fluxdb::slt
