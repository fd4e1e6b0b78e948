#include "shell/run_timer.h"

#include <sys/resource.h>

#include <cstdio>

namespace fluxdb::shell {

namespace {

double Seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; }

void CpuTimes(double* user, double* system) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  *user = Seconds(usage.ru_utime);
  *system = Seconds(usage.ru_stime);
}

}  // namespace

RunTimer::RunTimer() : start_(std::chrono::steady_clock::now()) {
  CpuTimes(&user_start_, &system_start_);
}

std::string RunTimer::Report() const {
  double real = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double user = 0, system = 0;
  CpuTimes(&user, &system);
  char line[128];
  std::snprintf(line, sizeof(line), "Run Time (s): real %.3f user %.3f sys %.3f\n", real,
                user - user_start_, system - system_start_);
  return line;
}

}  // namespace fluxdb::shell
