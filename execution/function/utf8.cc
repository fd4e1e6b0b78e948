#include "execution/function/utf8.h"

#include <locale.h>
#include <wctype.h>

#include <cstring>

namespace fluxdb::utf8 {

namespace {

// glibc's built-in C.UTF-8 locale carries the Unicode simple case mappings, so non-ASCII case
// mapping needs no table of our own. Created once; null if the C library lacks it, in which
// case only ASCII and Latin-1 letters are mapped.
locale_t Utf8Locale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

int32_t Latin1Lower(int32_t c) {
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  return c;
}

int32_t Latin1Upper(int32_t c) {
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;
  return c;
}

template <bool kLower>
void MapCase(std::string_view s, std::string* out) {
  out->clear();
  out->reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (kLower) {
        out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      } else {
        out->push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : static_cast<char>(c));
      }
      i++;
      continue;
    }
    int32_t cp;
    int len = Decode(s, i, &cp);
    if (len == 1 && cp == c && c >= 0x80) {
      out->push_back(static_cast<char>(c));  // stray byte: copied as is
    } else {
      Append(kLower ? ToLower(cp) : ToUpper(cp), out);
    }
    i += len;
  }
}

}  // namespace

bool IsAscii(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ULL) return false;
  }
  for (; i < n; i++) {
    if (p[i] & 0x80) return false;
  }
  return true;
}

int Decode(std::string_view s, size_t pos, int32_t* code_point) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  size_t avail = s.size() - pos;
  unsigned char c = p[0];
  int len = SequenceLength(c);
  if (len == 1 || static_cast<size_t>(len) > avail) {
    *code_point = c;
    return 1;
  }
  int32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; k++) {
    if ((p[k] & 0xC0) != 0x80) {
      *code_point = c;
      return 1;
    }
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  *code_point = cp;
  return len;
}

int Encode(int32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

void Append(int32_t code_point, std::string* out) {
  char buffer[4];
  int n = Encode(code_point, buffer);
  out->append(buffer, n);
}

bool IsValid(std::string_view s) {
  size_t i = 0;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    unsigned char c = p[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    int len = SequenceLength(c);
    if (len == 1 || i + len > s.size()) return false;
    int32_t cp;
    if (Decode(s, i, &cp) != len) return false;
    static constexpr int32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[len] || !IsValidCodePoint(cp)) return false;
    i += len;
  }
  return true;
}

size_t Length(std::string_view s) {
  // Every byte that is not a continuation byte starts a character.
  size_t count = 0;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size(); i++) count += (p[i] & 0xC0) != 0x80;
  return count;
}

size_t ByteOffset(std::string_view s, size_t chars) {
  size_t pos = 0;
  while (chars > 0 && pos < s.size()) {
    pos += SequenceLength(static_cast<unsigned char>(s[pos]));
    chars--;
  }
  return pos < s.size() ? pos : s.size();
}

namespace {

int32_t LocaleLower(int32_t cp) {
  locale_t locale = Utf8Locale();
  if (locale == static_cast<locale_t>(0)) return Latin1Lower(cp);
  return static_cast<int32_t>(towlower_l(static_cast<wint_t>(cp), locale));
}

int32_t LocaleUpper(int32_t cp) {
  if (cp == 0xDF) return 0x1E9E;  // sharp s: capital sharp s, as utf8proc (DuckDB) maps it
  locale_t locale = Utf8Locale();
  if (locale == static_cast<locale_t>(0)) return Latin1Upper(cp);
  return static_cast<int32_t>(towupper_l(static_cast<wint_t>(cp), locale));
}

// Code points below U+0800 (Latin, Greek, Cyrillic, Armenian, Hebrew ...) are looked up in a
// table built once, so the common non-ASCII text never calls into the C library per character.
constexpr int32_t kTableSize = 0x800;

struct CaseTable {
  int32_t lower[kTableSize];
  int32_t upper[kTableSize];
  CaseTable() {
    for (int32_t cp = 0; cp < kTableSize; cp++) {
      lower[cp] = cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp) : LocaleLower(cp);
      upper[cp] = cp < 0x80 ? (cp >= 'a' && cp <= 'z' ? cp - 32 : cp) : LocaleUpper(cp);
    }
  }
};

const CaseTable& Table() {
  static const CaseTable table;
  return table;
}

}  // namespace

int32_t ToLower(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  if (cp < kTableSize) return Table().lower[cp];
  return LocaleLower(cp);
}

int32_t ToUpper(int32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
  if (cp < kTableSize) return Table().upper[cp];
  return LocaleUpper(cp);
}

void LowerCase(std::string_view s, std::string* out) { MapCase<true>(s, out); }
void UpperCase(std::string_view s, std::string* out) { MapCase<false>(s, out); }

}  // namespace fluxdb::utf8
