// Bit packing: unsigned integers of `width` bits (0..64) stored back to back in a little-endian
// bit stream. Value i occupies stream bits [i * width, (i + 1) * width), least significant bit
// first; stream bit k is bit (k % 8) of byte k / 8. A stream of `count` values takes
// ceil(count * width / 8) bytes, and the unused high bits of its last byte are zero.
//
// Decoding works on groups of 64 values: group g is exactly `width` 64-bit words starting at
// byte g * width * 8, so a whole group unpacks with one call of a routine specialized for its
// width. Those routines are straight-line code (every shift and word index a compile-time
// constant), with no branch or call per value. Only a trailing partial group, shorter in the
// stream, is first copied to a zero-padded buffer.
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>

#include "common/types.h"
#include "storage/compression/byte_stream.h"

namespace fluxdb::compression {

inline constexpr idx_t kBitPackGroup = 64;

/// Bits needed to store every value in [0, max].
inline int BitWidth(uint64_t max) { return max == 0 ? 0 : 64 - __builtin_clzll(max); }

/// Bytes of a stream of `count` values of `width` bits.
inline idx_t PackedSize(idx_t count, int width) {
  // count * width overflows only for counts no chunk has; the division keeps it exact.
  return count / 8 * width + (count % 8 * width + 7) / 8;
}

/// Consumes the stream of `count` values of `width` bits from `reader`; false if the bytes run
/// out (checked without overflow for any count).
inline bool TakePacked(ByteReader& reader, idx_t count, int width, const uint8_t** start) {
  if (width != 0 && count / 8 > reader.remaining() / width) return false;
  return reader.Take(PackedSize(count, width), start);
}

/// Appends `count` values, each < 2^width, as a bit stream.
template <typename U>
void PackBits(const U* values, idx_t count, int width, std::string* out) {
  static_assert(std::is_unsigned_v<U>);
  if (width == 0 || count == 0) return;
  idx_t start = out->size();
  idx_t size = PackedSize(count, width);
  out->resize(start + size, '\0');
  auto* dst = reinterpret_cast<uint8_t*>(out->data() + start);
  uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  uint64_t word = 0;
  int filled = 0;
  for (idx_t i = 0; i < count; i++) {
    uint64_t v = static_cast<uint64_t>(values[i]) & mask;
    word |= v << filled;
    if (filled + width >= 64) {
      std::memcpy(dst, &word, 8);
      dst += 8;
      // The bits of v that did not fit into the full word.
      word = filled == 0 ? 0 : v >> (64 - filled);
      filled = filled + width - 64;
    } else {
      filled += width;
    }
  }
  if (filled > 0) std::memcpy(dst, &word, (filled + 7) / 8);
}

namespace internal {

template <int kWidth, size_t kIndex>
inline uint64_t ExtractBits(const uint8_t* group) {
  constexpr size_t kBit = kIndex * kWidth;
  constexpr size_t kWord = kBit / 64;
  constexpr size_t kShift = kBit % 64;
  constexpr uint64_t kMask = kWidth == 64 ? ~uint64_t{0} : (uint64_t{1} << kWidth) - 1;
  uint64_t low = LoadValue<uint64_t>(group + kWord * 8);
  if constexpr (kShift + kWidth <= 64) {
    return (low >> kShift) & kMask;
  } else {
    uint64_t high = LoadValue<uint64_t>(group + kWord * 8 + 8);
    return ((low >> kShift) | (high << (64 - kShift))) & kMask;
  }
}

/// out[i] = base + value i of the group (wrapping), for the 64 values of one group.
// `out` never overlaps `group`; saying so lets the compiler load each word once instead of
// after every store (a uint8_t pointer may otherwise alias anything).
template <typename U, int kWidth>
void UnpackGroup(const uint8_t* group, U* out, U base) {
  if constexpr (kWidth == 0) {
    for (idx_t i = 0; i < kBitPackGroup; i++) out[i] = base;
  } else {
    [&]<size_t... kIndex>(std::index_sequence<kIndex...>) {
      ((out[kIndex] = static_cast<U>(base + static_cast<U>(ExtractBits<kWidth, kIndex>(group)))),
       ...);
    }
    (std::make_index_sequence<kBitPackGroup>{});
  }
}

template <typename U>
using GroupUnpacker = void (*)(const uint8_t* group, U* out, U base);

template <typename U, size_t... kWidth>
constexpr auto MakeUnpackers(std::index_sequence<kWidth...>) {
  return std::array<GroupUnpacker<U>, sizeof...(kWidth)>{&UnpackGroup<U, kWidth>...};
}

/// The unpack routine per width 0..bits of U.
template <typename U>
inline constexpr auto kUnpackers = MakeUnpackers<U>(std::make_index_sequence<sizeof(U) * 8 + 1>{});

}  // namespace internal

/// Reads values [first, first + count) of a stream of `total` values of `width` bits
/// (width <= bits of U; `packed` holds PackedSize(total, width) bytes) as base + value, wrapping.
template <typename U>
void UnpackBits(const uint8_t* packed, idx_t total, int width, idx_t first, idx_t count, U base,
                U* out) {
  static_assert(std::is_unsigned_v<U>);
  auto unpack = internal::kUnpackers<U>[width];
  idx_t group_bytes = static_cast<idx_t>(width) * 8;
  idx_t row = first;
  idx_t end = first + count;
  while (row < end) {
    idx_t group = row / kBitPackGroup;
    idx_t skip = row % kBitPackGroup;
    idx_t n = std::min(kBitPackGroup - skip, end - row);
    const uint8_t* src = packed + group * group_bytes;
    if (n == kBitPackGroup) {
      unpack(src, out, base);
    } else {
      U values[kBitPackGroup];
      if ((group + 1) * kBitPackGroup > total) {
        // The stream's last group is shorter than `width` words.
        uint8_t padded[64 * 8] = {};
        std::memcpy(padded, src, PackedSize(total, width) - group * group_bytes);
        unpack(padded, values, base);
      } else {
        unpack(src, values, base);
      }
      std::memcpy(out, values + skip, n * sizeof(U));
    }
    out += n;
    row += n;
  }
}

}  // namespace fluxdb::compression
