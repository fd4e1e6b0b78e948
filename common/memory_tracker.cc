#include "common/memory_tracker.h"

namespace fluxdb {

namespace {
thread_local std::shared_ptr<MemoryTracker> current_tracker;
}  // namespace

const std::shared_ptr<MemoryTracker>& MemoryTracker::Current() { return current_tracker; }

MemoryTracker::Scope::Scope(std::shared_ptr<MemoryTracker> tracker)
    : previous_(std::move(current_tracker)) {
  current_tracker = std::move(tracker);
}

MemoryTracker::Scope::~Scope() { current_tracker = std::move(previous_); }

}  // namespace fluxdb
