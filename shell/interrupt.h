// Ctrl-C: the SIGINT handler only counts the signal (an async-signal-safe atomic store); whoever is
// waiting (the query watcher, the line reader, a renderer's loop) looks at the count and reacts.
#pragma once

#include <signal.h>

namespace fluxdb::shell {

/// Installs the SIGINT and SIGWINCH handlers, without SA_RESTART so that a blocking read returns
/// EINTR and the reader can notice.
void InstallSignalHandlers();

/// True after a Ctrl-C that nobody has handled yet.
bool InterruptPending();
/// Marks the pending Ctrl-C handled.
void ClearInterrupt();
/// A descriptor that becomes readable when a Ctrl-C arrives (the self-pipe trick), so that a
/// reader can wait for input or Ctrl-C with poll() without missing a signal that lands just before
/// it blocks; -1 before InstallSignalHandlers.
int InterruptWakeFd();
/// Waits until `fd` is readable or a Ctrl-C is pending; false on Ctrl-C.
bool WaitReadable(int fd);
/// True once after the terminal was resized.
bool TakeWindowResized();

/// Blocks SIGINT and SIGWINCH in the calling thread for its lifetime. Threads inherit the mask of
/// the thread that creates them: creating the query thread (and opening or closing a database,
/// which may start engine workers) under this block keeps every signal on the main thread, so
/// that it, and not some idle worker, is the one whose blocking read the signal interrupts.
class ScopedSignalBlock {
 public:
  ScopedSignalBlock();
  ~ScopedSignalBlock();
  ScopedSignalBlock(const ScopedSignalBlock&) = delete;
  ScopedSignalBlock& operator=(const ScopedSignalBlock&) = delete;

 private:
  sigset_t previous_;
};

}  // namespace fluxdb::shell
