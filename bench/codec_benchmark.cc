// Decode and filter throughput of each codec on a full column chunk (122,880 rows), vector by
// vector as a table scan calls them. Reported as items (rows) per second.
#include <benchmark/benchmark.h>

#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "common/vector.h"
#include "storage/compression/codec.h"

namespace fluxdb::compression {
namespace {

constexpr idx_t kRows = 122880;

enum class Data { kRandom, kSmallRange, kRuns, kFewDistinct, kConstant };

// A generated column chunk and its encoding.
struct Chunk {
  LogicalType type;
  std::vector<uint8_t> data;
  std::deque<std::string> strings;
  ValidityMask validity{kRows};
  std::string encoded;
};

template <typename T>
std::unique_ptr<Chunk> MakeChunk(LogicalType type, Data shape, Encoding encoding) {
  auto chunk = std::make_unique<Chunk>();
  chunk->type = type;
  chunk->data.resize(kRows * sizeof(T));
  T* values = reinterpret_cast<T*>(chunk->data.data());
  std::mt19937_64 rng(42);
  uint64_t run_key = 0;
  for (idx_t i = 0; i < kRows; i++) {
    uint64_t key = 0;
    switch (shape) {
      case Data::kRandom:
        key = rng();
        break;
      case Data::kSmallRange:
        key = rng() % 1000;  // 10 bits
        break;
      case Data::kRuns:
        if (rng() % 20 == 0) run_key = rng() % 100000;  // runs of 20 on average
        key = run_key;
        break;
      case Data::kFewDistinct:
        key = rng() % 100;
        break;
      case Data::kConstant:
        key = 7;
        break;
    }
    if constexpr (std::is_same_v<T, StringRef>) {
      // Half short (inlined), half long strings.
      std::string s = (key & 1 ? "customer#000" : "c#") + std::to_string(key % 1000000);
      chunk->strings.push_back(s);
      values[i] = StringRef(chunk->strings.back());
    } else {
      values[i] = static_cast<T>(key);
    }
  }
  ChunkValues chunk_values{type, chunk->data.data(), &chunk->validity, kRows};
  if (!GetCodec(encoding).estimate(chunk_values)) return nullptr;
  EncodeChunk(encoding, chunk_values, &chunk->encoded);
  return chunk;
}

template <typename T>
void BM_Decode(benchmark::State& state, LogicalType type, Encoding encoding, Data shape) {
  auto chunk = MakeChunk<T>(type, shape, encoding);
  if (!chunk) {
    state.SkipWithError("codec does not apply");
    return;
  }
  Vector out(type);
  for (auto _ : state) {
    auto decoder = OpenChunk(type, reinterpret_cast<const uint8_t*>(chunk->encoded.data()),
                             chunk->encoded.size(), kRows);
    for (idx_t offset = 0; offset < kRows; offset += kVectorSize) {
      out.ResetToFlat();
      (*decoder)->Decode(offset, kVectorSize, out);
      benchmark::DoNotOptimize(out.raw_data());
    }
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.counters["bytes_per_row"] = static_cast<double>(chunk->encoded.size()) / kRows;
}

template <typename T>
void BM_Filter(benchmark::State& state, LogicalType type, Encoding encoding, Data shape) {
  auto chunk = MakeChunk<T>(type, shape, encoding);
  if (!chunk) {
    state.SkipWithError("codec does not apply");
    return;
  }
  ColumnFilter filter{0, ColumnFilterOp::kLess, Value(), {}};
  if constexpr (std::is_same_v<T, StringRef>) {
    filter.op = ColumnFilterOp::kEqual;
    filter.constant = Value::Varchar("c#50");
  } else {
    filter.constant = Value::FromPhysical<T>(type, static_cast<T>(50));
  }
  SelectionVector sel(kVectorSize);
  idx_t passed = 0;
  for (auto _ : state) {
    auto decoder = OpenChunk(type, reinterpret_cast<const uint8_t*>(chunk->encoded.data()),
                             chunk->encoded.size(), kRows);
    for (idx_t offset = 0; offset < kRows; offset += kVectorSize) {
      passed += (*decoder)->Filter(offset, kVectorSize, filter, sel).value_or(0);
    }
  }
  benchmark::DoNotOptimize(passed);
  state.SetItemsProcessed(state.iterations() * kRows);
}

// Sealing a chunk: estimating every codec, choosing, and encoding with the winner.
template <typename T>
void BM_Seal(benchmark::State& state, LogicalType type, Data shape) {
  auto chunk = MakeChunk<T>(type, shape, Encoding::kPlain);
  ChunkValues values{type, chunk->data.data(), &chunk->validity, kRows};
  std::string encoded;
  for (auto _ : state) {
    encoded.clear();
    EncodeChunk(ChooseEncoding(values), values, &encoded);
    benchmark::DoNotOptimize(encoded.data());
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetLabel(EncodingName(static_cast<Encoding>(encoded[0])));
}

// Registers one benchmark per codec for a type, on data shaped for that codec.
template <typename T>
void RegisterType(const char* name, LogicalType type) {
  struct Case {
    Encoding encoding;
    Data shape;
    const char* shape_name;
  };
  const Case cases[] = {{Encoding::kPlain, Data::kRandom, "random"},
                        {Encoding::kConstant, Data::kConstant, "constant"},
                        {Encoding::kRle, Data::kRuns, "runs20"},
                        {Encoding::kDictionary, Data::kFewDistinct, "distinct100"},
                        {Encoding::kBitpack, Data::kSmallRange, "range1000"}};
  for (const Case& c : cases) {
    benchmark::RegisterBenchmark(
        (std::string("Seal/") + name + "/" + c.shape_name).c_str(),
        [=](benchmark::State& state) { BM_Seal<T>(state, type, c.shape); });
  }
  for (const Case& c : cases) {
    if (std::is_same_v<T, StringRef> && c.encoding == Encoding::kBitpack) continue;
    std::string suffix = std::string(name) + "/" + EncodingName(c.encoding) + "/" + c.shape_name;
    benchmark::RegisterBenchmark(("Decode/" + suffix).c_str(), [=](benchmark::State& state) {
      BM_Decode<T>(state, type, c.encoding, c.shape);
    });
    if (c.encoding == Encoding::kPlain) continue;
    benchmark::RegisterBenchmark(("Filter/" + suffix).c_str(), [=](benchmark::State& state) {
      BM_Filter<T>(state, type, c.encoding, c.shape);
    });
  }
}

}  // namespace
}  // namespace fluxdb::compression

int main(int argc, char** argv) {
  using namespace fluxdb;
  compression::RegisterType<int32_t>("int32", LogicalType::Integer());
  compression::RegisterType<int64_t>("int64", LogicalType::BigInt());
  compression::RegisterType<StringRef>("string", LogicalType::Varchar());
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
