// What went wrong in a record or a file, and the cause category failures are grouped by.
#pragma once

#include <string>
#include <string_view>

namespace fluxdb::slt {

enum class FailureKind : uint8_t {
  kStatementFailed,    // statement ok (or a query) returned an error
  kQueryFailed,        // query returned an error
  kUnexpectedSuccess,  // statement error succeeded
  kWrongErrorMessage,  // statement error failed with another message
  kInternalError,      // an INTERNAL error, never an accepted outcome
  kColumnCount,
  kRowCount,
  kWrongValue,
  kWrongHash,
  kLabelMismatch,
  kScriptError,  // the test file itself is malformed
  kSetup,        // opening the database or the dialect settings failed
  kCrash,
  kTimeout,
};

const char* FailureKindName(FailureKind kind);

/// The cause a failure is grouped under in reports. Engine errors group by their first line with
/// numbers and most quoted names blanked ("Binder Error: Referenced column \"…\" not found"), but
/// names that tell what is missing stay ("Catalog Error: Scalar Function with name \"regexp\" does
/// not exist!"); wrong results group by kind ("wrong result: values").
std::string FailureCategory(FailureKind kind, std::string_view message);

/// An error message reduced to its first line, normalized as FailureCategory does.
std::string NormalizeErrorMessage(std::string_view message);

}  // namespace fluxdb::slt
