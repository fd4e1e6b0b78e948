// DuckDB's nested literals and subscripts: [a, b], {'k': v}, l[i], l[a:b], s.k.
#include <gtest/gtest.h>

#include "parser/parsed_expression.h"
#include "test/unit/parser/parser_test_util.h"

namespace fluxdb::ast {
namespace {

using testing::ExprString;
using testing::ParsedSelect;

const FunctionExpr& Call(ParsedSelect& parsed, size_t i) {
  return parsed.expr(i).As<FunctionExpr>();
}

TEST(NestedLiteralTest, BracketsStartingAnOperandAreLists) {
  ParsedSelect parsed("SELECT [1, 2], [], [[1], [2, 3]], ARRAY[4], x = [1], f([1], 2)");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Call(parsed, 0).name, "list_value");
  EXPECT_EQ(Call(parsed, 0).args.size(), 2u);
  EXPECT_EQ(Call(parsed, 1).args.size(), 0u);
  EXPECT_EQ(Call(parsed, 2).args[1]->As<FunctionExpr>().args.size(), 2u);
  EXPECT_EQ(Call(parsed, 3).name, "list_value");
  EXPECT_EQ(parsed.expr(4).As<ComparisonExpr>().right->As<FunctionExpr>().name, "list_value");
  EXPECT_EQ(Call(parsed, 5).args[0]->As<FunctionExpr>().name, "list_value");
}

TEST(NestedLiteralTest, BracketsAfterAnOperandAreSubscripts) {
  ParsedSelect parsed("SELECT l[1], t.l[2:3], l[:2], [1, 2, 3][2], l[1][2]");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Call(parsed, 0).name, "list_extract");
  EXPECT_EQ(Call(parsed, 1).name, "list_slice");
  EXPECT_EQ(Call(parsed, 1).args.size(), 3u);
  const FunctionExpr& open = Call(parsed, 2);
  EXPECT_EQ(open.name, "list_slice");
  EXPECT_TRUE(open.args[1]->As<ConstantExpr>().value.is_null());  // missing bound: open
  const FunctionExpr& literal = Call(parsed, 3);
  EXPECT_EQ(literal.name, "list_extract");
  EXPECT_EQ(literal.args[0]->As<FunctionExpr>().name, "list_value");
  const FunctionExpr& chained = Call(parsed, 4);
  EXPECT_EQ(chained.name, "list_extract");
  EXPECT_EQ(chained.args[0]->As<FunctionExpr>().name, "list_extract");
}

TEST(NestedLiteralTest, BracesAreStructs) {
  ParsedSelect parsed("SELECT {'a': 1, 'it''s': [2], 'b': {c: 3}}");
  ASSERT_TRUE(parsed.ok());
  const FunctionExpr& pack = Call(parsed, 0);
  EXPECT_EQ(pack.name, "struct_pack");
  ASSERT_EQ(pack.args.size(), 3u);
  EXPECT_EQ(pack.args[0]->alias, "a");
  EXPECT_EQ(pack.args[1]->alias, "it's");
  EXPECT_EQ(pack.args[1]->As<FunctionExpr>().name, "list_value");
  EXPECT_EQ(pack.args[2]->alias, "b");
  EXPECT_EQ(pack.args[2]->As<FunctionExpr>().name, "struct_pack");
  EXPECT_EQ(pack.args[2]->As<FunctionExpr>().args[0]->alias, "c");  // a bare name as key
}

TEST(NestedLiteralTest, QuantifiedComparisonsOverAList) {
  ParsedSelect parsed("SELECT 5 = ANY(l), x > ALL(l)");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Call(parsed, 0).name, "__list_any");
  EXPECT_EQ(Call(parsed, 1).name, "__list_all");
  EXPECT_EQ(Call(parsed, 1).args[2]->As<ConstantExpr>().value.GetString(), ">");
}

}  // namespace
}  // namespace fluxdb::ast
