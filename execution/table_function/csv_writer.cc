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

void AppendUnsigned(uint64_t v, std::string* out) {
  char buffer[24];
  char* end = buffer + sizeof(buffer);
  char* p = end;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out->append(p, static_cast<size_t>(end - p));
}

void AppendSigned(int64_t v, std::string* out) {
  if (v < 0) {
    out->push_back('-');
    AppendUnsigned(static_cast<uint64_t>(0) - static_cast<uint64_t>(v), out);
  } else {
    AppendUnsigned(static_cast<uint64_t>(v), out);
  }
}

void AppendFixedDigits(int64_t v, int digits, std::string* out) {
  char buffer[8];
  for (int i = digits - 1; i >= 0; i--) {
    buffer[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out->append(buffer, digits);
}

void AppendDecimal(int64_t raw, uint8_t scale, std::string* out) {
  if (scale == 0) {
    AppendSigned(raw, out);
    return;
  }
  uint64_t magnitude =
      raw < 0 ? static_cast<uint64_t>(0) - static_cast<uint64_t>(raw) : static_cast<uint64_t>(raw);
  if (raw < 0) out->push_back('-');
  uint64_t divisor = 1;
  for (int i = 0; i < scale; i++) divisor *= 10;
  AppendUnsigned(magnitude / divisor, out);
  out->push_back('.');
  uint64_t fraction = magnitude % divisor;
  char buffer[24];
  for (int i = scale - 1; i >= 0; i--) {
    buffer[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out->append(buffer, scale);
}

void AppendDate(int32_t days, std::string* out) {
  CivilDate d = date_time::CivilFromDays(days);
  if (d.year <= 0 || d.year > 9999) {
    out->append(date_time::FormatDate(days));
    return;
  }
  AppendFixedDigits(d.year, 4, out);
  out->push_back('-');
  AppendFixedDigits(d.month, 2, out);
  out->push_back('-');
  AppendFixedDigits(d.day, 2, out);
}

void AppendTimeOfDay(int64_t micros, std::string* out) {
  CivilTime t = date_time::CivilFromTimeMicros(micros);
  AppendFixedDigits(t.hour, 2, out);
  out->push_back(':');
  AppendFixedDigits(t.minute, 2, out);
  out->push_back(':');
  AppendFixedDigits(t.second, 2, out);
  if (t.micros != 0) {
    char buffer[6];
    int32_t v = t.micros;
    for (int i = 5; i >= 0; i--) {
      buffer[i] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    int length = 6;
    while (length > 0 && buffer[length - 1] == '0') length--;
    out->push_back('.');
    out->append(buffer, length);
  }
}

void AppendTimestamp(int64_t micros, std::string* out) {
  int32_t days;
  int64_t time;
  date_time::SplitTimestamp(micros, &days, &time);
  CivilDate d = date_time::CivilFromDays(days);
  if (d.year <= 0 || d.year > 9999) {
    out->append(date_time::FormatTimestamp(micros));
    return;
  }
  AppendDate(days, out);
  out->push_back(' ');
  AppendTimeOfDay(time, out);
}

template <typename T>
void AppendFloating(T value, std::string* out) {
  if (std::isnan(value)) {
    out->append("nan");
    return;
  }
  if (std::isinf(value)) {
    out->append(value < 0 ? "-inf" : "inf");
    return;
  }
  if (value == 0) {
    out->append(std::signbit(value) ? "-0.0" : "0.0");
    return;
  }
  char buffer[64];
  auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  // buffer: [-]d[.ddd]e[+-]xx
  const char* p = buffer;
  const char* end = result.ptr;
  bool negative = *p == '-';
  if (negative) p++;
  char digits[40];
  int digit_count = 0;
  while (p < end && *p != 'e') {
    if (*p != '.') digits[digit_count++] = *p;
    p++;
  }
  int exponent = 0;
  bool exponent_negative = false;
  if (p < end) {
    p++;
    if (*p == '-' || *p == '+') exponent_negative = *p++ == '-';
    while (p < end) exponent = exponent * 10 + (*p++ - '0');
  }
  if (exponent_negative) exponent = -exponent;
  if (negative) out->push_back('-');
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      out->append("0.");
      out->append(static_cast<size_t>(-exponent - 1), '0');
      out->append(digits, digit_count);
    } else if (digit_count <= exponent + 1) {
      out->append(digits, digit_count);
      out->append(static_cast<size_t>(exponent + 1 - digit_count), '0');
      out->append(".0");
    } else {
      out->append(digits, exponent + 1);
      out->push_back('.');
      out->append(digits + exponent + 1, digit_count - exponent - 1);
    }
    return;
  }
  out->push_back(digits[0]);
  if (digit_count > 1) {
    out->push_back('.');
    out->append(digits + 1, digit_count - 1);
  }
  out->push_back('e');
  out->push_back(exponent < 0 ? '-' : '+');
  int magnitude = std::abs(exponent);
  if (magnitude < 10) out->push_back('0');
  AppendUnsigned(static_cast<uint64_t>(magnitude), out);
}

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
          return ColumnFormat::kGeneric;
      }
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

void AppendText(std::string_view text, const CsvOptions& options, std::string* out) {
  if (options.quote == '\0' || !NeedsQuotes(text, options)) {
    out->append(text);
    return;
  }
  out->push_back(options.quote);
  for (char c : text) {
    if (c == options.quote || (options.escape != '\0' && c == options.escape)) {
      out->push_back(options.escape != '\0' ? options.escape : options.quote);
    }
    out->push_back(c);
  }
  out->push_back(options.quote);
}

/// Formatted text of non-string values may hold these: a delimiter or quote among them forces
/// the slow path that checks every value for quoting.
bool DelimiterClashesWithNumbers(const CsvOptions& options) {
  const char* risky = "0123456789-+.:eEinfaTtrueFls ";
  return std::strchr(risky, options.delimiter) != nullptr ||
         (options.quote != '\0' && std::strchr(risky, options.quote) != nullptr);
}

}  // namespace

void AppendCsvDouble(double value, std::string* out) { AppendFloating(value, out); }
void AppendCsvFloat(float value, std::string* out) { AppendFloating(value, out); }

void FormatCsvHeader(const std::vector<std::string>& names, const CsvOptions& options,
                     std::string* out) {
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) out->push_back(options.delimiter);
    AppendText(names[i], options, out);
  }
  out->push_back('\n');
}

void FormatCsvChunk(const DataChunk& chunk, const CsvOptions& options, std::string* out) {
  const idx_t columns = chunk.ColumnCount();
  const idx_t rows = chunk.size();
  std::vector<UnifiedVector> unified(columns);
  std::vector<ColumnFormat> formats(columns);
  bool check_all = DelimiterClashesWithNumbers(options);
  for (idx_t c = 0; c < columns; c++) {
    chunk.column(c).ToUnified(rows, &unified[c]);
    formats[c] = FormatOf(chunk.column(c).type());
  }
  std::string scratch;
  for (idx_t r = 0; r < rows; r++) {
    for (idx_t c = 0; c < columns; c++) {
      if (c > 0) out->push_back(options.delimiter);
      const UnifiedVector& u = unified[c];
      idx_t i = u.index(r);
      if (!u.validity->IsValid(i)) {
        out->append(options.null_str);
        continue;
      }
      size_t mark = out->size();
      switch (formats[c]) {
        case ColumnFormat::kBool:
          out->append(u.values<bool>()[i] ? "true" : "false");
          break;
        case ColumnFormat::kInt8:
          AppendSigned(u.values<int8_t>()[i], out);
          break;
        case ColumnFormat::kInt16:
          AppendSigned(u.values<int16_t>()[i], out);
          break;
        case ColumnFormat::kInt32:
          AppendSigned(u.values<int32_t>()[i], out);
          break;
        case ColumnFormat::kInt64:
          AppendSigned(u.values<int64_t>()[i], out);
          break;
        case ColumnFormat::kFloat:
          AppendFloating(u.values<float>()[i], out);
          break;
        case ColumnFormat::kDouble:
          AppendFloating(u.values<double>()[i], out);
          break;
        case ColumnFormat::kDecimal16:
          AppendDecimal(u.values<int16_t>()[i], chunk.column(c).type().scale(), out);
          break;
        case ColumnFormat::kDecimal32:
          AppendDecimal(u.values<int32_t>()[i], chunk.column(c).type().scale(), out);
          break;
        case ColumnFormat::kDecimal64:
          AppendDecimal(u.values<int64_t>()[i], chunk.column(c).type().scale(), out);
          break;
        case ColumnFormat::kDate:
          AppendDate(u.values<int32_t>()[i], out);
          break;
        case ColumnFormat::kTimestamp:
          AppendTimestamp(u.values<int64_t>()[i], out);
          break;
        case ColumnFormat::kTime:
          AppendTimeOfDay(u.values<int64_t>()[i], out);
          break;
        case ColumnFormat::kString:
          AppendText(u.values<StringRef>()[i].view(), options, out);
          continue;
        case ColumnFormat::kGeneric: {
          // Rare types (BLOB, INTERVAL, HUGEINT ...): CAST's text.
          Value value = chunk.column(c).GetValue(r);
          auto text = CastValue(value, LogicalType::Varchar());
          scratch = text.ok() ? text->GetString() : ValueToText(value);
          AppendText(scratch, options, out);
          continue;
        }
      }
      if (check_all) {
        scratch.assign(*out, mark, std::string::npos);
        out->resize(mark);
        AppendText(scratch, options, out);
      }
    }
    out->push_back('\n');
  }
}

// ---- the COPY ... TO sink ----

namespace {

constexpr size_t kFlushBytes = 1 << 20;

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
    l.text.clear();
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
    l.text.clear();
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
