#include "test/runner/result_check.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "re2/re2.h"
#include "test/runner/md5.h"

namespace fluxdb::slt {
namespace {

constexpr std::string_view kRegexPrefix = "<REGEX>:";
constexpr std::string_view kNotRegexPrefix = "<!REGEX>:";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ParseDouble(std::string_view text, double& out) {
  std::string s = Lower(Trim(text));
  if (s.empty()) return false;
  std::string_view body = s;
  bool negative = false;
  if (body[0] == '+' || body[0] == '-') {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "nan") {
    out = std::nan("");
    return true;
  }
  if (body == "inf" || body == "infinity") {
    out = negative ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (body.empty() || s.find_first_of("xpn") != std::string::npos) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// Digits with an optional sign and fraction: read exactly, rounding half away from zero at `scale`,
// over HUGEINT's whole range (its minimum included).
bool ParseScaledExact(std::string_view s, int scale, int128_t& out) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  const uint128_t limit = uint128_t{1} << 127;  // the magnitude of HUGEINT's minimum
  uint128_t v = 0;
  auto push = [&](char c) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    unsigned digit = c - '0';
    if (v > (limit - digit) / 10) return false;
    v = v * 10 + digit;
    return true;
  };
  for (char c : whole) {
    if (!push(c)) return false;
  }
  for (int i = 0; i < scale; i++) {
    if (!push(i < static_cast<int>(fraction.size()) ? fraction[i] : '0')) return false;
  }
  for (size_t i = static_cast<size_t>(scale); i < fraction.size(); i++) {
    if (!std::isdigit(static_cast<unsigned char>(fraction[i]))) return false;
  }
  if (static_cast<size_t>(scale) < fraction.size() && fraction[scale] >= '5') {
    if (v == limit) return false;
    v++;
  }
  if (!negative && v == limit) return false;
  // Unsigned negation then conversion is modular (C++20), so the minimum comes out right too.
  out = static_cast<int128_t>(negative ? uint128_t{0} - v : v);
  return true;
}

// A number read as a column of the given scale would store it (DuckDB's VARCHAR cast rounds).
bool ParseScaled(std::string_view text, int scale, int128_t& out) {
  std::string_view s = Trim(text);
  if (ParseScaledExact(s, scale, out)) return true;
  double d;
  if (!ParseDouble(s, d) || !std::isfinite(d)) return false;
  double scaled = std::round(d * std::pow(10.0, scale));
  if (std::fabs(scaled) >= 1.7e38) return false;
  out = static_cast<int128_t>(scaled);
  return true;
}

// DuckDB's ApproxEqual.
template <typename T>
bool ApproxEqual(T actual, T expected) {
  if (std::isnan(actual) && std::isnan(expected)) return true;
  if (!std::isfinite(actual) || !std::isfinite(expected)) return actual == expected;
  T epsilon = static_cast<T>(std::fabs(expected) * 0.01 + 0.00000001);
  return std::fabs(actual - expected) <= epsilon;
}

int BooleanOf(std::string_view s) {
  std::string lower = Lower(s);
  if (lower == "true" || lower == "1") return 1;
  if (lower == "false" || lower == "0") return 0;
  return -1;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  // As DuckDB's StringUtil::Split: empty pieces are dropped.
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find('\t', start);
    if (end == std::string::npos) end = line.size();
    if (end > start) pieces.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  if (pieces.empty()) pieces.push_back(line);
  return pieces;
}

QueryCheck Fail(FailureKind kind, std::string message) { return {false, kind, std::move(message)}; }

std::string Position(size_t index, size_t columns) {
  return Concat("row ", index / columns + 1, ", column ", index % columns + 1);
}

QueryCheck CheckSqlite(const std::vector<std::string>& values, size_t columns,
                       const std::vector<std::string>& expected) {
  if (values.size() != expected.size()) {
    return Fail(
        FailureKind::kRowCount,
        Concat("expected ", expected.size(), " values (", expected.size() / columns, " rows), got ",
               values.size(), " values (", values.size() / columns, " rows)"));
  }
  for (size_t i = 0; i < values.size(); i++) {
    if (values[i] != expected[i]) {
      return Fail(FailureKind::kWrongValue, Concat(Position(i, columns), ": got '", values[i],
                                                   "', expected '", expected[i], "'"));
    }
  }
  return {};
}

QueryCheck CheckDuckDb(const std::vector<std::string>& values,
                       const std::vector<LogicalType>& types,
                       const std::vector<std::string>& expected) {
  const size_t columns = types.size();
  const size_t rows = values.size() / columns;
  // Rows are written one per line (columns tab-separated) or one value per line; as DuckDB's
  // runner, a multi-column result is row-wise when the line count equals the row count or every
  // line holds a tab.
  bool row_wise = columns > 1 && expected.size() == rows;
  if (!row_wise) {
    row_wise = std::all_of(expected.begin(), expected.end(), [](const std::string& line) {
      return line.find('\t') != std::string::npos;
    });
  }
  size_t expected_rows;
  if (row_wise) {
    expected_rows = expected.size();
  } else if (expected.size() % columns != 0) {
    return Fail(FailureKind::kRowCount,
                Concat("expected ", expected.size(), " values, not a multiple of the ", columns,
                       " columns; got ", rows, " rows"));
  } else {
    expected_rows = expected.size() / columns;
  }
  if (expected_rows != rows) {
    return Fail(FailureKind::kRowCount,
                Concat("expected ", expected_rows, " rows, got ", rows, " rows"));
  }
  std::vector<std::string> split;
  const std::vector<std::string>* expected_values = &expected;
  if (row_wise) {
    for (size_t r = 0; r < expected.size(); r++) {
      std::vector<std::string> pieces = SplitTabs(expected[r]);
      if (pieces.size() != columns) {
        return Fail(FailureKind::kWrongValue, Concat("expected row ", r + 1, " has ", pieces.size(),
                                                     " columns, the result ", columns));
      }
      for (auto& piece : pieces) split.push_back(std::move(piece));
    }
    expected_values = &split;
  }
  for (size_t i = 0; i < values.size(); i++) {
    const std::string& want = (*expected_values)[i];
    if (!DuckDbValuesMatch(values[i], want, types[i % columns])) {
      return Fail(FailureKind::kWrongValue,
                  Concat(Position(i, columns), ": got '", values[i], "', expected '", want, "'"));
    }
  }
  return {};
}

}  // namespace

void SortValues(SortMode mode, size_t columns, std::vector<std::string>& values) {
  if (mode == SortMode::kNoSort) return;
  if (mode == SortMode::kValueSort || columns <= 1) {
    std::sort(values.begin(), values.end());
    return;
  }
  size_t rows = values.size() / columns;
  std::vector<size_t> order(rows);
  for (size_t r = 0; r < rows; r++) order[r] = r;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    for (size_t c = 0; c < columns; c++) {
      int cmp = values[a * columns + c].compare(values[b * columns + c]);
      if (cmp != 0) return cmp < 0;
    }
    return false;
  });
  std::vector<std::string> sorted;
  sorted.reserve(values.size());
  for (size_t r : order) {
    for (size_t c = 0; c < columns; c++) sorted.push_back(std::move(values[r * columns + c]));
  }
  values = std::move(sorted);
}

std::string HashValues(const std::vector<std::string>& values) {
  Md5 md5;
  for (const std::string& v : values) {
    md5.Add(v);
    md5.Add("\n");
  }
  return Concat(values.size(), " values hashing to ", md5.FinishHex());
}

bool IsHashLine(std::string_view line) {
  size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) digits++;
  if (digits == 0) return false;
  std::string_view rest = line.substr(digits);
  constexpr std::string_view kMiddle = " values hashing to ";
  if (!rest.starts_with(kMiddle)) return false;
  rest.remove_prefix(kMiddle.size());
  if (rest.size() != 32) return false;
  return std::all_of(rest.begin(), rest.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
  });
}

bool MatchesRegexPattern(std::string_view text, std::string_view pattern) {
  bool want_match;
  if (pattern.starts_with(kRegexPrefix)) {
    want_match = true;
    pattern.remove_prefix(kRegexPrefix.size());
  } else if (pattern.starts_with(kNotRegexPrefix)) {
    want_match = false;
    pattern.remove_prefix(kNotRegexPrefix.size());
  } else {
    return false;
  }
  RE2::Options options;
  options.set_dot_nl(true);
  options.set_log_errors(false);
  RE2 re(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re.ok()) return false;
  bool matches = RE2::FullMatch(re2::StringPiece(text.data(), text.size()), re);
  return matches == want_match;
}

bool ErrorMessageMatches(std::string_view actual, std::string_view expected) {
  if (actual.find(expected) != std::string_view::npos) return true;
  return MatchesRegexPattern(actual, expected);
}

bool DuckDbValuesMatch(std::string_view actual, std::string_view expected,
                       const LogicalType& type) {
  if (actual == expected) return true;
  if (expected.starts_with(kRegexPrefix) || expected.starts_with(kNotRegexPrefix)) {
    return MatchesRegexPattern(actual, expected);
  }
  if (type.id() == TypeId::kBoolean) {
    int a = BooleanOf(actual), e = BooleanOf(expected);
    return a >= 0 && a == e;
  }
  if (!type.IsNumeric()) return false;
  if (actual == "NULL" || expected == "NULL") return false;  // equal NULLs matched as text
  switch (type.id()) {
    case TypeId::kFloat: {
      double a, e;
      if (!ParseDouble(actual, a) || !ParseDouble(expected, e)) return false;
      return ApproxEqual(static_cast<float>(a), static_cast<float>(e));
    }
    case TypeId::kDouble: {
      double a, e;
      if (!ParseDouble(actual, a) || !ParseDouble(expected, e)) return false;
      return ApproxEqual(a, e);
    }
    default: {
      int scale = type.id() == TypeId::kDecimal ? type.scale() : 0;
      int128_t a, e;
      if (!ParseScaled(actual, scale, a) || !ParseScaled(expected, scale, e)) return false;
      return a == e;
    }
  }
}

QueryCheck CheckQueryResult(Dialect dialect, const std::vector<std::string>& values,
                            const std::vector<LogicalType>& types,
                            const std::vector<std::string>& expected) {
  if (expected.size() == 1 && IsHashLine(expected[0])) {
    std::string hash = HashValues(values);
    if (hash != expected[0]) {
      return Fail(FailureKind::kWrongHash,
                  Concat("got '", hash, "', expected '", expected[0], "'"));
    }
    return {};
  }
  if (types.empty()) return Fail(FailureKind::kColumnCount, "the result has no columns");
  if (dialect == Dialect::kSqlite) return CheckSqlite(values, types.size(), expected);
  return CheckDuckDb(values, types, expected);
}

}  // namespace fluxdb::slt
