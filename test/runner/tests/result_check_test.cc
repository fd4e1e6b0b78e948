#include "test/runner/result_check.h"

#include "gtest/gtest.h"

namespace fluxdb::slt {
namespace {

using Strings = std::vector<std::string>;

TEST(SortValuesTest, Modes) {
  Strings v = {"b", "1", "a", "2", "b", "0"};
  Strings nosort = v;
  SortValues(SortMode::kNoSort, 2, nosort);
  EXPECT_EQ(nosort, v);
  Strings rows = v;
  SortValues(SortMode::kRowSort, 2, rows);
  EXPECT_EQ(rows, (Strings{"a", "2", "b", "0", "b", "1"}));
  Strings values = v;
  SortValues(SortMode::kValueSort, 2, values);
  EXPECT_EQ(values, (Strings{"0", "1", "2", "a", "b", "b"}));
  // Byte order, as strcmp: "10" < "9", uppercase before lowercase.
  Strings text = {"9", "10", "a", "B"};
  SortValues(SortMode::kRowSort, 1, text);
  EXPECT_EQ(text, (Strings{"10", "9", "B", "a"}));
}

TEST(HashLineTest, Recognized) {
  EXPECT_TRUE(IsHashLine("30 values hashing to 3c13dee48d9356ae19af2515e05e6b54"));
  EXPECT_FALSE(IsHashLine("values hashing to 3c13dee48d9356ae19af2515e05e6b54"));
  EXPECT_FALSE(IsHashLine("30 values hashing to 3c13dee48d9356ae19af2515e05e6b5"));
  EXPECT_FALSE(IsHashLine("30 values hashing to 3C13DEE48D9356AE19AF2515E05E6B54"));
  EXPECT_FALSE(IsHashLine("30"));
}

TEST(ErrorMessageTest, SubstringAndRegex) {
  const std::string error = "Catalog Error: Table with name foo does not exist!\nLINE 1: x";
  EXPECT_TRUE(ErrorMessageMatches(error, "Table with name foo"));
  EXPECT_FALSE(ErrorMessageMatches(error, "Binder Error"));
  EXPECT_TRUE(ErrorMessageMatches(error, "<REGEX>:Catalog Error.*does not exist.*"));
  EXPECT_FALSE(ErrorMessageMatches(error, "<REGEX>:does not exist"));  // must match it all
  EXPECT_TRUE(ErrorMessageMatches(error, "<!REGEX>:.*Binder.*"));
  EXPECT_FALSE(ErrorMessageMatches(error, "<!REGEX>:.*Catalog.*"));
  EXPECT_FALSE(ErrorMessageMatches(error, "<REGEX>:(unbalanced"));
}

TEST(DuckDbValuesMatchTest, TextAndRegex) {
  EXPECT_TRUE(DuckDbValuesMatch("abc", "abc", LogicalType::Varchar()));
  EXPECT_FALSE(DuckDbValuesMatch("abc", "ABC", LogicalType::Varchar()));
  EXPECT_TRUE(DuckDbValuesMatch("abc123", "<REGEX>:abc[0-9]+", LogicalType::Varchar()));
  EXPECT_FALSE(DuckDbValuesMatch("1", "1.0", LogicalType::Varchar()));
}

TEST(DuckDbValuesMatchTest, Booleans) {
  EXPECT_TRUE(DuckDbValuesMatch("1", "true", LogicalType::Boolean()));
  EXPECT_TRUE(DuckDbValuesMatch("0", "FALSE", LogicalType::Boolean()));
  EXPECT_TRUE(DuckDbValuesMatch("1", "True", LogicalType::Boolean()));
  EXPECT_FALSE(DuckDbValuesMatch("1", "false", LogicalType::Boolean()));
  EXPECT_FALSE(DuckDbValuesMatch("NULL", "false", LogicalType::Boolean()));
  EXPECT_FALSE(DuckDbValuesMatch("1", "yes", LogicalType::Boolean()));
}

TEST(DuckDbValuesMatchTest, Integers) {
  EXPECT_TRUE(DuckDbValuesMatch("42", "42.0", LogicalType::Integer()));
  EXPECT_TRUE(DuckDbValuesMatch("2", "1.5", LogicalType::BigInt()));  // the cast rounds
  EXPECT_TRUE(DuckDbValuesMatch("100", "1e2", LogicalType::Integer()));
  EXPECT_FALSE(DuckDbValuesMatch("42", "43", LogicalType::Integer()));
  EXPECT_FALSE(DuckDbValuesMatch("NULL", "0", LogicalType::Integer()));
  EXPECT_FALSE(DuckDbValuesMatch("42", "x", LogicalType::Integer()));
  EXPECT_TRUE(DuckDbValuesMatch("170141183460469231731687303715884105727",
                                "170141183460469231731687303715884105727", LogicalType::HugeInt()));
  // Whitespace around a number is read past, as DuckDB's cast does, at HUGEINT's very limits.
  EXPECT_TRUE(DuckDbValuesMatch("-170141183460469231731687303715884105728",
                                " -170141183460469231731687303715884105728",
                                LogicalType::HugeInt()));
  EXPECT_FALSE(DuckDbValuesMatch("-170141183460469231731687303715884105728",
                                 "-170141183460469231731687303715884105727",
                                 LogicalType::HugeInt()));
  EXPECT_FALSE(
      DuckDbValuesMatch("1", "170141183460469231731687303715884105728", LogicalType::HugeInt()));
  EXPECT_TRUE(DuckDbValuesMatch(" 7", "7 ", LogicalType::Integer()));
}

TEST(DuckDbValuesMatchTest, Decimals) {
  LogicalType d = LogicalType::Decimal(9, 2);
  EXPECT_TRUE(DuckDbValuesMatch("1.50", "1.5", d));
  EXPECT_TRUE(DuckDbValuesMatch("1.50", "1.499", d));  // read at scale 2, rounded
  EXPECT_TRUE(DuckDbValuesMatch("-0.01", "-0.01", d));
  EXPECT_FALSE(DuckDbValuesMatch("1.50", "1.51", d));
  EXPECT_FALSE(DuckDbValuesMatch("-1.50", "1.50", d));
}

TEST(DuckDbValuesMatchTest, FloatsWithinOnePercent) {
  EXPECT_TRUE(DuckDbValuesMatch("0.30000000000000004", "0.3", LogicalType::Double()));
  EXPECT_TRUE(DuckDbValuesMatch("100.9", "100", LogicalType::Double()));
  EXPECT_FALSE(DuckDbValuesMatch("101.1", "100", LogicalType::Double()));
  EXPECT_TRUE(DuckDbValuesMatch("1e-9", "0", LogicalType::Double()));
  EXPECT_FALSE(DuckDbValuesMatch("1e-7", "0", LogicalType::Double()));
  EXPECT_TRUE(DuckDbValuesMatch("nan", "NaN", LogicalType::Double()));
  EXPECT_TRUE(DuckDbValuesMatch("inf", "Infinity", LogicalType::Double()));
  EXPECT_FALSE(DuckDbValuesMatch("inf", "-inf", LogicalType::Double()));
  EXPECT_TRUE(DuckDbValuesMatch("3.1415927", "3.14159", LogicalType::Float()));
}

TEST(CheckQueryResultTest, SqliteIsExact) {
  std::vector<LogicalType> types = {LogicalType::Integer(), LogicalType::Varchar()};
  EXPECT_TRUE(CheckQueryResult(Dialect::kSqlite, {"1", "a"}, types, {"1", "a"}).ok);
  QueryCheck wrong = CheckQueryResult(Dialect::kSqlite, {"1", "a"}, types, {"1", "b"});
  EXPECT_FALSE(wrong.ok);
  EXPECT_EQ(wrong.kind, FailureKind::kWrongValue);
  EXPECT_NE(wrong.message.find("row 1, column 2"), std::string::npos);
  QueryCheck count = CheckQueryResult(Dialect::kSqlite, {"1", "a"}, types, {"1", "a", "2", "b"});
  EXPECT_EQ(count.kind, FailureKind::kRowCount);
  // No numeric leniency in the SQLite dialect.
  EXPECT_FALSE(CheckQueryResult(Dialect::kSqlite, {"1.000"}, {LogicalType::Double()}, {"1.0"}).ok);
}

TEST(CheckQueryResultTest, Hashes) {
  std::vector<LogicalType> types = {LogicalType::Integer()};
  EXPECT_TRUE(CheckQueryResult(Dialect::kSqlite, {"1", "2"}, types,
                               {"2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0"})
                  .ok);
  QueryCheck wrong = CheckQueryResult(Dialect::kDuckDb, {"1", "3"}, types,
                                      {"2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0"});
  EXPECT_FALSE(wrong.ok);
  EXPECT_EQ(wrong.kind, FailureKind::kWrongHash);
}

TEST(CheckQueryResultTest, DuckDbRowsOrValuesPerLine) {
  std::vector<LogicalType> types = {LogicalType::Integer(), LogicalType::Varchar()};
  Strings values = {"1", "a", "2", "b"};
  EXPECT_TRUE(CheckQueryResult(Dialect::kDuckDb, values, types, {"1\ta", "2\tb"}).ok);
  EXPECT_TRUE(CheckQueryResult(Dialect::kDuckDb, values, types, {"1", "a", "2", "b"}).ok);
  EXPECT_TRUE(CheckQueryResult(Dialect::kDuckDb, values, types, {"1.0\ta", "2\tb"}).ok);
  QueryCheck rows = CheckQueryResult(Dialect::kDuckDb, values, types, {"1\ta"});
  EXPECT_EQ(rows.kind, FailureKind::kRowCount);
  QueryCheck odd = CheckQueryResult(Dialect::kDuckDb, values, types, {"1", "a", "2"});
  EXPECT_EQ(odd.kind, FailureKind::kRowCount);
  QueryCheck split = CheckQueryResult(Dialect::kDuckDb, values, types, {"1\ta\tx", "2\tb"});
  EXPECT_FALSE(split.ok);
  QueryCheck value = CheckQueryResult(Dialect::kDuckDb, values, types, {"1\ta", "2\tc"});
  EXPECT_EQ(value.kind, FailureKind::kWrongValue);
  EXPECT_NE(value.message.find("row 2, column 2"), std::string::npos);
  // No expected lines: the result must be empty.
  EXPECT_TRUE(CheckQueryResult(Dialect::kDuckDb, {}, types, {}).ok);
  EXPECT_FALSE(CheckQueryResult(Dialect::kDuckDb, values, types, {}).ok);
}

}  // namespace
}  // namespace fluxdb::slt
