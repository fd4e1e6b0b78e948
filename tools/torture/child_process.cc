#include "tools/torture/child_process.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "common/status.h"

namespace fluxdb::torture {

std::string ChildOutcome::Describe() const {
  if (timed_out) return "timed out (hang)";
  if (exited) return Concat("exit ", code);
  return Concat("signal ", signal, " (", strsignal(signal), ")");
}

pid_t StartChild(const std::function<int()>& body) {
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    int code = body();
    std::fflush(stdout);
    std::fflush(stderr);
    // _exit: the parent's atexit handlers and static destructors belong to the parent.
    _exit(code);
  }
  return pid;
}

ChildOutcome WaitChild(pid_t pid, int timeout_seconds) {
  ChildOutcome outcome;
  if (pid < 0) {
    outcome.exited = true;
    outcome.code = 127;
    return outcome;
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  for (;;) {
    pid_t done = waitpid(pid, &status, timeout_seconds > 0 ? WNOHANG : 0);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return outcome;
    if (timeout_seconds > 0 && std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      outcome.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFEXITED(status)) {
    outcome.exited = true;
    outcome.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    outcome.signal = WTERMSIG(status);
  }
  return outcome;
}

ChildOutcome RunChild(const std::function<int()>& body, int timeout_seconds) {
  return WaitChild(StartChild(body), timeout_seconds);
}

std::string MakeTempDirectory(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  char* made = mkdtemp(pattern.data());
  return made == nullptr ? std::string() : std::string(made);
}

}  // namespace fluxdb::torture
