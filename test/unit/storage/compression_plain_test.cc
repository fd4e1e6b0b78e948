// PLAIN: exact byte layout and rejection of malformed chunks.
#include <string>

#include "gtest/gtest.h"
#include "storage/compression/codec.h"
#include "test/unit/storage/compression_test_column.h"

namespace fluxdb::compression::testing {
namespace {

StatusOr<std::unique_ptr<ChunkDecoder>> OpenBytes(LogicalType type, const std::string& bytes,
                                                  idx_t count) {
  return OpenChunk(type, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), count);
}

TEST(PlainCodec, StringLayout) {
  TestColumn column(LogicalType::Varchar(), 3);
  auto* values = column.values<StringRef>();
  values[0] = column.AddString("ab");
  values[1] = column.AddString("this one is long");
  column.validity().SetInvalid(2);
  std::string bytes;
  EncodeChunk(Encoding::kPlain, column.chunk(), &bytes);
  std::string expected("\x00", 1);
  expected += std::string("\x02\x00\x00\x00\x12\x00\x00\x00\x12\x00\x00\x00", 12);
  expected += "abthis one is long";
  EXPECT_EQ(bytes, expected);
}

TEST(PlainCodec, BooleansAreNormalized) {
  TestColumn column(LogicalType::Boolean(), 3);
  column.data()[0] = 0;
  column.data()[1] = 1;
  column.data()[2] = 0x7f;  // a NULL slot with garbage
  column.validity().SetInvalid(2);
  std::string bytes;
  EncodeChunk(Encoding::kPlain, column.chunk(), &bytes);
  EXPECT_EQ(bytes, std::string("\x00\x00\x01\x00", 4));
  // A foreign writer's non-zero byte decodes as true.
  std::string foreign("\x00\x05\x00", 3);
  auto decoder = OpenBytes(LogicalType::Boolean(), foreign, 2);
  ASSERT_TRUE(decoder.ok());
  Vector out(LogicalType::Boolean());
  (*decoder)->Decode(0, 2, out);
  EXPECT_EQ(out.raw_data()[0], 1);
  EXPECT_EQ(out.raw_data()[1], 0);
}

TEST(PlainCodec, RejectsWrongSizes) {
  std::string ints(
      "\x00"
      "abcdefgh",
      9);
  EXPECT_TRUE(OpenBytes(LogicalType::Integer(), ints, 2).ok());
  EXPECT_FALSE(OpenBytes(LogicalType::Integer(), ints, 3).ok());
  EXPECT_FALSE(OpenBytes(LogicalType::Integer(), ints, 1).ok());
  EXPECT_FALSE(OpenBytes(LogicalType::Integer(), ints, idx_t{1} << 62).ok());
  EXPECT_FALSE(OpenBytes(LogicalType::Integer(), ints, ~idx_t{0}).ok());
  // Offsets that decrease, overrun the bytes, or leave bytes unused.
  std::string strings(
      "\x00\x02\x00\x00\x00\x01\x00\x00\x00"
      "ab",
      11);
  EXPECT_FALSE(OpenBytes(LogicalType::Varchar(), strings, 2).ok());
  std::string overrun(
      "\x00\x05\x00\x00\x00"
      "ab",
      7);
  EXPECT_FALSE(OpenBytes(LogicalType::Varchar(), overrun, 1).ok());
  std::string unused(
      "\x00\x01\x00\x00\x00"
      "ab",
      7);
  EXPECT_FALSE(OpenBytes(LogicalType::Varchar(), unused, 1).ok());
  std::string good(
      "\x00\x02\x00\x00\x00"
      "ab",
      7);
  EXPECT_TRUE(OpenBytes(LogicalType::Varchar(), good, 1).ok());
  EXPECT_FALSE(OpenBytes(LogicalType::Varchar(), good, ~idx_t{0}).ok());
  EXPECT_FALSE(OpenBytes(LogicalType::Invalid(), ints, 2).ok());
}

// Long strings must not point into the encoded bytes: the vector can outlive the page.
TEST(PlainCodec, DecodedStringsOutliveTheChunk) {
  auto column = MakeColumn(LogicalType::Varchar(), 100, Shape::kRandom, 0.1, 3);
  Vector out(LogicalType::Varchar());
  {
    std::string bytes;
    EncodeChunk(Encoding::kPlain, column->chunk(), &bytes);
    auto decoder = OpenBytes(LogicalType::Varchar(), bytes, 100);
    ASSERT_TRUE(decoder.ok());
    (*decoder)->Decode(10, 90, out);
    std::fill(bytes.begin(), bytes.end(), 'x');
  }
  EXPECT_EQ(CountMismatches(*column, 10, 90, out), 0u);
}

}  // namespace
}  // namespace fluxdb::compression::testing
