#include "execution/table_function/csv_range_scanner.h"

#include <algorithm>
#include <cstring>

namespace fluxdb {

namespace {
constexpr idx_t kBufferSize = 2 << 20;
/// Past the range's end only its last record is still needed: read in small steps.
constexpr idx_t kTailRead = 64 << 10;
}  // namespace

CsvRangeScanner::CsvRangeScanner(std::shared_ptr<const CsvFile> file, const CsvOptions& options,
                                 idx_t start, idx_t end, bool at_record_start)
    : file_(std::move(file)),
      options_(options),
      tokenizer_(options),
      converter_(options, tokenizer_),
      start_(start),
      end_(end),
      located_(at_record_start || start == 0) {
  // Locating a record start looks at the byte before the range: a '\n' there means the range
  // begins with a record.
  buffer_offset_ = located_ ? start : start - 1;
  first_record_ = start;
  next_record_ = start;
  batch_.Initialize(options.types.size(), kVectorSize);
  skip_.assign(kVectorSize, 0);
}

void CsvRangeScanner::AdoptBuffer(std::unique_ptr<char[]> buffer, idx_t capacity) {
  if (buffer_ != nullptr || buffer == nullptr) return;
  buffer_ = std::move(buffer);
  capacity_ = capacity;
  length_ = 0;
  position_ = 0;
  adopted_ = true;
}

std::unique_ptr<char[]> CsvRangeScanner::ReleaseBuffer(idx_t* capacity) {
  *capacity = capacity_;
  capacity_ = 0;
  length_ = 0;
  position_ = 0;
  return std::move(buffer_);
}

Status CsvRangeScanner::Refill() {
  if (position_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + position_, length_ - position_);
    buffer_offset_ += position_;
    length_ -= position_;
    position_ = 0;
  }
  if (buffer_ == nullptr || length_ == capacity_) {
    // A record longer than the buffer: grow it.
    idx_t capacity = std::max<idx_t>(kBufferSize, capacity_ * 2);
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (length_ > 0) std::memcpy(bigger.get(), buffer_.get(), length_);
    buffer_ = std::move(bigger);
    capacity_ = capacity;
  }
  idx_t file_position = buffer_offset_ + length_;
  idx_t want = capacity_ - length_;
  idx_t tail_end = end_ + kTailRead;
  want = file_position < tail_end ? std::min(want, tail_end - file_position)
                                  : std::min(want, kTailRead);
  FLUX_ASSIGN_OR_RETURN(idx_t got, file_->ReadAt(file_position, buffer_.get() + length_, want));
  length_ += got;
  if (got < want || file_position + got >= file_->size()) eof_ = true;
  return Status();
}

Status CsvRangeScanner::Locate() {
  while (true) {
    const char* data = buffer_.get() + position_;
    const void* newline = std::memchr(data, '\n', length_ - position_);
    if (newline != nullptr) {
      position_ = static_cast<idx_t>(static_cast<const char*>(newline) - buffer_.get()) + 1;
      break;
    }
    position_ = length_;
    if (eof_) break;
    FLUX_RETURN_IF_ERROR(Refill());
  }
  first_record_ = buffer_offset_ + position_;
  next_record_ = first_record_;
  if (first_record_ >= end_) done_ = true;
  return Status();
}

Status CsvRangeScanner::RowError(idx_t row, const std::string& message) const {
  return InvalidInputError("CSV line ", file_->LineOf(batch_.offsets[row]), ": ", message,
                           " (file \"", file_->path(), "\", ", options_.DialectString(), ")");
}

Status CsvRangeScanner::FinishBatch(DataChunk& out) {
  const idx_t rows = batch_.rows;
  out.SetCardinality(0);
  if (rows == 0) return Status();
  const idx_t columns = options_.types.size();
  std::fill(skip_.begin(), skip_.begin() + rows, 0);
  // Rows of the wrong shape are left out of conversion; the first error by position wins.
  idx_t first_bad = kInvalidIndex;
  std::string bad_message;
  for (idx_t r = 0; r < rows; r++) {
    idx_t n = batch_.field_counts[r];
    bool fits =
        !batch_.malformed[r] && (n == columns || (n == columns + 1 && batch_.trailing_empty[r]) ||
                                 (n < columns && options_.null_padding));
    if (fits) continue;
    skip_[r] = 1;
    if (first_bad == kInvalidIndex && !options_.ignore_errors) {
      first_bad = r;
      bad_message = batch_.malformed[r] ? std::string("unexpected text after a closing quote")
                                        : Concat("expected ", columns, " columns but found ", n);
    }
  }
  idx_t first_failure = kInvalidIndex;
  idx_t failure_column = 0;
  CsvConversionFailure failure;
  for (idx_t c = 0; c < columns; c++) {
    CsvConversionFailure column_failure;
    if (!converter_.ConvertColumn(batch_, c, out.column(c), skip_, &column_failure) &&
        column_failure.row < first_failure) {
      first_failure = column_failure.row;
      failure_column = c;
      failure = std::move(column_failure);
    }
  }
  if (first_bad != kInvalidIndex && first_bad <= first_failure) {
    return RowError(first_bad, bad_message);
  }
  if (first_failure != kInvalidIndex) {
    return ConversionError("CSV line ", file_->LineOf(batch_.offsets[first_failure]), ", column ",
                           options_.names[failure_column], ": could not convert '", failure.text,
                           "' to ", options_.types[failure_column].ToString());
  }
  idx_t kept = 0;
  for (idx_t r = 0; r < rows; r++) kept += skip_[r] ? 0 : 1;
  out.SetCardinality(rows);
  if (kept < rows) {
    SelectionVector sel(kept);
    idx_t k = 0;
    for (idx_t r = 0; r < rows; r++) {
      if (!skip_[r]) sel.set_index(k++, r);
    }
    out.Slice(sel, kept);
    out.SetCardinality(kept);
  }
  return Status();
}

StatusOr<bool> CsvRangeScanner::Next(DataChunk& out) {
  out.SetCardinality(0);
  if (done_) return false;
  if (buffer_ == nullptr || adopted_) {
    adopted_ = false;
    FLUX_RETURN_IF_ERROR(Refill());
  }
  if (!located_) {
    located_ = true;
    FLUX_RETURN_IF_ERROR(Locate());
    if (done_) return false;
  }
  while (true) {
    batch_.rows = 0;
    auto result =
        tokenizer_.Tokenize(buffer_.get(), length_, &position_, eof_, buffer_offset_, end_, batch_);
    if (!result.ok()) {
      return InvalidInputError("CSV line ", file_->LineOf(buffer_offset_ + position_),
                               ": unterminated quoted field (file \"", file_->path(), "\", ",
                               options_.DialectString(), ")");
    }
    switch (*result) {
      case CsvTokenizeResult::kNeedMoreData:
        if (batch_.rows == 0) {
          FLUX_RETURN_IF_ERROR(Refill());
          continue;
        }
        FLUX_RETURN_IF_ERROR(FinishBatch(out));
        return true;
      case CsvTokenizeResult::kBatchFull:
        FLUX_RETURN_IF_ERROR(FinishBatch(out));
        return true;
      case CsvTokenizeResult::kEndOfInput:
      case CsvTokenizeResult::kStopOffset:
        done_ = true;
        next_record_ = buffer_offset_ + position_;
        FLUX_RETURN_IF_ERROR(FinishBatch(out));
        return false;
    }
  }
}

}  // namespace fluxdb
