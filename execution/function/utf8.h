// UTF-8 code points: decoding, encoding, counting and simple case mapping for string functions.
//
// Invalid byte sequences never reach these functions in well-formed VARCHARs, but decoding is
// still total: a stray byte decodes as itself (one "character"), so lengths and offsets stay
// consistent and nothing reads past the end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fluxdb::utf8 {

/// True when every byte is ASCII (the fast path of most string functions).
bool IsAscii(std::string_view s);

/// Decodes the code point starting at s[pos]; returns its byte length (1..4, never 0 for pos <
/// size).
int Decode(std::string_view s, size_t pos, int32_t* code_point);

/// Byte length of the character whose first byte is `lead` (1 for a stray continuation byte).
inline int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

/// Appends the UTF-8 encoding of `code_point` (which must be a valid scalar value).
void Append(int32_t code_point, std::string* out);
/// Writes the encoding to `out` (at least 4 bytes); returns its length.
int Encode(int32_t code_point, char* out);

/// True when `s` is well-formed UTF-8 (no stray, overlong or surrogate sequences).
bool IsValid(std::string_view s);

/// Number of characters (code points) in `s`.
size_t Length(std::string_view s);

/// Byte offset of character index `chars` (0-based) in s; s.size() if past the end.
size_t ByteOffset(std::string_view s, size_t chars);

/// Simple (one-to-one) Unicode case mapping.
int32_t ToLower(int32_t code_point);
int32_t ToUpper(int32_t code_point);

/// Whole-string case mapping into `out` (cleared first).
void LowerCase(std::string_view s, std::string* out);
void UpperCase(std::string_view s, std::string* out);

/// True for a valid code point to encode (not a surrogate, at most U+10FFFF).
inline bool IsValidCodePoint(int64_t cp) {
  return cp >= 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

}  // namespace fluxdb::utf8
