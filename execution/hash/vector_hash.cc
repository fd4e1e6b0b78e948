#include "execution/hash/vector_hash.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "common/date_time.h"

namespace fluxdb {

uint64_t HashBytes(const char* data, size_t size) {
  uint64_t h = 0xcbf29ce484222325ULL ^ (size * 0x9e3779b97f4a7c15ULL);
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    h = MixHash(h ^ word);
  }
  if (i < size) {
    uint64_t word = 0;
    std::memcpy(&word, data + i, size - i);
    h = MixHash(h ^ word ^ 0x5bd1e995);
  }
  return h;
}

template <typename T>
uint64_t HashValue(const T& value) {
  if constexpr (std::is_same_v<T, StringRef>) {
    if (value.IsInlined()) {
      // An inlined StringRef is its length and its bytes zero-padded, which is also how
      // equality compares it: hash the two words without a byte loop.
      static_assert(sizeof(StringRef) == 16);
      uint64_t words[2];
      std::memcpy(words, &value, sizeof(words));
      return MixHash(words[0] ^ MixHash(words[1] ^ 0x2545f4914f6cdd1dULL));
    }
    return HashBytes(value.data(), value.size());
  } else if constexpr (std::is_floating_point_v<T>) {
    double d = static_cast<double>(value);
    if (d == 0) d = 0;  // -0.0 and 0.0 are equal
    if (std::isnan(d)) return 0x7ff8000000000000ULL;
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    return MixHash(bits);
  } else if constexpr (std::is_same_v<T, Interval>) {
    int128_t key = static_cast<int128_t>(value.months) * 30 * kMicrosPerDay +
                   static_cast<int128_t>(value.days) * kMicrosPerDay + value.micros;
    return MixHash(static_cast<uint64_t>(key) ^ MixHash(static_cast<uint64_t>(key >> 64)));
  } else if constexpr (std::is_same_v<T, int128_t>) {
    return MixHash(static_cast<uint64_t>(value) ^ MixHash(static_cast<uint64_t>(value >> 64)));
  } else {
    return MixHash(static_cast<uint64_t>(static_cast<int64_t>(value)));
  }
}

template uint64_t HashValue<bool>(const bool&);
template uint64_t HashValue<int8_t>(const int8_t&);
template uint64_t HashValue<int16_t>(const int16_t&);
template uint64_t HashValue<int32_t>(const int32_t&);
template uint64_t HashValue<int64_t>(const int64_t&);
template uint64_t HashValue<int128_t>(const int128_t&);
template uint64_t HashValue<float>(const float&);
template uint64_t HashValue<double>(const double&);
template uint64_t HashValue<StringRef>(const StringRef&);
template uint64_t HashValue<Interval>(const Interval&);

namespace {

template <bool kCombine>
inline void Store(uint64_t* hashes, idx_t i, uint64_t h) {
  hashes[i] = kCombine ? CombineHashes(hashes[i], h) : h;
}

template <typename T, bool kCombine>
void HashTyped(const Vector& vector, idx_t count, uint64_t* hashes) {
  UnifiedVector u;
  vector.ToUnified(count, &u);
  const T* values = u.values<T>();
  if (vector.encoding() == VectorEncoding::kFlat && u.validity->AllValid()) {
    for (idx_t i = 0; i < count; i++) Store<kCombine>(hashes, i, HashValue(values[i]));
    return;
  }
  if (vector.encoding() == VectorEncoding::kDictionary && !u.sel->IsIdentity() && count >= 4 * 64) {
    // A small dictionary (a column chunk's distinct values, a filtered vector's survivors):
    // hash each entry the rows use once.
    const sel_t* sel = u.sel->data();
    sel_t max = 0;
    for (idx_t i = 0; i < count; i++) max = std::max(max, sel[i]);
    if (max < count / 4 && max < kVectorSize / 4) {
      uint64_t entry_hashes[kVectorSize / 4];
      uint8_t hashed[kVectorSize / 4] = {};
      for (idx_t i = 0; i < count; i++) {
        sel_t e = sel[i];
        if (!hashed[e]) {
          entry_hashes[e] = u.validity->IsValid(e) ? HashValue(values[e]) : kNullHash;
          hashed[e] = 1;
        }
        Store<kCombine>(hashes, i, entry_hashes[e]);
      }
      return;
    }
  }
  if (u.validity->AllValid()) {
    for (idx_t i = 0; i < count; i++) Store<kCombine>(hashes, i, HashValue(values[u.index(i)]));
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    Store<kCombine>(hashes, i, u.validity->IsValid(idx) ? HashValue(values[idx]) : kNullHash);
  }
}

}  // namespace

void HashVector(const Vector& vector, idx_t count, uint64_t* hashes, bool combine) {
  DispatchPhysical(vector.type().physical(), [&]<typename T>() {
    if (combine) {
      HashTyped<T, true>(vector, count, hashes);
    } else {
      HashTyped<T, false>(vector, count, hashes);
    }
  });
}

}  // namespace fluxdb
