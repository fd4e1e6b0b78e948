#include "common/memory_tracker.h"

#include <cstdio>

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

std::string MemoryTracker::FormatBytes(uint64_t bytes) {
  static constexpr const char* kUnits[] = {"bytes", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000.0 && unit < 4) {
    value /= 1000.0;
    unit++;
  }
  if (unit == 0) return Concat(bytes, " bytes");
  char text[32];
  std::snprintf(text, sizeof(text), "%.1f %s", value, kUnits[unit]);
  return text;
}

Status MemoryTracker::LimitError() const {
  return OutOfMemoryError("the query needs more memory than memory_limit allows: ",
                          FormatBytes(static_cast<uint64_t>(peak())), " held (memory limit ",
                          FormatBytes(limit()), ")");
}

}  // namespace fluxdb
