// CsvTokenizer: splits a buffer of CSV text into records and fields, without copying.
//
// The first pass of reading a chunk: up to `row_capacity` records are cut into fields that point
// into the buffer (quoted fields point between their quotes and say whether they hold escape
// sequences). The second pass (CsvConverter) turns each column's fields into typed values, one
// tight loop per column. The hot loop is a table lookup per byte for unquoted fields and memchr
// for quoted ones; nothing is allocated per field.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "execution/table_function/csv_options.h"

namespace fluxdb {

struct CsvField {
  const char* data = nullptr;  // null: the record had no such field
  uint32_t length = 0;
  uint8_t quoted = 0;
  uint8_t escaped = 0;  // quoted and holds escape sequences (see CsvTokenizer::Unescape)
};

/// Records cut from a buffer: fields[column * row_capacity + row].
struct CsvRecordBatch {
  idx_t columns = 0;
  idx_t row_capacity = 0;
  idx_t rows = 0;
  std::vector<CsvField> fields;
  std::vector<uint32_t> field_counts;   // fields each record really had
  std::vector<uint8_t> trailing_empty;  // field `columns` exists, is empty and unquoted
  std::vector<uint8_t> malformed;       // text after a closing quote
  std::vector<idx_t> offsets;           // absolute file offset of each record

  void Initialize(idx_t column_count, idx_t capacity);
  const CsvField& field(idx_t column, idx_t row) const {
    return fields[column * row_capacity + row];
  }
};

enum class CsvTokenizeResult : uint8_t {
  kBatchFull,     // row_capacity records were cut
  kNeedMoreData,  // the buffer ends inside a record (which was left unconsumed)
  kEndOfInput,    // the buffer (which ends the file) is consumed
  kStopOffset,    // the next record starts at or after the stop offset
};

class CsvTokenizer {
 public:
  explicit CsvTokenizer(const CsvOptions& options);

  /// Cuts records from buf[*pos, len) into `batch` (appending after batch.rows). `eof`: the buffer
  /// ends where the file ends. `buffer_offset` is the file offset of buf[0]; records starting at
  /// file offset >= `stop_offset` are left alone. On return *pos is the first unconsumed byte.
  /// An unterminated quote at the end of the file is an error.
  StatusOr<CsvTokenizeResult> Tokenize(const char* buf, idx_t len, idx_t* pos, bool eof,
                                       idx_t buffer_offset, idx_t stop_offset,
                                       CsvRecordBatch& batch) const;

  /// The text of a field whose `escaped` flag is set, with escape sequences resolved.
  void Unescape(const CsvField& field, std::string* out) const;
  std::string_view Text(const CsvField& field, std::string* scratch) const {
    if (!field.escaped) return std::string_view(field.data, field.length);
    Unescape(field, scratch);
    return *scratch;
  }

  /// Position just after the first '\n' at or after buf[from] (a record start when the scan
  /// begins outside quotes), or `len` when there is none.
  static idx_t NextLineStart(const char* buf, idx_t len, idx_t from);

 private:
  char delimiter_;
  char quote_;
  char escape_;
  uint8_t special_[256];  // bytes that end an unquoted field
};

}  // namespace fluxdb
