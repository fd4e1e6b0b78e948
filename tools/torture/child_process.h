// Forked children for the torture tools: the engine runs only in children, so that a crash, a
// hang or a SIGKILL ends one child and the parent (which never opens a database, and so never
// starts a thread) reports it and goes on.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

namespace fluxdb::torture {

struct ChildOutcome {
  bool exited = false;  // false: killed by `signal`
  int code = 0;         // exit code when exited
  int signal = 0;
  bool timed_out = false;  // killed by the parent after the timeout

  /// "exit 3", "signal 11 (Segmentation fault)", "timed out after 60 s".
  std::string Describe() const;
};

/// Forks; the child runs `body` and exits with its return value (never returning here).
pid_t StartChild(const std::function<int()>& body);
/// Waits for `pid`; kills it with SIGKILL after `timeout_seconds` (0 = wait forever).
ChildOutcome WaitChild(pid_t pid, int timeout_seconds = 0);
/// StartChild + WaitChild.
ChildOutcome RunChild(const std::function<int()>& body, int timeout_seconds);

/// A fresh directory under $TMPDIR (or /tmp); "" on failure.
std::string MakeTempDirectory(const std::string& prefix);

}  // namespace fluxdb::torture
