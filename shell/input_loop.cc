#include "shell/input_loop.h"

#include <cctype>

#include "shell/dot_commands.h"
#include "shell/interrupt.h"
#include "shell/statement_splitter.h"

namespace fluxdb::shell {

namespace {

std::string TrimRight(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

/// A multi-line statement is recalled as one line, unless a -- comment would swallow the rest.
std::string HistoryEntry(const std::string& text) {
  std::string entry = TrimRight(text);
  size_t begin = entry.find_first_not_of(" \t\n");
  entry = begin == std::string::npos ? "" : entry.substr(begin);
  if (entry.find("--") == std::string::npos) {
    for (char& c : entry) {
      if (c == '\n') c = ' ';
    }
  }
  return entry;
}

}  // namespace

InputResult ProcessInput(ShellState& state, LineReader& reader) {
  InputResult result;
  const bool interactive = reader.interactive();
  std::string pending;  // an unfinished statement
  for (;;) {
    std::string line;
    ReadStatus status = reader.ReadLine(pending.empty() ? kPrompt : kContinuationPrompt, &line);
    if (status == ReadStatus::kInterrupted) {
      ClearInterrupt();
      pending.clear();
      if (interactive) continue;
      result.end = InputEnd::kInterrupted;
      return result;
    }
    if (status == ReadStatus::kEndOfInput) break;

    if (pending.empty() && !line.empty() && line[0] == '.') {
      if (interactive) reader.AddHistory(line);
      if (state.settings.echo) {
        state.out().Write(line);
        state.out().Write("\n");
      }
      DotResult dot = RunDotCommand(state, line);
      if (dot.outcome == DotOutcome::kExit) {
        result.end = InputEnd::kExit;
        result.exit_code = dot.exit_code;
        return result;
      }
      if (dot.outcome == DotOutcome::kError) {
        result.errors++;
        if (state.settings.bail) {
          result.end = InputEnd::kBail;
          return result;
        }
      }
      ClearInterrupt();
      continue;
    }
    if (pending.empty() && IsBlankSql(line)) continue;

    pending += line;
    pending += '\n';
    SplitResult split = SplitStatements(pending);
    if (split.statements.empty()) {
      if (IsBlankSql(split.rest)) pending.clear();
      continue;
    }
    if (interactive) {
      reader.AddHistory(HistoryEntry(pending.substr(0, pending.size() - split.rest.size())));
    }
    pending = IsBlankSql(split.rest) ? "" : split.rest;
    for (const std::string& statement : split.statements) {
      bool ok = state.RunSql(statement);
      if (InterruptPending()) {
        // Ctrl-C drops the rest of what was typed; a script stops.
        ClearInterrupt();
        pending.clear();
        if (!ok) result.errors++;
        if (!interactive) {
          result.end = InputEnd::kInterrupted;
          return result;
        }
        break;
      }
      if (!ok) {
        result.errors++;
        if (state.settings.bail) {
          result.end = InputEnd::kBail;
          return result;
        }
      }
    }
  }
  // Like sqlite3, a last statement without its ';' still runs at the end of the input.
  if (!pending.empty() && !IsBlankSql(pending)) {
    std::string statement = TrimRight(pending);
    size_t begin = statement.find_first_not_of(" \t\n");
    if (interactive) reader.AddHistory(HistoryEntry(statement));
    if (!state.RunSql(statement.substr(begin))) {
      result.errors++;
      if (state.settings.bail) result.end = InputEnd::kBail;
    }
    if (InterruptPending()) {
      ClearInterrupt();
      result.end = InputEnd::kInterrupted;
    }
  }
  return result;
}

}  // namespace fluxdb::shell
