// ShellState: the open database, the settings the dot commands change, and where output goes.
// Runs SQL statements and prints their results or errors.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "main/connection.h"
#include "main/database.h"
#include "shell/output.h"
#include "shell/output_mode.h"
#include "shell/result_renderer.h"

namespace fluxdb::shell {

struct ShellSettings {
  OutputMode mode = OutputMode::kBox;
  /// headers, nullvalue, maxrows and separator; max_width is filled in per statement.
  RenderSettings render;
  /// .maxwidth: display columns for box/table mode; 0 = the terminal's width (80 elsewhere).
  size_t max_width = 0;
  bool bail = false;
  bool echo = false;
  bool timer = false;
  bool changes = false;
  /// Draw the progress bar for long statements (when stderr is a terminal).
  bool progress_bar = true;
};

class ShellState {
 public:
  ShellState();
  ~ShellState();

  ShellSettings settings;

  /// Opens `path` ("" or ":memory:" = in memory), closing the current database. A file that does
  /// not exist is created, except in read-only mode or where it could not be written.
  Status Open(const std::string& path, bool read_only);
  /// The database file's path, ":memory:" for an in-memory database.
  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }
  Connection& connection() { return *connection_; }
  Database& database() { return *database_; }

  /// Runs one statement and prints its result (or its error, on stderr). False on error.
  bool RunSql(const std::string& sql);
  /// Runs one statement for a dot command; nothing is printed.
  StatusOr<std::unique_ptr<QueryResult>> Query(const std::string& sql);
  /// Renders `result` in the current mode to the current output.
  void Render(const QueryResult& result);

  /// Where results go now.
  Output& out();
  /// Sends results to `path` until further notice (.output), or only for the next statement
  /// (.once).
  Status RedirectOutput(const std::string& path, bool once);
  /// Back to stdout.
  void ResetOutput();
  /// Prints a message on stderr.
  void PrintError(const std::string& message);

  int64_t total_changes() const { return total_changes_; }

  /// Names of tables, views and their columns, for tab completion.
  std::vector<std::string> CompletionNames();

 private:
  size_t RenderWidth();
  void FinishStatementOutput();

  std::string path_ = ":memory:";
  bool read_only_ = false;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Connection> connection_;
  Output stdout_;
  std::unique_ptr<Output> redirect_;
  bool redirect_once_ = false;
  int64_t total_changes_ = 0;
};

/// True for "", ":memory:" and "memory": an in-memory database.
bool IsInMemoryPath(const std::string& path);

}  // namespace fluxdb::shell
