#include "storage/fault_injector.h"

#include <cerrno>
#include <mutex>

namespace fluxdb {

namespace {

struct State {
  std::mutex mu;
  FaultPlan plan;
  FileOpCounts counts;
  bool fired = false;
  bool dead = false;  // after a sticky fault: every call fails
};

State& GetState() {
  static State state;
  return state;
}

bool Matches(const FaultPlan& plan, const std::string& path) {
  return path.size() >= plan.path_suffix.size() &&
         path.compare(path.size() - plan.path_suffix.size(), plan.path_suffix.size(),
                      plan.path_suffix) == 0;
}

// Counts a call of one kind; true when it is the one the plan makes fail.
bool Hit(State& s, uint64_t* counter, bool targeted) {
  uint64_t n = (*counter)++;
  if (!targeted || s.fired || n != s.plan.nth) return false;
  s.fired = true;
  s.dead = s.plan.sticky || s.plan.fault == Fault::kTornWrite;
  return true;
}

}  // namespace

std::string_view FaultName(Fault fault) {
  switch (fault) {
    case Fault::kNone:
      return "none";
    case Fault::kShortWrite:
      return "short-write";
    case Fault::kNoSpace:
      return "enospc";
    case Fault::kTornWrite:
      return "torn-write";
    case Fault::kSyncFailure:
      return "fsync";
    case Fault::kTruncateFailure:
      return "truncate";
  }
  return "unknown";
}

void FaultInjector::Arm(FaultPlan plan) {
  State& s = GetState();
  std::lock_guard<std::mutex> lock(s.mu);
  s.plan = std::move(plan);
  s.counts = {};
  s.fired = false;
  s.dead = false;
  armed_.store(true, std::memory_order_relaxed);
}

void FaultInjector::Disarm() {
  State& s = GetState();
  std::lock_guard<std::mutex> lock(s.mu);
  armed_.store(false, std::memory_order_relaxed);
  s.plan = {};
  s.dead = false;
}

bool FaultInjector::fired() {
  State& s = GetState();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.fired;
}

FileOpCounts FaultInjector::counts() {
  State& s = GetState();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.counts;
}

FaultInjector::WriteOutcome FaultInjector::BeforeWrite(const std::string& path, size_t size) {
  State& s = GetState();
  std::lock_guard<std::mutex> lock(s.mu);
  if (!armed() || !Matches(s.plan, path)) return {size, 0};
  if (s.dead) return {0, EIO};
  Fault f = s.plan.fault;
  bool targeted = f == Fault::kShortWrite || f == Fault::kNoSpace || f == Fault::kTornWrite;
  if (!Hit(s, &s.counts.writes, targeted)) return {size, 0};
  switch (f) {
    case Fault::kShortWrite:
      // An odd count, so that no record or page boundary lines up with it by chance.
      return {size > 1 ? (size / 3) | 1 : 0, EIO};
    case Fault::kTornWrite:
      return {size / 2, EIO};
    default:
      return {0, ENOSPC};
  }
}

int FaultInjector::BeforeSync(const std::string& path) {
  State& s = GetState();
  std::lock_guard<std::mutex> lock(s.mu);
  if (!armed() || !Matches(s.plan, path)) return 0;
  if (s.dead) return EIO;
  return Hit(s, &s.counts.syncs, s.plan.fault == Fault::kSyncFailure) ? EIO : 0;
}

int FaultInjector::BeforeTruncate(const std::string& path) {
  State& s = GetState();
  std::lock_guard<std::mutex> lock(s.mu);
  if (!armed() || !Matches(s.plan, path)) return 0;
  if (s.dead) return EIO;
  return Hit(s, &s.counts.truncates, s.plan.fault == Fault::kTruncateFailure) ? EIO : 0;
}

}  // namespace fluxdb
