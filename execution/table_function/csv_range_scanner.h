// CsvRangeScanner: reads the records that start inside one byte range of a CSV file into
// DataChunks of the bound column types.
//
// A file is split into ranges so threads can parse it in parallel. A range other than the first
// starts at the first line break at or after its start (a guess that is wrong only inside a
// quoted field spanning lines: the reader checks afterwards that consecutive ranges met at the
// same record). A record belongs to the range its first byte is in; the last one may run past the
// range's end. Each scanner has its own read buffer (pread), so ranges share nothing.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "execution/table_function/csv_converter.h"
#include "execution/table_function/csv_file.h"
#include "execution/table_function/csv_options.h"
#include "execution/table_function/csv_tokenizer.h"

namespace fluxdb {

class CsvRangeScanner {
 public:
  /// Records starting in [start, end); `at_record_start` when `start` is known to begin a record
  /// (the first range, after the header).
  CsvRangeScanner(std::shared_ptr<const CsvFile> file, const CsvOptions& options, idx_t start,
                  idx_t end, bool at_record_start);

  /// Fills `out` (flat vectors of the options' types) with the next rows; returns false once the
  /// range is exhausted (`out` may hold rows then too). Rows that fail with ignore_errors are
  /// left out.
  StatusOr<bool> Next(DataChunk& out);

  /// Lets a thread reuse one read buffer for all the ranges it scans (fresh memory costs page
  /// faults): hand the previous scanner's buffer to the next one.
  void AdoptBuffer(std::unique_ptr<char[]> buffer, idx_t capacity);
  std::unique_ptr<char[]> ReleaseBuffer(idx_t* capacity);

  /// File offset of the first record of the range, and of the record after its last one.
  idx_t first_record() const { return first_record_; }
  idx_t next_record() const { return next_record_; }

 private:
  Status Refill();
  Status Locate();
  Status FinishBatch(DataChunk& out);
  Status RowError(idx_t row, const std::string& message) const;

  std::shared_ptr<const CsvFile> file_;
  const CsvOptions& options_;
  CsvTokenizer tokenizer_;
  CsvConverter converter_;
  idx_t start_;
  idx_t end_;
  bool located_;
  bool done_ = false;

  std::unique_ptr<char[]> buffer_;
  idx_t capacity_ = 0;
  idx_t buffer_offset_ = 0;  // file offset of buffer_[0]
  idx_t length_ = 0;
  idx_t position_ = 0;
  bool eof_ = false;
  bool adopted_ = false;  // a buffer was handed over and holds nothing of this range yet

  CsvRecordBatch batch_;
  std::vector<uint8_t> skip_;
  idx_t first_record_ = 0;
  idx_t next_record_ = 0;
};

}  // namespace fluxdb
