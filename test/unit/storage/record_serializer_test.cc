#include "storage/record_serializer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace fluxdb {
namespace {

Value RoundTrip(const Value& v) {
  std::string bytes;
  BinaryWriter w(&bytes);
  WriteValue(w, v);
  BinaryReader r(bytes);
  Value out = ReadValue(r);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.remaining(), 0u);
  return out;
}

TEST(RecordSerializerTest, ValuesOfEveryType) {
  std::vector<Value> values = {
      Value(),
      Value(LogicalType::Integer()),
      Value::Boolean(true),
      Value::TinyInt(-7),
      Value::SmallInt(-30000),
      Value::Integer(123456789),
      Value::BigInt(-(int64_t{1} << 60)),
      Value::HugeInt(-(static_cast<int128_t>(1) << 100) + 5),
      Value::Float(1.5f),
      Value::Double(-2.25e300),
      Value::Decimal(12345, 4, 2),
      Value::Decimal(-123456789, 9, 3),
      Value::Decimal(int64_t{123456789012345678}, 18, 6),
      Value::Decimal(static_cast<int128_t>(1) << 120, 38, 10),
      Value::Varchar(""),
      Value::Varchar("a string that is longer than twelve bytes"),
      Value::Blob(std::string("\0\1\2", 3)),
      Value::Date(19000),
      Value::Time(86399999999),
      Value::Timestamp(1700000000000000),
      Value::IntervalValue({14, -3, 123456}),
      Value::FromPhysical<int16_t>(LogicalType::UTinyInt(), 255),
      Value::FromPhysical<int32_t>(LogicalType::USmallInt(), 65535),
      Value::FromPhysical<int64_t>(LogicalType::UInteger(), 4294967295),
      Value::FromPhysical<int128_t>(LogicalType::UBigInt(), UINT64_MAX),
      Value::FromPhysical<int128_t>(LogicalType::UHugeInt(), EncodeUHugeInt(~uint128_t{0})),
  };
  for (const Value& v : values) {
    Value r = RoundTrip(v);
    EXPECT_EQ(r, v) << v.ToString();
    EXPECT_EQ(r.type(), v.type());
  }
  Value nan = RoundTrip(Value::Double(std::nan("")));
  EXPECT_TRUE(std::isnan(nan.GetDouble()));
}

TEST(RecordSerializerTest, TypeIdsPastTheLastAreCorrupt) {
  std::string bytes;
  BinaryWriter w(&bytes);
  WriteLogicalType(w, LogicalType::UHugeInt());
  BinaryReader r(bytes);
  EXPECT_EQ(ReadLogicalType(r), LogicalType::UHugeInt());
  EXPECT_TRUE(r.ok());
  bytes[0] = static_cast<char>(static_cast<uint8_t>(kLastTypeId) + 1);
  BinaryReader bad(bytes);
  ReadLogicalType(bad);
  EXPECT_FALSE(bad.ok());
}

TEST(RecordSerializerTest, CatalogRecordRoundTrip) {
  CatalogRecord rec;
  rec.kind = CatalogRecordKind::kTable;
  rec.object_id = 42;
  rec.schema_name = "main";
  rec.name = "orders";
  rec.columns = {{"id", LogicalType::BigInt(), true, ""},
                 {"price", LogicalType::Decimal(12, 2), false, "0.00"},
                 {"note", LogicalType::Varchar(), false, "'none'"}};
  rec.primary_key = {0};
  rec.unique_keys = {{1, 2}, {2}};
  rec.check_sql = {"price >= 0"};
  rec.sql = "";
  rec.column_aliases = {"x"};
  rec.table_name = "t";
  auto back = DeserializeCatalogRecord(SerializeCatalogRecord(rec));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, rec);

  std::string bytes = SerializeCatalogRecord(rec);
  for (size_t cut = 0; cut < bytes.size(); cut++) {
    EXPECT_FALSE(DeserializeCatalogRecord(bytes.substr(0, cut)).ok()) << cut;
  }
}

TEST(RecordSerializerTest, SequenceRecordRoundTrip) {
  CatalogRecord rec;
  rec.kind = CatalogRecordKind::kSequence;
  rec.object_id = 7;
  rec.name = "seq";
  rec.sequence.start = 10;
  rec.sequence.increment = -3;
  rec.sequence.min_value = INT64_MIN;
  rec.sequence.max_value = 10;
  rec.sequence.cycle = true;
  rec.sequence.counter = 4;
  rec.sequence.usage_count = 2;
  rec.sequence.last_value = 7;
  std::string bytes = SerializeCatalogRecord(rec);
  auto back = DeserializeCatalogRecord(bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, rec);
  for (size_t cut = 0; cut < bytes.size(); cut++) {
    EXPECT_FALSE(DeserializeCatalogRecord(bytes.substr(0, cut)).ok()) << cut;
  }
  // A table record carries no sequence fields.
  rec.kind = CatalogRecordKind::kTable;
  EXPECT_LT(SerializeCatalogRecord(rec).size(), bytes.size());
}

TEST(RecordSerializerTest, ChunkAndRowGroupMetadataRoundTrip) {
  ChunkMetadata c;
  c.table_id = 7;
  c.column_index = 3;
  c.row_group_index = 2;
  c.row_start = 2 * 122880;
  c.row_count = 122880;
  c.chunk_id = 99;
  c.encoding = compression::Encoding::kPlain;
  c.validity_bytes = 15360;
  c.encoded_bytes = 491521;
  c.uncompressed_bytes = 491520;
  c.min = Value::Varchar("apple");
  c.max = Value::Varchar("zebra crossing, longer than twelve");
  c.null_count = 17;
  c.pages = {{10, 5}, {40, 3}};
  auto back = DeserializeChunkMetadata(SerializeChunkMetadata(c));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, c);
  EXPECT_EQ(*PeekMetadataTag(SerializeChunkMetadata(c)), MetadataRecordTag::kChunk);

  RowGroupMetadata sparse{7, 2, 122880, false, {1, 5, 100000}};
  auto s = DeserializeRowGroupMetadata(SerializeRowGroupMetadata(sparse));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, sparse);
  RowGroupMetadata dense{7, 3, 1000, true, {}};
  for (uint32_t i = 0; i < 1000; i += 2) dense.deleted_rows.push_back(i);
  std::string bytes = SerializeRowGroupMetadata(dense);
  EXPECT_LT(bytes.size(), 200u);  // a bitmap, not a list
  auto d = DeserializeRowGroupMetadata(bytes);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, dense);
  EXPECT_FALSE(DeserializeRowGroupMetadata(bytes.substr(0, bytes.size() - 1)).ok());
}

}  // namespace
}  // namespace fluxdb
