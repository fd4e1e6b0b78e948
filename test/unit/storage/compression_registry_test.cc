// The codec table: names, choosing an encoding, and the id byte.
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storage/compression/codec.h"
#include "test/unit/storage/compression_test_column.h"

namespace fluxdb::compression::testing {
namespace {

constexpr Encoding kAllEncodings[] = {Encoding::kPlain,      Encoding::kConstant, Encoding::kRle,
                                      Encoding::kDictionary, Encoding::kBitpack,  Encoding::kZstd,
                                      Encoding::kDelta};

TEST(CodecRegistry, NamesRoundTrip) {
  for (Encoding encoding : kAllEncodings) {
    EXPECT_EQ(EncodingFromName(EncodingName(encoding)), encoding);
    EXPECT_EQ(GetCodec(encoding).encoding, encoding);
  }
  EXPECT_EQ(EncodingFromName("PLAIN"), Encoding::kPlain);
  EXPECT_EQ(EncodingFromName("Constant"), Encoding::kConstant);
  EXPECT_EQ(EncodingFromName("rle"), Encoding::kRle);
  EXPECT_EQ(EncodingFromName("Dictionary"), Encoding::kDictionary);
  EXPECT_EQ(EncodingFromName("BitPacking"), Encoding::kBitpack);
  EXPECT_EQ(EncodingFromName("bitpack"), Encoding::kBitpack);
  EXPECT_EQ(EncodingFromName("Uncompressed"), Encoding::kPlain);
  EXPECT_EQ(EncodingFromName("ZSTD"), Encoding::kZstd);
  EXPECT_EQ(EncodingFromName("Delta"), Encoding::kDelta);
  EXPECT_EQ(EncodingFromName("lz4"), std::nullopt);
  EXPECT_EQ(EncodingFromName(""), std::nullopt);
  EXPECT_EQ(EncodingFromName("plai"), std::nullopt);
}

TEST(CodecRegistry, UnknownIdIsCorruption) {
  for (int id : {7, 17, 255}) {
    uint8_t bytes[] = {static_cast<uint8_t>(id), 0, 0, 0, 0};
    auto decoder = OpenChunk(LogicalType::Integer(), bytes, sizeof(bytes), 1);
    ASSERT_FALSE(decoder.ok());
    EXPECT_NE(decoder.status().message().find("Corruption Error"), std::string::npos)
        << decoder.status();
    EXPECT_NE(decoder.status().message().find(std::to_string(id)), std::string::npos)
        << decoder.status();
  }
  auto empty = OpenChunk(LogicalType::Integer(), nullptr, 0, 0);
  EXPECT_FALSE(empty.ok());
}

TEST(CodecRegistry, EncodeChunkPrefixesTheId) {
  auto column = MakeColumn(LogicalType::Integer(), 10, Shape::kRandom, 0, 1);
  std::string bytes;
  EncodeChunk(Encoding::kPlain, column->chunk(), &bytes);
  ASSERT_EQ(bytes.size(), 1 + 10 * sizeof(int32_t));
  EXPECT_EQ(bytes[0], 0);
  EXPECT_EQ(std::memcmp(bytes.data() + 1, column->data(), 40), 0);
}

// ChooseEncoding returns an applicable encoding of minimal estimate, and among equals the one
// cheapest to decode.
TEST(CodecRegistry, ChooseEncodingPicksTheSmallest) {
  constexpr Encoding kCostOrder[] = {Encoding::kConstant,   Encoding::kBitpack, Encoding::kRle,
                                     Encoding::kDictionary, Encoding::kDelta,   Encoding::kPlain,
                                     Encoding::kZstd};
  uint64_t seed = 100;
  for (LogicalType type : AllTestTypes()) {
    for (Shape shape : kAllShapes) {
      for (idx_t size : {0, 1, 100, 5000}) {
        auto column = MakeColumn(type, size, shape, 0.1, seed++);
        Encoding chosen = ChooseEncoding(column->chunk());
        std::optional<idx_t> best;
        Encoding expected = Encoding::kPlain;
        for (Encoding encoding : kCostOrder) {
          auto estimate = GetCodec(encoding).estimate(column->chunk());
          if (estimate && (!best || *estimate < *best)) {
            best = estimate;
            expected = encoding;
          }
        }
        EXPECT_EQ(chosen, expected) << type.ToString() << " " << ShapeName(shape) << " " << size;
      }
    }
  }
}

TEST(CodecRegistry, ForcedEncodingWinsWhenItApplies) {
  auto column = MakeColumn(LogicalType::Integer(), 3000, Shape::kConstant, 0, 5);
  EXPECT_EQ(ChooseEncoding(column->chunk(), Encoding::kPlain), Encoding::kPlain);
  EXPECT_EQ(ChooseEncoding(column->chunk(), Encoding::kRle), Encoding::kRle);
  auto strings = MakeColumn(LogicalType::Varchar(), 3000, Shape::kRandom, 0, 5);
  // Bit packing does not apply to strings: fall back to choosing.
  EXPECT_EQ(ChooseEncoding(strings->chunk(), Encoding::kBitpack), ChooseEncoding(strings->chunk()));
}

// Free text (distinct values built from a small vocabulary, like TPC-H's comments) is where
// ZSTD wins: dictionary encoding cannot share whole values, Zstandard shares the words.
TEST(CodecRegistry, FreeTextChoosesZstd) {
  const char* words[] = {"carefully", "final",  "deposits", "sleep",  "quickly",  "among",  "the",
                         "furiously", "ironic", "packages", "haggle", "blithely", "regular"};
  std::mt19937_64 rng(9);
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; i++) {
    std::string text;
    for (int w = 0; w < 6; w++) text += Concat(words[rng() % 13], " ");
    texts.push_back(text + std::to_string(i));
  }
  std::vector<StringRef> refs;
  for (const std::string& text : texts) refs.emplace_back(text.data(), text.size());
  ChunkValues values{LogicalType::Varchar(), reinterpret_cast<const uint8_t*>(refs.data()), nullptr,
                     refs.size()};
  ASSERT_EQ(ChooseEncoding(values), Encoding::kZstd);
  idx_t plain = GetCodec(Encoding::kPlain).estimate(values).value();
  idx_t zstd = GetCodec(Encoding::kZstd).estimate(values).value();
  EXPECT_LT(zstd * 3, plain) << "zstd " << zstd << " plain " << plain;
  // Small chunks stay PLAIN: decompressing them would cost more than the bytes saved.
  ChunkValues small = values;
  small.count = 20;
  EXPECT_FALSE(GetCodec(Encoding::kZstd).estimate(small).has_value());
  // Not a codec for other types.
  auto integers = MakeColumn(LogicalType::Integer(), 5000, Shape::kRuns, 0, 3);
  EXPECT_FALSE(GetCodec(Encoding::kZstd).estimate(integers->chunk()).has_value());
}

// Sorted keys with small steps (l_orderkey-like: runs of equal keys, then a jump of 1..32) are
// where DELTA wins over frame-of-reference bit packing of the values themselves.
TEST(CodecRegistry, SortedKeysChooseDelta) {
  std::mt19937_64 rng(4);
  std::vector<int64_t> keys;
  int64_t key = 5'000'000'000;
  while (keys.size() < 100000) {
    key += 1 + rng() % 32;
    for (uint64_t n = 1 + rng() % 7; n > 0 && keys.size() < 100000; n--) keys.push_back(key);
  }
  ChunkValues values{LogicalType::BigInt(), reinterpret_cast<const uint8_t*>(keys.data()), nullptr,
                     keys.size()};
  ASSERT_EQ(ChooseEncoding(values), Encoding::kDelta);
  idx_t bitpack = GetCodec(Encoding::kBitpack).estimate(values).value();
  idx_t delta = GetCodec(Encoding::kDelta).estimate(values).value();
  EXPECT_LT(delta * 3, bitpack) << "delta " << delta << " bitpack " << bitpack;
  std::string bytes;
  EncodeChunk(Encoding::kDelta, values, &bytes);
  auto decoder = OpenChunk(LogicalType::BigInt(), reinterpret_cast<const uint8_t*>(bytes.data()),
                           bytes.size(), keys.size());
  ASSERT_TRUE(decoder.ok()) << decoder.status();
  Vector out(LogicalType::BigInt());
  for (idx_t offset : {idx_t{0}, idx_t{2048}, idx_t{5000}, idx_t{97952}}) {
    out.ResetToFlat();
    (*decoder)->Decode(offset, kVectorSize, out);
    for (idx_t i = 0; i < kVectorSize; i++) {
      ASSERT_EQ(out.data<int64_t>()[i], keys[offset + i]) << offset + i;
    }
  }
  // Random values have larger steps than values: bit packing stays smaller.
  auto random = MakeColumn(LogicalType::BigInt(), 5000, Shape::kSmallRange, 0, 8);
  EXPECT_NE(ChooseEncoding(random->chunk()), Encoding::kDelta);
}

}  // namespace
}  // namespace fluxdb::compression::testing
