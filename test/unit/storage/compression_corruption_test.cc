// Malformed chunks: truncated, extended, mutated or opened with the wrong row count. Opening must
// fail with a Corruption error or give a decoder that decodes and filters without reading out of
// bounds (these tests are meant to run under ASan as well).
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "storage/compression/codec.h"
#include "test/unit/storage/compression_test_column.h"

namespace fluxdb::compression::testing {
namespace {

constexpr Encoding kAllEncodings[] = {Encoding::kPlain,      Encoding::kConstant, Encoding::kRle,
                                      Encoding::kDictionary, Encoding::kBitpack,  Encoding::kZstd,
                                      Encoding::kDelta};

StatusOr<std::unique_ptr<ChunkDecoder>> OpenBytes(LogicalType type, const std::string& bytes,
                                                  idx_t count) {
  return OpenChunk(type, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), count);
}

bool IsCorruption(const Status& status) {
  return status.message().find("Corruption Error") != std::string_view::npos;
}

// Decodes and filters every row of a chunk that opened; the values do not matter.
void Exercise(ChunkDecoder& decoder, LogicalType type, idx_t count) {
  Vector out(type);
  SelectionVector sel(kVectorSize);
  ColumnFilter filter{0, ColumnFilterOp::kGreaterEqual, Value(type), {}};
  DispatchPhysical(type.physical(), [&]<typename T>() {
    if constexpr (std::is_same_v<T, StringRef>) {
      filter.constant = Value::Varchar("v5");
    } else if constexpr (std::is_same_v<T, Interval>) {
      filter.constant = Value::IntervalValue(Interval{1, 2, 3});
    } else {
      filter.constant = Value::FromPhysical<T>(type, T{});
    }
  });
  for (idx_t offset = 0; offset < count; offset += kVectorSize) {
    idx_t n = std::min(kVectorSize, count - offset);
    out.ResetToFlat();
    decoder.Decode(offset, n, out);
    // Read every value, as a consumer would.
    out.Flatten(n);
    if (type.physical() == PhysicalType::kString) {
      size_t total = 0;
      for (idx_t i = 0; i < n; i++) total += out.data<StringRef>()[i].view().size();
      EXPECT_GE(total, 0u);
    }
    decoder.Filter(offset, n, filter, sel);
    filter.op = ColumnFilterOp::kInList;
    filter.values = {filter.constant};
    decoder.Filter(offset, n, filter, sel);
    filter.op = ColumnFilterOp::kGreaterEqual;
  }
}

class CorruptionTest : public ::testing::TestWithParam<LogicalType> {};

// Every layout has an exact size, so a truncated or extended chunk never opens.
TEST_P(CorruptionTest, TruncatedAndExtendedChunksAreRejected) {
  LogicalType type = GetParam();
  uint64_t seed = 50;
  for (Shape shape : kAllShapes) {
    for (idx_t size : {0, 1, 70, 300}) {
      auto column = MakeColumn(type, size, shape, 0.2, seed++);
      for (Encoding encoding : kAllEncodings) {
        if (!GetCodec(encoding).estimate(column->chunk())) continue;
        SCOPED_TRACE(Concat(EncodingName(encoding), " ", ShapeName(shape), " rows=", size));
        std::string bytes;
        EncodeChunk(encoding, column->chunk(), &bytes);
        ASSERT_TRUE(OpenBytes(type, bytes, size).ok());
        for (idx_t length = 0; length < bytes.size(); length++) {
          auto decoder = OpenBytes(type, bytes.substr(0, length), size);
          ASSERT_FALSE(decoder.ok()) << "truncated to " << length;
          EXPECT_TRUE(IsCorruption(decoder.status())) << decoder.status();
        }
        auto extended = OpenBytes(type, bytes + std::string(1, '\0'), size);
        EXPECT_FALSE(extended.ok());
        // A row count that does not match the chunk.
        for (idx_t count : {size + 1, size * 2 + 64, idx_t{1} << 40, ~idx_t{0}}) {
          auto decoder = OpenBytes(type, bytes, count);
          if (decoder.ok()) {
            // Only CONSTANT (which does not depend on the count) and codecs whose data happens to
            // fit both counts may open; they must then stay within bounds.
            if (count <= 100000) Exercise(**decoder, type, count);
          }
        }
        if (size > 0) {
          auto decoder = OpenBytes(type, bytes, size - 1);
          if (decoder.ok()) Exercise(**decoder, type, size - 1);
        }
      }
    }
  }
}

// Random byte flips of valid chunks: either an error or a decoder that stays within bounds.
TEST_P(CorruptionTest, MutatedChunksNeverReadOutOfBounds) {
  LogicalType type = GetParam();
  std::mt19937_64 rng(77);
  uint64_t seed = 500;
  for (Shape shape : kAllShapes) {
    auto column = MakeColumn(type, 3000, shape, 0.1, seed++);
    for (Encoding encoding : kAllEncodings) {
      if (!GetCodec(encoding).estimate(column->chunk())) continue;
      SCOPED_TRACE(Concat(EncodingName(encoding), " ", ShapeName(shape)));
      std::string bytes;
      EncodeChunk(encoding, column->chunk(), &bytes);
      for (int trial = 0; trial < 150; trial++) {
        std::string mutated = bytes;
        int flips = 1 + rng() % 4;
        for (int f = 0; f < flips; f++) {
          // Headers are at the front: mutate them more often.
          idx_t position =
              rng() % 3 == 0 ? rng() % std::min<idx_t>(mutated.size(), 16) : rng() % mutated.size();
          if (trial % 5 == 0 && position > 0) {
            mutated[position] = static_cast<char>(0xff);
          } else {
            mutated[position] = static_cast<char>(mutated[position] ^ (1 << (rng() % 8)));
          }
        }
        auto decoder = OpenBytes(type, mutated, column->count());
        if (!decoder.ok()) {
          EXPECT_TRUE(IsCorruption(decoder.status())) << decoder.status();
          continue;
        }
        Exercise(**decoder, type, column->count());
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Types, CorruptionTest, ::testing::ValuesIn(AllTestTypes()),
                         [](const ::testing::TestParamInfo<LogicalType>& info) {
                           std::string name = info.param.ToString();
                           std::replace_if(
                               name.begin(), name.end(), [](char c) { return !isalnum(c); }, '_');
                           return name;
                         });

// Hand-made malformed headers for each codec.
TEST(CorruptionCases, HeadersOutOfRange) {
  auto open = [](LogicalType type, std::string bytes, idx_t count) {
    return OpenBytes(type, bytes, count);
  };
  // Bit width above the type's.
  EXPECT_FALSE(open(LogicalType::Integer(), std::string("\x04\0\0\0\0\x21", 6), 0).ok());
  EXPECT_FALSE(open(LogicalType::TinyInt(), std::string("\x04\0\x09", 3), 0).ok());
  EXPECT_TRUE(open(LogicalType::TinyInt(), std::string("\x04\0\x08", 3), 0).ok());
  // BOOLEAN frames that could decode values above 1.
  EXPECT_FALSE(open(LogicalType::Boolean(), std::string("\x04\x02\x00", 3), 0).ok());
  EXPECT_FALSE(open(LogicalType::Boolean(), std::string("\x04\x01\x01", 3), 0).ok());
  EXPECT_FALSE(open(LogicalType::Boolean(), std::string("\x04\x00\x02", 3), 0).ok());
  EXPECT_TRUE(open(LogicalType::Boolean(), std::string("\x04\x00\x01\x02", 4), 2).ok());
  // Bit packing and dictionaries do not apply to every type.
  EXPECT_FALSE(open(LogicalType::Varchar(), std::string("\x04\0\0\0\0\0", 6), 0).ok());
  EXPECT_FALSE(open(LogicalType::Double(), std::string("\x04\0\0\0\0\0\0\0\0\0", 10), 0).ok());
  EXPECT_FALSE(open(LogicalType::Boolean(), std::string("\x03\0\0\0\0", 5), 0).ok());
  // RLE: zero-length run, runs longer than the chunk, a run count above the row count.
  EXPECT_FALSE(open(LogicalType::TinyInt(), std::string("\x02\x01\0\0\0\0\0\x07", 8), 0).ok());
  EXPECT_FALSE(open(LogicalType::TinyInt(), std::string("\x02\x01\0\0\0\x05\0\x07", 8), 4).ok());
  EXPECT_TRUE(open(LogicalType::TinyInt(), std::string("\x02\x01\0\0\0\x05\0\x07", 8), 5).ok());
  EXPECT_FALSE(open(LogicalType::TinyInt(), std::string("\x02\xff\xff\xff\xff", 5), 5).ok());
  // Dictionary: more entries than rows; a huge entry count must not allocate.
  EXPECT_FALSE(open(LogicalType::Integer(), std::string("\x03\x03\0\0\0", 5), 2).ok());
  EXPECT_FALSE(
      open(LogicalType::Integer(), std::string("\x03\xff\xff\xff\xff", 5), ~idx_t{0}).ok());
  // Constant strings longer than the chunk.
  EXPECT_FALSE(open(LogicalType::Varchar(), std::string("\x01\x05\0\0\0abcd", 9), 3).ok());
  EXPECT_TRUE(open(LogicalType::Varchar(), std::string("\x01\x04\0\0\0abcd", 9), 3).ok());
}

// A dictionary whose codes exceed its entry count (n = 3, W = 2, code 3) decodes safely.
TEST(CorruptionCases, DictionaryCodeBeyondEntries) {
  std::string bytes("\x03\x03\0\0\0", 5);
  int32_t entries[] = {10, 20, 30};
  bytes.append(reinterpret_cast<const char*>(entries), sizeof(entries));
  bytes.push_back(static_cast<char>(0xff));  // four codes of 3
  auto decoder = OpenBytes(LogicalType::Integer(), bytes, 4);
  ASSERT_TRUE(decoder.ok()) << decoder.status();
  Vector out(LogicalType::Integer());
  (*decoder)->Decode(0, 4, out);
  out.Flatten(4);
  EXPECT_EQ(out.data<int32_t>()[0], 0);
  SelectionVector sel(kVectorSize);
  ColumnFilter filter{0, ColumnFilterOp::kEqual, Value::Integer(0), {}};
  EXPECT_EQ((*decoder)->Filter(0, 4, filter, sel), 0u);
}

}  // namespace
}  // namespace fluxdb::compression::testing
