// FaultInjector: makes FileHandle's writes, syncs and truncates fail on purpose, so that tests can
// prove every I/O failure surfaces as an error and leaves files that reopen to the last commit.
//
// It is process-wide and always compiled in; disarmed (the default) a FileHandle call pays one
// relaxed atomic load. Armed with a FaultPlan, it counts the calls of the kind the fault targets
// (on files whose path ends with `path_suffix`) and makes the nth of them (0-based) fail:
//   kShortWrite        part of the buffer (an odd number of bytes) is written, then EIO: what
//                      a write that runs into a failing disk leaves
//   kNoSpace           nothing is written, ENOSPC
//   kTornWrite         the first half of the buffer lands, then the machine "loses power": this
//                      call and every later write, sync and truncate fail with EIO until
//                      disarmed, so the files stay as a crash at that instant leaves them
//   kSyncFailure       fdatasync fails with EIO
//   kTruncateFailure   ftruncate fails with EIO
// A `sticky` plan keeps failing every write, sync and truncate after the fault (a disk that is
// gone), as kTornWrite always does. kNone only counts calls, to size a later sweep of N.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fluxdb {

enum class Fault : uint8_t {
  kNone,
  kShortWrite,
  kNoSpace,
  kTornWrite,
  kSyncFailure,
  kTruncateFailure,
};
std::string_view FaultName(Fault fault);

struct FaultPlan {
  Fault fault = Fault::kNone;
  uint64_t nth = 0;
  bool sticky = false;
  std::string path_suffix;  // "" = every file
};

/// Calls seen (on files matching the plan's suffix) since the plan was armed.
struct FileOpCounts {
  uint64_t writes = 0;
  uint64_t syncs = 0;
  uint64_t truncates = 0;
};

class FaultInjector {
 public:
  static void Arm(FaultPlan plan);
  static void Disarm();
  /// Whether the armed plan's fault has happened.
  static bool fired();
  static FileOpCounts counts();

  // ---- FileHandle's side ----
  static bool armed() { return armed_.load(std::memory_order_relaxed); }
  /// How much of a write of `size` bytes to perform, and the errno to fail with afterwards
  /// (0: none, the write proceeds whole).
  struct WriteOutcome {
    size_t bytes;
    int error;
  };
  static WriteOutcome BeforeWrite(const std::string& path, size_t size);
  /// The errno a sync / truncate of `path` fails with, 0 for none.
  static int BeforeSync(const std::string& path);
  static int BeforeTruncate(const std::string& path);

 private:
  static inline std::atomic<bool> armed_{false};
};

}  // namespace fluxdb
