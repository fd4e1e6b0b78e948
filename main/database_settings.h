// DatabaseSettings: defaults every new connection starts from (SET GLOBAL changes them).
#pragma once

#include <mutex>

#include "execution/execution_context.h"

namespace fluxdb {

class DatabaseSettings {
 public:
  ExecutionSettings Get() const {
    std::lock_guard lock(mutex_);
    return defaults_;
  }
  void Set(const ExecutionSettings& settings) {
    std::lock_guard lock(mutex_);
    defaults_ = settings;
  }

 private:
  mutable std::mutex mutex_;
  ExecutionSettings defaults_;
};

}  // namespace fluxdb
