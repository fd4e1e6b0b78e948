// ProgressBar: the line on stderr while a query runs longer than two seconds, like DuckDB's. The
// engine does not report how far a query got, so the bar is indeterminate: a block sweeping
// across, with the elapsed seconds. Shown only when stderr is a terminal; cleared at the end.
#pragma once

#include <chrono>
#include <string>

namespace fluxdb::shell {

class ProgressBar {
 public:
  /// `enabled`: whether to draw at all (stderr is a terminal and the shell wants progress).
  explicit ProgressBar(bool enabled);
  ~ProgressBar();
  /// Redraws for `elapsed` time since the query started (no-op before the delay).
  void Update(std::chrono::steady_clock::duration elapsed);
  /// Erases the bar, leaving the cursor at the start of a clean line.
  void Finish();

  /// The bar's text for `elapsed` (without control sequences), for tests.
  static std::string Render(std::chrono::steady_clock::duration elapsed);

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::duration last_draw_{};
};

}  // namespace fluxdb::shell
