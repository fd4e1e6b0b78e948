// Output: where results go (stdout, or the file of .output / .once).
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace fluxdb::shell {

class Output {
 public:
  /// Standard output (not owned).
  static Output Stdout();
  /// Opens `path` for writing, truncating it.
  static StatusOr<std::unique_ptr<Output>> OpenFile(const std::string& path);

  Output(Output&&) noexcept;
  Output& operator=(Output&&) = delete;
  ~Output();

  void Write(std::string_view text);
  void Flush();
  /// False once a write failed (a closed pipe, a full disk).
  bool ok() const { return ok_; }
  /// Display columns of the terminal this output is, 0 if it is not a terminal.
  int TerminalWidth() const;
  const std::string& name() const { return name_; }

 private:
  Output(std::FILE* file, bool owned, std::string name);
  std::FILE* file_;
  bool owned_;
  bool ok_ = true;
  std::string name_;
};

}  // namespace fluxdb::shell
