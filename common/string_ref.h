// StringRef: the 16-byte string slot of a VARCHAR vector.
//
// Layout (the "German string" of Umbra, as DuckDB's string_t):
//   bytes 0..3   length
//   bytes 4..15  the string itself when length <= 12 (unused bytes zero), or
//   bytes 4..7   the first four bytes (prefix) and bytes 8..15 a pointer to all the bytes.
// Equality and ordering usually decide on the first 8 bytes without following the pointer. The
// pointed-to bytes live in a StringHeap owned by the vector (or a page pinned by its scan); a
// StringRef never owns memory.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace fluxdb {

struct StringRef {
  static constexpr uint32_t kInlineLength = 12;

  StringRef() { std::memset(this, 0, sizeof(*this)); }
  /// Refers to `size` bytes at `data`; inlines them when short, so `data` may then be temporary.
  StringRef(const char* data, uint32_t size) {
    length_ = size;
    if (size <= kInlineLength) {
      std::memset(inline_, 0, kInlineLength);
      if (size > 0) std::memcpy(inline_, data, size);
    } else {
      std::memcpy(inline_, data, 4);
      std::memcpy(inline_ + 4, &data, sizeof(data));
    }
  }
  explicit StringRef(std::string_view s) : StringRef(s.data(), static_cast<uint32_t>(s.size())) {}

  uint32_t size() const { return length_; }
  bool IsInlined() const { return length_ <= kInlineLength; }
  const char* data() const {
    if (IsInlined()) return inline_;
    const char* ptr;
    std::memcpy(&ptr, inline_ + 4, sizeof(ptr));
    return ptr;
  }
  std::string_view view() const { return std::string_view(data(), length_); }
  std::string ToString() const { return std::string(view()); }

  /// First 8 bytes (length and prefix) as one word, for quick equality checks.
  uint64_t head() const {
    uint64_t h;
    std::memcpy(&h, this, 8);
    return h;
  }

  friend bool operator==(const StringRef& a, const StringRef& b) {
    if (a.head() != b.head()) return false;
    if (a.IsInlined()) {
      return std::memcmp(a.inline_ + 4, b.inline_ + 4, 8) == 0;
    }
    return std::memcmp(a.data(), b.data(), a.length_) == 0;
  }
  friend bool operator!=(const StringRef& a, const StringRef& b) { return !(a == b); }
  /// Byte-wise (memcmp) ordering, as DuckDB's default collation.
  static int Compare(const StringRef& a, const StringRef& b) {
    uint32_t n = a.length_ < b.length_ ? a.length_ : b.length_;
    uint32_t prefix = n < 4 ? n : 4;
    int c = std::memcmp(a.inline_, b.inline_, prefix);
    if (c == 0 && n > 4) c = std::memcmp(a.data() + 4, b.data() + 4, n - 4);
    if (c != 0) return c;
    return a.length_ < b.length_ ? -1 : (a.length_ > b.length_ ? 1 : 0);
  }
  friend bool operator<(const StringRef& a, const StringRef& b) { return Compare(a, b) < 0; }
  friend bool operator>(const StringRef& a, const StringRef& b) { return Compare(a, b) > 0; }
  friend bool operator<=(const StringRef& a, const StringRef& b) { return Compare(a, b) <= 0; }
  friend bool operator>=(const StringRef& a, const StringRef& b) { return Compare(a, b) >= 0; }

 private:
  uint32_t length_;
  char inline_[12];
};
static_assert(sizeof(StringRef) == 16);

}  // namespace fluxdb
