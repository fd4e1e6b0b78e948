#include "shell/query_runner.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "shell/interrupt.h"
#include "shell/progress_bar.h"

namespace fluxdb::shell {

namespace {
// How often the watcher looks for a Ctrl-C and redraws the progress bar.
constexpr auto kWatchInterval = std::chrono::milliseconds(50);
}  // namespace

StatusOr<std::unique_ptr<QueryResult>> RunQuery(Connection& connection, const std::string& sql,
                                                bool show_progress) {
  std::mutex mutex;
  std::condition_variable finished;
  std::optional<StatusOr<std::unique_ptr<QueryResult>>> outcome;
  std::thread worker;
  {
    ScopedSignalBlock block;  // the worker (and the engine threads it starts) never take signals
    worker = std::thread([&] {
      auto result = connection.Query(sql);
      std::lock_guard<std::mutex> lock(mutex);
      outcome.emplace(std::move(result));
      finished.notify_one();
    });
  }
  const auto start = std::chrono::steady_clock::now();
  ProgressBar progress(show_progress);
  {
    std::unique_lock<std::mutex> lock(mutex);
    while (!outcome.has_value()) {
      finished.wait_for(lock, kWatchInterval);
      // The engine clears its interrupt flag when a statement starts, so a Ctrl-C that came
      // before is repeated until the statement has finished.
      if (InterruptPending()) connection.Interrupt();
      if (!outcome.has_value()) {
        lock.unlock();
        progress.Update(std::chrono::steady_clock::now() - start);
        lock.lock();
      }
    }
  }
  worker.join();
  progress.Finish();
  return std::move(*outcome);
}

}  // namespace fluxdb::shell
