// Little-endian fields of the codec layouts: appending them while encoding and reading them back,
// bounds-checked, while opening a chunk.
//
// Every decoder parses its header through ByteReader so that a truncated or malformed chunk is
// detected as a failed read (turned into a Corruption error) rather than an out-of-bounds access.
#pragma once

#include <bit>
#include <cstring>
#include <string>
#include <type_traits>

#include "common/types.h"

namespace fluxdb::compression {

static_assert(std::endian::native == std::endian::little,
              "the codec layouts are little endian and are written with memcpy");

/// Appends the in-memory (little-endian) bytes of a trivially copyable value.
template <typename T>
inline void AppendValue(std::string* out, const T& value) {
  static_assert(std::is_trivially_copyable_v<T>);
  out->append(reinterpret_cast<const char*>(&value), sizeof(T));
}

inline void AppendBytes(std::string* out, const void* data, idx_t size) {
  out->append(static_cast<const char*>(data), size);
}

/// Reads a value from a possibly unaligned address.
template <typename T>
inline T LoadValue(const uint8_t* data) {
  T value;
  std::memcpy(&value, data, sizeof(T));
  return value;
}

class ByteReader {
 public:
  ByteReader(const uint8_t* data, idx_t size) : data_(data), end_(data + size) {}

  idx_t remaining() const { return static_cast<idx_t>(end_ - data_); }
  const uint8_t* position() const { return data_; }

  /// Reads one fixed-size field; false (and nothing consumed) if the bytes run out.
  template <typename T>
  bool Read(T* value) {
    if (remaining() < sizeof(T)) return false;
    std::memcpy(value, data_, sizeof(T));
    data_ += sizeof(T);
    return true;
  }
  /// Consumes `size` bytes and points `*start` at them; false if the bytes run out.
  bool Take(idx_t size, const uint8_t** start) {
    if (remaining() < size) return false;
    *start = data_;
    data_ += size;
    return true;
  }
  /// Consumes `count` elements of `width` bytes each, guarding against overflow of the product.
  bool TakeArray(idx_t count, idx_t width, const uint8_t** start) {
    if (width != 0 && count > remaining() / width) return false;
    return Take(count * width, start);
  }

 private:
  const uint8_t* data_;
  const uint8_t* end_;
};

}  // namespace fluxdb::compression
