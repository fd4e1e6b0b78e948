// Reading CSV files (RFC 4180) for .import.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace fluxdb::shell {

struct CsvField {
  std::string text;
  bool quoted = false;  // an empty unquoted field is NULL; "" is an empty string
};
using CsvRecord = std::vector<CsvField>;

/// Parses `text`: fields separated by `delimiter`, records by LF or CRLF, "quoted" fields with
/// doubled quotes and embedded line breaks. A UTF-8 byte order mark is skipped.
StatusOr<std::vector<CsvRecord>> ParseCsv(std::string_view text, char delimiter);

/// ',' unless the first line has tabs (or semicolons, or pipes) and no commas.
char SniffDelimiter(std::string_view text);

/// Reads the whole file at `path`.
StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace fluxdb::shell
