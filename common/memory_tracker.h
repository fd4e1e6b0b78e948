// Per-query memory accounting: EXPLAIN ANALYZE's "peak memory".
//
// The big consumers of a query (chunk collections, hash tables, sort buffers) hold a
// MemoryCharge and set it to the bytes they hold whenever they grow, once per chunk, never per
// row. The charge goes to the MemoryTracker of the query running on the thread that first
// charged it (set by the executor for its own thread and its workers with MemoryTracker::Scope);
// outside a query nothing is tracked. A charge keeps its tracker alive, so a structure may
// outlive the query that built it, and releases its bytes when it is destroyed.
//
// The memory limit: a tracker may have a limit (the memory_limit setting). A charge that takes
// the query past it marks the tracker exceeded; the executor looks at that mark between chunks
// (and operators in their long loops, through CheckLimit) and ends the query with an Out of
// Memory error. The check is one relaxed load, so charges stay once per chunk; what a query may
// hold beyond its limit is what one structure adds in one step (a chunk, a hash table resize).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"

namespace fluxdb {

class MemoryTracker {
 public:
  /// `limit` in bytes; 0 = none.
  explicit MemoryTracker(uint64_t limit = 0) : limit_(static_cast<int64_t>(limit)) {}

  /// Adds `delta` (negative when memory is released) and raises the peak; growing past the
  /// limit marks the tracker exceeded for good.
  void Add(int64_t delta) {
    int64_t now = current_.fetch_add(delta, std::memory_order_relaxed) + delta;
    int64_t peak = peak_.load(std::memory_order_relaxed);
    while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
    if (delta > 0 && limit_ > 0 && now > limit_) exceeded_.store(true, std::memory_order_relaxed);
  }
  int64_t current() const { return current_.load(std::memory_order_relaxed); }
  /// The largest number of bytes held at once since the tracker was created.
  int64_t peak() const { return peak_.load(std::memory_order_relaxed); }
  uint64_t limit() const { return static_cast<uint64_t>(limit_); }
  /// Whether the query has held more than its limit at some point.
  bool exceeded() const { return exceeded_.load(std::memory_order_relaxed); }
  /// OK while within the limit; once exceeded, the Out of Memory error that ends the query.
  Status CheckLimit() const {
    if (!exceeded()) return Status();
    return LimitError();
  }
  /// "Out of Memory Error: ... (memory limit 50.0 MB)".
  Status LimitError() const;
  /// 50000000 -> "50.0 MB" (decimal units, as the memory_limit setting is written).
  static std::string FormatBytes(uint64_t bytes);

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
  const int64_t limit_;
  std::atomic<int64_t> current_{0};
  std::atomic<int64_t> peak_{0};
  std::atomic<bool> exceeded_{false};
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
  /// Set for a structure about to allocate `bytes`: the Out of Memory error when that takes the
  /// query past its limit, so the caller fails before allocating rather than after.
  Status Reserve(uint64_t bytes) {
    Set(bytes);
    return tracker_ != nullptr ? tracker_->CheckLimit() : Status();
  }
  uint64_t bytes() const { return static_cast<uint64_t>(bytes_); }

 private:
  std::shared_ptr<MemoryTracker> tracker_;
  int64_t bytes_ = 0;
};

}  // namespace fluxdb
