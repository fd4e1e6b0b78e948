// RunTimer: the ".timer on" line, "Run Time (s): real 0.012 user 0.010 sys 0.002": wall time from a
// steady clock, user and system CPU time of the whole process (every engine thread) from
// getrusage.
#pragma once

#include <chrono>
#include <string>

namespace fluxdb::shell {

class RunTimer {
 public:
  /// Starts measuring.
  RunTimer();
  /// The line for the time since construction, with its newline.
  std::string Report() const;

 private:
  std::chrono::steady_clock::time_point start_;
  double user_start_;
  double system_start_;
};

}  // namespace fluxdb::shell
