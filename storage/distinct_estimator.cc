#include "storage/distinct_estimator.h"

#include <cmath>
#include <cstring>

#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"

namespace fluxdb {

namespace {

// A strong 64-bit finalizer (MurmurHash3's), so that nearby integers spread over all registers.
inline uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace

void DistinctEstimator::AddHash(uint64_t hash) {
  uint64_t index = hash >> (64 - kBits);
  uint64_t rest = (hash << kBits) | (uint64_t{1} << (kBits - 1));  // never all zero
  auto rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
  if (rank > registers_[index]) registers_[index] = rank;
}

void DistinctEstimator::Add(const LogicalType& type, const uint8_t* data,
                            const ValidityMask& validity, idx_t count) {
  bool all_valid = validity.AllValid();
  DispatchPhysical(type.physical(), [&]<typename T>() {
    const T* values = reinterpret_cast<const T*>(data);
    for (idx_t i = 0; i < count; i++) {
      if (!all_valid && !validity.IsValid(i)) continue;
      if constexpr (std::is_same_v<T, StringRef>) {
        AddHash(Mix(absl::Hash<absl::string_view>{}(
            absl::string_view(values[i].data(), values[i].size()))));
      } else if constexpr (sizeof(T) <= 8) {
        uint64_t bits = 0;
        // Floating point: +0.0 and -0.0 are one value.
        T v = values[i];
        if constexpr (std::is_floating_point_v<T>) {
          if (v == 0) v = 0;
        }
        if constexpr (std::is_same_v<T, bool>) {
          bits = v ? 1 : 0;
        } else {
          std::memcpy(&bits, &v, sizeof(T));
        }
        AddHash(Mix(bits));
      } else {
        uint64_t halves[2];
        std::memcpy(halves, &values[i], 16);
        AddHash(Mix(halves[0] ^ Mix(halves[1])));
      }
    }
  });
}

uint64_t DistinctEstimator::Estimate() const {
  constexpr double m = 1 << kBits;
  double sum = 0;
  int zeros = 0;
  for (uint8_t r : registers_) {
    sum += std::ldexp(1.0, -r);
    zeros += r == 0;
  }
  double alpha = 0.7213 / (1 + 1.079 / m);
  double estimate = alpha * m * m / sum;
  if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / zeros);  // linear counting
  return static_cast<uint64_t>(std::llround(estimate));
}

}  // namespace fluxdb
