// Every codec, forced, on every physical type, value shape and chunk size: decode must return
// exactly what was encoded, whole vectors and at arbitrary offsets.
#include <algorithm>
#include <random>

#include "gtest/gtest.h"
#include "storage/compression/codec.h"
#include "test/unit/storage/compression_test_column.h"

namespace fluxdb::compression::testing {
namespace {

constexpr idx_t kSizes[] = {0, 1, 2047, 2048, 2049, 122880};
constexpr Encoding kAllEncodings[] = {Encoding::kPlain,      Encoding::kConstant, Encoding::kRle,
                                      Encoding::kDictionary, Encoding::kBitpack,  Encoding::kZstd,
                                      Encoding::kDelta};

// Decodes the whole chunk vector by vector and then at random offsets; returns mismatches. With
// `with_owner`, the decoder shares ownership of the encoded bytes (and may decode strings
// without copying them).
idx_t CheckRoundTrip(const TestColumn& column, Encoding encoding, uint64_t seed,
                     bool with_owner = false) {
  auto bytes = std::make_shared<std::string>(EncodeColumn(column, encoding));
  const auto* data = reinterpret_cast<const uint8_t*>(bytes->data());
  auto opened = with_owner ? OpenChunk(column.type(), data, bytes->size(), column.count(), bytes)
                           : OpenChunk(column.type(), data, bytes->size(), column.count());
  EXPECT_TRUE(opened.ok()) << opened.status();
  if (!opened.ok()) return 1;
  std::unique_ptr<ChunkDecoder> decoder = std::move(opened).value();
  idx_t mismatches = 0;
  Vector out(column.type());
  for (idx_t offset = 0; offset < column.count(); offset += kVectorSize) {
    idx_t count = std::min(kVectorSize, column.count() - offset);
    out.ResetToFlat();
    decoder->Decode(offset, count, out);
    mismatches += CountMismatches(column, offset, count, out);
  }
  if (column.count() == 0) return mismatches;
  // Random access, also backwards, reusing the same decoder (and any cursor it keeps).
  std::mt19937_64 rng(seed);
  for (int i = 0; i < 20; i++) {
    idx_t offset = rng() % column.count();
    idx_t count = std::min<idx_t>(rng() % (kVectorSize + 1), column.count() - offset);
    out.ResetToFlat();
    decoder->Decode(offset, count, out);
    mismatches += CountMismatches(column, offset, count, out);
  }
  return mismatches;
}

class RoundTripTest : public ::testing::TestWithParam<LogicalType> {};

TEST_P(RoundTripTest, EveryCodecShapeSizeAndNulls) {
  LogicalType type = GetParam();
  uint64_t seed = 1;
  for (idx_t size : kSizes) {
    for (Shape shape : kAllShapes) {
      for (double nulls : {0.0, 0.2}) {
        auto column = MakeColumn(type, size, shape, nulls, seed++);
        for (Encoding encoding : kAllEncodings) {
          if (!GetCodec(encoding).estimate(column->chunk())) {
            EXPECT_NE(encoding, Encoding::kPlain) << "plain must apply to every type";
            continue;
          }
          SCOPED_TRACE(Concat(type.ToString(), " ", EncodingName(encoding), " ", ShapeName(shape),
                              " rows=", size, " nulls=", nulls));
          EXPECT_EQ(CheckRoundTrip(*column, encoding, seed), 0u);
          if (type.physical() == PhysicalType::kString) {
            EXPECT_EQ(CheckRoundTrip(*column, encoding, seed, /*with_owner=*/true), 0u);
          }
        }
      }
    }
  }
}

TEST_P(RoundTripTest, AllNullChunk) {
  LogicalType type = GetParam();
  for (idx_t size : {1, 3000}) {
    auto column = MakeColumn(type, size, Shape::kRandom, 1.0, 7);
    for (Encoding encoding : kAllEncodings) {
      if (!GetCodec(encoding).estimate(column->chunk())) continue;
      SCOPED_TRACE(EncodingName(encoding));
      EXPECT_EQ(CheckRoundTrip(*column, encoding, 3), 0u);
    }
    // Nothing is known about the values, so the smallest encoding is a constant.
    EXPECT_EQ(ChooseEncoding(column->chunk()), Encoding::kConstant);
  }
}

// Decoded vectors stay valid after the decoder and the encoded bytes are gone: without an owner
// they hold copies, with one they keep the owner alive.
TEST_P(RoundTripTest, VectorsOutliveDecoderAndBytes) {
  LogicalType type = GetParam();
  for (Encoding encoding : kAllEncodings) {
    for (bool with_owner : {false, true}) {
      for (Shape shape : {Shape::kRandom, Shape::kRuns, Shape::kConstant, Shape::kFewDistinct}) {
        auto column = MakeColumn(type, 3000, shape, 0.1, 99);
        if (!GetCodec(encoding).estimate(column->chunk())) continue;
        SCOPED_TRACE(Concat(EncodingName(encoding), " ", ShapeName(shape), " owner=", with_owner));
        std::vector<Vector> outputs;
        {
          auto bytes = std::make_shared<std::string>(EncodeColumn(*column, encoding));
          const auto* data = reinterpret_cast<const uint8_t*>(bytes->data());
          auto decoder = with_owner ? OpenChunk(type, data, bytes->size(), column->count(), bytes)
                                    : OpenChunk(type, data, bytes->size(), column->count());
          ASSERT_TRUE(decoder.ok());
          for (idx_t offset = 0; offset < 3000; offset += 1000) {
            outputs.emplace_back(type);
            (*decoder)->Decode(offset, 1000, outputs.back());
          }
          // Overwrite the bytes; with an owner they must still be referenced, not freed.
          if (!with_owner) std::fill(bytes->begin(), bytes->end(), '\x5a');
        }
        for (idx_t i = 0; i < outputs.size(); i++) {
          EXPECT_EQ(CountMismatches(*column, i * 1000, 1000, outputs[i]), 0u);
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Types, RoundTripTest, ::testing::ValuesIn(AllTestTypes()),
                         [](const ::testing::TestParamInfo<LogicalType>& info) {
                           std::string name = info.param.ToString();
                           std::replace_if(
                               name.begin(), name.end(), [](char c) { return !isalnum(c); }, '_');
                           return name;
                         });

// Codecs must apply where their encoding is meant for.
TEST(CodecApplicability, ExpectedCodecsAccept) {
  for (LogicalType type : AllTestTypes()) {
    PhysicalType physical = type.physical();
    bool integral = physical == PhysicalType::kBool || physical == PhysicalType::kInt8 ||
                    physical == PhysicalType::kInt16 || physical == PhysicalType::kInt32 ||
                    physical == PhysicalType::kInt64 || physical == PhysicalType::kInt128;
    SCOPED_TRACE(type.ToString());
    auto constant = MakeColumn(type, 5000, Shape::kConstant, 0.1, 11);
    EXPECT_TRUE(GetCodec(Encoding::kConstant).estimate(constant->chunk()));
    auto runs = MakeColumn(type, 5000, Shape::kRuns, 0.1, 12);
    EXPECT_TRUE(GetCodec(Encoding::kRle).estimate(runs->chunk()));
    auto few = MakeColumn(type, 5000, Shape::kFewDistinct, 0.1, 13);
    EXPECT_EQ(GetCodec(Encoding::kDictionary).estimate(few->chunk()).has_value(),
              physical != PhysicalType::kBool);
    auto small = MakeColumn(type, 5000, Shape::kSmallRange, 0.1, 14);
    EXPECT_EQ(GetCodec(Encoding::kBitpack).estimate(small->chunk()).has_value(), integral);
    auto random = MakeColumn(type, 5000, Shape::kRandom, 0.1, 15);
    EXPECT_FALSE(GetCodec(Encoding::kConstant).estimate(random->chunk()));
  }
}

}  // namespace
}  // namespace fluxdb::compression::testing
