// BinaryWriter / BinaryReader: the little-endian encoding of metadata records (catalog records,
// chunk metadata, WAL records). Fixed-width integers, strings as a u32 length and the bytes.
// The reader never reads past its buffer: a short or malformed record makes it fail, and the
// caller reports a Corruption error.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/types.h"
#include "storage/byte_order.h"

namespace fluxdb {

class BinaryWriter {
 public:
  explicit BinaryWriter(std::string* out) : out_(out) {}

  template <typename T>
  void Write(T v) {
    char buf[sizeof(T)];
    StoreLE<T>(buf, v);
    out_->append(buf, sizeof(T));
  }
  void WriteU8(uint8_t v) { Write<uint8_t>(v); }
  void WriteU32(uint32_t v) { Write<uint32_t>(v); }
  void WriteU64(uint64_t v) { Write<uint64_t>(v); }
  void WriteString(std::string_view s) {
    WriteU32(static_cast<uint32_t>(s.size()));
    out_->append(s.data(), s.size());
  }
  void WriteBytes(const void* data, size_t size) {
    out_->append(static_cast<const char*>(data), size);
  }
  size_t size() const { return out_->size(); }
  std::string* buffer() { return out_; }

 private:
  std::string* out_;
};

class BinaryReader {
 public:
  BinaryReader(const void* data, size_t size)
      : p_(static_cast<const uint8_t*>(data)), end_(p_ + size) {}
  explicit BinaryReader(std::string_view s) : BinaryReader(s.data(), s.size()) {}

  /// False once any read ran past the end; every later read also fails and yields zeros.
  bool ok() const { return ok_; }
  size_t remaining() const { return end_ - p_; }
  const uint8_t* position() const { return p_; }

  template <typename T>
  T Read() {
    if (!ok_ || remaining() < sizeof(T)) {
      ok_ = false;
      return T{};
    }
    T v = LoadLE<T>(p_);
    p_ += sizeof(T);
    return v;
  }
  uint8_t ReadU8() { return Read<uint8_t>(); }
  uint32_t ReadU32() { return Read<uint32_t>(); }
  uint64_t ReadU64() { return Read<uint64_t>(); }
  std::string ReadString() {
    uint32_t n = ReadU32();
    const uint8_t* bytes = Take(n);
    return bytes == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(bytes), n);
  }
  /// Points at the next `size` bytes and skips them; null if fewer remain.
  const uint8_t* Take(size_t size) {
    if (!ok_ || remaining() < size) {
      ok_ = false;
      return nullptr;
    }
    const uint8_t* p = p_;
    p_ += size;
    return p;
  }
  /// Marks the reader failed (a field held an impossible value).
  void Fail() { ok_ = false; }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  bool ok_ = true;
};

}  // namespace fluxdb
