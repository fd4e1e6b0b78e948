// Little-endian loads and stores for on-disk structures. Every integer in a FluxDB file is little
// endian; FluxDB only builds for little-endian hosts (x86-64, the SSE4.2 checksum), so these are
// unaligned memcpy's that compile to single moves.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace fluxdb {

static_assert(std::endian::native == std::endian::little, "FluxDB files are little endian");

template <typename T>
inline T LoadLE(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <typename T>
inline void StoreLE(void* p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

}  // namespace fluxdb
