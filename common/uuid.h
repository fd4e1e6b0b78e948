// UUID text form and physical form.
//
// A UUID is stored as DuckDB stores it: its 128 bits read big-endian from the text, with the top
// bit flipped (EncodeUHugeInt), so the signed int128 order of stored values is the order of their
// text and every int128 kernel (compare, hash, sort, min/max, storage codecs) works unchanged.
#pragma once

#include <string>
#include <string_view>

#include "common/types.h"

namespace fluxdb {

/// Parses a UUID as DuckDB does: 32 hex digits of either case, optionally in braces, with hyphens
/// allowed anywhere between them ('a0eebc99-9c0b-...', '{A0EEBC99...}', 'a0eebc999c0b...').
inline bool TryParseUuid(std::string_view text, int128_t* out) {
  if (text.empty()) return false;
  size_t braces = text.front() == '{' ? 1 : 0;
  if (braces == 1 && (text.size() < 2 || text.back() != '}')) return false;
  uint128_t value = 0;
  int digits = 0;
  for (size_t i = braces; i < text.size() - braces; i++) {
    char c = text[i];
    if (c == '-') continue;
    int nibble;
    if (c >= '0' && c <= '9') {
      nibble = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      nibble = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      nibble = c - 'A' + 10;
    } else {
      return false;
    }
    if (digits == 32) return false;
    value = (value << 4) | static_cast<uint128_t>(nibble);
    digits++;
  }
  if (digits != 32) return false;
  *out = EncodeUHugeInt(value);
  return true;
}

/// The canonical text: lower-case 8-4-4-4-12 hex digits.
inline std::string UuidToString(int128_t stored) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint128_t value = DecodeUHugeInt(stored);
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; i++) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
    out.push_back(kHex[static_cast<int>((value >> (124 - 4 * i)) & 0xf)]);
  }
  return out;
}

/// A random (version 4, RFC 4122 variant) UUID from 128 random bits, in stored form.
inline int128_t MakeRandomUuid(uint64_t high, uint64_t low) {
  high = (high & ~0xf000ULL) | 0x4000ULL;  // version 4 in bits 12..15 of the time_hi field
  low = (low & ~(0xc0ULL << 56)) | (0x80ULL << 56);  // variant 10xx
  return EncodeUHugeInt((static_cast<uint128_t>(high) << 64) | low);
}

}  // namespace fluxdb
