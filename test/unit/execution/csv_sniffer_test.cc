#include "execution/table_function/csv_sniffer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "execution/table_function/csv_range_scanner.h"

namespace fluxdb {
namespace {

class CsvFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/fluxdb_csv_test_XXXXXX";
    char* dir = mkdtemp(pattern);
    ASSERT_NE(dir, nullptr);
    dir_ = dir;
  }
  void TearDown() override {
    for (const auto& path : files_) std::remove(path.c_str());
    rmdir(dir_.c_str());
  }

  std::shared_ptr<CsvFile> Write(const std::string& text) {
    std::string path = dir_ + "/f" + std::to_string(files_.size()) + ".csv";
    std::ofstream(path, std::ios::binary) << text;
    files_.push_back(path);
    auto file = CsvFile::Open(path);
    EXPECT_TRUE(file.ok()) << file.status();
    return *file;
  }

  CsvOptions Sniff(const std::string& text, CsvOptions options = {}) {
    auto file = Write(text);
    auto result = SniffCsv(*file, options);
    EXPECT_TRUE(result.ok()) << result.status();
    if (result.ok()) last_ = *result;
    return options;
  }

  /// Every row of the file, read with ranges split at `split` bytes.
  std::vector<std::string> Scan(const std::shared_ptr<CsvFile>& file, const CsvOptions& options,
                                idx_t data_start, idx_t split, Status* error = nullptr) {
    std::vector<std::string> rows;
    idx_t previous_next = data_start;
    for (idx_t start = data_start; start < file->size(); start += split) {
      idx_t end = std::min(file->size(), start + split);
      CsvRangeScanner scanner(file, options, start, end, start == data_start);
      DataChunk chunk;
      chunk.Initialize(options.types);
      while (true) {
        chunk.Reset();
        auto more = scanner.Next(chunk);
        if (!more.ok()) {
          if (error != nullptr) *error = more.status();
          return rows;
        }
        for (idx_t r = 0; r < chunk.size(); r++) {
          std::string row;
          for (idx_t c = 0; c < chunk.ColumnCount(); c++) {
            if (c > 0) row += "|";
            row += chunk.GetValue(c, r).ToString();
          }
          rows.push_back(row);
        }
        if (!*more) break;
      }
      EXPECT_EQ(scanner.first_record(), previous_next) << "split " << split << " at " << start;
      previous_next = scanner.next_record();
    }
    return rows;
  }

  std::string dir_;
  std::vector<std::string> files_;
  CsvSniffResult last_;
};

TEST_F(CsvFileTest, SniffsDelimiters) {
  EXPECT_EQ(Sniff("a,b,c\n1,2,3\n4,5,6\n").delimiter, ',');
  EXPECT_EQ(Sniff("a|b|c\n1|2,5|3\n4|5|6\n").delimiter, '|');
  EXPECT_EQ(Sniff("a;b\n1;2,5\n3;4,5\n").delimiter, ';');
  EXPECT_EQ(Sniff("a\tb\n1\t2\n").delimiter, '\t');
  CsvOptions given;
  ASSERT_TRUE(given.Set("delim", Value::Varchar(";"), false).ok());
  EXPECT_EQ(Sniff("a,b;c\n1,2;3\n", given).types.size(), 2u);
}

TEST_F(CsvFileTest, SniffsQuotes) {
  CsvOptions o = Sniff("a,b\n'x, y',1\n'z',2\n");
  EXPECT_EQ(o.quote, '\'');
  EXPECT_EQ(o.types.size(), 2u);
  o = Sniff("a,b\n\"x \\\" y\",1\n\"z\",2\n");
  EXPECT_EQ(o.quote, '"');
  EXPECT_EQ(o.escape, '\\');
}

TEST_F(CsvFileTest, SniffsTypes) {
  CsvOptions o = Sniff(
      "b,i,d,t,dt,ts,s,n\n"
      "true,1,1.5,10:00:00,2024-01-01,2024-01-01 10:00:00,x,\n"
      "FALSE,-9000000000,2,23:59:59.5,1999-12-31,1999-12-31 00:00:00.5,1,\n");
  std::vector<TypeId> ids;
  for (const auto& t : o.types) ids.push_back(t.id());
  EXPECT_EQ(ids, (std::vector<TypeId>{TypeId::kBoolean, TypeId::kBigInt, TypeId::kDouble,
                                      TypeId::kTime, TypeId::kDate, TypeId::kTimestamp,
                                      TypeId::kVarchar, TypeId::kVarchar}));
  EXPECT_EQ(o.names, (std::vector<std::string>{"b", "i", "d", "t", "dt", "ts", "s", "n"}));
  EXPECT_TRUE(o.header);
  // A value that fits no narrower type makes the column wider.
  o = Sniff("1\n2\nthree\n");
  EXPECT_EQ(o.types[0].id(), TypeId::kVarchar);
  o = Sniff("a\n1\n2.5\n");
  EXPECT_EQ(o.types[0].id(), TypeId::kDouble);
  o = Sniff("a,b\n1,2\n", [] {
    CsvOptions all;
    all.all_varchar = true;
    return all;
  }());
  EXPECT_EQ(o.types[0].id(), TypeId::kVarchar);
}

TEST_F(CsvFileTest, DetectsHeaders) {
  CsvOptions o = Sniff("1,2\n3,4\n");
  EXPECT_FALSE(o.header);
  EXPECT_EQ(o.names, (std::vector<std::string>{"column0", "column1"}));
  EXPECT_EQ(last_.data_start, 0u);
  o = Sniff("x,y\nfoo,bar\n");
  EXPECT_TRUE(o.header);  // all text: a header when it has no empty value
  EXPECT_EQ(last_.data_start, 4u);
  o = Sniff("x,\nfoo,bar\n");
  EXPECT_FALSE(o.header);
  o = Sniff("a,a,\nfoo,bar,baz\n", [] {
    CsvOptions h;
    h.Set("header", Value::Boolean(true), false).IgnoreError();
    return h;
  }());
  EXPECT_EQ(o.names, (std::vector<std::string>{"a", "a_1", "column2"}));
}

TEST_F(CsvFileTest, HeaderWithGivenColumns) {
  CsvOptions given;
  ASSERT_TRUE(given.Set("columns", Value::Varchar("id INTEGER, name VARCHAR"), false).ok());
  CsvOptions o = Sniff("id,name\n1,x\n", given);
  EXPECT_TRUE(o.header);  // 'id' is no INTEGER
  CsvOptions text;
  ASSERT_TRUE(text.Set("columns", Value::Varchar("a VARCHAR, b VARCHAR"), false).ok());
  EXPECT_TRUE(Sniff("A,B\nx,y\n", text).header);  // the names match
  EXPECT_FALSE(Sniff("x,y\nz,w\n", text).header);
}

TEST_F(CsvFileTest, SkipEmptyAndQuotedNewlines) {
  CsvOptions skip;
  ASSERT_TRUE(skip.Set("skip", Value::Integer(2), false).ok());
  CsvOptions o = Sniff("junk\nmore junk\na,b\n1,2\n", skip);
  EXPECT_EQ(o.names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(last_.data_start, 19u);

  o = Sniff("");
  EXPECT_EQ(o.names, (std::vector<std::string>{"column0"}));
  EXPECT_EQ(o.types[0].id(), TypeId::kVarchar);

  Sniff("a,b\n1,\"x\ny\"\n");
  EXPECT_TRUE(last_.needs_serial_scan);
  Sniff("a,b\n1,2\n");
  EXPECT_FALSE(last_.needs_serial_scan);
  Sniff("a,b\r1,2\r");
  EXPECT_TRUE(last_.needs_serial_scan);
}

TEST_F(CsvFileTest, RangesMeetAtRecordsWhereverTheyAreSplit) {
  std::string text = "id,name,price\n";
  for (int i = 0; i < 200; i++) {
    text += std::to_string(i) + ",\"name " + std::to_string(i) + ", quoted\"," + std::to_string(i) +
            ".25" + (i % 3 == 0 ? "\r\n" : "\n");
    if (i % 50 == 0) text += "\n";  // blank lines
  }
  auto file = Write(text);
  CsvOptions options;
  auto sniffed = SniffCsv(*file, options);
  ASSERT_TRUE(sniffed.ok());
  ASSERT_TRUE(options.header);
  ASSERT_EQ(options.types.size(), 3u);
  std::vector<std::string> whole = Scan(file, options, sniffed->data_start, file->size());
  ASSERT_EQ(whole.size(), 200u);
  EXPECT_EQ(whole[7], "7|name 7, quoted|7.25");
  for (idx_t split : {1, 2, 3, 7, 13, 64, 100, 1000}) {
    EXPECT_EQ(Scan(file, options, sniffed->data_start, split), whole) << "split " << split;
  }
}

TEST_F(CsvFileTest, SplitInsideQuotedNewlineIsVisibleAtTheSeam) {
  // The parallel reader's check: a range that starts inside a quoted field spanning lines does
  // not begin where the previous range ended.
  std::string text = "a,b\n1,\"x\ny\"\n2,z\n";
  auto file = Write(text);
  CsvOptions options;
  ASSERT_TRUE(options.Set("columns", Value::Varchar("a INTEGER, b VARCHAR"), false).ok());
  ASSERT_TRUE(options.Set("header", Value::Boolean(true), false).ok());
  ASSERT_TRUE(SniffCsv(*file, options).ok());
  idx_t split = text.find('y');  // inside the quoted field
  CsvRangeScanner first(file, options, 4, split, true);
  CsvRangeScanner second(file, options, split, file->size(), false);
  DataChunk chunk;
  chunk.Initialize(options.types);
  while (*first.Next(chunk)) chunk.Reset();
  chunk.Reset();
  (void)second.Next(chunk);  // misaligned: it may parse garbage or fail; either way
  EXPECT_NE(first.next_record(), second.first_record());
}

TEST_F(CsvFileTest, RecordsLongerThanTheReadBuffer) {
  std::string big(5 << 20, 'x');
  std::string text = "id,payload\n1,\"" + big + "\"\n2,short\n3," + big + "\n";
  auto file = Write(text);
  CsvOptions options;
  auto sniffed = SniffCsv(*file, options);
  ASSERT_TRUE(sniffed.ok());
  CsvRangeScanner scanner(file, options, sniffed->data_start, file->size(), true);
  DataChunk chunk;
  idx_t rows = 0;
  idx_t long_values = 0;
  while (true) {
    chunk.Initialize(options.types);
    auto more = scanner.Next(chunk);
    ASSERT_TRUE(more.ok()) << more.status();
    for (idx_t r = 0; r < chunk.size(); r++) {
      rows++;
      if (chunk.GetValue(1, r).GetString() == big) long_values++;
    }
    if (!*more) break;
  }
  EXPECT_EQ(rows, 3u);
  EXPECT_EQ(long_values, 2u);
}

TEST_F(CsvFileTest, ByteOrderMarkIsSkipped) {
  CsvOptions o = Sniff("\xEF\xBB\xBFname,n\nx,1\n");
  EXPECT_EQ(o.names, (std::vector<std::string>{"name", "n"}));
}

TEST_F(CsvFileTest, ScannerErrorsNameLineAndColumn) {
  auto file = Write("a,b\n1,2\n3,x\n");
  CsvOptions options;
  ASSERT_TRUE(options.Set("columns", Value::Varchar("a INTEGER, b INTEGER"), false).ok());
  ASSERT_TRUE(options.Set("header", Value::Boolean(true), false).ok());
  auto sniffed = SniffCsv(*file, options);
  ASSERT_TRUE(sniffed.ok());
  Status error;
  Scan(file, options, sniffed->data_start, file->size(), &error);
  EXPECT_EQ(error.message(),
            "Conversion Error: CSV line 3, column b: could not convert 'x' to INTEGER");
  options.ignore_errors = true;
  Status none;
  EXPECT_EQ(Scan(file, options, sniffed->data_start, file->size(), &none),
            (std::vector<std::string>{"1|2"}));
  EXPECT_TRUE(none.ok());
}

TEST(CsvOptionsTest, SetsAndRejects) {
  CsvOptions o;
  EXPECT_TRUE(o.Set("delimiter", Value::Varchar("\\t"), false).ok());
  EXPECT_EQ(o.delimiter, '\t');
  EXPECT_TRUE(o.Set("quote", Value::Varchar(""), false).ok());
  EXPECT_EQ(o.quote, '\0');
  EXPECT_TRUE(o.Set("header", Value::Varchar("false"), false).ok());
  EXPECT_TRUE(o.header_set);
  EXPECT_TRUE(o.Set("nullstr", Value::Varchar("NA"), false).ok());
  EXPECT_EQ(o.null_str, "NA");
  EXPECT_TRUE(o.Set("sample_size", Value::Integer(-1), false).ok());
  EXPECT_FALSE(o.Set("sample_size", Value::Integer(0), false).ok());
  EXPECT_FALSE(o.Set("delim", Value::Varchar("ab"), false).ok());
  EXPECT_FALSE(o.Set("header", Value::Varchar("maybe"), false).ok());
  EXPECT_FALSE(o.Set("bogus", Value::Integer(1), false).ok());
  EXPECT_FALSE(o.Set("ignore_errors", Value::Boolean(true), /*for_write=*/true).ok());
  EXPECT_FALSE(o.Set("format", Value::Varchar("parquet"), false).ok());
  EXPECT_TRUE(o.Set("format", Value::Varchar("CSV"), false).ok());
}

TEST(CsvOptionsTest, ColumnsRoundTrip) {
  std::vector<std::string> names = {"a", "with \"quote\"", "sp ace"};
  std::vector<LogicalType> types = {LogicalType::Integer(), LogicalType::Decimal(15, 2),
                                    LogicalType::Varchar()};
  std::vector<std::string> parsed_names;
  std::vector<LogicalType> parsed_types;
  ASSERT_TRUE(ParseCsvColumns(FormatCsvColumns(names, types), &parsed_names, &parsed_types).ok());
  EXPECT_EQ(parsed_names, names);
  EXPECT_EQ(parsed_types, types);
  EXPECT_EQ(*ParseCsvTypeName("numeric(10, 3)"), LogicalType::Decimal(10, 3));
  EXPECT_EQ(*ParseCsvTypeName("text"), LogicalType::Varchar());
  EXPECT_EQ(*ParseCsvTypeName(" BIGINT "), LogicalType::BigInt());
  EXPECT_FALSE(ParseCsvTypeName("decimal(40,2)").ok());
  EXPECT_FALSE(ParseCsvTypeName("nonsense").ok());
  EXPECT_FALSE(ParseCsvColumns("a", &parsed_names, &parsed_types).ok());
}

}  // namespace
}  // namespace fluxdb
