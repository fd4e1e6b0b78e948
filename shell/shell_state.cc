#include "shell/shell_state.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "catalog/catalog.h"
#include "shell/error_report.h"
#include "shell/interrupt.h"
#include "shell/query_runner.h"
#include "shell/run_timer.h"

namespace fluxdb::shell {

namespace {

// Box width when results do not go to a terminal (and COLUMNS is not set), as in DuckDB.
constexpr size_t kDefaultWidth = 80;

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

/// EXPLAIN's result is a plan drawn as text: the table modes print the drawing itself.
bool IsExplainResult(const QueryResult& result) {
  return result.ColumnCount() == 2 && result.names()[0] == "explain_key" &&
         result.names()[1] == "explain_value";
}

}  // namespace

bool IsInMemoryPath(const std::string& path) {
  return path.empty() || path == ":memory:" || path == "memory";
}

ShellState::ShellState() : stdout_(Output::Stdout()) {}

ShellState::~ShellState() {
  // Closing checkpoints and may start engine threads: they must not take the shell's signals.
  ScopedSignalBlock block;
  connection_.reset();
  database_.reset();
}

Status ShellState::Open(const std::string& path, bool read_only) {
  bool in_memory = IsInMemoryPath(path);
  if (!in_memory) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0) {
      if (read_only) {
        return IOError("unable to open database \"", path,
                       "\": the file does not exist (read-only mode does not create it)");
      }
      std::string directory = DirectoryOf(path);
      if (access(directory.c_str(), W_OK) != 0) {
        return IOError("unable to open database \"", path, "\": cannot create a file in \"",
                       directory, "\": ", std::strerror(errno));
      }
    } else if (S_ISDIR(info.st_mode)) {
      return IOError("unable to open database \"", path, "\": it is a directory");
    }
  }
  DatabaseOptions options;
  options.read_only = read_only;
  options.create_if_missing = !read_only;
  ScopedSignalBlock block;  // opening and closing may start engine threads
  connection_.reset();
  database_.reset();
  auto database = Database::Open(in_memory ? ":memory:" : path, options);
  if (!database.ok()) return database.status();
  database_ = std::move(*database);
  connection_ = std::make_unique<Connection>(*database_);
  path_ = in_memory ? ":memory:" : path;
  read_only_ = read_only;
  return Status();
}

Output& ShellState::out() { return redirect_ != nullptr ? *redirect_ : stdout_; }

Status ShellState::RedirectOutput(const std::string& path, bool once) {
  ResetOutput();
  FLUX_ASSIGN_OR_RETURN(redirect_, Output::OpenFile(path));
  redirect_once_ = once;
  return Status();
}

void ShellState::ResetOutput() {
  redirect_.reset();
  redirect_once_ = false;
}

void ShellState::PrintError(const std::string& message) {
  stdout_.Flush();
  std::cerr << message;
  if (message.empty() || message.back() != '\n') std::cerr << '\n';
  std::cerr.flush();
}

size_t ShellState::RenderWidth() {
  if (settings.max_width > 0) return settings.max_width;
  int terminal = out().TerminalWidth();
  if (terminal > 0) return static_cast<size_t>(terminal);
  if (const char* columns = std::getenv("COLUMNS")) {
    int value = std::atoi(columns);
    if (value > 0) return static_cast<size_t>(value);
  }
  return kDefaultWidth;
}

void ShellState::Render(const QueryResult& result) {
  if (result.kind() != ResultKind::kRows || result.ColumnCount() == 0) return;
  if (IsExplainResult(result) &&
      (settings.mode == OutputMode::kBox || settings.mode == OutputMode::kTable)) {
    for (idx_t row = 0; row < result.RowCount(); row++) {
      std::string plan = result.GetValue(1, row).ToString();
      if (plan.empty() || plan.back() != '\n') plan += '\n';
      out().Write(plan);
    }
    return;
  }
  RenderSettings render = settings.render;
  render.max_width = RenderWidth();
  MakeRenderer(settings.mode, render)->Render(result, out());
}

StatusOr<std::unique_ptr<QueryResult>> ShellState::Query(const std::string& sql) {
  return RunQuery(*connection_, sql, false);
}

void ShellState::FinishStatementOutput() {
  out().Flush();
  if (redirect_once_) ResetOutput();
}

std::vector<std::string> ShellState::CompletionNames() {
  std::vector<std::string> names;
  if (database_ == nullptr) return names;
  Catalog& catalog = database_->catalog();
  for (CatalogEntry* entry : catalog.Entries(CatalogEntryKind::kView))
    names.push_back(entry->name());
  for (CatalogEntry* entry : catalog.Entries(CatalogEntryKind::kTable)) {
    names.push_back(entry->name());
    for (const ColumnRecord& column : entry->record().columns) names.push_back(column.name);
  }
  return names;
}

bool ShellState::RunSql(const std::string& sql) {
  if (settings.echo) {
    out().Write(sql);
    out().Write("\n");
  }
  RunTimer timer;
  bool progress = settings.progress_bar && isatty(STDERR_FILENO);
  auto result = RunQuery(*connection_, sql, progress);
  bool ok = result.ok();
  if (!ok) {
    FinishStatementOutput();
    PrintError(FormatError(result.status(), sql));
  } else {
    const QueryResult& rows = **result;
    Render(rows);
    if (rows.kind() == ResultKind::kChangedRows && rows.RowCount() > 0) {
      int64_t changes = rows.GetValue(0, 0).GetInt64();
      total_changes_ += changes;
      if (settings.changes) {
        out().Write(Concat("changes: ", changes, "   total_changes: ", total_changes_, "\n"));
      }
    }
    FinishStatementOutput();
  }
  if (settings.timer) {
    stdout_.Write(timer.Report());
    stdout_.Flush();
  }
  return ok;
}

}  // namespace fluxdb::shell
