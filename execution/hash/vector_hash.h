// Hashing of vector values for hash aggregation and hash joins.
#pragma once

#include <cstdint>

#include "common/vector.h"

namespace fluxdb {

inline uint64_t MixHash(uint64_t x) {
  // The murmur3 64-bit finalizer: every input bit affects every output bit.
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t CombineHashes(uint64_t a, uint64_t b) { return (a * 0x9e3779b97f4a7c15ULL) ^ b; }

uint64_t HashBytes(const char* data, size_t size);

/// Hash of one value; NULLs hash to a fixed constant; equal values (per FluxDB's equality:
/// NaN = NaN, -0.0 = 0.0, intervals normalized) hash equally.
template <typename T>
uint64_t HashValue(const T& value);

inline constexpr uint64_t kNullHash = 0xbf58476d1ce4e5b9ULL;

/// hashes[i] = hash of row i of `vector` (combine = false) or combined into hashes[i].
void HashVector(const Vector& vector, idx_t count, uint64_t* hashes, bool combine);

}  // namespace fluxdb
