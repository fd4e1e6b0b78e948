#include "execution/pipeline/task_scheduler.h"

#include <atomic>

namespace fluxdb {

TaskScheduler::~TaskScheduler() {
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
  }
  work_available_.notify_all();
  for (auto& worker : workers_) worker.join();
}

idx_t TaskScheduler::worker_count() {
  std::lock_guard lock(mutex_);
  return workers_.size();
}

void TaskScheduler::EnsureWorkers(idx_t count) {
  std::lock_guard lock(mutex_);
  while (workers_.size() < count) workers_.emplace_back([this] { WorkerLoop(); });
}

void TaskScheduler::WorkerLoop() {
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      work_available_.wait(lock, [this] { return shutting_down_ || !queue_.empty(); });
      if (shutting_down_ && queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();
  }
}

void TaskScheduler::RunParallel(idx_t n, const std::function<void(idx_t)>& task) {
  if (n == 0) return;
  if (n == 1) {
    task(0);
    return;
  }
  EnsureWorkers(n - 1);
  std::mutex done_mutex;
  std::condition_variable done;
  idx_t remaining = n - 1;
  {
    std::lock_guard lock(mutex_);
    for (idx_t i = 1; i < n; i++) {
      queue_.push_back([&, i] {
        task(i);
        std::lock_guard done_lock(done_mutex);
        if (--remaining == 0) done.notify_one();
      });
    }
  }
  work_available_.notify_all();
  task(0);
  std::unique_lock lock(done_mutex);
  done.wait(lock, [&] { return remaining == 0; });
}

}  // namespace fluxdb
