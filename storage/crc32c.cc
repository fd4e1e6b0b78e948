#include "storage/crc32c.h"

#include <nmmintrin.h>

#include <cstring>

namespace fluxdb {

namespace {

// One 8-byte crc32 instruction per word; about 8 GB/s, far above disk speed, so pages are
// checksummed on every read without a measurable cost.
uint32_t RawCrc(uint32_t crc, const uint8_t* p, size_t size) {
  uint64_t c = crc;
  while (size >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    c = _mm_crc32_u64(c, word);
    p += 8;
    size -= 8;
  }
  uint32_t c32 = static_cast<uint32_t>(c);
  while (size > 0) {
    c32 = _mm_crc32_u8(c32, *p);
    p++;
    size--;
  }
  return c32;
}

}  // namespace

uint32_t Crc32cExtend(uint32_t crc, const void* data, size_t size) {
  return ~RawCrc(~crc, static_cast<const uint8_t*>(data), size);
}

uint32_t Crc32c(const void* data, size_t size) { return Crc32cExtend(0, data, size); }

}  // namespace fluxdb
