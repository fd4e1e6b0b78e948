#include "execution/table_function/csv_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "common/number_format.h"

namespace fluxdb {
namespace {

TEST(CsvWriterTest, DoublesAsCastPrintsThem) {
  std::mt19937_64 random(42);
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                0.1,
                                1e15,
                                1e16,
                                1.5e16,
                                1e-4,
                                1e-5,
                                123.456,
                                -2.25,
                                1e300,
                                5e-324,
                                NAN,
                                INFINITY,
                                -INFINITY,
                                9007199254740993.0};
  for (int i = 0; i < 20000; i++) {
    uint64_t bits = random();
    double d;
    std::memcpy(&d, &bits, sizeof(d));
    values.push_back(d);
    values.push_back(static_cast<double>(random() % 1000000) / 100.0);
  }
  for (double d : values) {
    std::string out;
    AppendCsvDouble(d, &out);
    ASSERT_EQ(out, FormatDouble(d)) << d;
    std::string f;
    AppendCsvFloat(static_cast<float>(d), &f);
    ASSERT_EQ(f, FormatFloat(static_cast<float>(d))) << d;
  }
}

DataChunk MakeChunk(const std::vector<LogicalType>& types,
                    const std::vector<std::vector<Value>>& rows) {
  DataChunk chunk;
  chunk.Initialize(types);
  for (idx_t r = 0; r < rows.size(); r++) {
    for (idx_t c = 0; c < types.size(); c++) chunk.SetValue(c, r, rows[r][c]);
  }
  chunk.SetCardinality(rows.size());
  return chunk;
}

TEST(CsvWriterTest, FormatsEveryTypeAndQuotesWhenNeeded) {
  std::vector<LogicalType> types = {
      LogicalType::Boolean(),     LogicalType::Integer(),      LogicalType::BigInt(),
      LogicalType::Decimal(4, 1), LogicalType::Decimal(18, 3), LogicalType::Decimal(38, 2),
      LogicalType::HugeInt(),     LogicalType::Double(),       LogicalType::Date(),
      LogicalType::Time(),        LogicalType::Timestamp(),    LogicalType::Varchar(),
      LogicalType::Blob(),        LogicalType::IntervalType()};
  DataChunk chunk = MakeChunk(
      types,
      {{Value::Boolean(true), Value::Integer(-7), Value::BigInt(INT64_MIN),
        Value::Decimal(-5, 4, 1), Value::Decimal(1234567, 18, 3),
        Value::Decimal(-(static_cast<int128_t>(1) << 100), 38, 2),
        Value::HugeInt(static_cast<int128_t>(1) << 100), Value::Double(2.5), Value::Date(19782),
        Value::Time(45296500000), Value::Timestamp(-750000), Value::Varchar("a,b \"q\""),
        Value::Blob(std::string("\x01z", 2)), Value::IntervalValue(Interval{14, 3, 0})},
       {Value(types[0]), Value(types[1]), Value(types[2]), Value(types[3]), Value(types[4]),
        Value(types[5]), Value(types[6]), Value(types[7]), Value(types[8]), Value(types[9]),
        Value(types[10]), Value::Varchar(""), Value(types[12]), Value(types[13])}});
  CsvOptions options;
  std::string out;
  FormatCsvChunk(chunk, options, &out);
  EXPECT_EQ(out,
            "true,-7,-9223372036854775808,-0.5,1234.567,-12676506002282294014967032053.76,"
            "1267650600228229401496703205376,2.5,2024-02-29,12:34:56.5,1969-12-31 23:59:59.25,"
            "\"a,b \"\"q\"\"\",\\x01z,1 year 2 months 3 days\n"
            ",,,,,,,,,,,\"\",,\n");
  options.delimiter = '|';
  options.null_str = "NULL";
  options.escape = '\\';
  out.clear();
  FormatCsvChunk(chunk, options, &out);
  EXPECT_EQ(out.substr(out.find('\n') + 1),
            "NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL||NULL|NULL\n");
  EXPECT_NE(out.find("|\"a,b \\\"q\\\"\"|"), std::string::npos);
}

TEST(CsvWriterTest, DelimiterThatAppearsInNumbersForcesQuotes) {
  DataChunk chunk = MakeChunk({LogicalType::Double(), LogicalType::Date()},
                              {{Value::Double(1.5), Value::Date(0)}});
  CsvOptions options;
  options.delimiter = '.';
  std::string out;
  FormatCsvChunk(chunk, options, &out);
  EXPECT_EQ(out, "\"1.5\".1970-01-01\n");
  options.delimiter = '-';
  out.clear();
  FormatCsvChunk(chunk, options, &out);
  EXPECT_EQ(out, "1.5-\"1970-01-01\"\n");
}

TEST(CsvWriterTest, Header) {
  CsvOptions options;
  std::string out;
  FormatCsvHeader({"a", "b,c", ""}, options, &out);
  EXPECT_EQ(out, "a,\"b,c\",\"\"\n");
}

}  // namespace
}  // namespace fluxdb
