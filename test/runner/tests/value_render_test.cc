#include "test/runner/value_render.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace fluxdb::slt {
namespace {

TEST(SqliteRenderTest, Null) {
  EXPECT_EQ(RenderSqliteValue(Value(LogicalType::Integer()), 'I'), "NULL");
  EXPECT_EQ(RenderSqliteValue(Value(LogicalType::Varchar()), 'T'), "NULL");
  EXPECT_EQ(RenderSqliteValue(Value(), 'R'), "NULL");
}

TEST(SqliteRenderTest, IntegerColumn) {
  EXPECT_EQ(RenderSqliteValue(Value::Integer(-42), 'I'), "-42");
  EXPECT_EQ(RenderSqliteValue(Value::BigInt(1LL << 40), 'I'), "1099511627776");
  EXPECT_EQ(RenderSqliteValue(Value::Boolean(true), 'I'), "1");
  // Reals and decimals truncate toward zero, as sqlite3_column_int64 does.
  EXPECT_EQ(RenderSqliteValue(Value::Double(2.9), 'I'), "2");
  EXPECT_EQ(RenderSqliteValue(Value::Double(-2.9), 'I'), "-2");
  EXPECT_EQ(RenderSqliteValue(Value::Decimal(-1999, 5, 3), 'I'), "-1");
  EXPECT_EQ(RenderSqliteValue(Value::Double(1e300), 'I'), "9223372036854775807");
  // Text: its leading integer, or 0.
  EXPECT_EQ(RenderSqliteValue(Value::Varchar(" 12abc"), 'I'), "12");
  EXPECT_EQ(RenderSqliteValue(Value::Varchar("abc"), 'I'), "0");
  EXPECT_EQ(RenderSqliteValue(Value::Varchar("-7.9"), 'I'), "-7");
  EXPECT_EQ(RenderSqliteValue(Value::Varchar(""), 'I'), "0");
}

TEST(SqliteRenderTest, RealColumn) {
  EXPECT_EQ(RenderSqliteValue(Value::Double(1.0 / 3), 'R'), "0.333");
  EXPECT_EQ(RenderSqliteValue(Value::Integer(7), 'R'), "7.000");
  EXPECT_EQ(RenderSqliteValue(Value::Decimal(12345, 6, 2), 'R'), "123.450");
  EXPECT_EQ(RenderSqliteValue(Value::Varchar("2.5x"), 'R'), "2.500");
  EXPECT_EQ(RenderSqliteValue(Value::Varchar("x"), 'R'), "0.000");
  EXPECT_EQ(RenderSqliteValue(Value::Double(-12.3456), 'R'), "-12.346");
}

TEST(SqliteRenderTest, TextColumn) {
  EXPECT_EQ(RenderSqliteValue(Value::Varchar("hello"), 'T'), "hello");
  EXPECT_EQ(RenderSqliteValue(Value::Varchar(""), 'T'), "(empty)");
  EXPECT_EQ(RenderSqliteValue(Value::Varchar("a\tb\x7f"), 'T'), "a@b@");
  EXPECT_EQ(RenderSqliteValue(Value::Varchar("\xc3\xa9"), 'T'), "@@");  // each UTF-8 byte
  EXPECT_EQ(RenderSqliteValue(Value::Integer(5), 'T'), "5");
  EXPECT_EQ(RenderSqliteValue(Value::Double(1.5), 'T'), "1.5");
  EXPECT_EQ(RenderSqliteValue(Value::Double(2), 'T'), "2.0");
  EXPECT_EQ(RenderSqliteValue(Value::Decimal(150, 3, 2), 'T'), "1.5");
}

TEST(SqliteRenderTest, RealText) {
  EXPECT_EQ(FormatSqliteReal(0.1), "0.1");
  EXPECT_EQ(FormatSqliteReal(100), "100.0");
  EXPECT_EQ(FormatSqliteReal(1e20), "1.0e+20");
  EXPECT_EQ(FormatSqliteReal(1.5e-7), "1.5e-07");
  EXPECT_EQ(FormatSqliteReal(1.0 / 3), "0.333333333333333");
}

TEST(SqliteRenderTest, TextToNumber) {
  EXPECT_EQ(SqliteTextToInteger("99999999999999999999"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(SqliteTextToInteger("-99999999999999999999"), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(SqliteTextToInteger("+3"), 3);
  EXPECT_DOUBLE_EQ(SqliteTextToReal("1.5e2x"), 150);
  EXPECT_DOUBLE_EQ(SqliteTextToReal(".5"), 0.5);
  EXPECT_DOUBLE_EQ(SqliteTextToReal("1e"), 1);
  EXPECT_DOUBLE_EQ(SqliteTextToReal("inf"), 0);
}

TEST(DuckDbRenderTest, Values) {
  EXPECT_EQ(RenderDuckDbValue(Value(LogicalType::Integer())), "NULL");
  EXPECT_EQ(RenderDuckDbValue(Value::Varchar("")), "(empty)");
  EXPECT_EQ(RenderDuckDbValue(Value::Varchar(std::string("a\0b", 3))), "a\\0b");
  EXPECT_EQ(RenderDuckDbValue(Value::Boolean(true)), "1");
  EXPECT_EQ(RenderDuckDbValue(Value::Boolean(false)), "0");
  EXPECT_EQ(RenderDuckDbValue(Value::Integer(-3)), "-3");
  EXPECT_EQ(RenderDuckDbValue(Value::Decimal(1250, 4, 2)), "12.50");
  EXPECT_EQ(RenderDuckDbValue(Value::Varchar("x\ty")), "x\ty");
}

}  // namespace
}  // namespace fluxdb::slt
