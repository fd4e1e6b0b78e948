#include "execution/cast/text_parsing.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "common/date_time.h"
#include "common/number_format.h"

namespace fluxdb {

namespace {
std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

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

// Accumulates decimal digits into a magnitude; false on overflow of `limit`.
bool ParseMagnitude(std::string_view digits, uint128_t limit, uint128_t* out) {
  if (digits.empty()) return false;
  uint128_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    unsigned digit = static_cast<unsigned>(c - '0');
    if (value > (limit - digit) / 10) return false;  // value * 10 + digit > limit, unwrapped
    value = value * 10 + digit;
  }
  *out = value;
  return true;
}
}  // namespace

template <typename T>
bool TryParseInteger(std::string_view text, T* out) {
  text = Trim(text);
  if (text.empty()) return false;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  using Limits = std::numeric_limits<T>;
  uint128_t limit = negative ? static_cast<uint128_t>(-(static_cast<int128_t>(Limits::min())))
                             : static_cast<uint128_t>(Limits::max());
  uint128_t magnitude;
  if (!ParseMagnitude(text, limit, &magnitude)) return false;
  *out = negative ? static_cast<T>(-static_cast<int128_t>(magnitude)) : static_cast<T>(magnitude);
  return true;
}
template bool TryParseInteger<int8_t>(std::string_view, int8_t*);
template bool TryParseInteger<int16_t>(std::string_view, int16_t*);
template bool TryParseInteger<int32_t>(std::string_view, int32_t*);
template bool TryParseInteger<int64_t>(std::string_view, int64_t*);

namespace {
// Removes '_' separators that sit between two digits; false for any other underscore.
bool StripDigitSeparators(std::string_view text, std::string* out) {
  out->clear();
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] != '_') {
      out->push_back(text[i]);
      continue;
    }
    bool digit_before = i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]));
    bool digit_after = i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (!digit_before || !digit_after) return false;
  }
  return true;
}

// The slow path of TryCastTextToInteger: every form but plain digits, into [min, max].
bool LenientInteger(std::string_view text, int128_t min, int128_t max, int128_t* out) {
  text = Trim(text);
  std::string cleaned;
  if (text.find('_') != std::string_view::npos) {
    if (!StripDigitSeparators(text, &cleaned)) return false;
    text = cleaned;
  }
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  int128_t value;
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    uint128_t magnitude = 0;
    for (char c : body.substr(2)) {
      int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                              : -1;
      if (digit < 0) return false;
      magnitude = magnitude * 16 + static_cast<unsigned>(digit);
      if (magnitude > (static_cast<uint128_t>(1) << 100)) return false;
    }
    value = negative ? -static_cast<int128_t>(magnitude) : static_cast<int128_t>(magnitude);
  } else if (!TryParseDecimal(text, 38, 0, &value)) {
    return false;
  }
  if (value < min || value > max) return false;
  *out = value;
  return true;
}
}  // namespace

template <typename T>
bool TryCastTextToInteger(std::string_view text, T* out) {
  if (TryParseInteger<T>(text, out)) return true;
  using Limits = std::numeric_limits<T>;
  int128_t value;
  if (!LenientInteger(text, Limits::min(), Limits::max(), &value)) return false;
  *out = static_cast<T>(value);
  return true;
}
template bool TryCastTextToInteger<int8_t>(std::string_view, int8_t*);
template bool TryCastTextToInteger<int16_t>(std::string_view, int16_t*);
template bool TryCastTextToInteger<int32_t>(std::string_view, int32_t*);
template bool TryCastTextToInteger<int64_t>(std::string_view, int64_t*);
template <>
bool TryCastTextToInteger<int128_t>(std::string_view text, int128_t* out) {
  if (TryParseInt128(text, out)) return true;
  int128_t max = static_cast<int128_t>((static_cast<uint128_t>(1) << 127) - 1);
  return LenientInteger(text, -max - 1, max, out);
}

bool TryCastTextToUnsigned(std::string_view text, uint128_t max, uint128_t* out) {
  std::string_view digits = Trim(text);
  bool negative = !digits.empty() && digits[0] == '-';
  if (!digits.empty() && (digits[0] == '+' || negative)) digits.remove_prefix(1);
  uint128_t magnitude;
  if (ParseMagnitude(digits, max, &magnitude)) {
    if (negative && magnitude != 0) return false;
    *out = magnitude;
    return true;
  }
  // Fractions, exponents, hexadecimal and digit separators: within int128, as for HUGEINT.
  uint128_t int128_max = (static_cast<uint128_t>(1) << 127) - 1;
  int128_t value;
  if (!LenientInteger(text, 0, static_cast<int128_t>(std::min(max, int128_max)), &value)) {
    return false;
  }
  *out = static_cast<uint128_t>(value);
  return true;
}

bool TryParseInt128(std::string_view text, int128_t* out) {
  text = Trim(text);
  if (text.empty()) return false;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  uint128_t limit = (static_cast<uint128_t>(1) << 127) - 1;
  uint128_t magnitude;
  if (!ParseMagnitude(text, limit, &magnitude)) return false;
  *out = negative ? -static_cast<int128_t>(magnitude) : static_cast<int128_t>(magnitude);
  return true;
}

bool TryParseDouble(std::string_view text, double* out) {
  text = Trim(text);
  if (text.empty()) return false;
  std::string cleaned;
  if (text.find('_') != std::string_view::npos) {
    if (!StripDigitSeparators(text, &cleaned)) return false;
    text = cleaned;
  }
  std::string_view body = text;
  bool negative = false;
  if (body[0] == '+' || body[0] == '-') {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (EqualsIgnoreCase(body, "inf") || EqualsIgnoreCase(body, "infinity")) {
    *out = negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
    return true;
  }
  if (EqualsIgnoreCase(body, "nan")) {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  // from_chars rejects a leading '+', and we reject hex and other forms it might accept.
  for (char c : body) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
          c == '+' || c == '-')) {
      return false;
    }
  }
  double value;
  auto result = std::from_chars(body.data(), body.data() + body.size(), value);
  if (result.ec == std::errc::result_out_of_range) {
    // Underflow goes to 0 and overflow to infinity, as in DuckDB.
    value = std::strtod(std::string(body).c_str(), nullptr);
  } else if (result.ec != std::errc() || result.ptr != body.data() + body.size()) {
    return false;
  }
  *out = negative ? -value : value;
  return true;
}

bool TryParseDecimal(std::string_view text, uint8_t width, uint8_t scale, int128_t* out) {
  text = Trim(text);
  if (text.empty()) return false;
  std::string cleaned;
  if (text.find('_') != std::string_view::npos) {
    if (!StripDigitSeparators(text, &cleaned)) return false;
    text = cleaned;
  }
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  // Split mantissa and exponent.
  int exponent = 0;
  size_t e = text.find_first_of("eE");
  if (e != std::string_view::npos) {
    int32_t exp_value;
    if (!TryParseInteger<int32_t>(text.substr(e + 1), &exp_value)) return false;
    // Anything beyond +-100 is out of range anyway (or rounds to zero): clamp, keep it exact.
    exponent = std::clamp(exp_value, -100, 100);
    text = text.substr(0, e);
  }
  std::string digits;
  int fraction_digits = 0;
  bool seen_point = false, seen_digit = false;
  for (char c : text) {
    if (c == '.') {
      if (seen_point) return false;
      seen_point = true;
    } else if (c >= '0' && c <= '9') {
      digits += c;
      seen_digit = true;
      if (seen_point) fraction_digits++;
    } else {
      return false;
    }
  }
  if (!seen_digit) return false;
  // value = digits * 10^(exponent - fraction_digits); we want value * 10^scale.
  int shift = exponent - fraction_digits + scale;
  // Strip leading zeros to keep the digit count meaningful.
  size_t first = digits.find_first_not_of('0');
  digits = first == std::string::npos ? "0" : digits.substr(first);
  bool round_up = false;
  if (shift < 0) {
    int drop = -shift;
    if (drop >= static_cast<int>(digits.size())) {
      round_up = drop == static_cast<int>(digits.size()) && digits[0] >= '5';
      digits = "0";
    } else {
      round_up = digits[digits.size() - drop] >= '5';
      digits.resize(digits.size() - drop);
    }
    shift = 0;
  }
  // 39 digits would exceed every width (and could wrap around uint128: 2^128 read as 0).
  if (digits.size() + shift > kDecimalMaxWidth) return false;
  uint128_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<unsigned>(c - '0');
  for (int i = 0; i < shift; i++) value *= 10;
  if (round_up) value += 1;
  if (value >= static_cast<uint128_t>(PowerOfTen128(width))) return false;
  *out = negative ? -static_cast<int128_t>(value) : static_cast<int128_t>(value);
  return true;
}

// As DuckDB: no surrounding spaces, and no 'on' / 'off'.
bool TryParseBoolean(std::string_view text, bool* out) {
  if (EqualsIgnoreCase(text, "true") || EqualsIgnoreCase(text, "t") || text == "1" ||
      EqualsIgnoreCase(text, "y") || EqualsIgnoreCase(text, "yes")) {
    *out = true;
    return true;
  }
  if (EqualsIgnoreCase(text, "false") || EqualsIgnoreCase(text, "f") || text == "0" ||
      EqualsIgnoreCase(text, "n") || EqualsIgnoreCase(text, "no")) {
    *out = false;
    return true;
  }
  return false;
}

namespace {
// *field += amount (truncated toward zero); false when the amount or the sum is out of the
// field's range. A cast of a double outside an integer's range is undefined, and amounts such as
// '9223372036854775807 microseconds' (2^63 as a double) or '1e10 days' are outside.
template <typename T>
bool AddTo(T* field, double amount) {
  constexpr double kLimit = -static_cast<double>(std::numeric_limits<T>::min());  // 2^31, 2^63
  if (!(amount >= -kLimit && amount < kLimit)) return false;                      // NaN too
  return !__builtin_add_overflow(*field, static_cast<T>(amount), field);
}

// Adds `amount` of `unit` to the interval; false for an unknown unit or a value out of range.
bool AddIntervalUnit(std::string_view unit, double amount, Interval* interval) {
  std::string u;
  for (char c : unit) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (u.size() > 1 && u.back() == 's') u.pop_back();
  auto months = [&](double m) { return AddTo(&interval->months, m); };
  auto days = [&](double d) { return AddTo(&interval->days, d); };
  auto micros = [&](double us) { return AddTo(&interval->micros, std::round(us)); };
  if (u == "year" || u == "yr" || u == "y") {
    double m = amount * 12;
    return months(m) && days(std::round((m - std::trunc(m)) * 30));
  } else if (u == "month" || u == "mon") {
    double d = (amount - std::trunc(amount)) * 30;
    return months(amount) && days(d) && micros((d - std::trunc(d)) * kMicrosPerDay);
  } else if (u == "week" || u == "w") {
    double d = amount * 7;
    return days(d) && micros((d - std::trunc(d)) * kMicrosPerDay);
  } else if (u == "day" || u == "d") {
    return days(amount) && micros((amount - std::trunc(amount)) * kMicrosPerDay);
  } else if (u == "hour" || u == "hr" || u == "h") {
    return micros(amount * kMicrosPerHour);
  } else if (u == "minute" || u == "min" || u == "m") {
    return micros(amount * kMicrosPerMinute);
  } else if (u == "second" || u == "sec" || u == "s") {
    return micros(amount * kMicrosPerSecond);
  } else if (u == "millisecond" || u == "msec" || u == "ms") {
    return micros(amount * 1000);
  } else if (u == "microsecond" || u == "usec" || u == "us") {
    return micros(amount);
  } else if (u == "quarter") {
    return months(amount * 3);
  } else if (u == "decade") {
    return months(amount * 120);
  } else if (u == "century" || u == "centurie") {
    return months(amount * 1200);
  } else if (u == "millennium" || u == "millennia" || u == "millenium") {
    return months(amount * 12000);
  }
  return false;
}
}  // namespace

bool TryParseInterval(std::string_view text, Interval* out) {
  text = Trim(text);
  if (text.empty()) return false;
  Interval result;
  size_t pos = 0;
  bool any = false;
  while (pos < text.size()) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) pos++;
    if (pos >= text.size()) break;
    size_t start = pos;
    if (text[pos] == '+' || text[pos] == '-') pos++;
    while (pos < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.'))
      pos++;
    std::string_view number = text.substr(start, pos - start);
    if (number.empty() || number == "+" || number == "-") {
      if (text.substr(start) == "ago" && any) {
        if (result.months == std::numeric_limits<int32_t>::min() ||
            result.days == std::numeric_limits<int32_t>::min() ||
            result.micros == std::numeric_limits<int64_t>::min()) {
          return false;  // no negation
        }
        result.months = -result.months;
        result.days = -result.days;
        result.micros = -result.micros;
        pos = text.size();
        break;
      }
      return false;
    }
    if (pos < text.size() && text[pos] == ':') {
      // hh:mm[:ss[.ffffff]]
      size_t end = pos;
      while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) end++;
      std::string_view clock = text.substr(start, end - start);
      bool negative = !clock.empty() && clock[0] == '-';
      if (negative || (!clock.empty() && clock[0] == '+')) clock.remove_prefix(1);
      int64_t hours = 0, minutes = 0;
      double seconds = 0;
      size_t c1 = clock.find(':');
      if (!TryParseInteger<int64_t>(clock.substr(0, c1), &hours)) return false;
      std::string_view rest = clock.substr(c1 + 1);
      size_t c2 = rest.find(':');
      if (!TryParseInteger<int64_t>(rest.substr(0, c2), &minutes)) return false;
      if (c2 != std::string_view::npos && !TryParseDouble(rest.substr(c2 + 1), &seconds))
        return false;
      int64_t hour_micros, minute_micros, micros;
      if (__builtin_mul_overflow(hours, kMicrosPerHour, &hour_micros) ||
          __builtin_mul_overflow(minutes, kMicrosPerMinute, &minute_micros) ||
          __builtin_add_overflow(hour_micros, minute_micros, &micros) ||
          !AddTo(&micros, std::round(seconds * kMicrosPerSecond)) ||
          (negative ? __builtin_sub_overflow(result.micros, micros, &result.micros)
                    : __builtin_add_overflow(result.micros, micros, &result.micros))) {
        return false;
      }
      pos = end;
      any = true;
      continue;
    }
    double amount;
    if (!TryParseDouble(number, &amount)) return false;
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) pos++;
    size_t unit_start = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) pos++;
    std::string_view unit = text.substr(unit_start, pos - unit_start);
    if (unit.empty()) {
      // A bare number is seconds, as in PostgreSQL.
      unit = "second";
    }
    if (!AddIntervalUnit(unit, amount, &result)) return false;
    any = true;
  }
  if (!any) return false;
  *out = result;
  return true;
}

}  // namespace fluxdb
