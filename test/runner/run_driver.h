// Runs many test files: each in a child process (so a crash or a hang is one file's failure, not
// the run's), several at a time, with a per-file time limit.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "test/runner/file_result.h"
#include "test/runner/file_runner.h"

namespace fluxdb::slt {

struct DriverOptions {
  RunnerOptions runner;
  int jobs = 1;
  /// Seconds per file; 0 = no limit. Needs isolation.
  double timeout = 0;
  /// Run each file in a child process (always, when jobs > 1).
  bool isolate = true;
  bool verbose = false;
};

struct TestFile {
  std::string path;  // to open
  std::string name;  // to report: relative to the --root directory when given
};

/// The test files named by `args`: files as given, directories searched recursively for .test
/// (and .test_slow with `slow`) files in name order.
StatusOr<std::vector<TestFile>> CollectTestFiles(const std::vector<std::string>& args, bool slow,
                                                 const std::string& root);

/// Runs `files`, printing failures (and with verbose, every record failure) to `out` as files
/// finish. Results come back in the order of `files`.
std::vector<FileResult> RunTestFiles(const std::vector<TestFile>& files,
                                     const DriverOptions& options, std::ostream& out);

/// Whether an --expect list entry names `file` (equal names, or the path ends with "/entry").
bool ExpectEntryMatches(const std::string& entry, const TestFile& file);

}  // namespace fluxdb::slt
