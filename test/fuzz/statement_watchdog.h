// A watchdog for fuzz targets: interrupts the statement a connection runs once it has run longer
// than a limit, so that a slow statement ends as an INTERRUPT error instead of a fuzzer timeout.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "main/connection.h"

namespace fluxdb::fuzz {

/// Start() before each statement, Stop() after it.
class StatementWatchdog {
 public:
  StatementWatchdog(Connection& connection, std::chrono::milliseconds limit)
      : connection_(connection), limit_(limit), thread_([this] { Run(); }) {}
  ~StatementWatchdog() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  void Start() { Start(limit_); }
  /// With a limit of its own (e.g. what is left of an input's time).
  void Start(std::chrono::milliseconds limit) {
    std::lock_guard lock(mutex_);
    deadline_ = std::chrono::steady_clock::now() + std::min(limit, limit_);
    running_ = true;
    changed_.notify_all();
  }
  void Stop() {
    std::lock_guard lock(mutex_);
    running_ = false;
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      if (!running_) {
        changed_.wait(lock);
      } else if (changed_.wait_until(lock, deadline_) == std::cv_status::timeout && running_) {
        // The statement clears the flag when it starts, so keep asking until it ends.
        connection_.Interrupt();
        deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(10);
      }
    }
  }

  Connection& connection_;
  std::chrono::milliseconds limit_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stop_ = false;
  bool running_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::thread thread_;
};

}  // namespace fluxdb::fuzz
