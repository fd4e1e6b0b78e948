#include "test/runner/value_render.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "common/number_format.h"

namespace fluxdb::slt {
namespace {

constexpr int64_t kMinInt64 = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();

// SQLite's doubleToInt64: truncation toward zero, saturating at the int64 range.
int64_t DoubleToInteger(double d) {
  if (std::isnan(d)) return 0;
  if (d <= static_cast<double>(kMinInt64)) return kMinInt64;
  if (d >= static_cast<double>(kMaxInt64)) return kMaxInt64;
  return static_cast<int64_t>(d);
}

int64_t ClampInt128(int128_t v) {
  if (v < kMinInt64) return kMinInt64;
  if (v > kMaxInt64) return kMaxInt64;
  return static_cast<int64_t>(v);
}

double DecimalToDouble(int128_t raw, uint8_t scale) {
  return static_cast<double>(raw) / std::pow(10.0, scale);
}

}  // namespace

int64_t SqliteTextToInteger(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) i++;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  int128_t v = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); i++) {
    v = v * 10 + (text[i] - '0');
    if (v > int128_t{kMaxInt64} + 1) break;  // saturated either way
  }
  return ClampInt128(negative ? -v : v);
}

double SqliteTextToReal(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) i++;
  size_t start = i;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) i++;
  size_t digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) i++, digits++;
  if (i < text.size() && text[i] == '.') {
    i++;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) i++, digits++;
  }
  if (digits == 0) return 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t e = i + 1;
    if (e < text.size() && (text[e] == '+' || text[e] == '-')) e++;
    if (e < text.size() && std::isdigit(static_cast<unsigned char>(text[e]))) {
      while (e < text.size() && std::isdigit(static_cast<unsigned char>(text[e]))) e++;
      i = e;
    }
  }
  std::string number(text.substr(start, i - start));
  return std::strtod(number.c_str(), nullptr);
}

std::string FormatSqliteReal(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.15g", value);
  std::string s = buffer;
  if (s.find_first_of(".") != std::string::npos) return s;
  size_t exponent = s.find('e');
  if (exponent == std::string::npos) return s + ".0";
  return s.substr(0, exponent) + ".0" + s.substr(exponent);
}

int64_t SqliteIntegerOf(const Value& value) {
  const LogicalType& type = value.type();
  if (type.IsIntegral() || type.id() == TypeId::kBoolean) return ClampInt128(value.GetInt128());
  switch (type.id()) {
    case TypeId::kFloat:
    case TypeId::kDouble:
      return DoubleToInteger(value.GetDouble());
    case TypeId::kDecimal: {
      int128_t whole = value.GetInt128() / PowerOfTen128(type.scale());  // truncates toward zero
      return ClampInt128(whole);
    }
    default:
      return SqliteTextToInteger(value.ToString());
  }
}

double SqliteRealOf(const Value& value) {
  const LogicalType& type = value.type();
  if (type.IsIntegral() || type.id() == TypeId::kBoolean) {
    return static_cast<double>(value.GetInt128());
  }
  switch (type.id()) {
    case TypeId::kFloat:
    case TypeId::kDouble:
      return value.GetDouble();
    case TypeId::kDecimal:
      return DecimalToDouble(value.GetInt128(), type.scale());
    default:
      return SqliteTextToReal(value.ToString());
  }
}

std::string SqliteTextOf(const Value& value) {
  const LogicalType& type = value.type();
  if (type.IsIntegral() || type.id() == TypeId::kBoolean) {
    return Int128ToString(value.GetInt128());
  }
  switch (type.id()) {
    case TypeId::kDouble:
      return FormatSqliteReal(value.GetDouble());
    case TypeId::kFloat: {
      // SQLite has no 4-byte float; print the float's own shortest form, SQLite-style.
      std::string s = value.ToString();
      if (s.find_first_of(".en") == std::string::npos) s += ".0";
      return s;
    }
    case TypeId::kDecimal:
      // SQLite stores such values as REAL.
      return FormatSqliteReal(DecimalToDouble(value.GetInt128(), type.scale()));
    default:
      return value.ToString();
  }
}

std::string RenderSqliteValue(const Value& value, char type_letter) {
  if (value.is_null()) return "NULL";
  switch (type_letter) {
    case 'I':
      return std::to_string(SqliteIntegerOf(value));
    case 'R': {
      char buffer[400];
      std::snprintf(buffer, sizeof(buffer), "%.3f", SqliteRealOf(value));
      return buffer;
    }
    default: {
      std::string text = SqliteTextOf(value);
      if (text.empty()) return "(empty)";
      for (char& c : text) {
        if (c < ' ' || c > '~') c = '@';  // signed char: every byte of a UTF-8 sequence too
      }
      return text;
    }
  }
}

std::string RenderDuckDbValue(const Value& value) {
  if (value.is_null()) return "NULL";
  if (value.type().id() == TypeId::kBoolean) return value.GetBool() ? "1" : "0";
  std::string text = value.ToString();
  if (text.empty()) return "(empty)";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\0') {
      out += "\\0";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace fluxdb::slt
