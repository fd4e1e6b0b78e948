// PLAIN (encoding id 0): the values as they are in memory. Applies to every physical type; it is
// the fallback when no other encoding is smaller.
//
// Layout after the id byte (all integers little endian; `count` comes from the column chunk and
// is not stored):
//   Fixed-width types: `count` values of the physical width, back to back:
//     BOOLEAN 1 byte (0 = false, anything else = true; writers write 0/1), TINYINT..BIGINT and
//     HUGEINT two's complement (1, 2, 4, 8, 16 bytes), FLOAT/DOUBLE IEEE-754 binary32/binary64,
//     INTERVAL 16 bytes (months int32, days int32, micros int64). DATE is int32, TIME and
//     TIMESTAMP int64, DECIMAL the int16/int32/int64/int128 of its width.
//     Total size: count * width.
//   VARCHAR/BLOB:
//     count x uint32  end offset of value i's bytes within the byte area (non-decreasing; value
//                     i spans [end[i-1], end[i]), with end[-1] = 0)
//     bytes           the byte area, end[count-1] bytes (none when count is 0)
//     Total size: 4 * count + end[count-1].
// The bytes of NULL rows are unspecified in vectors; writers store zeros (empty strings).
// Decoders reject any size that differs from the total above.
#include <algorithm>
#include <cstring>
#include <memory>

#include "storage/compression/byte_stream.h"
#include "storage/compression/codecs.h"

namespace fluxdb::compression {

namespace {

// A chunk of fixed-width values is a plain array: decoding is one memcpy.
template <typename T>
class PlainFixedDecoder final : public ChunkDecoder {
  using S = StorageOf<T>;

 public:
  PlainFixedDecoder(const uint8_t* data, idx_t count) : data_(data), count_(count) {}

  void Decode(idx_t offset, idx_t count, Vector& out) override {
    FLUX_CHECK(offset <= count_ && count <= count_ - offset && count <= out.capacity());
    const uint8_t* src = data_ + offset * sizeof(S);
    if constexpr (std::is_same_v<T, bool>) {
      // Only 0 and 1 may be loaded as bool.
      uint8_t* dst = out.raw_data();
      for (idx_t i = 0; i < count; i++) dst[i] = src[i] != 0;
    } else {
      std::memcpy(out.raw_data(), src, count * sizeof(S));
    }
  }

 private:
  const uint8_t* data_;
  idx_t count_;
};

// The StringRef of `length` bytes at `p` (see common/string_ref.h), built without branching on
// the length, since lengths of short and long strings alternate unpredictably in many columns.
// Reads 12 bytes at `p` whatever the length: the caller guarantees that they are readable.
inline void MakeStringRef(const char* p, uint32_t length, StringRef* out) {
  uint32_t head;
  uint64_t tail;
  std::memcpy(&head, p, 4);
  std::memcpy(&tail, p + 4, 8);
  // Inlined strings are zero padded: keep only the bytes within the string.
  uint32_t head_bytes = std::min(length, 4u);
  uint64_t head_mask = (uint64_t{1} << (8 * head_bytes)) - 1;
  uint32_t tail_bits = 8 * std::min(length - head_bytes, 8u);
  uint64_t tail_mask = ((uint64_t{1} << (tail_bits & 63)) - 1) | (0 - uint64_t{tail_bits >> 6});
  uint64_t words[2];
  words[0] = length | (uint64_t{head & head_mask} << 32);
  // A select by mask: compilers turn a conditional here into a mispredicted branch.
  uint64_t is_long = 0 - uint64_t{length > StringRef::kInlineLength};
  words[1] = (tail & tail_mask & ~is_long) | (reinterpret_cast<uint64_t>(p) & is_long);
  std::memcpy(static_cast<void*>(out), words, sizeof(words));
}

// Long strings point into the encoded bytes when the decoder shares their ownership (the output
// vector then keeps them alive), else into one copy of the vector's bytes made per Decode call,
// because the vector may outlive this decoder and its page.
class PlainStringDecoder final : public ChunkDecoder {
 public:
  PlainStringDecoder(const uint8_t* ends, const char* bytes, idx_t byte_count, idx_t count)
      : ends_(ends), bytes_(bytes), byte_count_(byte_count), count_(count) {}

  void Decode(idx_t offset, idx_t count, Vector& out) override {
    FLUX_CHECK(offset <= count_ && count <= count_ - offset && count <= out.capacity());
    if (count == 0) return;
    uint32_t begin = offset == 0 ? 0 : End(offset - 1);
    uint32_t end = End(offset + count - 1);
    uint32_t longest = 0;
    uint32_t start = begin;
    for (idx_t i = 0; i < count; i++) {
      uint32_t next = End(offset + i);
      longest = std::max(longest, next - start);
      start = next;
    }
    // Value i's bytes are at data + (its start - begin); `readable` bytes may be read from data.
    const char* data = bytes_ + begin;
    idx_t readable = byte_count_ - begin;
    if (longest > StringRef::kInlineLength) {
      if (owner_) {
        out.KeepAlive(owner_);
      } else {
        idx_t size = end - begin;
        auto copy = std::make_shared_for_overwrite<char[]>(size + StringRef::kInlineLength);
        std::memcpy(copy.get(), data, size);
        std::memset(copy.get() + size, 0, StringRef::kInlineLength);
        data = copy.get();
        readable = size + StringRef::kInlineLength;
        out.KeepAlive(std::move(copy));
      }
    }
    StringRef* dst = out.data<StringRef>();
    start = begin;
    for (idx_t i = 0; i < count; i++) {
      uint32_t next = End(offset + i);
      idx_t at = start - begin;
      if (at + StringRef::kInlineLength <= readable) {
        MakeStringRef(data + at, next - start, &dst[i]);
      } else {
        // The last few strings of the chunk, too close to its end for a 12-byte read.
        dst[i] = StringRef(data + at, next - start);
      }
      start = next;
    }
  }

 private:
  uint32_t End(idx_t row) const { return LoadValue<uint32_t>(ends_ + row * sizeof(uint32_t)); }

  const uint8_t* ends_;
  const char* bytes_;
  idx_t byte_count_;
  idx_t count_;
};

std::optional<idx_t> Estimate(const ChunkValues& values) {
  PhysicalType physical = values.type.physical();
  if (physical == PhysicalType::kInvalid) return std::nullopt;
  if (physical != PhysicalType::kString) return values.count * values.type.physical_size();
  const auto* strings = reinterpret_cast<const StringRef*>(values.data);
  idx_t bytes = 0;
  bool nulls = HasNulls(values);
  for (idx_t i = 0; i < values.count; i++) {
    if (nulls && !values.validity->IsValid(i)) continue;
    bytes += strings[i].size();
  }
  if (bytes > UINT32_MAX) return std::nullopt;
  return values.count * sizeof(uint32_t) + bytes;
}

void EncodeStrings(const ChunkValues& values, std::string* out) {
  const auto* strings = reinterpret_cast<const StringRef*>(values.data);
  bool nulls = HasNulls(values);
  uint64_t end = 0;
  for (idx_t i = 0; i < values.count; i++) {
    if (!nulls || values.validity->IsValid(i)) end += strings[i].size();
    FLUX_CHECK(end <= UINT32_MAX);
    AppendValue(out, static_cast<uint32_t>(end));
  }
  for (idx_t i = 0; i < values.count; i++) {
    if (nulls && !values.validity->IsValid(i)) continue;
    AppendBytes(out, strings[i].data(), strings[i].size());
  }
}

void Encode(const ChunkValues& values, std::string* out) {
  PhysicalType physical = values.type.physical();
  FLUX_CHECK(physical != PhysicalType::kInvalid);
  if (physical == PhysicalType::kString) return EncodeStrings(values, out);
  idx_t width = values.type.physical_size();
  idx_t start = out->size();
  AppendBytes(out, values.data, values.count * width);
  char* dst = out->data() + start;
  if (physical == PhysicalType::kBool) {
    for (idx_t i = 0; i < values.count; i++) dst[i] = dst[i] != 0;
  }
  if (HasNulls(values)) {
    for (idx_t i = 0; i < values.count; i++) {
      if (!values.validity->IsValid(i)) std::memset(dst + i * width, 0, width);
    }
  }
}

StatusOr<std::unique_ptr<ChunkDecoder>> OpenStrings(const uint8_t* data, idx_t size, idx_t count) {
  ByteReader reader(data, size);
  const uint8_t* ends;
  if (!reader.TakeArray(count, sizeof(uint32_t), &ends)) {
    return MalformedChunk(Encoding::kPlain, "string offsets exceed the chunk");
  }
  uint32_t previous = 0;
  for (idx_t i = 0; i < count; i++) {
    uint32_t end = LoadValue<uint32_t>(ends + i * sizeof(uint32_t));
    if (end < previous) return MalformedChunk(Encoding::kPlain, "string offsets decrease");
    previous = end;
  }
  if (previous != reader.remaining()) {
    return MalformedChunk(Encoding::kPlain, "string bytes do not match the chunk size");
  }
  return std::make_unique<PlainStringDecoder>(
      ends, reinterpret_cast<const char*>(reader.position()), previous, count);
}

StatusOr<std::unique_ptr<ChunkDecoder>> Open(LogicalType type, const uint8_t* data, idx_t size,
                                             idx_t count) {
  PhysicalType physical = type.physical();
  if (physical == PhysicalType::kInvalid) {
    return MalformedChunk(Encoding::kPlain, Concat("unsupported type ", type.ToString()));
  }
  return DispatchPhysical(physical, [&]<typename T>() -> StatusOr<std::unique_ptr<ChunkDecoder>> {
    if constexpr (std::is_same_v<T, StringRef>) {
      return OpenStrings(data, size, count);
    } else {
      if (size / sizeof(T) < count || size != count * sizeof(T)) {
        return MalformedChunk(Encoding::kPlain, "size does not match the row count");
      }
      return std::make_unique<PlainFixedDecoder<T>>(data, count);
    }
  });
}

}  // namespace

std::optional<idx_t> EstimatePlain(const ChunkValues& values) { return Estimate(values); }
void EncodePlain(const ChunkValues& values, std::string* out) { Encode(values, out); }
StatusOr<std::unique_ptr<ChunkDecoder>> OpenPlainStrings(const uint8_t* data, idx_t size,
                                                         idx_t count) {
  return OpenStrings(data, size, count);
}

const Codec kPlainCodec = {Encoding::kPlain, &Estimate, &Encode, &Open};

}  // namespace fluxdb::compression
