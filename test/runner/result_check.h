// Comparing a query's rendered result with a record's expected lines, per dialect.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"
#include "test/runner/dialect.h"
#include "test/runner/failure.h"
#include "test/runner/script.h"

namespace fluxdb::slt {

/// Sorts row-major `values` of `columns` columns: whole rows (rowsort) or each value (valuesort),
/// comparing bytes as strcmp does.
void SortValues(SortMode mode, size_t columns, std::vector<std::string>& values);

/// "N values hashing to <md5>", the md5 taken over every value followed by '\n'.
std::string HashValues(const std::vector<std::string>& values);

/// Whether an expected line is the hashed form of a result.
bool IsHashLine(std::string_view line);

/// DuckDB's error-message and value patterns: "<REGEX>:re" must match, "<!REGEX>:re" must not
/// (RE2, whole text, '.' matching newlines). False if `pattern` has neither prefix.
bool MatchesRegexPattern(std::string_view text, std::string_view pattern);

/// DuckDB's expected-error rule: a substring, or a <REGEX>: / <!REGEX>: pattern.
bool ErrorMessageMatches(std::string_view actual, std::string_view expected);

/// DuckDB's comparison of one value given the result column's type: equal text, a regex pattern,
/// or for numeric columns equal after reading both as that type (FLOAT/DOUBLE within DuckDB's
/// ApproxEqual tolerance: 1% of the expected value plus 1e-8); for BOOLEAN true/false/1/0 in any
/// case.
bool DuckDbValuesMatch(std::string_view actual, std::string_view expected, const LogicalType& type);

struct QueryCheck {
  bool ok = true;
  FailureKind kind = FailureKind::kWrongValue;
  std::string message;
};

/// Checks sorted, rendered `values` (row-major, one per column of `types`) against `expected`.
/// A single expected hash line compares hashes; otherwise values are compared: exactly in the
/// SQLite dialect, and with DuckDB's rules (row-per-line with tabs or value-per-line, numeric
/// tolerance) in the DuckDB dialect.
QueryCheck CheckQueryResult(Dialect dialect, const std::vector<std::string>& values,
                            const std::vector<LogicalType>& types,
                            const std::vector<std::string>& expected);

}  // namespace fluxdb::slt
