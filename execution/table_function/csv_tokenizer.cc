#include "execution/table_function/csv_tokenizer.h"

#include <cstring>

namespace fluxdb {

void CsvRecordBatch::Initialize(idx_t column_count, idx_t capacity) {
  columns = column_count;
  row_capacity = capacity;
  rows = 0;
  fields.assign(columns * capacity, CsvField());
  field_counts.assign(capacity, 0);
  trailing_empty.assign(capacity, 0);
  malformed.assign(capacity, 0);
  offsets.assign(capacity, 0);
}

CsvTokenizer::CsvTokenizer(const CsvOptions& options)
    : delimiter_(options.delimiter), quote_(options.quote), escape_(options.escape) {
  std::memset(special_, 0, sizeof(special_));
  special_[static_cast<uint8_t>(delimiter_)] = 1;
  special_[static_cast<uint8_t>('\n')] = 1;
  special_[static_cast<uint8_t>('\r')] = 1;
}

idx_t CsvTokenizer::NextLineStart(const char* buf, idx_t len, idx_t from) {
  if (from >= len) return len;
  const void* nl = std::memchr(buf + from, '\n', len - from);
  if (nl == nullptr) return len;
  return static_cast<idx_t>(static_cast<const char*>(nl) - buf) + 1;
}

void CsvTokenizer::Unescape(const CsvField& field, std::string* out) const {
  out->clear();
  const char* p = field.data;
  const char* end = p + field.length;
  while (p < end) {
    char c = *p;
    if (escape_ != '\0' && c == escape_ && p + 1 < end && (p[1] == quote_ || p[1] == escape_)) {
      out->push_back(p[1]);
      p += 2;
      continue;
    }
    out->push_back(c);
    p++;
  }
}

StatusOr<CsvTokenizeResult> CsvTokenizer::Tokenize(const char* buf, idx_t len, idx_t* pos, bool eof,
                                                   idx_t buffer_offset, idx_t stop_offset,
                                                   CsvRecordBatch& batch) const {
  const char* const begin = buf;
  const char* const end = buf + len;
  const char* p = buf + *pos;
  const idx_t columns = batch.columns;
  const idx_t capacity = batch.row_capacity;
  CsvField* fields = batch.fields.data();
  const char delimiter = delimiter_;
  const char quote = quote_;
  const char escape = escape_;
  const bool escape_is_quote = escape == quote;

  while (batch.rows < capacity) {
    if (buffer_offset + static_cast<idx_t>(p - begin) >= stop_offset) {
      *pos = static_cast<idx_t>(p - begin);
      return CsvTokenizeResult::kStopOffset;
    }
    if (p == end) {
      *pos = len;
      return eof ? CsvTokenizeResult::kEndOfInput : CsvTokenizeResult::kNeedMoreData;
    }
    const char* record = p;
    // Blank lines hold no record.
    if (*p == '\n') {
      p++;
      continue;
    }
    if (*p == '\r') {
      if (p + 1 == end && !eof) {
        *pos = static_cast<idx_t>(p - begin);
        return CsvTokenizeResult::kNeedMoreData;
      }
      p++;
      if (p < end && *p == '\n') p++;
      continue;
    }
    const idx_t row = batch.rows;
    idx_t column = 0;
    bool trailing_empty = false;
    bool malformed = false;
    bool need_more = false;
    while (true) {
      CsvField field;
      if (quote != '\0' && p < end && *p == quote) {
        const char* start = ++p;
        bool escaped = false;
        while (true) {
          const char* q;
          if (escape_is_quote || escape == '\0') {
            q = static_cast<const char*>(std::memchr(p, quote, static_cast<size_t>(end - p)));
          } else {
            q = p;
            while (q < end && *q != quote && *q != escape) q++;
            if (q == end) q = nullptr;
          }
          if (q == nullptr) {
            if (eof) {
              return InvalidInputError("unterminated quoted field starting at byte ",
                                       buffer_offset + static_cast<idx_t>(start - begin) - 1);
            }
            need_more = true;
            break;
          }
          if (*q == quote && escape_is_quote) {
            if (q + 1 == end && !eof) {
              need_more = true;  // a doubled quote may continue in the next buffer
              break;
            }
            if (q + 1 < end && q[1] == quote) {
              escaped = true;
              p = q + 2;
              continue;
            }
          } else if (*q == escape) {
            if (q + 1 == end) {
              if (!eof) {
                need_more = true;
                break;
              }
              p = q + 1;
              continue;
            }
            escaped = true;
            p = q + 2;
            continue;
          }
          field.data = start;
          field.length = static_cast<uint32_t>(q - start);
          field.quoted = 1;
          field.escaped = escaped ? 1 : 0;
          p = q + 1;
          break;
        }
        if (need_more) break;
        // Only spaces may follow the closing quote.
        while (p < end && *p == ' ') p++;
        if (p < end && *p != delimiter && *p != '\n' && *p != '\r') {
          malformed = true;
          while (p < end && !special_[static_cast<uint8_t>(*p)]) p++;
        }
        if (p == end && !eof) {
          need_more = true;
          break;
        }
      } else {
        const char* start = p;
        while (p < end && !special_[static_cast<uint8_t>(*p)]) p++;
        if (p == end && !eof) {
          need_more = true;
          break;
        }
        field.data = start;
        field.length = static_cast<uint32_t>(p - start);
      }
      if (column < columns) {
        fields[column * capacity + row] = field;
      } else if (column == columns) {
        trailing_empty = field.length == 0 && !field.quoted;
      }
      column++;
      if (p == end) break;  // end of file ends the record
      char c = *p;
      if (c == delimiter) {
        p++;
        continue;
      }
      if (c == '\r') {
        p++;
        if (p == end && !eof) {
          need_more = true;
          break;
        }
        if (p < end && *p == '\n') p++;
      } else {
        p++;  // '\n'
      }
      break;
    }
    if (need_more) {
      // Leave the partial record for the next buffer.
      for (idx_t c = 0; c < columns && c < column; c++) fields[c * capacity + row] = CsvField();
      *pos = static_cast<idx_t>(record - begin);
      return CsvTokenizeResult::kNeedMoreData;
    }
    for (idx_t c = column; c < columns; c++) fields[c * capacity + row] = CsvField();
    batch.field_counts[row] = static_cast<uint32_t>(column);
    batch.trailing_empty[row] = trailing_empty && column == columns + 1;
    batch.malformed[row] = malformed;
    batch.offsets[row] = buffer_offset + static_cast<idx_t>(record - begin);
    batch.rows++;
  }
  *pos = static_cast<idx_t>(p - begin);
  return CsvTokenizeResult::kBatchFull;
}

}  // namespace fluxdb
