// The read-eval-print loop: reads lines, runs dot commands (lines starting with '.'), gathers SQL
// until a statement is complete and runs it.
#pragma once

#include "shell/line_reader.h"
#include "shell/shell_state.h"

namespace fluxdb::shell {

inline constexpr char kPrompt[] = "fluxdb> ";
inline constexpr char kContinuationPrompt[] = "   ...> ";

enum class InputEnd {
  kEndOfInput,   // the input ran out
  kExit,         // .exit / .quit
  kBail,         // stopped at an error because of .bail / -bail
  kInterrupted,  // Ctrl-C in non-interactive input
};

struct InputResult {
  InputEnd end = InputEnd::kEndOfInput;
  int errors = 0;
  int exit_code = 0;  // of .exit CODE
};

/// Processes every line of `reader`. Interactive readers get prompts and history, and a Ctrl-C
/// only abandons the current statement.
InputResult ProcessInput(ShellState& state, LineReader& reader);

}  // namespace fluxdb::shell
