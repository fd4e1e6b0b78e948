// LineReader: where the shell's input lines come from: a terminal (libedit line editing and
// history when built with it, plain reads otherwise), a file or pipe, or the text of -c.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "shell/completion.h"

namespace fluxdb::shell {

enum class ReadStatus {
  kLine,         // a line was read
  kEndOfInput,   // end of file, or Ctrl-D at the prompt
  kInterrupted,  // Ctrl-C while reading (the interrupt is left pending for the caller)
};

class LineReader {
 public:
  virtual ~LineReader() = default;
  /// Reads one line, without its line break. Interactive readers show `prompt` first.
  virtual ReadStatus ReadLine(const std::string& prompt, std::string* line) = 0;
  /// Remembers a complete entry (a statement or a dot command) in the history.
  virtual void AddHistory(const std::string& entry) { (void)entry; }
  virtual bool interactive() const { return false; }
};

/// Lines of an open file or pipe (not owned).
std::unique_ptr<LineReader> MakeStreamReader(std::FILE* file);
/// Lines of `text`.
std::unique_ptr<LineReader> MakeStringReader(std::string text);
/// The terminal on stdin, with history kept in `history_path` ("" for none); Tab completes
/// keywords, dot commands and the names from `names` (when built with libedit).
std::unique_ptr<LineReader> MakeTerminalReader(const std::string& history_path, NameSource names);

/// History lines in libedit's file format ("_HiStOrY_V2_" and octal escapes), so that the file
/// stays readable whether or not the shell was built with libedit.
std::string EncodeHistoryLine(const std::string& entry);
std::string DecodeHistoryLine(const std::string& line);
inline constexpr char kHistoryCookie[] = "_HiStOrY_V2_";

#ifdef FLUXDB_HAVE_LIBEDIT
/// libedit's line editor on the terminal (line_reader_editline.cc); nullptr if it cannot start.
std::unique_ptr<LineReader> MakeEditLineReader(const std::string& history_path, NameSource names);
#endif

}  // namespace fluxdb::shell
