// The outcome of running one test file, and its wire (child to parent) and JSON forms.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "test/runner/dialect.h"
#include "test/runner/failure.h"

namespace fluxdb::slt {

enum class FileStatus : uint8_t { kPassed, kFailed, kSkipped };

const char* FileStatusName(FileStatus status);

/// Records are statements and queries, counted once per loop iteration.
struct RecordCounts {
  uint64_t run = 0;
  uint64_t passed = 0;
  uint64_t failed = 0;
  uint64_t skipped = 0;  // by skipif/onlyif or mode skip
};

struct RecordFailure {
  int line = 0;
  FailureKind kind = FailureKind::kWrongValue;
  std::string message;
  std::string detail;  // the SQL, expected and actual output, for -v
};

struct FileResult {
  std::string file;
  Dialect dialect = Dialect::kSqlite;
  FileStatus status = FileStatus::kPassed;
  /// Why the file failed ("line 12: ...") or was skipped ("require parquet").
  std::string reason;
  /// FailureCategory of the first failure; "" unless failed.
  std::string category;
  RecordCounts records;
  double seconds = 0;
  /// The first failures, with details.
  std::vector<RecordFailure> failures;
  /// Failing records per FailureCategory.
  std::map<std::string, uint64_t> categories;
  /// Directives that were ignored ("set seed 0.5").
  std::vector<std::string> notes;
};

/// A line-based text form, for a child process to hand its result to the parent.
std::string SerializeFileResult(const FileResult& result);
StatusOr<FileResult> DeserializeFileResult(std::string_view text);

/// `text` as a JSON string literal.
std::string JsonString(std::string_view text);
/// One file as a JSON object (without the failure details).
std::string FileResultJson(const FileResult& result);

}  // namespace fluxdb::slt
