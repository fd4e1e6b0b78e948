#include "shell/interrupt.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace fluxdb::shell {

namespace {

std::atomic<int> pending_interrupts{0};
std::atomic<bool> window_resized{false};
int wake_pipe[2] = {-1, -1};

// A query that ignores interruption must not trap the user: the third unhandled Ctrl-C exits,
// as in sqlite3.
constexpr int kInterruptsBeforeExit = 3;

void OnInterrupt(int) {
  int saved_errno = errno;
  if (pending_interrupts.fetch_add(1) + 1 >= kInterruptsBeforeExit) _exit(130);
  if (wake_pipe[1] >= 0) (void)!write(wake_pipe[1], "!", 1);
  errno = saved_errno;
}

void OnWindowChange(int) { window_resized.store(true); }

}  // namespace

void InstallSignalHandlers() {
  if (wake_pipe[0] < 0 && pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
    wake_pipe[0] = wake_pipe[1] = -1;
  }
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

void ClearInterrupt() {
  pending_interrupts.store(0);
  char drain[64];
  if (wake_pipe[0] >= 0) {
    while (read(wake_pipe[0], drain, sizeof(drain)) > 0) {
    }
  }
}

int InterruptWakeFd() { return wake_pipe[0]; }

bool WaitReadable(int fd) {
  for (;;) {
    if (InterruptPending()) return false;
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_pipe[0], POLLIN, 0}};
    int ready = poll(fds, wake_pipe[0] >= 0 ? 2 : 1, -1);
    if (ready < 0 && errno != EINTR) return true;  // let the read report the problem
    if (ready > 0 && fds[0].revents != 0) return !InterruptPending();
  }
}

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
