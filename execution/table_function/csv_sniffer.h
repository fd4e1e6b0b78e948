// The CSV sniffer: guesses what the user did not say from a sample at the start of the file.
//
// As DuckDB's sniffer: the dialect (delimiter among , | ; TAB and quote/escape among " / \ / '
// / none) is the candidate whose records agree on the largest number of columns; column types
// are the first of BOOLEAN, BIGINT, DOUBLE, TIME, DATE, TIMESTAMP, VARCHAR that every sampled
// value of the column parses as (VARCHAR for a column of NULLs); the first row is a header when
// some of its values do not fit the types of the rows below it (or, when every column is text,
// when it has no empty value). With the columns given (COPY into a table), only the dialect and
// the header are guessed; a first row that matches the column names is a header too.
#pragma once

#include "common/status.h"
#include "execution/table_function/csv_file.h"
#include "execution/table_function/csv_options.h"

namespace fluxdb {

struct CsvSniffResult {
  /// File offset of the first data record (after skipped lines and the header).
  idx_t data_start = 0;
  /// The sample has quoted fields spanning lines, or lines ended by a lone '\r': the file is
  /// not split between threads.
  bool needs_serial_scan = false;
};

/// Completes `options` (dialect, header, names and types where not set) for `file`.
StatusOr<CsvSniffResult> SniffCsv(const CsvFile& file, CsvOptions& options);

/// "column0" .. "columnN" (zero-padded to the width of the largest index, as DuckDB).
std::string CsvDefaultColumnName(idx_t index, idx_t count);

}  // namespace fluxdb
