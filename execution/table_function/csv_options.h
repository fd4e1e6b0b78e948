// CsvOptions: the dialect, schema and error handling of one CSV file, read or written.
//
// Option names and defaults are DuckDB's (read_csv named parameters and COPY options):
//   delim / delimiter / sep   field separator (one byte), ',' by default (sniffed when reading)
//   quote                     quoting byte, '"' by default; '' for none
//   escape                    byte that escapes a quote inside quotes, default = quote
//   header                    first line holds column names (reading: sniffed; writing: true)
//   nullstr / null            text of NULL, '' by default
//   allow_quoted_nulls        a quoted field equal to nullstr is NULL too (default true)
//   auto_detect               sniff what is not given (default true)
//   sample_size               rows the sniffer looks at (default 20480, -1 = all)
//   ignore_errors             skip rows that do not parse instead of failing
//   null_padding              rows with too few fields get NULLs instead of failing
//   skip                      lines to skip before the header / first row
//   all_varchar               every sniffed column is VARCHAR
//   parallel                  split the file between threads (default true)
//   columns                   'name TYPE, name TYPE ...' (FluxDB spelling of DuckDB's struct):
//                             fixes names and types; the file's fields map by position
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/value.h"

namespace fluxdb {

struct CsvOptions {
  char delimiter = ',';
  char quote = '"';   // '\0': no quoting
  char escape = '"';  // '\0': no escaping
  bool header = false;
  std::string null_str;
  bool allow_quoted_nulls = true;
  bool auto_detect = true;
  int64_t sample_size = 20480;
  bool ignore_errors = false;
  bool null_padding = false;
  idx_t skip = 0;
  bool all_varchar = false;
  bool parallel = true;

  // What the user gave explicitly (the sniffer leaves these alone).
  bool delimiter_set = false;
  bool quote_set = false;
  bool escape_set = false;
  bool header_set = false;

  /// Column names and types, given (`columns`) or sniffed.
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  bool columns_set = false;

  /// Sets one option from its name (lower case) and value; unknown names are a Binder Error.
  /// `for_write` selects which options are valid (COPY ... TO).
  Status Set(std::string_view name, const Value& value, bool for_write);
  /// Dialect as text for error messages ("delimiter ',', quote '\"' ...").
  std::string DialectString() const;
};

/// Parses a type name as LogicalType::ToString() prints it, plus common aliases (INT, TEXT,
/// NUMERIC(p,s), ...). Used for the `columns` option, which the execution layer resolves itself.
StatusOr<LogicalType> ParseCsvTypeName(std::string_view text);

/// Parses `name TYPE, "quoted name" TYPE, ...`.
Status ParseCsvColumns(std::string_view text, std::vector<std::string>* names,
                       std::vector<LogicalType>* types);

/// Formats names and types as ParseCsvColumns reads them (names double-quoted).
std::string FormatCsvColumns(const std::vector<std::string>& names,
                             const std::vector<LogicalType>& types);

}  // namespace fluxdb
