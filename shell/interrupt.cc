#include "shell/interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace fluxdb::shell {

namespace {

std::atomic<int> pending_interrupts{0};
std::atomic<bool> window_resized{false};

// A query that ignores interruption must not trap the user: the third unhandled Ctrl-C exits,
// as in sqlite3.
constexpr int kInterruptsBeforeExit = 3;

void OnInterrupt(int) {
  if (pending_interrupts.fetch_add(1) + 1 >= kInterruptsBeforeExit) _exit(130);
}

void OnWindowChange(int) { window_resized.store(true); }

}  // namespace

void InstallSignalHandlers() {
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  action.sa_handler = OnInterrupt;
  sigaction(SIGINT, &action, nullptr);
  // A resize only sets a flag; restarting keeps it from failing the writes of a long output.
  action.sa_flags = SA_RESTART;
  action.sa_handler = OnWindowChange;
  sigaction(SIGWINCH, &action, nullptr);
}

bool InterruptPending() { return pending_interrupts.load() > 0; }

void ClearInterrupt() { pending_interrupts.store(0); }

bool TakeWindowResized() { return window_resized.exchange(false); }

ScopedSignalBlock::ScopedSignalBlock() {
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGWINCH);
  pthread_sigmask(SIG_BLOCK, &block, &previous_);
}

ScopedSignalBlock::~ScopedSignalBlock() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

}  // namespace fluxdb::shell
