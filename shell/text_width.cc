#include "shell/text_width.h"

#include <cstdint>
#include <cstdio>

namespace fluxdb::shell {

namespace {

struct Decoded {
  uint32_t code_point;
  size_t length;  // bytes
};

Decoded DecodeUtf8(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  size_t length = b < 0x80           ? 1
                  : (b >> 5) == 0x6  ? 2
                  : (b >> 4) == 0xE  ? 3
                  : (b >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || i + length > text.size()) return {b, 1};
  uint32_t cp = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < length; k++) {
    if ((byte(i + k) & 0xC0) != 0x80) return {b, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return {cp, length};
}

int CodePointWidth(uint32_t cp) {
  if (cp == 0) return 0;
  // Combining marks and zero-width characters.
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
      (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
      (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
      cp == 0xFE0F) {
    return 0;
  }
  // East Asian Wide and Fullwidth ranges, and the emoji blocks terminals draw two columns wide.
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      width++;
      i++;
      continue;
    }
    Decoded d = DecodeUtf8(text, i);
    width += CodePointWidth(d.code_point);
    i += d.length;
  }
  return width;
}

std::string TruncateToWidth(std::string_view text, size_t width, std::string_view ellipsis) {
  if (DisplayWidth(text) <= width) return std::string(text);
  size_t ellipsis_width = DisplayWidth(ellipsis);
  if (width < ellipsis_width) return std::string(ellipsis.substr(0, width));
  size_t budget = width - ellipsis_width;
  size_t used = 0;
  size_t end = 0;
  while (end < text.size()) {
    Decoded d = DecodeUtf8(text, end);
    int w = CodePointWidth(d.code_point);
    if (used + w > budget) break;
    used += w;
    end += d.length;
  }
  std::string result(text.substr(0, end));
  result += ellipsis;
  return result;
}

std::string Pad(std::string_view text, size_t width, Align align) {
  size_t text_width = DisplayWidth(text);
  if (text_width >= width) return std::string(text);
  size_t spaces = width - text_width;
  size_t left = align == Align::kLeft ? 0 : align == Align::kRight ? spaces : spaces / 2;
  std::string result(left, ' ');
  result += text;
  result.append(spaces - left, ' ');
  return result;
}

std::string EscapeControlCharacters(std::string_view text) {
  bool clean = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      clean = false;
      break;
    }
  }
  if (clean) return std::string(text);
  std::string result;
  for (char c : text) {
    unsigned char b = static_cast<unsigned char>(c);
    if (c == '\n') {
      result += "\\n";
    } else if (c == '\t') {
      result += "\\t";
    } else if (c == '\r') {
      result += "\\r";
    } else if (b < 0x20 || b == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\x%02X", b);
      result += buffer;
    } else {
      result += c;
    }
  }
  return result;
}

}  // namespace fluxdb::shell
