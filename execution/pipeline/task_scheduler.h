// TaskScheduler: a pool of worker threads shared by every query of a database.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "common/types.h"

namespace fluxdb {

class TaskScheduler {
 public:
  TaskScheduler() = default;
  ~TaskScheduler();
  TaskScheduler(const TaskScheduler&) = delete;
  TaskScheduler& operator=(const TaskScheduler&) = delete;

  /// Runs task(0) .. task(n-1), on up to n threads (the caller runs one of them), and returns
  /// when all have finished.
  void RunParallel(idx_t n, const std::function<void(idx_t)>& task);

  idx_t worker_count();

 private:
  void EnsureWorkers(idx_t count);
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable work_available_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> workers_;
  bool shutting_down_ = false;
};

}  // namespace fluxdb
