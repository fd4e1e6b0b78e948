#include "execution/table_function/csv_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>

#include "common/date_time.h"
#include "common/number_format.h"
#include "execution/cast/vector_cast.h"

namespace fluxdb {

namespace {

// Writers of one value each: they write at `p` (which has room for kMaxNumberText bytes) and
// return the end.
constexpr size_t kMaxNumberText = 64;

const char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

char* WriteUnsigned(char* p, uint64_t v) {
  char buffer[24];
  char* end = buffer + sizeof(buffer);
  char* q = end;
  while (v >= 100) {
    unsigned pair = static_cast<unsigned>(v % 100) * 2;
    v /= 100;
    *--q = kDigitPairs[pair + 1];
    *--q = kDigitPairs[pair];
  }
  if (v >= 10) {
    unsigned pair = static_cast<unsigned>(v) * 2;
    *--q = kDigitPairs[pair + 1];
    *--q = kDigitPairs[pair];
  } else {
    *--q = static_cast<char>('0' + v);
  }
  size_t n = static_cast<size_t>(end - q);
  std::memcpy(p, q, n);
  return p + n;
}

char* WriteSigned(char* p, int64_t v) {
  if (v < 0) {
    *p++ = '-';
    return WriteUnsigned(p, static_cast<uint64_t>(0) - static_cast<uint64_t>(v));
  }
  return WriteUnsigned(p, static_cast<uint64_t>(v));
}

char* WriteUnsigned128(char* p, uint128_t v) {
  if (v <= UINT64_MAX) return WriteUnsigned(p, static_cast<uint64_t>(v));
  char buffer[48];
  char* end = buffer + sizeof(buffer);
  char* q = end;
  while (v != 0) {
    *--q = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  }
  size_t n = static_cast<size_t>(end - q);
  std::memcpy(p, q, n);
  return p + n;
}

/// `digits` digits of v, zero-padded.
char* WriteFixed(char* p, uint64_t v, int digits) {
  for (int i = digits - 1; i >= 0; i--) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + digits;
}

char* WriteTwoDigits(char* p, unsigned v) {
  p[0] = kDigitPairs[v * 2];
  p[1] = kDigitPairs[v * 2 + 1];
  return p + 2;
}

char* WriteDecimal(char* p, int64_t raw, uint8_t scale) {
  if (scale == 0) return WriteSigned(p, raw);
  uint64_t magnitude =
      raw < 0 ? static_cast<uint64_t>(0) - static_cast<uint64_t>(raw) : static_cast<uint64_t>(raw);
  if (raw < 0) *p++ = '-';
  uint64_t divisor = 1;
  for (int i = 0; i < scale; i++) divisor *= 10;
  p = WriteUnsigned(p, magnitude / divisor);
  *p++ = '.';
  return WriteFixed(p, magnitude % divisor, scale);
}

char* WriteDecimal128(char* p, int128_t raw, uint8_t scale) {
  uint128_t magnitude = raw < 0 ? static_cast<uint128_t>(0) - static_cast<uint128_t>(raw)
                                : static_cast<uint128_t>(raw);
  if (raw < 0) *p++ = '-';
  if (scale == 0) return WriteUnsigned128(p, magnitude);
  uint128_t divisor = static_cast<uint128_t>(PowerOfTen128(scale));
  p = WriteUnsigned128(p, magnitude / divisor);
  *p++ = '.';
  uint128_t fraction = magnitude % divisor;
  for (int i = scale - 1; i >= 0; i--) {
    p[i] = static_cast<char>('0' + static_cast<int>(fraction % 10));
    fraction /= 10;
  }
  return p + scale;
}

char* WriteText(char* p, const std::string& text) {
  std::memcpy(p, text.data(), text.size());
  return p + text.size();
}

char* WriteDate(char* p, int32_t days) {
  CivilDate d = date_time::CivilFromDays(days);
  if (d.year <= 0 || d.year > 9999) return WriteText(p, date_time::FormatDate(days));
  p = WriteFixed(p, static_cast<uint64_t>(d.year), 4);
  *p++ = '-';
  p = WriteTwoDigits(p, static_cast<unsigned>(d.month));
  *p++ = '-';
  return WriteTwoDigits(p, static_cast<unsigned>(d.day));
}

char* WriteTimeOfDay(char* p, int64_t micros) {
  CivilTime t = date_time::CivilFromTimeMicros(micros);
  p = WriteTwoDigits(p, static_cast<unsigned>(t.hour));
  *p++ = ':';
  p = WriteTwoDigits(p, static_cast<unsigned>(t.minute));
  *p++ = ':';
  p = WriteTwoDigits(p, static_cast<unsigned>(t.second));
  if (t.micros != 0) {
    // Fraction without trailing zeros, as CAST prints it.
    char fraction[6];
    WriteFixed(fraction, static_cast<uint64_t>(t.micros), 6);
    int length = 6;
    while (length > 0 && fraction[length - 1] == '0') length--;
    *p++ = '.';
    std::memcpy(p, fraction, static_cast<size_t>(length));
    p += length;
  }
  return p;
}

char* WriteTimestamp(char* p, int64_t micros) {
  int32_t days;
  int64_t time;
  date_time::SplitTimestamp(micros, &days, &time);
  CivilDate d = date_time::CivilFromDays(days);
  if (d.year <= 0 || d.year > 9999) return WriteText(p, date_time::FormatTimestamp(micros));
  p = WriteDate(p, days);
  *p++ = ' ';
  return WriteTimeOfDay(p, time);
}

/// FormatDouble / FormatFloat's text: shortest round-trip digits, fixed notation for exponents in
/// [-4, 16), scientific otherwise.
template <typename T>
char* WriteFloating(char* p, T value) {
  if (std::isnan(value)) return WriteText(p, "nan");
  if (std::isinf(value)) return WriteText(p, value < 0 ? "-inf" : "inf");
  if (value == 0) return WriteText(p, std::signbit(value) ? "-0.0" : "0.0");
  char buffer[64];
  auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  const char* q = buffer;
  const char* end = result.ptr;
  if (*q == '-') *p++ = *q++;
  char digits[40];
  int digit_count = 0;
  while (q < end && *q != 'e') {
    if (*q != '.') digits[digit_count++] = *q;
    q++;
  }
  int exponent = 0;
  bool exponent_negative = false;
  if (q < end) {
    q++;
    if (*q == '-' || *q == '+') exponent_negative = *q++ == '-';
    while (q < end) exponent = exponent * 10 + (*q++ - '0');
  }
  if (exponent_negative) exponent = -exponent;
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      *p++ = '0';
      *p++ = '.';
      for (int i = 0; i < -exponent - 1; i++) *p++ = '0';
      std::memcpy(p, digits, static_cast<size_t>(digit_count));
      return p + digit_count;
    }
    if (digit_count <= exponent + 1) {
      std::memcpy(p, digits, static_cast<size_t>(digit_count));
      p += digit_count;
      for (int i = 0; i < exponent + 1 - digit_count; i++) *p++ = '0';
      *p++ = '.';
      *p++ = '0';
      return p;
    }
    std::memcpy(p, digits, static_cast<size_t>(exponent + 1));
    p += exponent + 1;
    *p++ = '.';
    std::memcpy(p, digits + exponent + 1, static_cast<size_t>(digit_count - exponent - 1));
    return p + (digit_count - exponent - 1);
  }
  *p++ = digits[0];
  if (digit_count > 1) {
    *p++ = '.';
    std::memcpy(p, digits + 1, static_cast<size_t>(digit_count - 1));
    p += digit_count - 1;
  }
  *p++ = 'e';
  *p++ = exponent < 0 ? '-' : '+';
  int magnitude = std::abs(exponent);
  if (magnitude < 10) *p++ = '0';
  return WriteUnsigned(p, static_cast<uint64_t>(magnitude));
}

/// An output string written through a raw pointer: Reserve makes room, Commit records the end.
class TextWriter {
 public:
  explicit TextWriter(std::string* out) : out_(out), size_(out->size()) {}
  ~TextWriter() { out_->resize(size_); }
  TextWriter(const TextWriter&) = delete;
  TextWriter& operator=(const TextWriter&) = delete;

  char* Reserve(size_t n) {
    if (size_ + n > out_->size()) out_->resize(std::max(out_->size() * 2, size_ + n + 4096));
    return out_->data() + size_;
  }
  void Commit(char* end) { size_ = static_cast<size_t>(end - out_->data()); }

 private:
  std::string* out_;
  size_t size_;
};

/// How one column is written.
enum class ColumnFormat : uint8_t {
  kBool,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kFloat,
  kDouble,
  kDecimal16,
  kDecimal32,
  kDecimal64,
  kDecimal128,
  kHugeInt,
  kDate,
  kTimestamp,
  kTime,
  kString,   // VARCHAR: quoted when needed
  kGeneric,  // the cast to VARCHAR, quoted when needed
};

ColumnFormat FormatOf(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return ColumnFormat::kBool;
    case TypeId::kTinyInt:
      return ColumnFormat::kInt8;
    case TypeId::kSmallInt:
      return ColumnFormat::kInt16;
    case TypeId::kInteger:
      return ColumnFormat::kInt32;
    case TypeId::kBigInt:
      return ColumnFormat::kInt64;
    case TypeId::kFloat:
      return ColumnFormat::kFloat;
    case TypeId::kDouble:
      return ColumnFormat::kDouble;
    case TypeId::kDecimal:
      switch (type.physical()) {
        case PhysicalType::kInt16:
          return ColumnFormat::kDecimal16;
        case PhysicalType::kInt32:
          return ColumnFormat::kDecimal32;
        case PhysicalType::kInt64:
          return ColumnFormat::kDecimal64;
        default:
          return ColumnFormat::kDecimal128;
      }
    case TypeId::kHugeInt:
      return ColumnFormat::kHugeInt;
    case TypeId::kDate:
      return ColumnFormat::kDate;
    case TypeId::kTimestamp:
      return ColumnFormat::kTimestamp;
    case TypeId::kTime:
      return ColumnFormat::kTime;
    case TypeId::kVarchar:
      return ColumnFormat::kString;
    default:
      return ColumnFormat::kGeneric;
  }
}

bool NeedsQuotes(std::string_view text, const CsvOptions& options) {
  if (text.size() == options.null_str.size() && text == options.null_str) return true;
  for (char c : text) {
    if (c == options.delimiter || c == '\n' || c == '\r' ||
        (options.quote != '\0' && c == options.quote)) {
      return true;
    }
  }
  return false;
}

void WriteField(std::string_view text, const CsvOptions& options, TextWriter& out) {
  char* p = out.Reserve(text.size() * 2 + 2);
  if (options.quote == '\0' || !NeedsQuotes(text, options)) {
    std::memcpy(p, text.data(), text.size());
    out.Commit(p + text.size());
    return;
  }
  char escape = options.escape != '\0' ? options.escape : options.quote;
  *p++ = options.quote;
  for (char c : text) {
    if (c == options.quote || (options.escape != '\0' && c == options.escape)) *p++ = escape;
    *p++ = c;
  }
  *p++ = options.quote;
  out.Commit(p);
}

/// Formatted text of non-string values may hold these: a delimiter or quote among them forces
/// the slow path that checks every value for quoting.
bool DelimiterClashesWithNumbers(const CsvOptions& options) {
  const char* risky = "0123456789-+.:eEinfaTtrueFls ()BC";
  return std::strchr(risky, options.delimiter) != nullptr ||
         (options.quote != '\0' && std::strchr(risky, options.quote) != nullptr);
}

}  // namespace

void AppendCsvDouble(double value, std::string* out) {
  TextWriter writer(out);
  writer.Commit(WriteFloating(writer.Reserve(kMaxNumberText), value));
}

void AppendCsvFloat(float value, std::string* out) {
  TextWriter writer(out);
  writer.Commit(WriteFloating(writer.Reserve(kMaxNumberText), value));
}

void FormatCsvHeader(const std::vector<std::string>& names, const CsvOptions& options,
                     std::string* out) {
  TextWriter writer(out);
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) {
      char* p = writer.Reserve(1);
      *p = options.delimiter;
      writer.Commit(p + 1);
    }
    WriteField(names[i], options, writer);
  }
  char* p = writer.Reserve(1);
  *p = '\n';
  writer.Commit(p + 1);
}

void FormatCsvChunk(const DataChunk& chunk, const CsvOptions& options, std::string* out) {
  const idx_t columns = chunk.ColumnCount();
  const idx_t rows = chunk.size();
  std::vector<UnifiedVector> unified(columns);
  std::vector<ColumnFormat> formats(columns);
  std::vector<uint8_t> scales(columns);
  bool check_all = DelimiterClashesWithNumbers(options);
  for (idx_t c = 0; c < columns; c++) {
    chunk.column(c).ToUnified(rows, &unified[c]);
    formats[c] = FormatOf(chunk.column(c).type());
    scales[c] = chunk.column(c).type().scale();
  }
  const char delimiter = options.delimiter;
  std::string scratch;
  TextWriter writer(out);
  for (idx_t r = 0; r < rows; r++) {
    for (idx_t c = 0; c < columns; c++) {
      char* p = writer.Reserve(kMaxNumberText + 1);
      if (c > 0) *p++ = delimiter;
      const UnifiedVector& u = unified[c];
      idx_t i = u.index(r);
      if (!u.validity->IsValid(i)) {
        writer.Commit(p);
        p = writer.Reserve(options.null_str.size());
        std::memcpy(p, options.null_str.data(), options.null_str.size());
        writer.Commit(p + options.null_str.size());
        continue;
      }
      char* start = p;
      switch (formats[c]) {
        case ColumnFormat::kBool:
          p = WriteText(p, u.values<bool>()[i] ? "true" : "false");
          break;
        case ColumnFormat::kInt8:
          p = WriteSigned(p, u.values<int8_t>()[i]);
          break;
        case ColumnFormat::kInt16:
          p = WriteSigned(p, u.values<int16_t>()[i]);
          break;
        case ColumnFormat::kInt32:
          p = WriteSigned(p, u.values<int32_t>()[i]);
          break;
        case ColumnFormat::kInt64:
          p = WriteSigned(p, u.values<int64_t>()[i]);
          break;
        case ColumnFormat::kFloat:
          p = WriteFloating(p, u.values<float>()[i]);
          break;
        case ColumnFormat::kDouble:
          p = WriteFloating(p, u.values<double>()[i]);
          break;
        case ColumnFormat::kDecimal16:
          p = WriteDecimal(p, u.values<int16_t>()[i], scales[c]);
          break;
        case ColumnFormat::kDecimal32:
          p = WriteDecimal(p, u.values<int32_t>()[i], scales[c]);
          break;
        case ColumnFormat::kDecimal64:
          p = WriteDecimal(p, u.values<int64_t>()[i], scales[c]);
          break;
        case ColumnFormat::kDecimal128:
          p = WriteDecimal128(p, u.values<int128_t>()[i], scales[c]);
          break;
        case ColumnFormat::kHugeInt:
          p = WriteDecimal128(p, u.values<int128_t>()[i], 0);
          break;
        case ColumnFormat::kDate:
          p = WriteDate(p, u.values<int32_t>()[i]);
          break;
        case ColumnFormat::kTimestamp:
          p = WriteTimestamp(p, u.values<int64_t>()[i]);
          break;
        case ColumnFormat::kTime:
          p = WriteTimeOfDay(p, u.values<int64_t>()[i]);
          break;
        case ColumnFormat::kString:
          writer.Commit(p);
          WriteField(u.values<StringRef>()[i].view(), options, writer);
          continue;
        case ColumnFormat::kGeneric: {
          // Rare types (BLOB, INTERVAL): CAST's text.
          writer.Commit(p);
          Value value = chunk.column(c).GetValue(r);
          auto text = CastValue(value, LogicalType::Varchar());
          scratch = text.ok() ? text->GetString() : ValueToText(value);
          WriteField(scratch, options, writer);
          continue;
        }
      }
      if (check_all) {
        scratch.assign(start, p);
        writer.Commit(start);
        WriteField(scratch, options, writer);
      } else {
        writer.Commit(p);
      }
    }
    char* p = writer.Reserve(1);
    *p = '\n';
    writer.Commit(p + 1);
  }
}

// ---- the COPY ... TO sink ----

namespace {

constexpr size_t kFlushBytes = 1 << 20;
/// Room for the text of a chunk beyond kFlushBytes, so the buffer rarely grows.
constexpr size_t kTextReserve = kFlushBytes + (256 << 10);

struct CsvWriteGlobal : GlobalSinkState {
  std::mutex mutex;
  int fd = -1;
  Status error;
  idx_t rows = 0;
  // Text waiting for earlier batches, and the batch each active thread is on.
  std::map<idx_t, std::vector<std::string>> pending;
  std::map<const LocalSinkState*, idx_t> active;
  ~CsvWriteGlobal() override {
    if (fd >= 0) ::close(fd);
  }

  Status WriteAll(const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return IOError("Could not write to file: ", std::strerror(errno));
      }
      done += static_cast<size_t>(n);
    }
    return Status();
  }

  /// Writes pending text of every batch no active thread can still add to. Caller holds mutex.
  Status WriteReady() {
    idx_t lowest = static_cast<idx_t>(-1);
    for (const auto& [local, batch] : active) lowest = std::min(lowest, batch);
    while (!pending.empty() && pending.begin()->first <= lowest) {
      for (const std::string& text : pending.begin()->second) FLUX_RETURN_IF_ERROR(WriteAll(text));
      pending.erase(pending.begin());
    }
    return Status();
  }
};

struct CsvWriteLocal : LocalSinkState {
  std::string text;
  idx_t text_batch = 0;
  bool has_batch = false;
  idx_t rows = 0;
};

}  // namespace

PhysicalCsvWrite::PhysicalCsvWrite(std::vector<LogicalType> input_types,
                                   std::vector<std::string> names, CsvOptions options,
                                   std::string path, bool preserve_order)
    : PhysicalOperator(PhysicalOperatorType::kResultCollector, {LogicalType::BigInt()}, 1),
      names_(std::move(names)),
      options_(std::move(options)),
      path_(std::move(path)),
      preserve_order_(preserve_order) {
  (void)input_types;
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalCsvWrite::GetGlobalSinkState(
    ExecutionContext&) const {
  auto state = std::make_unique<CsvWriteGlobal>();
  state->fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (state->fd < 0) {
    return IOError("Cannot open file \"", path_, "\" for writing: ", std::strerror(errno));
  }
  if (options_.header) {
    std::string header;
    FormatCsvHeader(names_, options_, &header);
    FLUX_RETURN_IF_ERROR(state->WriteAll(header));
  }
  return std::unique_ptr<GlobalSinkState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalCsvWrite::GetLocalSinkState(
    ExecutionContext&, GlobalSinkState& global) const {
  auto local = std::make_unique<CsvWriteLocal>();
  local->text.reserve(kTextReserve);
  auto& g = static_cast<CsvWriteGlobal&>(global);
  std::lock_guard lock(g.mutex);
  // Until it sinks its first chunk, a thread could still produce any batch.
  if (preserve_order_) g.active[local.get()] = 0;
  return std::unique_ptr<LocalSinkState>(std::move(local));
}

StatusOr<SinkResult> PhysicalCsvWrite::Sink(ExecutionContext&, DataChunk& chunk,
                                            GlobalSinkState& global, LocalSinkState& local) const {
  auto& g = static_cast<CsvWriteGlobal&>(global);
  auto& l = static_cast<CsvWriteLocal&>(local);
  if (preserve_order_ && l.has_batch && l.batch_index != l.text_batch && !l.text.empty()) {
    // A new batch: hand the previous one's text over first.
    std::lock_guard lock(g.mutex);
    g.pending[l.text_batch].push_back(std::move(l.text));
    l.text = std::string();
    l.text.reserve(kTextReserve);
  }
  l.text_batch = l.batch_index;
  l.has_batch = true;
  FormatCsvChunk(chunk, options_, &l.text);
  l.rows += chunk.size();
  std::lock_guard lock(g.mutex);
  if (!preserve_order_) {
    if (l.text.size() >= kFlushBytes) {
      FLUX_RETURN_IF_ERROR(g.WriteAll(l.text));
      l.text.clear();
    }
    return SinkResult::kNeedMoreInput;
  }
  g.active[&l] = l.batch_index;
  if (l.text.size() >= kFlushBytes) {
    g.pending[l.text_batch].push_back(std::move(l.text));
    l.text = std::string();
    l.text.reserve(kTextReserve);
  }
  FLUX_RETURN_IF_ERROR(g.WriteReady());
  return SinkResult::kNeedMoreInput;
}

Status PhysicalCsvWrite::Combine(ExecutionContext&, GlobalSinkState& global,
                                 LocalSinkState& local) const {
  auto& g = static_cast<CsvWriteGlobal&>(global);
  auto& l = static_cast<CsvWriteLocal&>(local);
  std::lock_guard lock(g.mutex);
  g.rows += l.rows;
  if (!preserve_order_) {
    if (!l.text.empty()) FLUX_RETURN_IF_ERROR(g.WriteAll(l.text));
    l.text.clear();
    return Status();
  }
  if (!l.text.empty()) g.pending[l.text_batch].push_back(std::move(l.text));
  l.text.clear();
  g.active.erase(&l);
  return g.WriteReady();
}

Status PhysicalCsvWrite::Finalize(ExecutionContext&, GlobalSinkState& global) const {
  auto& g = static_cast<CsvWriteGlobal&>(global);
  std::lock_guard lock(g.mutex);
  g.active.clear();
  FLUX_RETURN_IF_ERROR(g.WriteReady());
  if (::close(g.fd) != 0) {
    g.fd = -1;
    return IOError("Could not close file \"", path_, "\": ", std::strerror(errno));
  }
  g.fd = -1;
  rows_written_ = g.rows;
  return Status();
}

idx_t PhysicalCsvWrite::RowsWritten() const { return rows_written_; }

}  // namespace fluxdb
