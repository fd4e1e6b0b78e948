// CsvConverter: the second pass of reading a chunk - fields of one column into a typed vector.
//
// One loop per column and target type, parsing straight from the buffer into the vector's array
// (fast paths for plain integers, decimals, doubles and ISO dates; the cast parsers for the rest),
// so a value never goes through a std::string or a Value.
#pragma once

#include <string>
#include <vector>

#include "common/vector.h"
#include "execution/table_function/csv_options.h"
#include "execution/table_function/csv_tokenizer.h"

namespace fluxdb {

/// A field that did not convert.
struct CsvConversionFailure {
  idx_t row = 0;
  std::string text;
};

class CsvConverter {
 public:
  CsvConverter(const CsvOptions& options, const CsvTokenizer& tokenizer)
      : options_(options), tokenizer_(tokenizer) {}

  /// Converts column `column` of `batch` into the flat vector `out` (of the column's type).
  /// Rows flagged in `skip` are left NULL. A field that does not convert sets skip[row] when
  /// `ignore_errors`, otherwise stops the loop and returns false with `failure` filled in.
  bool ConvertColumn(const CsvRecordBatch& batch, idx_t column, Vector& out,
                     std::vector<uint8_t>& skip, CsvConversionFailure* failure);

  /// Whether `text` parses as `type` (the sniffer's test).
  static bool CanParse(std::string_view text, const LogicalType& type);

 private:
  bool IsNull(const CsvField& field) const;

  const CsvOptions& options_;
  const CsvTokenizer& tokenizer_;
  std::string scratch_;
};

}  // namespace fluxdb
