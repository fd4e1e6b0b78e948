#include "execution/table_function/csv_sniffer.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>

#include "execution/cast/vector_cast.h"
#include "execution/table_function/csv_converter.h"
#include "execution/table_function/csv_tokenizer.h"

namespace fluxdb {

namespace {

constexpr idx_t kSampleBytes = 8 << 20;
constexpr idx_t kDialectRows = 2048;

struct Dialect {
  char delimiter;
  char quote;
  char escape;
};

struct DialectScore {
  bool ok = false;
  idx_t rows = 0;
  idx_t columns = 0;     // most common field count
  idx_t consistent = 0;  // records with that count
};

/// Field counts of the first records under `dialect`.
DialectScore ScoreDialect(const std::string& sample, idx_t start, bool whole_file,
                          const CsvOptions& base, const Dialect& dialect) {
  CsvOptions options = base;
  options.delimiter = dialect.delimiter;
  options.quote = dialect.quote;
  options.escape = dialect.escape;
  CsvTokenizer tokenizer(options);
  CsvRecordBatch batch;
  batch.Initialize(0, 256);
  std::map<idx_t, idx_t> counts;
  DialectScore score;
  idx_t pos = start;
  while (score.rows < kDialectRows) {
    batch.rows = 0;
    auto result = tokenizer.Tokenize(sample.data(), sample.size(), &pos, whole_file, 0,
                                     static_cast<idx_t>(-1), batch);
    if (!result.ok()) return score;  // unterminated quote: not this dialect
    for (idx_t r = 0; r < batch.rows && score.rows < kDialectRows; r++) {
      if (batch.malformed[r]) return score;
      counts[batch.field_counts[r]]++;
      score.rows++;
    }
    if (*result != CsvTokenizeResult::kBatchFull) break;
  }
  score.ok = true;
  for (const auto& [columns, n] : counts) {
    if (n > score.consistent || (n == score.consistent && columns > score.columns)) {
      score.columns = columns;
      score.consistent = n;
    }
  }
  return score;
}

bool HighlyConsistent(const DialectScore& s) {
  return s.rows > 0 && s.consistent * 100 >= s.rows * 95;
}

/// Is `a` a better dialect than `b`? Multi-column dialects that most records agree with come
/// first; among those, more agreeing records, then more columns. (Earlier candidates win ties:
/// the caller keeps the first.)
bool Better(const DialectScore& a, const DialectScore& b, idx_t wanted_columns) {
  if (a.ok != b.ok) return a.ok;
  if (wanted_columns > 0) {
    bool a_fits = a.columns == wanted_columns || a.columns == wanted_columns + 1;
    bool b_fits = b.columns == wanted_columns || b.columns == wanted_columns + 1;
    if (a_fits != b_fits) return a_fits;
  }
  bool ha = a.columns > 1 && HighlyConsistent(a), hb = b.columns > 1 && HighlyConsistent(b);
  if (ha != hb) return ha;
  if (a.consistent != b.consistent) return a.consistent > b.consistent;
  return a.columns > b.columns;
}

const LogicalType kTypeCandidates[] = {
    LogicalType::Boolean(), LogicalType::BigInt(),    LogicalType::Double(), LogicalType::Time(),
    LogicalType::Date(),    LogicalType::Timestamp(), LogicalType::Varchar()};
constexpr int kCandidateCount = 7;
constexpr uint32_t kAllCandidates = (1u << kCandidateCount) - 1;

struct ColumnGuess {
  uint32_t viable = kAllCandidates;
  bool seen_value = false;

  void Observe(std::string_view text) {
    seen_value = true;
    for (int i = 0; i < kCandidateCount - 1; i++) {
      if ((viable & (1u << i)) && !CsvConverter::CanParse(text, kTypeCandidates[i])) {
        viable &= ~(1u << i);
      }
    }
  }
  LogicalType Type() const {
    if (!seen_value) return LogicalType::Varchar();
    for (int i = 0; i < kCandidateCount; i++) {
      if (viable & (1u << i)) return kTypeCandidates[i];
    }
    return LogicalType::Varchar();
  }
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string CsvDefaultColumnName(idx_t index, idx_t count) {
  std::string number = std::to_string(index);
  std::string widest = std::to_string(count > 0 ? count - 1 : 0);
  if (number.size() < widest.size()) number.insert(0, widest.size() - number.size(), '0');
  return "column" + number;
}

StatusOr<CsvSniffResult> SniffCsv(const CsvFile& file, CsvOptions& options) {
  CsvSniffResult result;
  idx_t sample_size = options.sample_size == -1 ? file.size() : std::min(file.size(), kSampleBytes);
  bool whole_file = sample_size == file.size();
  std::string sample(sample_size, '\0');
  FLUX_ASSIGN_OR_RETURN(idx_t got, file.ReadAt(0, sample.data(), sample_size));
  sample.resize(got);
  whole_file = whole_file || got < sample_size;

  // A UTF-8 byte order mark is not data.
  idx_t start = sample.size() >= 3 && sample.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  for (idx_t i = 0; i < options.skip && start < sample.size(); i++) {
    start = CsvTokenizer::NextLineStart(sample.data(), sample.size(), start);
  }
  // Skipped lines beyond the sample: find the start in the file itself.
  if (options.skip > 0 && start >= sample.size() && !whole_file) {
    return NotImplementedError("CSV option skip goes beyond the first ", kSampleBytes, " bytes");
  }

  // ---- dialect ----
  if (options.auto_detect) {
    std::vector<char> delimiters;
    if (options.delimiter_set) {
      delimiters = {options.delimiter};
    } else {
      delimiters = {',', '|', ';', '\t'};
    }
    std::vector<std::pair<char, char>> quotes;
    if (options.quote_set) {
      quotes.emplace_back(options.quote, options.escape_set ? options.escape : options.quote);
      if (!options.escape_set && options.quote != '\0') quotes.emplace_back(options.quote, '\\');
    } else if (options.escape_set) {
      quotes = {{'"', options.escape}, {'\'', options.escape}, {'\0', '\0'}};
    } else {
      quotes = {{'"', '"'}, {'"', '\\'}, {'\'', '\''}, {'\0', '\0'}};
    }
    idx_t wanted = options.columns_set ? options.types.size() : 0;
    bool have_best = false;
    Dialect best{};
    DialectScore best_score;
    for (const auto& [quote, escape] : quotes) {
      for (char delimiter : delimiters) {
        Dialect dialect{delimiter, quote, escape};
        DialectScore score = ScoreDialect(sample, start, whole_file, options, dialect);
        if (!have_best || Better(score, best_score, wanted)) {
          best = dialect;
          best_score = score;
          have_best = true;
        }
      }
    }
    if (best_score.ok) {
      options.delimiter = best.delimiter;
      options.quote = best.quote;
      options.escape = best.escape;
    }
  }

  // ---- records of the sample ----
  CsvTokenizer tokenizer(options);
  DialectScore shape = ScoreDialect(sample, start, whole_file, options,
                                    Dialect{options.delimiter, options.quote, options.escape});
  idx_t columns = options.columns_set ? options.types.size() : std::max<idx_t>(shape.columns, 1);
  idx_t sample_rows =
      options.sample_size == -1 ? static_cast<idx_t>(-1) : static_cast<idx_t>(options.sample_size);
  std::vector<CsvRecordBatch> batches;
  idx_t pos = start;
  idx_t total_rows = 0;
  idx_t first_record_end = start;
  while (total_rows < sample_rows) {
    CsvRecordBatch batch;
    batch.Initialize(columns, kVectorSize);
    auto status = tokenizer.Tokenize(sample.data(), sample.size(), &pos, whole_file, 0,
                                     static_cast<idx_t>(-1), batch);
    // A broken record (unterminated quote): sniff from what came before; the scan reports it.
    if (!status.ok()) break;
    if (total_rows == 0) {
      first_record_end = batch.rows > 1 ? batch.offsets[1] : pos;
    }
    total_rows += batch.rows;
    bool more = *status == CsvTokenizeResult::kBatchFull;
    batches.push_back(std::move(batch));
    if (!more) break;
  }
  std::vector<std::pair<const CsvRecordBatch*, idx_t>> records;  // (batch, row)
  for (const auto& batch : batches) {
    for (idx_t r = 0; r < batch.rows && records.size() < sample_rows; r++) {
      records.emplace_back(&batch, r);
    }
  }
  for (const auto& [batch, row] : records) {
    for (idx_t c = 0; c < columns; c++) {
      const CsvField& f = batch->field(c, row);
      if (f.quoted && f.data != nullptr &&
          (std::memchr(f.data, '\n', f.length) != nullptr ||
           std::memchr(f.data, '\r', f.length) != nullptr)) {
        result.needs_serial_scan = true;
      }
    }
  }
  for (size_t i = 0; i + 1 < sample.size(); i++) {
    if (sample[i] == '\r' && sample[i + 1] != '\n') {
      result.needs_serial_scan = true;
      break;
    }
  }
  // A record of the shape the file has (trailing delimiters allowed).
  auto consistent = [&](const CsvRecordBatch& batch, idx_t row) {
    idx_t n = batch.field_counts[row];
    return n == columns || (n == columns + 1 && batch.trailing_empty[row]);
  };
  std::string scratch;
  auto text = [&](const CsvRecordBatch& batch, idx_t column, idx_t row) {
    return tokenizer.Text(batch.field(column, row), &scratch);
  };
  auto is_null = [&](const CsvField& f) {
    if (f.data == nullptr) return true;
    if (f.quoted && !options.allow_quoted_nulls) return false;
    return std::string_view(f.data, f.length) == options.null_str;
  };

  bool header = options.header;
  if (!options.columns_set) {
    std::vector<ColumnGuess> without_first(columns), with_first(columns);
    for (size_t i = 0; i < records.size(); i++) {
      const auto& [batch, row] = records[i];
      if (!consistent(*batch, row)) continue;
      for (idx_t c = 0; c < columns; c++) {
        if (is_null(batch->field(c, row))) continue;
        std::string_view value = text(*batch, c, row);
        with_first[c].Observe(value);
        if (i > 0 || records.size() == 1) without_first[c].Observe(value);
      }
    }
    if (!options.header_set && options.auto_detect && !records.empty()) {
      const auto& [batch, row] = records[0];
      bool all_text = true;
      bool mismatch = false;
      bool any_null = false;
      for (idx_t c = 0; c < columns; c++) {
        LogicalType type = without_first[c].Type();
        if (type.id() != TypeId::kVarchar) all_text = false;
        const CsvField& f = batch->field(c, row);
        if (is_null(f)) {
          any_null = true;
          continue;
        }
        if (type.id() != TypeId::kVarchar && !CsvConverter::CanParse(text(*batch, c, row), type)) {
          mismatch = true;
        }
      }
      header = consistent(*batch, row) && (all_text ? !any_null : mismatch);
    } else if (!options.header_set) {
      header = false;
    }
    options.types.clear();
    for (idx_t c = 0; c < columns; c++) {
      LogicalType type = header ? without_first[c].Type() : with_first[c].Type();
      options.types.push_back(options.all_varchar || !options.auto_detect ? LogicalType::Varchar()
                                                                          : type);
    }
    options.names.clear();
    std::set<std::string> used;
    for (idx_t c = 0; c < columns; c++) {
      std::string name;
      if (header && !records.empty() && c < records[0].first->field_counts[records[0].second]) {
        name = std::string(text(*records[0].first, c, records[0].second));
      }
      if (name.empty()) name = CsvDefaultColumnName(c, columns);
      std::string unique = name;
      for (int k = 1; used.count(unique) > 0; k++) unique = Concat(name, "_", k);
      used.insert(unique);
      options.names.push_back(unique);
    }
  } else if (!options.header_set) {
    header = false;
    if (options.auto_detect && !records.empty()) {
      const auto& [batch, row] = records[0];
      bool names_match = true;
      bool mismatch = false;
      for (idx_t c = 0; c < columns; c++) {
        const CsvField& f = batch->field(c, row);
        std::string_view value = f.data == nullptr ? std::string_view() : text(*batch, c, row);
        if (!EqualsIgnoreCase(value, options.names[c])) names_match = false;
        if (is_null(f) || options.types[c].id() == TypeId::kVarchar) continue;
        auto cast = CastValue(Value::Varchar(value), options.types[c], /*try_cast=*/true);
        if (!cast.ok() || cast->is_null()) mismatch = true;
      }
      header = consistent(*batch, row) && (names_match || mismatch);
    }
  }
  options.header = header;
  result.data_start = header ? first_record_end : start;
  return result;
}

}  // namespace fluxdb
