// ResolveTypeName: PostgreSQL's and DuckDB's type names, DECIMAL modifiers, errors.
#include "parser/type_name.h"

#include <gtest/gtest.h>

namespace fluxdb::ast {
namespace {

StatusOr<LogicalType> Resolve(std::string name, std::vector<int64_t> modifiers = {},
                              int32_t array_bounds = 0) {
  TypeName type;
  type.name = std::move(name);
  type.modifiers = std::move(modifiers);
  type.array_bounds = array_bounds;
  return ResolveTypeName(type);
}

TEST(TypeNameTest, Aliases) {
  const std::pair<const char*, LogicalType> cases[] = {
      {"int", LogicalType::Integer()},        {"int4", LogicalType::Integer()},
      {"integer", LogicalType::Integer()},    {"signed", LogicalType::Integer()},
      {"bigint", LogicalType::BigInt()},      {"int8", LogicalType::BigInt()},
      {"long", LogicalType::BigInt()},        {"smallint", LogicalType::SmallInt()},
      {"int2", LogicalType::SmallInt()},      {"short", LogicalType::SmallInt()},
      {"tinyint", LogicalType::TinyInt()},    {"int1", LogicalType::TinyInt()},
      {"hugeint", LogicalType::HugeInt()},    {"int128", LogicalType::HugeInt()},
      {"float8", LogicalType::Double()},      {"double", LogicalType::Double()},
      {"real", LogicalType::Float()},         {"float4", LogicalType::Float()},
      {"float", LogicalType::Float()},        {"varchar", LogicalType::Varchar()},
      {"text", LogicalType::Varchar()},       {"string", LogicalType::Varchar()},
      {"char", LogicalType::Varchar()},       {"bpchar", LogicalType::Varchar()},
      {"bool", LogicalType::Boolean()},       {"boolean", LogicalType::Boolean()},
      {"logical", LogicalType::Boolean()},    {"date", LogicalType::Date()},
      {"time", LogicalType::Time()},          {"timestamp", LogicalType::Timestamp()},
      {"datetime", LogicalType::Timestamp()}, {"interval", LogicalType::IntervalType()},
      {"blob", LogicalType::Blob()},          {"bytea", LogicalType::Blob()},
  };
  for (const auto& [name, type] : cases) {
    auto resolved = Resolve(name);
    ASSERT_TRUE(resolved.ok()) << name;
    EXPECT_EQ(*resolved, type) << name;
  }
  EXPECT_EQ(Resolve("varchar", {10}).value(), LogicalType::Varchar());
}

TEST(TypeNameTest, Decimals) {
  EXPECT_EQ(Resolve("numeric").value(), LogicalType::Decimal(18, 3));
  EXPECT_EQ(Resolve("decimal").value(), LogicalType::Decimal(18, 3));
  EXPECT_EQ(Resolve("numeric", {5}).value(), LogicalType::Decimal(5, 0));
  EXPECT_EQ(Resolve("numeric", {15, 2}).value(), LogicalType::Decimal(15, 2));
  EXPECT_EQ(Resolve("numeric", {38, 38}).value(), LogicalType::Decimal(38, 38));
  EXPECT_EQ(Resolve("numeric", {0}).status().message(),
            "Binder Error: DECIMAL type width must be between 1 and 38");
  EXPECT_EQ(Resolve("numeric", {39}).status().message(),
            "Binder Error: DECIMAL type width must be between 1 and 38");
  EXPECT_EQ(Resolve("numeric", {4, 5}).status().message(),
            "Binder Error: DECIMAL type scale cannot be greater than width");
  EXPECT_EQ(Resolve("numeric", {1, 2, 3}).status().message(),
            "Binder Error: DECIMAL type can take at most two type modifiers, width and scale");
}

TEST(TypeNameTest, FloatPrecision) {
  EXPECT_EQ(Resolve("float", {24}).value(), LogicalType::Float());
  EXPECT_EQ(Resolve("float", {25}).value(), LogicalType::Double());
  EXPECT_FALSE(Resolve("float", {54}).ok());
}

TEST(TypeNameTest, Errors) {
  EXPECT_EQ(Resolve("nope").status().message(),
            "Catalog Error: Type with name nope does not exist!");
  auto array = Resolve("int4", {}, 1);
  ASSERT_TRUE(array.ok());
  EXPECT_EQ(*array, LogicalType::List(LogicalType::Integer()));
  auto nested = Resolve("varchar", {}, 2);
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ(nested->ToString(), "VARCHAR[][]");
}

TEST(TypeNameTest, ToString) {
  TypeName type;
  type.name = "numeric";
  type.modifiers = {10, 2};
  EXPECT_EQ(type.ToString(), "NUMERIC(10,2)");
  type.array_bounds = 1;
  EXPECT_EQ(type.ToString(), "NUMERIC(10,2)[]");
}

}  // namespace
}  // namespace fluxdb::ast
