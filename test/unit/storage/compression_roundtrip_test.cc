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
constexpr Encoding kAllEncodings[] = {Encoding::kPlain, Encoding::kConstant, Encoding::kRle,
                                      Encoding::kDictionary, Encoding::kBitpack};

std::unique_ptr<ChunkDecoder> Open(const TestColumn& column, const std::string& bytes) {
  auto decoder = OpenChunk(column.type(), reinterpret_cast<const uint8_t*>(bytes.data()),
                           bytes.size(), column.count());
  EXPECT_TRUE(decoder.ok()) << decoder.status();
  return decoder.ok() ? std::move(decoder).value() : nullptr;
}

// Decodes the whole chunk vector by vector and then at random offsets; returns mismatches.
idx_t CheckRoundTrip(const TestColumn& column, Encoding encoding, uint64_t seed) {
  std::string bytes = EncodeColumn(column, encoding);
  auto decoder = Open(column, bytes);
  if (!decoder) return 1;
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
