#include "common/nested_value.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "common/string_ref.h"
#include "common/vector.h"

namespace fluxdb {
namespace {

Value IntList(std::vector<std::optional<int32_t>> items) {
  std::vector<Value> values;
  for (auto& item : items) {
    values.push_back(item ? Value::Integer(*item) : Value(LogicalType::Integer()));
  }
  return Value::List(LogicalType::Integer(), values);
}

TEST(NestedTypeTest, ListTypesAreInternedAndNamed) {
  LogicalType a = LogicalType::List(LogicalType::Integer());
  LogicalType b = LogicalType::List(LogicalType::Integer());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, LogicalType::List(LogicalType::BigInt()));
  EXPECT_EQ(a.child(), LogicalType::Integer());
  EXPECT_EQ(a.physical(), PhysicalType::kString);
  EXPECT_EQ(LogicalType::List(a).ToString(), "INTEGER[][]");
  LogicalType s =
      LogicalType::Struct({{"a", LogicalType::Integer()}, {"b", LogicalType::Varchar()}});
  EXPECT_EQ(s.ToString(), "STRUCT(a INTEGER, b VARCHAR)");
  EXPECT_EQ(s.fields().size(), 2u);
}

TEST(NestedValueTest, RoundTripsAndRenders) {
  Value list = IntList({1, std::nullopt, -7});
  EXPECT_EQ(list.ToString(), "[1, NULL, -7]");
  std::vector<Value> children = list.Children();
  ASSERT_EQ(children.size(), 3u);
  EXPECT_EQ(children[0], Value::Integer(1));
  EXPECT_TRUE(children[1].is_null());
  EXPECT_EQ(children[2], Value::Integer(-7));
  EXPECT_EQ(IntList({}).ToString(), "[]");

  Value strings = Value::List(
      LogicalType::Varchar(),
      {Value::Varchar("a"), Value::Varchar(std::string("b\0c", 3)), Value::Varchar("it's")});
  std::vector<Value> decoded = strings.Children();
  ASSERT_EQ(decoded.size(), 3u);
  EXPECT_EQ(decoded[1].GetString(), std::string("b\0c", 3));
  constexpr char kSql[] = "['a', 'b\0c', 'it''s']";
  EXPECT_EQ(strings.ToSQLString(), std::string(kSql, sizeof(kSql) - 1));

  LogicalType s =
      LogicalType::Struct({{"i", LogicalType::Integer()}, {"s", LogicalType::Varchar()}});
  Value st = Value::Struct(s, {Value::Integer(42), Value::Varchar("x")});
  EXPECT_EQ(st.ToString(), "{'i': 42, 's': x}");

  Value nested = Value::List(list.type(), {list, Value(list.type()), IntList({})});
  EXPECT_EQ(nested.ToString(), "[[1, NULL, -7], NULL, []]");
  EXPECT_EQ(nested.Children()[0], list);
}

TEST(NestedValueTest, BytesSortInSqlOrder) {
  // Lexicographic by element, a prefix before its extensions, NULL elements after values.
  std::vector<Value> ordered = {IntList({-5}),   IntList({}),        IntList({1}),
                                IntList({1, 2}), IntList({1, 2, 3}), IntList({1, std::nullopt}),
                                IntList({2})};
  std::swap(ordered[0], ordered[1]);  // [] is the smallest list
  for (size_t i = 0; i + 1 < ordered.size(); i++) {
    EXPECT_LT(Value::Compare(ordered[i], ordered[i + 1]), 0)
        << ordered[i].ToString() << " vs " << ordered[i + 1].ToString();
  }
  // Doubles: -inf < -1 < -0 == 0 < 1 < inf < NaN.
  auto d = [](double v) { return Value::List(LogicalType::Double(), {Value::Double(v)}); };
  double inf = std::numeric_limits<double>::infinity();
  EXPECT_LT(Value::Compare(d(-inf), d(-1)), 0);
  EXPECT_LT(Value::Compare(d(-1), d(-0.0)), 0);
  EXPECT_EQ(Value::Compare(d(-0.0), d(0.0)), 0);
  EXPECT_LT(Value::Compare(d(1), d(inf)), 0);
  EXPECT_LT(Value::Compare(d(inf), d(std::nan(""))), 0);
  // Strings: "a" < "a\0" < "ab" < "b".
  auto s = [](std::string v) { return Value::List(LogicalType::Varchar(), {Value::Varchar(v)}); };
  EXPECT_LT(Value::Compare(s("a"), s(std::string("a\0", 2))), 0);
  EXPECT_LT(Value::Compare(s(std::string("a\0", 2)), s("ab")), 0);
  EXPECT_LT(Value::Compare(s("ab"), s("b")), 0);
}

TEST(NestedValueTest, VectorsHoldListsAsStrings) {
  LogicalType type = LogicalType::List(LogicalType::BigInt());
  Vector v(type, 4);
  v.SetValue(0, Value::List(LogicalType::BigInt(), {Value::BigInt(10), Value::BigInt(20)}));
  v.SetNull(1);
  EXPECT_EQ(v.GetValue(0).ToString(), "[10, 20]");
  EXPECT_EQ(v.GetValue(0).type(), type);
  EXPECT_TRUE(v.GetValue(1).is_null());
}

TEST(NestedValueTest, MalformedBytesDecodeToThePrefix) {
  Value list = IntList({1, 2, 3});
  std::string truncated = list.GetString().substr(0, 7);  // one element and part of another
  std::vector<Value> elements = DecodeNested(list.type(), truncated);
  ASSERT_EQ(elements.size(), 1u);
  EXPECT_EQ(elements[0], Value::Integer(1));
}

}  // namespace
}  // namespace fluxdb
