// CONSTANT (encoding id 1): every non-NULL row of the chunk holds the same value (the values in
// NULL slots do not matter), so the chunk stores that value once. A chunk with no non-NULL row is
// constant too. Applies to every physical type; equality is bitwise for fixed-width types (so
// -0.0 and 0.0, or two NaN payloads, are different values) and byte-wise for strings.
//
// Layout after the id byte (little endian):
//   Fixed-width types: the value, in PLAIN's representation of one value (BOOLEAN 1 byte 0/1,
//     read as true when non-zero; INTERVAL months int32, days int32, micros int64 ...).
//     Total size: the physical width.
//   VARCHAR/BLOB:
//     uint32  length
//     bytes   `length` bytes
//     Total size: 4 + length.
// When no row is non-NULL, writers store zeros (an empty string).
// Decoders reject any other size.
#include <cstring>

#include "storage/compression/byte_stream.h"
#include "storage/compression/codecs.h"
#include "storage/compression/value_predicate.h"

namespace fluxdb::compression {

namespace {

template <typename T>
class ConstantDecoder final : public ChunkDecoder {
  using S = StorageOf<T>;

 public:
  ConstantDecoder(LogicalType type, S value, idx_t count)
      : type_(type), value_(value), count_(count) {}

  void Decode(idx_t offset, idx_t count, Vector& out) override {
    FLUX_CHECK(offset <= count_ && count <= count_ - offset && count <= out.capacity());
    if constexpr (std::is_same_v<T, StringRef>) {
      // The value's bytes belong to the page: the vector keeps the page or gets its own copy.
      if (value_.IsInlined()) {
        out.data<StringRef>()[0] = value_;
      } else if (owner_) {
        out.data<StringRef>()[0] = value_;
        out.KeepAlive(owner_);
      } else {
        out.data<StringRef>()[0] = out.AddString(value_.view());
      }
    } else {
      out.data<S>()[0] = value_;
    }
    out.MarkConstant();
  }

  std::optional<idx_t> Filter(idx_t offset, idx_t count, const ColumnFilter& filter,
                              SelectionVector& sel) override {
    auto predicate = ValuePredicate<T>::Make(filter, type_);
    if (!predicate) return std::nullopt;
    if (!predicate->Matches(value_)) return 0;
    return SelectRange(0, count, sel, 0);
  }

 private:
  LogicalType type_;
  S value_;  // for strings: refers to the encoded bytes, valid while the decoder lives
  idx_t count_;
};

// Finds the first non-NULL row's value and checks that every other non-NULL row equals it.
template <typename T>
bool IsConstant(const ChunkValues& values) {
  using S = StorageOf<T>;
  const auto* data = reinterpret_cast<const S*>(values.data);
  bool nulls = HasNulls(values);
  idx_t first = 0;
  if (nulls) {
    while (first < values.count && !values.validity->IsValid(first)) first++;
  }
  if (first >= values.count) return true;
  const S& reference = data[first];
  for (idx_t i = first + 1; i < values.count; i++) {
    if (nulls && !values.validity->IsValid(i)) continue;
    if constexpr (std::is_same_v<T, StringRef>) {
      if (data[i] != reference) return false;
    } else if constexpr (std::is_same_v<T, bool>) {
      if ((data[i] != 0) != (reference != 0)) return false;
    } else {
      if (std::memcmp(&data[i], &reference, sizeof(S)) != 0) return false;
    }
  }
  return true;
}

idx_t FirstValidRow(const ChunkValues& values) {
  if (!HasNulls(values)) return 0;
  idx_t row = 0;
  while (row < values.count && !values.validity->IsValid(row)) row++;
  return row;
}

std::optional<idx_t> Estimate(const ChunkValues& values) {
  PhysicalType physical = values.type.physical();
  if (physical == PhysicalType::kInvalid) return std::nullopt;
  return DispatchPhysical(physical, [&]<typename T>() -> std::optional<idx_t> {
    if (!IsConstant<T>(values)) return std::nullopt;
    if constexpr (std::is_same_v<T, StringRef>) {
      idx_t row = FirstValidRow(values);
      if (row >= values.count) return sizeof(uint32_t);
      idx_t length = reinterpret_cast<const StringRef*>(values.data)[row].size();
      return sizeof(uint32_t) + length;
    } else {
      return sizeof(T);
    }
  });
}

void Encode(const ChunkValues& values, std::string* out) {
  PhysicalType physical = values.type.physical();
  FLUX_CHECK(physical != PhysicalType::kInvalid);
  idx_t row = FirstValidRow(values);
  DispatchPhysical(physical, [&]<typename T>() {
    using S = StorageOf<T>;
    const auto* data = reinterpret_cast<const S*>(values.data);
    if constexpr (std::is_same_v<T, StringRef>) {
      std::string_view value = row < values.count ? data[row].view() : std::string_view();
      AppendValue(out, static_cast<uint32_t>(value.size()));
      AppendBytes(out, value.data(), value.size());
    } else if constexpr (std::is_same_v<T, bool>) {
      AppendValue(out, static_cast<uint8_t>(row < values.count && data[row] != 0));
    } else {
      S value{};
      if (row < values.count) std::memcpy(&value, &data[row], sizeof(S));
      AppendValue(out, value);
    }
  });
}

StatusOr<std::unique_ptr<ChunkDecoder>> Open(LogicalType type, const uint8_t* data, idx_t size,
                                             idx_t count) {
  PhysicalType physical = type.physical();
  if (physical == PhysicalType::kInvalid) {
    return MalformedChunk(Encoding::kConstant, Concat("unsupported type ", type.ToString()));
  }
  return DispatchPhysical(physical, [&]<typename T>() -> StatusOr<std::unique_ptr<ChunkDecoder>> {
    using S = StorageOf<T>;
    ByteReader reader(data, size);
    S value;
    if constexpr (std::is_same_v<T, StringRef>) {
      uint32_t length;
      const uint8_t* bytes;
      if (!reader.Read(&length) || !reader.Take(length, &bytes)) {
        return MalformedChunk(Encoding::kConstant, "string exceeds the chunk");
      }
      value = StringRef(reinterpret_cast<const char*>(bytes), length);
    } else {
      if (!reader.Read(&value)) return MalformedChunk(Encoding::kConstant, "value is missing");
      if constexpr (std::is_same_v<T, bool>) value = value != 0;
    }
    if (reader.remaining() != 0) {
      return MalformedChunk(Encoding::kConstant, "bytes after the value");
    }
    return std::make_unique<ConstantDecoder<T>>(type, value, count);
  });
}

}  // namespace

const Codec kConstantCodec = {Encoding::kConstant, &Estimate, &Encode, &Open};

}  // namespace fluxdb::compression
