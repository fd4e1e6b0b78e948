// Dot commands: lines starting with '.' that control the shell (.mode, .tables, .read ...).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "shell/shell_state.h"

namespace fluxdb::shell {

enum class DotOutcome { kOk, kError, kExit };

struct DotResult {
  DotOutcome outcome = DotOutcome::kOk;
  int exit_code = 0;
};

/// Runs the dot command on `line` (which starts with '.').
DotResult RunDotCommand(ShellState& state, const std::string& line);

/// The arguments of a dot command line, the command name first. Arguments are separated by
/// spaces; 'single' quotes keep text as is, "double" quotes also understand backslash escapes.
std::vector<std::string> SplitDotArguments(std::string_view line);

/// Prints `status` and returns an error result (for the command implementations).
DotResult DotError(ShellState& state, const Status& status);
/// Prints the usage of `command` and returns an error result.
DotResult DotUsage(ShellState& state, std::string_view command);

/// The names of the dot commands, without their dots.
std::vector<std::string> DotCommandNames();

/// The text of .help (every command, or those whose name contains `filter`).
std::string DotHelp(std::string_view filter);

}  // namespace fluxdb::shell
