#include "common/number_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace fluxdb {

namespace {
std::string MagnitudeToString(uint128_t magnitude, bool negative) {
  if (magnitude == 0) return "0";
  char buffer[48];
  int pos = sizeof(buffer);
  while (magnitude > 0) {
    buffer[--pos] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  }
  if (negative) buffer[--pos] = '-';
  return std::string(buffer + pos, sizeof(buffer) - pos);
}
}  // namespace

std::string Int128ToString(int128_t value) {
  bool negative = value < 0;
  uint128_t magnitude = negative ? -static_cast<uint128_t>(value) : static_cast<uint128_t>(value);
  return MagnitudeToString(magnitude, negative);
}

std::string Uint128ToString(uint128_t value) { return MagnitudeToString(value, false); }

int128_t PowerOfTen128(int n) {
  static const auto kPowers = [] {
    struct Table {
      int128_t values[39];
    } table{};
    table.values[0] = 1;
    for (int i = 1; i < 39; i++) table.values[i] = table.values[i - 1] * 10;
    return table;
  }();
  return kPowers.values[n];
}

std::string FormatDecimal(int128_t raw, uint8_t scale) {
  if (scale == 0) return Int128ToString(raw);
  bool negative = raw < 0;
  uint128_t magnitude = negative ? -static_cast<uint128_t>(raw) : static_cast<uint128_t>(raw);
  uint128_t divisor = static_cast<uint128_t>(PowerOfTen128(scale));
  std::string integral = Int128ToString(static_cast<int128_t>(magnitude / divisor));
  std::string fraction = Int128ToString(static_cast<int128_t>(magnitude % divisor));
  std::string result = negative ? "-" : "";
  result += integral;
  result += '.';
  result.append(scale - fraction.size(), '0');
  result += fraction;
  return result;
}

namespace {
template <typename T>
std::string FormatFloating(T value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  // Shortest round-trip digits in scientific form, e.g. "1.2345e+02".
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string sci(buffer, result.ptr);
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exponent = std::atoi(sci.c_str() + e + 1);
  bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  std::string out = negative ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      out += "0.";
      out.append(-exponent - 1, '0');
      out += digits;
    } else if (static_cast<int>(digits.size()) <= exponent + 1) {
      out += digits;
      out.append(exponent + 1 - digits.size(), '0');
      out += ".0";
    } else {
      out += digits.substr(0, exponent + 1);
      out += '.';
      out += digits.substr(exponent + 1);
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) {
    out += '.';
    out += digits.substr(1);
  }
  char exp_buffer[16];
  std::snprintf(exp_buffer, sizeof(exp_buffer), "e%c%02d", exponent < 0 ? '-' : '+',
                std::abs(exponent));
  out += exp_buffer;
  return out;
}
}  // namespace

std::string FormatDouble(double value) { return FormatFloating(value); }
std::string FormatFloat(float value) { return FormatFloating(value); }

}  // namespace fluxdb
