// DICTIONARY (encoding id 3): the chunk's distinct values, once each, and per row the bit-packed
// index (code) of its value. Applies to every physical type except BOOLEAN, and is considered
// only while the chunk has between 1 and kMaxDictionarySize (65536) distinct non-NULL values
// (and not when its first 4096 non-NULL values are over 90% distinct).
// Distinctness is bitwise for fixed-width types and byte-wise for strings. Dictionary entries are
// in order of first appearance.
//
// Layout after the id byte (all integers little endian):
//   uint32     entry_count (n); n <= the chunk's row count, and n = 0 only when no row is non-NULL
//   entries    the n dictionary values:
//                fixed-width types: n values in PLAIN's representation (n * width bytes)
//                VARCHAR/BLOB: n x uint32 end offsets into the byte area (non-decreasing), then
//                the byte area (end[n-1] bytes), as PLAIN strings
//   codes      one code per row, bit-packed as described in bit_packing.h (a little-endian bit
//              stream, LSB first) with bit width W = number of bits of (n - 1) (W = 0 when
//              n <= 1, and then the codes take no bytes): ceil(row_count * W / 8) bytes. A code
//              is < n; NULL rows have code 0.
// Total size: 4 + size of the entries + ceil(row_count * W / 8). Decoders reject any other size.
// A code >= n (possible in a malformed chunk, when n is not a power of two) decodes as a zero
// value (an empty string) rather than being read out of bounds.
#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "storage/compression/bit_packing.h"
#include "storage/compression/byte_stream.h"
#include "storage/compression/codecs.h"
#include "storage/compression/value_predicate.h"

namespace fluxdb::compression {

namespace {

// Bounds the hash table built while estimating, and keeps codes within 16 bits.
constexpr idx_t kMaxDictionarySize = 1 << 16;

int CodeWidth(idx_t entries) { return entries <= 1 ? 0 : BitWidth(entries - 1); }

// The key identifying a distinct value: its bits for fixed-width types, its bytes for strings.
template <typename T>
auto DistinctKey(const StorageOf<T>& value) {
  using S = StorageOf<T>;
  if constexpr (std::is_same_v<T, StringRef>) {
    return value;
  } else if constexpr (sizeof(S) == 16) {
    std::pair<uint64_t, uint64_t> bits;
    std::memcpy(&bits.first, &value, 8);
    std::memcpy(&bits.second, reinterpret_cast<const uint8_t*>(&value) + 8, 8);
    return bits;
  } else if constexpr (std::is_floating_point_v<S>) {
    std::conditional_t<sizeof(S) == 4, uint32_t, uint64_t> bits;
    std::memcpy(&bits, &value, sizeof(S));
    return bits;
  } else {
    return value;
  }
}

// Strings are hashed by their bytes and compared as StringRefs, whose equality mostly decides on
// the length and prefix without a memcmp call.
struct StringRefHash {
  size_t operator()(const StringRef& s) const {
    return absl::Hash<absl::string_view>()(absl::string_view(s.data(), s.size()));
  }
};
template <typename Key>
using DistinctIndex = std::conditional_t<std::is_same_v<Key, StringRef>,
                                         absl::flat_hash_map<StringRef, uint32_t, StringRefHash>,
                                         absl::flat_hash_map<Key, uint32_t>>;

// Assigns codes to the distinct non-NULL values in order of first appearance; stops and returns
// false once there are more than `limit`. `entries` receives the row of each entry's first
// occurrence and `codes` (when not null) each row's code. With `give_up_if_unique`, it also stops
// when the first kUniqueSample non-NULL values are nearly all distinct: such a chunk almost never
// has a dictionary smaller than its plain encoding, and building a large hash table for nothing
// would dominate the cost of sealing it.
constexpr idx_t kUniqueSample = 4096;

template <typename T>
bool BuildDictionary(const ChunkValues& values, idx_t limit, bool give_up_if_unique,
                     std::vector<idx_t>* entries, std::vector<uint32_t>* codes) {
  using S = StorageOf<T>;
  const auto* data = reinterpret_cast<const S*>(values.data);
  bool nulls = HasNulls(values);
  using Key = decltype(DistinctKey<T>(data[0]));
  DistinctIndex<Key> index;
  if (codes) codes->assign(values.count, 0);
  idx_t seen = 0;
  // The previous non-NULL value and its code: repeats (runs, constant stretches) skip the hash.
  Key previous{};
  uint32_t previous_code = 0;
  for (idx_t i = 0; i < values.count; i++) {
    if (nulls && !values.validity->IsValid(i)) continue;
    Key key = DistinctKey<T>(data[i]);
    uint32_t code;
    if (seen > 0 && key == previous) {
      code = previous_code;
    } else {
      auto [it, inserted] = index.try_emplace(key, static_cast<uint32_t>(entries->size()));
      if (inserted) {
        if (entries->size() == limit) return false;
        entries->push_back(i);
      }
      code = it->second;
      previous = key;
      previous_code = code;
    }
    if (codes) (*codes)[i] = code;
    if (++seen == kUniqueSample && give_up_if_unique && entries->size() > seen * 9 / 10) {
      return false;
    }
  }
  return true;
}

template <typename T>
class DictionaryDecoder final : public ChunkDecoder {
  using S = StorageOf<T>;

 public:
  DictionaryDecoder(std::shared_ptr<Vector> dictionary, idx_t entries, const uint8_t* codes,
                    int width, idx_t count)
      : dictionary_(std::move(dictionary)),
        entries_(entries),
        codes_(codes),
        width_(width),
        count_(count) {}

  void Decode(idx_t offset, idx_t count, Vector& out) override {
    FLUX_CHECK(offset <= count_ && count <= count_ - offset && count <= out.capacity());
    if (width_ == 0) {
      // Every code is 0.
      if constexpr (std::is_same_v<T, StringRef>) {
        out.data<StringRef>()[0] = out.AddString(dictionary_->data<StringRef>()[0].view());
      } else {
        out.data<S>()[0] = dictionary_->data<S>()[0];
      }
      out.MarkConstant();
      return;
    }
    SelectionVector codes(count == 0 ? 1 : count);
    UnpackBits<uint32_t>(codes_, count_, width_, offset, count, 0, codes.data());
    out.SetDictionary(dictionary_, std::move(codes));
  }

  std::optional<idx_t> Filter(idx_t offset, idx_t count, const ColumnFilter& filter,
                              SelectionVector& sel) override {
    FLUX_CHECK(offset <= count_ && count <= count_ - offset);
    if (!PrepareMatches(filter)) return std::nullopt;
    if (matching_entries_ == 0) return 0;
    if (matching_entries_ == entries_) return SelectRange(0, count, sel, 0);
    const uint8_t* match = matches_.data();
    sel_t* out = sel.data();
    idx_t n = 0;
    uint32_t codes[kVectorSize];
    for (idx_t done = 0; done < count; done += kVectorSize) {
      idx_t block = std::min(kVectorSize, count - done);
      UnpackBits<uint32_t>(codes_, count_, width_, offset + done, block, 0, codes);
      for (idx_t i = 0; i < block; i++) {
        out[n] = static_cast<sel_t>(done + i);
        n += match[codes[i]];
      }
    }
    return n;
  }

 private:
  // Evaluates the filter on every dictionary entry, once per distinct filter.
  bool PrepareMatches(const ColumnFilter& filter) {
    if (prepared_ && filter.op == prepared_op_ && filter.constant == prepared_constant_ &&
        filter.values == prepared_values_) {
      return true;
    }
    auto predicate = ValuePredicate<T>::Make(filter, dictionary_->type());
    if (!predicate) return false;
    matches_.assign(dictionary_->capacity(), 0);
    matching_entries_ = 0;
    const S* values = dictionary_->data<S>();
    for (idx_t e = 0; e < entries_; e++) {
      matches_[e] = predicate->Matches(values[e]);
      matching_entries_ += matches_[e];
    }
    prepared_ = true;
    prepared_op_ = filter.op;
    prepared_constant_ = filter.constant;
    prepared_values_ = filter.values;
    return true;
  }

  // Padded with zero values up to 2^width entries, so that any code is a valid index.
  std::shared_ptr<Vector> dictionary_;
  idx_t entries_;
  const uint8_t* codes_;
  int width_;
  idx_t count_;

  bool prepared_ = false;
  ColumnFilterOp prepared_op_ = ColumnFilterOp::kEqual;
  Value prepared_constant_;
  std::vector<Value> prepared_values_;
  std::vector<uint8_t> matches_;  // per entry: 1 if it passes the prepared filter
  idx_t matching_entries_ = 0;
};

std::optional<idx_t> Estimate(const ChunkValues& values) {
  PhysicalType physical = values.type.physical();
  if (physical == PhysicalType::kInvalid || physical == PhysicalType::kBool) return std::nullopt;
  return DispatchPhysical(physical, [&]<typename T>() -> std::optional<idx_t> {
    std::vector<idx_t> entries;
    if (!BuildDictionary<T>(values, kMaxDictionarySize, /*give_up_if_unique=*/true, &entries,
                            nullptr)) {
      return std::nullopt;
    }
    // Without any non-NULL value CONSTANT is the encoding to use.
    if (entries.empty()) return std::nullopt;
    idx_t entry_bytes;
    if constexpr (std::is_same_v<T, StringRef>) {
      const auto* data = reinterpret_cast<const StringRef*>(values.data);
      entry_bytes = 4 * entries.size();
      for (idx_t row : entries) entry_bytes += data[row].size();
    } else {
      entry_bytes = entries.size() * sizeof(StorageOf<T>);
    }
    return 4 + entry_bytes + PackedSize(values.count, CodeWidth(entries.size()));
  });
}

void Encode(const ChunkValues& values, std::string* out) {
  PhysicalType physical = values.type.physical();
  FLUX_CHECK(physical != PhysicalType::kInvalid && physical != PhysicalType::kBool);
  DispatchPhysical(physical, [&]<typename T>() {
    using S = StorageOf<T>;
    const auto* data = reinterpret_cast<const S*>(values.data);
    std::vector<idx_t> entries;
    std::vector<uint32_t> codes;
    FLUX_CHECK(
        BuildDictionary<T>(values, UINT32_MAX, /*give_up_if_unique=*/false, &entries, &codes));
    AppendValue(out, static_cast<uint32_t>(entries.size()));
    if constexpr (std::is_same_v<T, StringRef>) {
      uint64_t end = 0;
      for (idx_t row : entries) {
        end += data[row].size();
        FLUX_CHECK(end <= UINT32_MAX);
        AppendValue(out, static_cast<uint32_t>(end));
      }
      for (idx_t row : entries) AppendBytes(out, data[row].data(), data[row].size());
    } else {
      for (idx_t row : entries) AppendValue(out, data[row]);
    }
    PackBits(codes.data(), codes.size(), CodeWidth(entries.size()), out);
  });
}

StatusOr<std::unique_ptr<ChunkDecoder>> Open(LogicalType type, const uint8_t* data, idx_t size,
                                             idx_t count) {
  PhysicalType physical = type.physical();
  if (physical == PhysicalType::kInvalid || physical == PhysicalType::kBool) {
    return MalformedChunk(Encoding::kDictionary, Concat("unsupported type ", type.ToString()));
  }
  ByteReader reader(data, size);
  uint32_t entries;
  if (!reader.Read(&entries)) return MalformedChunk(Encoding::kDictionary, "header is missing");
  if (entries > count) return MalformedChunk(Encoding::kDictionary, "more entries than rows");
  int width = CodeWidth(entries);
  idx_t capacity = idx_t{1} << width;
  return DispatchPhysical(physical, [&]<typename T>() -> StatusOr<std::unique_ptr<ChunkDecoder>> {
    using S = StorageOf<T>;
    // Checked before allocating, so that the allocation is bounded by the chunk's size.
    idx_t entry_width = std::is_same_v<T, StringRef> ? sizeof(uint32_t) : sizeof(S);
    const uint8_t* entry_data;
    if (!reader.TakeArray(entries, entry_width, &entry_data)) {
      return MalformedChunk(Encoding::kDictionary, "entries exceed the chunk");
    }
    auto dictionary = std::make_shared<Vector>(LogicalType(type), capacity);
    S* values = dictionary->data<S>();
    std::memset(static_cast<void*>(values), 0, capacity * sizeof(S));
    if constexpr (std::is_same_v<T, StringRef>) {
      uint32_t previous = 0;
      for (idx_t e = 0; e < entries; e++) {
        uint32_t end = LoadValue<uint32_t>(entry_data + e * sizeof(uint32_t));
        if (end < previous) return MalformedChunk(Encoding::kDictionary, "string offsets decrease");
        previous = end;
      }
      const uint8_t* bytes;
      if (!reader.Take(previous, &bytes)) {
        return MalformedChunk(Encoding::kDictionary, "string bytes exceed the chunk");
      }
      // The entries are copied once, so decoded vectors never point into the page.
      char* copy = dictionary->string_heap().Allocate(previous == 0 ? 1 : previous);
      std::memcpy(copy, bytes, previous);
      uint32_t begin = 0;
      for (idx_t e = 0; e < entries; e++) {
        uint32_t end = LoadValue<uint32_t>(entry_data + e * sizeof(uint32_t));
        values[e] = StringRef(copy + begin, end - begin);
        begin = end;
      }
    } else {
      std::memcpy(static_cast<void*>(values), entry_data, entries * sizeof(S));
    }
    const uint8_t* codes;
    if (!TakePacked(reader, count, width, &codes) || reader.remaining() != 0) {
      return MalformedChunk(Encoding::kDictionary, "codes do not match the chunk size");
    }
    return std::make_unique<DictionaryDecoder<T>>(std::move(dictionary), entries, codes, width,
                                                  count);
  });
}

}  // namespace

const Codec kDictionaryCodec = {Encoding::kDictionary, &Estimate, &Encode, &Open};

}  // namespace fluxdb::compression
