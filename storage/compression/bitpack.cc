// BITPACKING (encoding id 4): frame of reference plus bit packing. The chunk stores its minimum
// non-NULL value and, per row, value - minimum in W bits, W being the bits needed for
// maximum - minimum. Applies to BOOLEAN and the integer physical types TINYINT..BIGINT (and so
// DATE, TIME, TIMESTAMP and DECIMAL up to 18 digits), and to HUGEINT (DECIMAL up to 38 digits)
// when maximum - minimum fits in 64 bits.
//
// Layout after the id byte (all integers little endian):
//   min        the frame of reference, in PLAIN's representation of one value: 1 byte for
//              BOOLEAN (0 or 1) and TINYINT, 2 for SMALLINT, 4 for INTEGER, 8 for BIGINT, 16 for
//              HUGEINT (two's complement)
//   uint8      W, the bit width: 0..1 for BOOLEAN, 0..8/16/32/64 for TINYINT/SMALLINT/INTEGER/
//              BIGINT, 0..64 for HUGEINT
//   offsets    one unsigned W-bit offset per row, bit-packed as described in bit_packing.h (a
//              little-endian bit stream, LSB first): ceil(row_count * W / 8) bytes. Row i's value
//              is min + offset[i], computed modulo 2^(8 * width) (two's complement wrap).
//              NULL rows have offset 0.
// Total size: width + 1 + ceil(row_count * W / 8). Decoders reject any other size, a W above
// the type's maximum, and a BOOLEAN chunk whose values could exceed 1.
// When no row is non-NULL, min is 0 and W is 0.
#include <algorithm>
#include <cstring>
#include <vector>

#include "storage/compression/bit_packing.h"
#include "storage/compression/byte_stream.h"
#include "storage/compression/codecs.h"
#include "storage/compression/value_predicate.h"

namespace fluxdb::compression {

namespace {

template <typename T>
constexpr bool kBitpackable =
    std::is_same_v<T, bool> || std::is_same_v<T, int8_t> || std::is_same_v<T, int16_t> ||
    std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t> || std::is_same_v<T, int128_t>;

// The unsigned type offsets are unpacked into: the value's width, but at most 64 bits.
template <typename T>
struct OffsetType {
  using type = std::make_unsigned_t<T>;
};
template <>
struct OffsetType<bool> {
  using type = uint8_t;
};
template <>
struct OffsetType<int128_t> {
  using type = uint64_t;
};
template <typename T>
using OffsetOf = typename OffsetType<T>::type;

template <typename T>
constexpr int kMaxWidth = std::is_same_v<T, bool> ? 1 : sizeof(OffsetOf<T>) * 8;

// The unsigned type of a value's full width, in which min + offset wraps.
template <typename T>
struct WrapType {
  using type = OffsetOf<T>;
};
template <>
struct WrapType<int128_t> {
  using type = uint128_t;
};
template <typename T>
using WrapOf = typename WrapType<T>::type;

/// The frame of a chunk: its minimum and the bit width of maximum - minimum.
template <typename T>
struct Frame {
  StorageOf<T> min = 0;
  int width = 0;
};

// One pass for the minimum and maximum non-NULL values; nullopt if the range needs over 64 bits.
template <typename T>
std::optional<Frame<T>> ComputeFrame(const ChunkValues& values) {
  using S = StorageOf<T>;
  const auto* data = reinterpret_cast<const S*>(values.data);
  bool nulls = HasNulls(values);
  S min = 0, max = 0;
  bool any = false;
  auto value_at = [&](idx_t i) -> S {
    if constexpr (std::is_same_v<T, bool>) return data[i] != 0;
    return data[i];
  };
  if (!nulls && values.count > 0) {
    // The common NULL-free case: a branch-free min/max loop.
    min = max = value_at(0);
    for (idx_t i = 1; i < values.count; i++) {
      S v = value_at(i);
      min = v < min ? v : min;
      max = v > max ? v : max;
    }
    any = true;
  } else {
    for (idx_t i = 0; i < values.count; i++) {
      if (!values.validity->IsValid(i)) continue;
      S v = value_at(i);
      if (!any) {
        min = max = v;
        any = true;
      }
      min = v < min ? v : min;
      max = v > max ? v : max;
    }
  }
  Frame<T> frame;
  if (!any) return frame;
  using W = WrapOf<T>;
  W range = static_cast<W>(static_cast<W>(max) - static_cast<W>(min));
  if (range > std::numeric_limits<uint64_t>::max()) return std::nullopt;
  frame.min = min;
  frame.width = BitWidth(static_cast<uint64_t>(range));
  return frame;
}

template <typename T>
class BitpackDecoder final : public ChunkDecoder {
  using S = StorageOf<T>;
  using U = OffsetOf<T>;
  using W = WrapOf<T>;

 public:
  BitpackDecoder(LogicalType type, S min, int width, const uint8_t* packed, idx_t count)
      : type_(type), min_(min), width_(width), packed_(packed), count_(count) {}

  void Decode(idx_t offset, idx_t count, Vector& out) override {
    FLUX_CHECK(offset <= count_ && count <= count_ - offset && count <= out.capacity());
    S* dst = out.data<S>();
    if (width_ == 0) {
      dst[0] = min_;
      out.MarkConstant();
      return;
    }
    if constexpr (std::is_same_v<T, int128_t>) {
      uint64_t offsets[kVectorSize];
      for (idx_t done = 0; done < count; done += kVectorSize) {
        idx_t block = std::min(kVectorSize, count - done);
        UnpackBits<uint64_t>(packed_, count_, width_, offset + done, block, 0, offsets);
        for (idx_t i = 0; i < block; i++) {
          dst[done + i] = static_cast<int128_t>(static_cast<W>(min_) + offsets[i]);
        }
      }
    } else {
      // Same-width signed and unsigned integers may alias.
      UnpackBits<U>(packed_, count_, width_, offset, count, static_cast<U>(min_),
                    reinterpret_cast<U*>(dst));
    }
  }

  std::optional<idx_t> Filter(idx_t offset, idx_t count, const ColumnFilter& filter,
                              SelectionVector& sel) override {
    FLUX_CHECK(offset <= count_ && count <= count_ - offset);
    if (!ConstantsHaveType(filter, type_)) return std::nullopt;
    switch (filter.op) {
      case ColumnFilterOp::kEqual:
      case ColumnFilterOp::kLess:
      case ColumnFilterOp::kLessEqual:
      case ColumnFilterOp::kGreater:
      case ColumnFilterOp::kGreaterEqual:
        break;
      case ColumnFilterOp::kInList:
        return FilterInList(offset, count, filter, sel);
      default:
        return std::nullopt;
    }
    if (filter.constant.is_null()) return 0;
    uint64_t target;
    switch (Locate(filter.constant.GetInt128(), &target)) {
      case Position::kBelow:  // every value is greater than the constant
        return filter.op == ColumnFilterOp::kGreater || filter.op == ColumnFilterOp::kGreaterEqual
                   ? SelectRange(0, count, sel, 0)
                   : 0;
      case Position::kAbove:  // every value is less than the constant
        return filter.op == ColumnFilterOp::kLess || filter.op == ColumnFilterOp::kLessEqual
                   ? SelectRange(0, count, sel, 0)
                   : 0;
      case Position::kInside:
        break;
    }
    U c = static_cast<U>(target);
    switch (filter.op) {
      case ColumnFilterOp::kEqual:
        return SelectOffsets(offset, count, sel, [c](U v) { return v == c; });
      case ColumnFilterOp::kLess:
        return SelectOffsets(offset, count, sel, [c](U v) { return v < c; });
      case ColumnFilterOp::kLessEqual:
        return SelectOffsets(offset, count, sel, [c](U v) { return v <= c; });
      case ColumnFilterOp::kGreater:
        return SelectOffsets(offset, count, sel, [c](U v) { return v > c; });
      default:
        return SelectOffsets(offset, count, sel, [c](U v) { return v >= c; });
    }
  }

 private:
  enum class Position { kBelow, kInside, kAbove };

  // Where `constant` lies relative to the representable values min .. min + 2^W - 1; inside,
  // `*target` is its offset from min.
  Position Locate(int128_t constant, uint64_t* target) const {
    int128_t min = static_cast<int128_t>(min_);
    if (constant < min) return Position::kBelow;
    uint128_t distance = static_cast<uint128_t>(constant) - static_cast<uint128_t>(min);
    uint64_t max_offset = width_ == 64 ? ~uint64_t{0} : (uint64_t{1} << width_) - 1;
    if (distance > max_offset) return Position::kAbove;
    *target = static_cast<uint64_t>(distance);
    return Position::kInside;
  }

  std::optional<idx_t> FilterInList(idx_t offset, idx_t count, const ColumnFilter& filter,
                                    SelectionVector& sel) {
    constexpr idx_t kMaxListSize = 64;
    U targets[kMaxListSize];
    idx_t n = 0;
    for (const Value& value : filter.values) {
      uint64_t target;
      if (value.is_null() || Locate(value.GetInt128(), &target) != Position::kInside) continue;
      if (n == kMaxListSize) return std::nullopt;
      targets[n++] = static_cast<U>(target);
    }
    if (n == 0) return 0;
    return SelectOffsets(offset, count, sel, [&](U v) {
      bool found = false;
      for (idx_t i = 0; i < n; i++) found |= v == targets[i];
      return found;
    });
  }

  // Unpacks offsets (without adding min) block by block and selects the rows passing `test`.
  template <typename Test>
  idx_t SelectOffsets(idx_t offset, idx_t count, SelectionVector& sel, Test test) {
    sel_t* out = sel.data();
    idx_t n = 0;
    U offsets[kVectorSize];
    for (idx_t done = 0; done < count; done += kVectorSize) {
      idx_t block = std::min(kVectorSize, count - done);
      UnpackBits<U>(packed_, count_, width_, offset + done, block, 0, offsets);
      for (idx_t i = 0; i < block; i++) {
        out[n] = static_cast<sel_t>(done + i);
        n += test(offsets[i]);
      }
    }
    return n;
  }

  LogicalType type_;
  S min_;
  int width_;
  const uint8_t* packed_;
  idx_t count_;
};

std::optional<idx_t> Estimate(const ChunkValues& values) {
  return DispatchPhysical(values.type.physical(), [&]<typename T>() -> std::optional<idx_t> {
    if constexpr (!kBitpackable<T>) {
      return std::nullopt;
    } else {
      if (values.type.physical() == PhysicalType::kInvalid) return std::nullopt;
      auto frame = ComputeFrame<T>(values);
      if (!frame) return std::nullopt;
      return sizeof(StorageOf<T>) + 1 + PackedSize(values.count, frame->width);
    }
  });
}

void Encode(const ChunkValues& values, std::string* out) {
  DispatchPhysical(values.type.physical(), [&]<typename T>() {
    if constexpr (!kBitpackable<T>) {
      FLUX_CHECK(false);
    } else {
      using S = StorageOf<T>;
      using U = OffsetOf<T>;
      using W = WrapOf<T>;
      auto frame = ComputeFrame<T>(values);
      FLUX_CHECK(frame.has_value());
      const auto* data = reinterpret_cast<const S*>(values.data);
      std::vector<U> offsets(values.count);
      W min = static_cast<W>(frame->min);
      bool nulls = HasNulls(values);
      for (idx_t i = 0; i < values.count; i++) {
        S v = data[i];
        if constexpr (std::is_same_v<T, bool>) v = v != 0;
        offsets[i] = static_cast<U>(static_cast<W>(v) - min);
      }
      if (nulls) {
        for (idx_t i = 0; i < values.count; i++) {
          if (!values.validity->IsValid(i)) offsets[i] = 0;
        }
      }
      AppendValue(out, frame->min);
      AppendValue(out, static_cast<uint8_t>(frame->width));
      PackBits(offsets.data(), values.count, frame->width, out);
    }
  });
}

StatusOr<std::unique_ptr<ChunkDecoder>> Open(LogicalType type, const uint8_t* data, idx_t size,
                                             idx_t count) {
  return DispatchPhysical(
      type.physical(), [&]<typename T>() -> StatusOr<std::unique_ptr<ChunkDecoder>> {
        if constexpr (!kBitpackable<T>) {
          return MalformedChunk(Encoding::kBitpack, Concat("unsupported type ", type.ToString()));
        } else {
          if (type.physical() == PhysicalType::kInvalid) {
            return MalformedChunk(Encoding::kBitpack, "unsupported type");
          }
          ByteReader reader(data, size);
          StorageOf<T> min;
          uint8_t width;
          if (!reader.Read(&min) || !reader.Read(&width)) {
            return MalformedChunk(Encoding::kBitpack, "header is missing");
          }
          if (width > kMaxWidth<T>)
            return MalformedChunk(Encoding::kBitpack, "bit width too large");
          if constexpr (std::is_same_v<T, bool>) {
            // Only 0 and 1 may ever be decoded as a bool.
            if (min > 1 || min + width > 1) {
              return MalformedChunk(Encoding::kBitpack, "boolean values exceed 1");
            }
          }
          const uint8_t* packed;
          if (!TakePacked(reader, count, width, &packed) || reader.remaining() != 0) {
            return MalformedChunk(Encoding::kBitpack, "offsets do not match the chunk size");
          }
          return std::make_unique<BitpackDecoder<T>>(type, min, width, packed, count);
        }
      });
}

}  // namespace

const Codec kBitpackCodec = {Encoding::kBitpack, &Estimate, &Encode, &Open};

}  // namespace fluxdb::compression
