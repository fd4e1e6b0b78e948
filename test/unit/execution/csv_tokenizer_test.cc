#include "execution/table_function/csv_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "execution/table_function/csv_converter.h"

namespace fluxdb {
namespace {

struct Tokenized {
  std::vector<std::vector<std::string>> rows;  // field texts (escapes resolved), up to `columns`
  std::vector<uint32_t> counts;
  std::vector<bool> trailing_empty;
  std::vector<bool> malformed;
  CsvTokenizeResult result = CsvTokenizeResult::kEndOfInput;
  idx_t pos = 0;
};

Tokenized Tokenize(const std::string& text, idx_t columns, const CsvOptions& options = {},
                   bool eof = true, idx_t stop = static_cast<idx_t>(-1)) {
  CsvTokenizer tokenizer(options);
  CsvRecordBatch batch;
  batch.Initialize(columns, 64);
  Tokenized out;
  auto result = tokenizer.Tokenize(text.data(), text.size(), &out.pos, eof, 0, stop, batch);
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return out;
  out.result = *result;
  std::string scratch;
  for (idx_t r = 0; r < batch.rows; r++) {
    std::vector<std::string> row;
    for (idx_t c = 0; c < columns; c++) {
      const CsvField& f = batch.field(c, r);
      row.push_back(f.data == nullptr ? "<missing>" : std::string(tokenizer.Text(f, &scratch)));
    }
    out.rows.push_back(row);
    out.counts.push_back(batch.field_counts[r]);
    out.trailing_empty.push_back(batch.trailing_empty[r]);
    out.malformed.push_back(batch.malformed[r]);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvTokenizerTest, SplitsRecordsAndFields) {
  auto t = Tokenize("a,b,c\n1,2,3\n", 3);
  EXPECT_EQ(t.rows, (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(t.counts, (std::vector<uint32_t>{3, 3}));
  EXPECT_EQ(t.result, CsvTokenizeResult::kEndOfInput);
}

TEST(CsvTokenizerTest, LastLineWithoutNewlineAndEmptyFields) {
  auto t = Tokenize("1,,3\n,,\n4,5,", 3);
  EXPECT_EQ(t.rows, (Rows{{"1", "", "3"}, {"", "", ""}, {"4", "5", ""}}));
}

TEST(CsvTokenizerTest, QuotedFieldsHoldDelimitersNewlinesAndDoubledQuotes) {
  auto t = Tokenize("\"a,b\",\"x\ny\",\"say \"\"hi\"\"\"\n", 3);
  EXPECT_EQ(t.rows, (Rows{{"a,b", "x\ny", "say \"hi\""}}));
}

TEST(CsvTokenizerTest, BackslashEscape) {
  CsvOptions options;
  options.escape = '\\';
  auto t = Tokenize("\"a\\\"b\",\"c\\\\\"\n", 2, options);
  EXPECT_EQ(t.rows, (Rows{{"a\"b", "c\\"}}));
}

TEST(CsvTokenizerTest, NoQuoting) {
  CsvOptions options;
  options.quote = '\0';
  options.escape = '\0';
  auto t = Tokenize("\"a,b\"\n", 2, options);
  EXPECT_EQ(t.rows, (Rows{{"\"a", "b\""}}));
}

TEST(CsvTokenizerTest, CrLfAndBlankLines) {
  auto t = Tokenize("a,b\r\n\r\n\n1,2\r\n", 2);
  EXPECT_EQ(t.rows, (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvTokenizerTest, OtherDelimiter) {
  CsvOptions options;
  options.delimiter = '|';
  auto t = Tokenize("a|b,c|\n", 2, options);
  EXPECT_EQ(t.rows, (Rows{{"a", "b,c"}}));
  EXPECT_EQ(t.counts[0], 3u);
  EXPECT_TRUE(t.trailing_empty[0]);  // the .tbl trailing delimiter
}

TEST(CsvTokenizerTest, FieldCounts) {
  auto t = Tokenize("1\n1,2,3,4\n", 2);
  EXPECT_EQ(t.counts, (std::vector<uint32_t>{1, 4}));
  EXPECT_EQ(t.rows[0][1], "<missing>");
  EXPECT_FALSE(t.trailing_empty[1]);
}

TEST(CsvTokenizerTest, TextAfterClosingQuoteIsMalformed) {
  auto t = Tokenize("\"a\"x,b\n\"c\"  ,d\n", 2);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_TRUE(t.malformed[0]);
  EXPECT_FALSE(t.malformed[1]);  // spaces are fine
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"c", "d"}));
}

TEST(CsvTokenizerTest, PartialRecordNeedsMoreData) {
  std::string text = "1,2\n3,\"abc";
  auto t = Tokenize(text, 2, {}, /*eof=*/false);
  EXPECT_EQ(t.result, CsvTokenizeResult::kNeedMoreData);
  EXPECT_EQ(t.rows, (Rows{{"1", "2"}}));
  EXPECT_EQ(t.pos, 4u);  // the partial record is left alone
  // A record that ends exactly at the buffer's end may continue too.
  auto u = Tokenize("1,2\n3,4", 2, {}, /*eof=*/false);
  EXPECT_EQ(u.result, CsvTokenizeResult::kNeedMoreData);
  EXPECT_EQ(u.rows.size(), 1u);
  // A quote at the very end might be the first of a doubled quote.
  auto v = Tokenize("\"a\"", 1, {}, /*eof=*/false);
  EXPECT_EQ(v.result, CsvTokenizeResult::kNeedMoreData);
}

TEST(CsvTokenizerTest, StopOffset) {
  auto t = Tokenize("1,2\n3,4\n5,6\n", 2, {}, true, /*stop=*/5);
  EXPECT_EQ(t.result, CsvTokenizeResult::kStopOffset);
  // Records starting before the stop offset are cut, even when they end after it.
  EXPECT_EQ(t.rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(t.pos, 8u);
}

TEST(CsvTokenizerTest, BatchFull) {
  std::string text;
  for (int i = 0; i < 100; i++) text += std::to_string(i) + "\n";
  CsvTokenizer tokenizer{CsvOptions()};
  CsvRecordBatch batch;
  batch.Initialize(1, 64);
  idx_t pos = 0;
  auto result = tokenizer.Tokenize(text.data(), text.size(), &pos, true, 1000, UINT64_MAX, batch);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, CsvTokenizeResult::kBatchFull);
  EXPECT_EQ(batch.rows, 64u);
  EXPECT_EQ(batch.offsets[1], 1002u);  // file offsets include the buffer's offset
}

TEST(CsvTokenizerTest, UnterminatedQuoteAtEndOfFile) {
  CsvTokenizer tokenizer{CsvOptions()};
  CsvRecordBatch batch;
  batch.Initialize(2, 8);
  std::string text = "1,\"never closed\n2,3\n";
  idx_t pos = 0;
  auto result = tokenizer.Tokenize(text.data(), text.size(), &pos, true, 0, UINT64_MAX, batch);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(std::string(result.status().message()).find("unterminated quoted field"),
            std::string::npos);
}

TEST(CsvTokenizerTest, NextLineStart) {
  std::string text = "abc\ndef\n";
  EXPECT_EQ(CsvTokenizer::NextLineStart(text.data(), text.size(), 0), 4u);
  EXPECT_EQ(CsvTokenizer::NextLineStart(text.data(), text.size(), 4), 8u);
  EXPECT_EQ(CsvTokenizer::NextLineStart(text.data(), 3, 0), 3u);
}

}  // namespace
}  // namespace fluxdb

namespace fluxdb {
namespace {

/// Converts one column of text values to `type`; failed values read "<error>".
std::vector<std::string> Convert(const std::vector<std::string>& values, const LogicalType& type) {
  std::string text;
  for (const auto& v : values) text += v + "\n";
  CsvOptions options;
  options.delimiter = '|';
  CsvTokenizer tokenizer(options);
  CsvRecordBatch batch;
  batch.Initialize(1, 64);
  idx_t pos = 0;
  EXPECT_TRUE(tokenizer.Tokenize(text.data(), text.size(), &pos, true, 0, UINT64_MAX, batch).ok());
  options.ignore_errors = true;
  CsvConverter converter(options, tokenizer);
  Vector out(type);
  std::vector<uint8_t> skip(64, 0);
  CsvConversionFailure failure;
  EXPECT_TRUE(converter.ConvertColumn(batch, 0, out, skip, &failure));
  std::vector<std::string> result;
  for (idx_t r = 0; r < batch.rows; r++) {
    result.push_back(skip[r] ? "<error>" : out.GetValue(r).ToString());
  }
  return result;
}

TEST(CsvConverterTest, Decimals) {
  EXPECT_EQ(Convert({"1.5", "-0.25", "007.1", "12", ".5", "0.125", "100.5", "x", "1e2", " 3.5 "},
                    LogicalType::Decimal(4, 2)),
            (std::vector<std::string>{"1.50", "-0.25", "7.10", "12.00", "0.50", "0.13", "<error>",
                                      "<error>", "<error>", "3.50"}));
  EXPECT_EQ(
      Convert({"123456789012345678.5", "-99999999999999999999999999999999999.9"},
              LogicalType::Decimal(38, 1)),
      (std::vector<std::string>{"123456789012345678.5", "-99999999999999999999999999999999999.9"}));
  EXPECT_EQ(Convert({"12345678901234567.89", "1234567890123456789"}, LogicalType::Decimal(18, 2)),
            (std::vector<std::string>{"<error>", "<error>"}));
}

TEST(CsvConverterTest, IntegersDoublesDatesAndText) {
  EXPECT_EQ(
      Convert({"1", "-2", "+3", " 4 ", "9223372036854775807", "9223372036854775808", "1.0"},
              LogicalType::BigInt()),
      (std::vector<std::string>{"1", "-2", "3", "4", "9223372036854775807", "<error>", "<error>"}));
  EXPECT_EQ(Convert({"127", "128"}, LogicalType::TinyInt()),
            (std::vector<std::string>{"127", "<error>"}));
  EXPECT_EQ(Convert({"1.5", "1e3", "-inf", "+2", "nan", "abc"}, LogicalType::Double()),
            (std::vector<std::string>{"1.5", "1000.0", "-inf", "2.0", "nan", "<error>"}));
  EXPECT_EQ(
      Convert({"2024-02-29", "2023-02-29", "2024-01-01 10:00:00", "tomorrow"}, LogicalType::Date()),
      (std::vector<std::string>{"2024-02-29", "<error>", "2024-01-01", "<error>"}));
  EXPECT_EQ(Convert({"short", "a string longer than twelve", "\"\""}, LogicalType::Varchar()),
            (std::vector<std::string>{"short", "a string longer than twelve", "NULL"}));
  EXPECT_EQ(Convert({"true", "F", "1", "maybe"}, LogicalType::Boolean()),
            (std::vector<std::string>{"true", "false", "true", "<error>"}));
}

}  // namespace
}  // namespace fluxdb
