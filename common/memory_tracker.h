// Per-query memory accounting: EXPLAIN ANALYZE's "peak memory".
//
// The big consumers of a query (chunk collections, hash tables, sort buffers) hold a
// MemoryCharge and set it to the bytes they hold whenever they grow, once per chunk, never per
// row. The charge goes to the MemoryTracker of the query running on the thread that first
// charged it (set by the executor for its own thread and its workers with MemoryTracker::Scope);
// outside a query nothing is tracked. A charge keeps its tracker alive, so a structure may
// outlive the query that built it, and releases its bytes when it is destroyed.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace fluxdb {

class MemoryTracker {
 public:
  /// Adds `delta` (negative when memory is released) and raises the peak.
  void Add(int64_t delta) {
    int64_t now = current_.fetch_add(delta, std::memory_order_relaxed) + delta;
    int64_t peak = peak_.load(std::memory_order_relaxed);
    while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
  }
  int64_t current() const { return current_.load(std::memory_order_relaxed); }
  /// The largest number of bytes held at once since the tracker was created.
  int64_t peak() const { return peak_.load(std::memory_order_relaxed); }

  /// The tracker of the query running on this thread; null outside a query.
  static const std::shared_ptr<MemoryTracker>& Current();

  /// Makes `tracker` (may be null) this thread's current tracker for the scope's lifetime.
  class Scope {
   public:
    explicit Scope(std::shared_ptr<MemoryTracker> tracker);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    std::shared_ptr<MemoryTracker> previous_;
  };

 private:
  std::atomic<int64_t> current_{0};
  std::atomic<int64_t> peak_{0};
};

/// The bytes one data structure holds, charged to a query's tracker.
class MemoryCharge {
 public:
  MemoryCharge() = default;
  ~MemoryCharge() { Set(0); }
  MemoryCharge(MemoryCharge&& other) noexcept
      : tracker_(std::move(other.tracker_)), bytes_(other.bytes_) {
    other.bytes_ = 0;
  }
  MemoryCharge& operator=(MemoryCharge&& other) noexcept {
    if (this != &other) {
      Set(0);
      tracker_ = std::move(other.tracker_);
      bytes_ = other.bytes_;
      other.bytes_ = 0;
    }
    return *this;
  }
  MemoryCharge(const MemoryCharge&) = delete;
  MemoryCharge& operator=(const MemoryCharge&) = delete;

  /// The structure now holds `bytes`; the first non-zero charge picks the thread's tracker.
  void Set(uint64_t bytes) {
    auto value = static_cast<int64_t>(bytes);
    if (value == bytes_) return;
    if (tracker_ == nullptr) {
      if (value == 0) return;
      tracker_ = MemoryTracker::Current();
      if (tracker_ == nullptr) return;
    }
    tracker_->Add(value - bytes_);
    bytes_ = value;
  }
  uint64_t bytes() const { return static_cast<uint64_t>(bytes_); }

 private:
  std::shared_ptr<MemoryTracker> tracker_;
  int64_t bytes_ = 0;
};

}  // namespace fluxdb
