// RLE (encoding id 2): runs of equal consecutive values, each stored once with its length.
// Applies to every physical type. A NULL row never ends a run: it joins the run in progress (or,
// at the start of the chunk, the first run), since its value does not matter. Equality is bitwise
// for fixed-width types and byte-wise for strings. Runs longer than 65535 rows are split.
//
// Layout after the id byte (all integers little endian):
//   uint32                 run_count (0 only when the chunk has no rows)
//   run_count x uint16     run lengths, each 1..65535, summing to the chunk's row count
//   run values             one per run, in order:
//     fixed-width types:   run_count values in PLAIN's representation (run_count * width bytes)
//     VARCHAR/BLOB:        run_count x uint32 end offsets into the byte area (non-decreasing),
//                          then the byte area (end[run_count-1] bytes), as PLAIN strings
// A run made only of NULL rows holds zeros (an empty string).
// Total size: 4 + 2 * run_count + size of the run values. Decoders reject any other size.
#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "storage/compression/byte_stream.h"
#include "storage/compression/codecs.h"
#include "storage/compression/value_predicate.h"

namespace fluxdb::compression {

namespace {

constexpr idx_t kMaxRunLength = UINT16_MAX;

template <typename T>
class RleDecoder final : public ChunkDecoder {
  using S = StorageOf<T>;

 public:
  // `ends[r]` is the row after run r; `values` the run values area (for strings, the end
  // offsets followed by the bytes).
  RleDecoder(LogicalType type, std::vector<uint32_t> ends, const uint8_t* values,
             const char* string_bytes)
      : type_(type), ends_(std::move(ends)), values_(values), string_bytes_(string_bytes) {}

  void Decode(idx_t offset, idx_t count, Vector& out) override {
    idx_t rows = ends_.empty() ? 0 : ends_.back();
    FLUX_CHECK(offset <= rows && count <= rows - offset && count <= out.capacity());
    if (count == 0) return;
    idx_t run = FindRun(offset);
    idx_t end = offset + count;
    Window window;
    if constexpr (std::is_same_v<T, StringRef>) {
      idx_t last = std::upper_bound(ends_.begin() + run, ends_.end(), end - 1) - ends_.begin();
      window = PrepareStrings(run, last, out);
    }
    S* dst = out.data<S>();
    if (end <= ends_[run]) {
      // The whole range is one run.
      dst[0] = RunValue(run, window);
      out.MarkConstant();
      return;
    }
    idx_t row = offset;
    while (row < end) {
      idx_t run_end = std::min<idx_t>(ends_[run], end);
      std::fill(dst + (row - offset), dst + (run_end - offset), RunValue(run, window));
      row = run_end;
      if (row < end) run++;
    }
    cursor_ = run;
  }

  std::optional<idx_t> Filter(idx_t offset, idx_t count, const ColumnFilter& filter,
                              SelectionVector& sel) override {
    idx_t rows = ends_.empty() ? 0 : ends_.back();
    FLUX_CHECK(offset <= rows && count <= rows - offset);
    auto predicate = ValuePredicate<T>::Make(filter, type_);
    if (!predicate) return std::nullopt;
    if (count == 0 || predicate->never()) return 0;
    idx_t run = FindRun(offset);
    idx_t end = offset + count;
    idx_t n = 0;
    idx_t row = offset;
    while (row < end) {
      idx_t run_end = std::min<idx_t>(ends_[run], end);
      if (predicate->Matches(RunValue(run, Window{string_bytes_, 0}))) {
        n = SelectRange(row - offset, run_end - offset, sel, n);
      }
      row = run_end;
      if (row < end) run++;
    }
    cursor_ = run;
    return n;
  }

 private:
  // The run holding `row`: scans on from the cursor for sequential reads, else binary search.
  idx_t FindRun(idx_t row) {
    idx_t run = cursor_;
    idx_t run_start = run == 0 ? 0 : ends_[run - 1];
    if (row >= run_start) {
      // Sequential scans step over at most a few runs.
      for (int step = 0; step < 8 && run < ends_.size(); step++, run++) {
        if (row < ends_[run]) return cursor_ = run;
      }
    }
    run = std::upper_bound(ends_.begin(), ends_.end(), row) - ends_.begin();
    return cursor_ = run;
  }

  // Strings: where the bytes of the runs being decoded are read from; a run's value starts at
  // data + (its offset in the byte area - begin).
  struct Window {
    const char* data = nullptr;
    uint32_t begin = 0;
  };

  uint32_t StringEnd(idx_t run) const { return LoadValue<uint32_t>(values_ + run * 4); }
  uint32_t StringStart(idx_t run) const { return run == 0 ? 0 : StringEnd(run - 1); }

  // Makes the long string values of runs [first, last] readable for as long as `out` lives: by
  // keeping the owner of the encoded bytes alive, or else by one copy of their bytes.
  Window PrepareStrings(idx_t first, idx_t last, Vector& out) {
    uint32_t begin = StringStart(first);
    Window window{string_bytes_ + begin, begin};
    bool any_long = false;
    for (idx_t r = first; r <= last; r++) {
      any_long |= StringEnd(r) - StringStart(r) > StringRef::kInlineLength;
    }
    if (!any_long) return window;
    if (owner_) {
      out.KeepAlive(owner_);
      return window;
    }
    idx_t size = StringEnd(last) - begin;
    auto copy = std::make_shared_for_overwrite<char[]>(size);
    std::memcpy(copy.get(), window.data, size);
    window.data = copy.get();
    out.KeepAlive(std::move(copy));
    return window;
  }

  S RunValue(idx_t run, const Window& window) const {
    if constexpr (std::is_same_v<T, StringRef>) {
      uint32_t begin = StringStart(run);
      return StringRef(window.data + (begin - window.begin), StringEnd(run) - begin);
    } else {
      S value = LoadValue<S>(values_ + run * sizeof(S));
      if constexpr (std::is_same_v<T, bool>) value = value != 0;
      return value;
    }
  }

  LogicalType type_;
  std::vector<uint32_t> ends_;
  const uint8_t* values_;
  const char* string_bytes_;
  idx_t cursor_ = 0;
};

// Calls on_run(row, length, representative) for each run: `representative` is the run's first
// non-NULL row (kInvalidIndex when the run is all NULL), `row` that row or else the run's first.
template <typename T, typename OnRun>
void ForEachRun(const ChunkValues& values, OnRun&& on_run) {
  using S = StorageOf<T>;
  const auto* data = reinterpret_cast<const S*>(values.data);
  bool nulls = HasNulls(values);
  auto equal = [&](idx_t a, idx_t b) {
    if constexpr (std::is_same_v<T, StringRef>) {
      return data[a] == data[b];
    } else if constexpr (std::is_same_v<T, bool>) {
      return (data[a] != 0) == (data[b] != 0);
    } else {
      return std::memcmp(&data[a], &data[b], sizeof(S)) == 0;
    }
  };
  idx_t start = 0;
  idx_t representative = kInvalidIndex;  // kInvalidIndex while the run has only NULLs
  for (idx_t i = 0; i < values.count; i++) {
    bool valid = !nulls || values.validity->IsValid(i);
    bool ends_run = i - start == kMaxRunLength ||
                    (valid && representative != kInvalidIndex && !equal(i, representative));
    if (ends_run) {
      on_run(representative == kInvalidIndex ? start : representative, i - start, representative);
      start = i;
      representative = kInvalidIndex;
    }
    if (valid && representative == kInvalidIndex) representative = i;
  }
  if (values.count > start) {
    on_run(representative == kInvalidIndex ? start : representative, values.count - start,
           representative);
  }
}

std::optional<idx_t> Estimate(const ChunkValues& values) {
  PhysicalType physical = values.type.physical();
  if (physical == PhysicalType::kInvalid || values.count > UINT32_MAX) return std::nullopt;
  return DispatchPhysical(physical, [&]<typename T>() -> std::optional<idx_t> {
    idx_t runs = 0;
    idx_t string_bytes = 0;
    ForEachRun<T>(values, [&](idx_t row, idx_t length, idx_t representative) {
      runs++;
      if constexpr (std::is_same_v<T, StringRef>) {
        if (representative != kInvalidIndex) {
          string_bytes += reinterpret_cast<const StringRef*>(values.data)[row].size();
        }
      }
    });
    if constexpr (std::is_same_v<T, StringRef>) {
      if (string_bytes > UINT32_MAX) return std::nullopt;
      return 4 + runs * (2 + 4) + string_bytes;
    } else {
      return 4 + runs * (2 + sizeof(StorageOf<T>));
    }
  });
}

void Encode(const ChunkValues& values, std::string* out) {
  PhysicalType physical = values.type.physical();
  FLUX_CHECK(physical != PhysicalType::kInvalid && values.count <= UINT32_MAX);
  DispatchPhysical(physical, [&]<typename T>() {
    using S = StorageOf<T>;
    const auto* data = reinterpret_cast<const S*>(values.data);
    std::vector<uint16_t> lengths;
    std::vector<idx_t> representatives;  // kInvalidIndex for an all-NULL run
    ForEachRun<T>(values, [&](idx_t row, idx_t length, idx_t representative) {
      lengths.push_back(static_cast<uint16_t>(length));
      representatives.push_back(representative);
    });
    AppendValue(out, static_cast<uint32_t>(lengths.size()));
    AppendBytes(out, lengths.data(), lengths.size() * sizeof(uint16_t));
    if constexpr (std::is_same_v<T, StringRef>) {
      uint64_t end = 0;
      for (idx_t row : representatives) {
        if (row != kInvalidIndex) end += data[row].size();
        FLUX_CHECK(end <= UINT32_MAX);
        AppendValue(out, static_cast<uint32_t>(end));
      }
      for (idx_t row : representatives) {
        if (row != kInvalidIndex) AppendBytes(out, data[row].data(), data[row].size());
      }
    } else {
      for (idx_t row : representatives) {
        S value{};
        if (row != kInvalidIndex) {
          std::memcpy(&value, &data[row], sizeof(S));
          if constexpr (std::is_same_v<T, bool>) value = value != 0;
        }
        AppendValue(out, value);
      }
    }
  });
}

StatusOr<std::unique_ptr<ChunkDecoder>> Open(LogicalType type, const uint8_t* data, idx_t size,
                                             idx_t count) {
  PhysicalType physical = type.physical();
  if (physical == PhysicalType::kInvalid) {
    return MalformedChunk(Encoding::kRle, Concat("unsupported type ", type.ToString()));
  }
  if (count > UINT32_MAX) return MalformedChunk(Encoding::kRle, "too many rows");
  ByteReader reader(data, size);
  uint32_t run_count;
  const uint8_t* lengths;
  if (!reader.Read(&run_count) || !reader.TakeArray(run_count, sizeof(uint16_t), &lengths)) {
    return MalformedChunk(Encoding::kRle, "run lengths exceed the chunk");
  }
  if (run_count > count) return MalformedChunk(Encoding::kRle, "more runs than rows");
  std::vector<uint32_t> ends(run_count);
  idx_t rows = 0;
  for (idx_t r = 0; r < run_count; r++) {
    uint16_t length = LoadValue<uint16_t>(lengths + r * sizeof(uint16_t));
    if (length == 0) return MalformedChunk(Encoding::kRle, "empty run");
    rows += length;
    if (rows > count) return MalformedChunk(Encoding::kRle, "runs exceed the row count");
    ends[r] = static_cast<uint32_t>(rows);
  }
  if (rows != count) return MalformedChunk(Encoding::kRle, "runs do not cover the row count");
  return DispatchPhysical(physical, [&]<typename T>() -> StatusOr<std::unique_ptr<ChunkDecoder>> {
    const uint8_t* values;
    const char* string_bytes = nullptr;
    if constexpr (std::is_same_v<T, StringRef>) {
      if (!reader.TakeArray(run_count, sizeof(uint32_t), &values)) {
        return MalformedChunk(Encoding::kRle, "string offsets exceed the chunk");
      }
      uint32_t previous = 0;
      for (idx_t r = 0; r < run_count; r++) {
        uint32_t end = LoadValue<uint32_t>(values + r * sizeof(uint32_t));
        if (end < previous) return MalformedChunk(Encoding::kRle, "string offsets decrease");
        previous = end;
      }
      if (previous != reader.remaining()) {
        return MalformedChunk(Encoding::kRle, "string bytes do not match the chunk size");
      }
      string_bytes = reinterpret_cast<const char*>(reader.position());
    } else {
      if (!reader.TakeArray(run_count, sizeof(StorageOf<T>), &values) || reader.remaining() != 0) {
        return MalformedChunk(Encoding::kRle, "run values do not match the chunk size");
      }
    }
    return std::make_unique<RleDecoder<T>>(type, std::move(ends), values, string_bytes);
  });
}

}  // namespace

const Codec kRleCodec = {Encoding::kRle, &Estimate, &Encode, &Open};

}  // namespace fluxdb::compression
