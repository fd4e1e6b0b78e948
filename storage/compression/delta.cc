// DELTA (encoding id 6): frame of reference on the differences between consecutive values, for
// sorted or nearly sorted integers (keys loaded in order, dates of an append-only log), whose
// range is large but whose steps are small: TPC-H's l_orderkey needs 23 bits per value bit-packed
// and 2 as deltas. Applies to SMALLINT, INTEGER and BIGINT (and so DATE, TIME, TIMESTAMP and
// DECIMAL up to 18 digits).
//
// Layout after the id byte (all integers little endian; S is the value's width: 2, 4 or 8 bytes):
//   S          min_delta, the smallest step value[i] - value[i-1] (two's complement, wrapping)
//   uint8      W, the bit width of max_delta - min_delta: 0..16/32/64
//   S x B      the value of each block's first row, B = ceil(row_count / 2048) blocks of 2048
//              rows (so any vector decodes without the rows before its block)
//   offsets    one unsigned W-bit offset per row, bit-packed as in bit_packing.h:
//              ceil(row_count * W / 8) bytes. A row that does not start a block has the value
//              value[i-1] + min_delta + offset[i] (modulo 2^(8 * S)); a block's first row takes
//              its value from the block table and its offset is 0.
// Total size: S + 1 + B * S + ceil(row_count * W / 8). Decoders reject any other size and a W
// above 8 * S. NULL rows repeat the previous row's value (the first valid value before any), so
// their steps are 0.
#include <algorithm>
#include <cstring>
#include <vector>

#include "storage/compression/bit_packing.h"
#include "storage/compression/byte_stream.h"
#include "storage/compression/codecs.h"

namespace fluxdb::compression {

namespace {

constexpr idx_t kDeltaBlock = 2048;

template <typename T>
constexpr bool kDeltaType =
    std::is_same_v<T, int16_t> || std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>;

idx_t BlockCount(idx_t count) { return count / kDeltaBlock + (count % kDeltaBlock != 0); }

// The chunk's values with NULL rows replaced by the previous value, as unsigned (wrapping)
// integers; empty if no row is valid.
template <typename T>
std::vector<std::make_unsigned_t<T>> FilledValues(const ChunkValues& values) {
  using U = std::make_unsigned_t<T>;
  const auto* data = reinterpret_cast<const T*>(values.data);
  std::vector<U> filled(values.count);
  if (!HasNulls(values)) {
    std::memcpy(filled.data(), data, values.count * sizeof(T));
    return filled;
  }
  idx_t first_valid = 0;
  while (first_valid < values.count && !values.validity->IsValid(first_valid)) first_valid++;
  if (first_valid == values.count) return {};
  U previous = static_cast<U>(data[first_valid]);
  for (idx_t i = 0; i < values.count; i++) {
    if (values.validity->IsValid(i)) previous = static_cast<U>(data[i]);
    filled[i] = previous;
  }
  return filled;
}

template <typename T>
struct DeltaFrame {
  T min_delta = 0;
  int width = 0;
};

// The smallest step and the width of the step range; nullopt if that range needs over 64 bits
// (only possible for BIGINT).
template <typename T>
std::optional<DeltaFrame<T>> ComputeFrame(const std::vector<std::make_unsigned_t<T>>& filled) {
  using U = std::make_unsigned_t<T>;
  DeltaFrame<T> frame;
  bool any = false;
  T min = 0, max = 0;
  for (idx_t i = 1; i < filled.size(); i++) {
    if (i % kDeltaBlock == 0) continue;
    T step = static_cast<T>(static_cast<U>(filled[i] - filled[i - 1]));
    if (!any) {
      min = max = step;
      any = true;
    }
    min = step < min ? step : min;
    max = step > max ? step : max;
  }
  if (!any) return frame;
  // max - min as a non-negative difference of two values of T fits in U.
  frame.min_delta = min;
  frame.width =
      BitWidth(static_cast<uint64_t>(static_cast<U>(static_cast<U>(max) - static_cast<U>(min))));
  return frame;
}

template <typename T>
class DeltaDecoder final : public ChunkDecoder {
  using U = std::make_unsigned_t<T>;

 public:
  DeltaDecoder(T min_delta, int width, const uint8_t* blocks, const uint8_t* packed, idx_t count)
      : min_delta_(static_cast<U>(min_delta)),
        width_(width),
        blocks_(blocks),
        packed_(packed),
        count_(count) {}

  void Decode(idx_t offset, idx_t count, Vector& out) override {
    FLUX_CHECK(offset <= count_ && count <= count_ - offset && count <= out.capacity());
    U* dst = reinterpret_cast<U*>(out.data<T>());
    idx_t row = offset;
    const idx_t end = offset + count;
    U steps[kDeltaBlock];
    while (row < end) {
      // Rows [block_start, stop) of one block: steps from the block's first row up to `stop`.
      idx_t block_start = row / kDeltaBlock * kDeltaBlock;
      idx_t stop = std::min(end, block_start + kDeltaBlock);
      idx_t n = stop - block_start;
      U value = LoadValue<U>(blocks_ + block_start / kDeltaBlock * sizeof(U));
      if (width_ == 0) {
        // Every step is min_delta (a sequence such as 0, 1, 2, ...): no stream to read, and
        // each value is computed directly, which the compiler vectorizes.
        idx_t skip = row - block_start;
        U* out_rows = dst + (row - offset);
        U first = static_cast<U>(value + static_cast<U>(skip) * min_delta_);
        for (idx_t i = 0; i < stop - row; i++) {
          out_rows[i] = static_cast<U>(first + static_cast<U>(i) * min_delta_);
        }
        row = stop;
        continue;
      }
      UnpackBits<U>(packed_, count_, width_, block_start, n, min_delta_, steps);
      // A prefix sum: the loop-carried add is the whole cost, about one cycle per row.
      for (idx_t i = 0; i < n; i++) {
        if (i > 0) value += steps[i];
        if (block_start + i >= row) dst[block_start + i - offset] = value;
      }
      row = stop;
    }
  }

 private:
  U min_delta_;
  int width_;
  const uint8_t* blocks_;
  const uint8_t* packed_;
  idx_t count_;
};

std::optional<idx_t> Estimate(const ChunkValues& values) {
  return DispatchPhysical(values.type.physical(), [&]<typename T>() -> std::optional<idx_t> {
    if constexpr (!kDeltaType<T>) {
      return std::nullopt;
    } else {
      if (values.count < 2) return std::nullopt;
      auto filled = FilledValues<T>(values);
      if (filled.empty()) return std::nullopt;
      auto frame = ComputeFrame<T>(filled);
      if (!frame) return std::nullopt;
      return sizeof(T) + 1 + BlockCount(values.count) * sizeof(T) +
             PackedSize(values.count, frame->width);
    }
  });
}

void Encode(const ChunkValues& values, std::string* out) {
  DispatchPhysical(values.type.physical(), [&]<typename T>() {
    if constexpr (!kDeltaType<T>) {
      FLUX_CHECK(false);
    } else {
      using U = std::make_unsigned_t<T>;
      auto filled = FilledValues<T>(values);
      FLUX_CHECK(!filled.empty());
      auto frame = ComputeFrame<T>(filled);
      FLUX_CHECK(frame.has_value());
      AppendValue(out, frame->min_delta);
      AppendValue(out, static_cast<uint8_t>(frame->width));
      for (idx_t b = 0; b < BlockCount(values.count); b++) {
        AppendValue(out, static_cast<T>(filled[b * kDeltaBlock]));
      }
      std::vector<U> offsets(values.count);
      const U min_delta = static_cast<U>(frame->min_delta);
      for (idx_t i = 0; i < values.count; i++) {
        offsets[i] =
            i % kDeltaBlock == 0 ? 0 : static_cast<U>(filled[i] - filled[i - 1] - min_delta);
      }
      PackBits(offsets.data(), values.count, frame->width, out);
    }
  });
}

StatusOr<std::unique_ptr<ChunkDecoder>> Open(LogicalType type, const uint8_t* data, idx_t size,
                                             idx_t count) {
  return DispatchPhysical(
      type.physical(), [&]<typename T>() -> StatusOr<std::unique_ptr<ChunkDecoder>> {
        if constexpr (!kDeltaType<T>) {
          return MalformedChunk(Encoding::kDelta, Concat("unsupported type ", type.ToString()));
        } else {
          if (type.physical() == PhysicalType::kInvalid) {
            return MalformedChunk(Encoding::kDelta, "unsupported type");
          }
          ByteReader reader(data, size);
          T min_delta;
          uint8_t width;
          if (!reader.Read(&min_delta) || !reader.Read(&width)) {
            return MalformedChunk(Encoding::kDelta, "header is missing");
          }
          if (width > sizeof(T) * 8) return MalformedChunk(Encoding::kDelta, "bit width too large");
          const uint8_t* blocks;
          const uint8_t* packed;
          if (!reader.TakeArray(BlockCount(count), sizeof(T), &blocks) ||
              !TakePacked(reader, count, width, &packed) || reader.remaining() != 0) {
            return MalformedChunk(Encoding::kDelta,
                                  "blocks and offsets do not match the chunk size");
          }
          return std::make_unique<DeltaDecoder<T>>(min_delta, width, blocks, packed, count);
        }
      });
}

}  // namespace

const Codec kDeltaCodec = {Encoding::kDelta, &Estimate, &Encode, &Open};

}  // namespace fluxdb::compression
