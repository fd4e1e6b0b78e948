// MD5 (RFC 1321), for the sqllogictest "N values hashing to <md5>" result form.
//
// Kept here rather than taken from a library so the runner needs nothing beyond what the engine
// already links; MD5 is only a fingerprint of expected results, never a security measure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fluxdb::slt {

class Md5 {
 public:
  Md5();
  void Add(std::string_view data);
  /// The 32 lowercase hex digits of the digest; the object is spent afterwards.
  std::string FinishHex();

 private:
  void Transform(const uint8_t block[64]);

  uint32_t state_[4];
  uint64_t length_ = 0;  // bytes added so far
  uint8_t buffer_[64];
  size_t buffered_ = 0;
};

/// MD5 of `data` in hex.
std::string Md5Hex(std::string_view data);

}  // namespace fluxdb::slt
