// Expressions: every expression kind the transformer produces, and literal typing.
#include <gtest/gtest.h>

#include "parser/parsed_expression.h"
#include "parser/query_node.h"
#include "test/unit/parser/parser_test_util.h"

namespace fluxdb::ast {
namespace {

using testing::ExprString;
using testing::ParsedSelect;

Value ConstantOf(const std::string& literal) {
  ParsedSelect parsed("SELECT " + literal);
  if (!parsed.ok()) return Value();
  EXPECT_EQ(parsed.expr().kind, ExprKind::kConstant) << literal;
  if (parsed.expr().kind != ExprKind::kConstant) return Value();
  return parsed.expr().As<ConstantExpr>().value;
}

TEST(LiteralTest, IntegersTakeTheSmallestFittingType) {
  EXPECT_EQ(ConstantOf("1").type(), LogicalType::Integer());
  EXPECT_EQ(ConstantOf("1").GetInt64(), 1);
  EXPECT_EQ(ConstantOf("2147483647").type(), LogicalType::Integer());
  EXPECT_EQ(ConstantOf("-2147483648").type(), LogicalType::Integer());
  EXPECT_EQ(ConstantOf("-2147483648").GetInt64(), -2147483648LL);
  EXPECT_EQ(ConstantOf("2147483648").type(), LogicalType::BigInt());
  EXPECT_EQ(ConstantOf("9223372036854775807").type(), LogicalType::BigInt());
  EXPECT_EQ(ConstantOf("-9223372036854775808").type(), LogicalType::BigInt());
  Value huge = ConstantOf("9223372036854775808");
  EXPECT_EQ(huge.type(), LogicalType::HugeInt());
  EXPECT_EQ(huge.GetInt128(), static_cast<int128_t>(9223372036854775807LL) + 1);
  EXPECT_EQ(ConstantOf("170141183460469231731687303715884105727").type(), LogicalType::HugeInt());
  EXPECT_EQ(ConstantOf("170141183460469231731687303715884105728").type(), LogicalType::Double());
}

TEST(LiteralTest, DecimalsAreTypedLikeDuckDB) {
  EXPECT_EQ(ConstantOf("1.5").type(), LogicalType::Decimal(2, 1));
  EXPECT_EQ(ConstantOf("1.5").GetInt64(), 15);
  EXPECT_EQ(ConstantOf("0.01").type(), LogicalType::Decimal(3, 2));
  EXPECT_EQ(ConstantOf(".5").type(), LogicalType::Decimal(1, 1));
  EXPECT_EQ(ConstantOf("5.").type(), LogicalType::Decimal(1, 0));
  EXPECT_EQ(ConstantOf("123.456").type(), LogicalType::Decimal(6, 3));
  Value negative = ConstantOf("-12.50");
  EXPECT_EQ(negative.type(), LogicalType::Decimal(4, 2));
  EXPECT_EQ(negative.GetInt64(), -1250);
  // 38 digits still fit a DECIMAL, 39 do not.
  EXPECT_EQ(ConstantOf("1.2345678901234567890123456789012345678").type(),
            LogicalType::Decimal(38, 37));
  EXPECT_EQ(ConstantOf("1.23456789012345678901234567890123456789").type(), LogicalType::Double());
}

TEST(LiteralTest, ExponentsAreDouble) {
  EXPECT_EQ(ConstantOf("1e3").type(), LogicalType::Double());
  EXPECT_DOUBLE_EQ(ConstantOf("1e3").GetDouble(), 1000.0);
  EXPECT_EQ(ConstantOf("1.5E-2").type(), LogicalType::Double());
  EXPECT_DOUBLE_EQ(ConstantOf("1.5E-2").GetDouble(), 0.015);
}

TEST(LiteralTest, StringsBooleansAndNull) {
  Value s = ConstantOf("'it''s'");
  EXPECT_EQ(s.type(), LogicalType::Varchar());
  EXPECT_EQ(s.GetString(), "it's");
  EXPECT_EQ(ConstantOf("E'a\\tb'").GetString(), "a\tb");
  EXPECT_EQ(ConstantOf("$$dollar$$").GetString(), "dollar");
  EXPECT_EQ(ConstantOf("TRUE"), Value::Boolean(true));
  EXPECT_EQ(ConstantOf("false"), Value::Boolean(false));
  Value null = ConstantOf("NULL");
  EXPECT_TRUE(null.is_null());
  EXPECT_EQ(null.type(), LogicalType::Null());
  Value blob = ConstantOf("X'4142'");
  EXPECT_EQ(blob.type(), LogicalType::Blob());
  EXPECT_EQ(blob.GetString(), "AB");
}

TEST(LiteralTest, HugeLiteralThatIsNotANumberFails) {
  EXPECT_NE(testing::ParseError("SELECT 1e999999").find("Conversion Error"), std::string::npos);
}

TEST(ExpressionTest, ColumnReferences) {
  ParsedSelect parsed("SELECT a, t.b, s.t.c, \"MixedCase\", T.\"Q\" FROM t");
  ASSERT_TRUE(parsed.ok());
  auto names = [&](size_t i) { return parsed.expr(i).As<ColumnRefExpr>().names; };
  EXPECT_EQ(names(0), std::vector<std::string>{"a"});
  EXPECT_EQ(names(1), (std::vector<std::string>{"t", "b"}));
  EXPECT_EQ(names(2), (std::vector<std::string>{"s", "t", "c"}));
  EXPECT_EQ(names(3), std::vector<std::string>{"MixedCase"});
  EXPECT_EQ(names(4), (std::vector<std::string>{"t", "Q"}));
  EXPECT_EQ(parsed.expr(1).As<ColumnRefExpr>().table_name(), "t");
  EXPECT_EQ(parsed.expr(1).As<ColumnRefExpr>().column_name(), "b");
  EXPECT_EQ(parsed.expr(0).location, 7);
  EXPECT_EQ(parsed.expr(1).location, 10);
}

TEST(ExpressionTest, Stars) {
  ParsedSelect parsed("SELECT *, t.* FROM t");
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed.expr(0).kind, ExprKind::kStar);
  EXPECT_EQ(parsed.expr(0).As<StarExpr>().relation, "");
  ASSERT_EQ(parsed.expr(1).kind, ExprKind::kStar);
  EXPECT_EQ(parsed.expr(1).As<StarExpr>().relation, "t");
  EXPECT_EQ(parsed.expr(1).ToString(), "t.*");
}

TEST(ExpressionTest, Aliases) {
  ParsedSelect parsed("SELECT a AS x, b y, c FROM t");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr(0).alias, "x");
  EXPECT_EQ(parsed.expr(1).alias, "y");
  EXPECT_EQ(parsed.expr(2).alias, "");
}

TEST(ExpressionTest, Parameters) {
  ParsedSelect parsed("SELECT $1, $3");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr(0).As<ParameterExpr>().index, 1);
  EXPECT_EQ(parsed.expr(1).As<ParameterExpr>().index, 3);
  EXPECT_EQ(parsed.statement().parameter_count, 3);
  EXPECT_EQ(parsed.expr(0).ToString(), "$1");
}

TEST(ExpressionTest, ArithmeticOperatorsAreFunctions) {
  for (std::string op : {"+", "-", "*", "/", "%", "^", "||", "<<", ">>", "&", "|", "//", "**"}) {
    ParsedSelect parsed("SELECT a " + op + " b");
    ASSERT_TRUE(parsed.ok()) << op;
    ASSERT_EQ(parsed.expr().kind, ExprKind::kFunction) << op;
    const auto& fn = parsed.expr().As<FunctionExpr>();
    EXPECT_EQ(fn.name, op);
    EXPECT_TRUE(fn.is_operator);
    EXPECT_EQ(fn.args.size(), 2u);
    EXPECT_EQ(fn.ToString(), "(a " + op + " b)");
  }
  ParsedSelect unary("SELECT -a, ~b, +c");
  ASSERT_TRUE(unary.ok());
  EXPECT_EQ(unary.expr(0).As<FunctionExpr>().name, "-");
  EXPECT_EQ(unary.expr(0).As<FunctionExpr>().args.size(), 1u);
  EXPECT_EQ(unary.expr(0).ToString(), "-(a)");
  EXPECT_EQ(unary.expr(1).As<FunctionExpr>().name, "~");
  EXPECT_EQ(unary.expr(2).As<FunctionExpr>().name, "+");
}

TEST(ExpressionTest, NegativeLiteralsAreConstants) {
  EXPECT_EQ(ConstantOf("-5"), Value::Integer(-5));
  EXPECT_EQ(ConstantOf("- 5"), Value::Integer(-5));
  EXPECT_EQ(ConstantOf("-(5)"), Value::Integer(-5));
  EXPECT_EQ(ConstantOf("-1.5").type(), LogicalType::Decimal(2, 1));
}

TEST(ExpressionTest, Comparisons) {
  const std::pair<std::string, ComparisonOp> cases[] = {
      {"=", ComparisonOp::kEqual},     {"==", ComparisonOp::kEqual},
      {"<>", ComparisonOp::kNotEqual}, {"!=", ComparisonOp::kNotEqual},
      {"<", ComparisonOp::kLess},      {"<=", ComparisonOp::kLessEqual},
      {">", ComparisonOp::kGreater},   {">=", ComparisonOp::kGreaterEqual},
  };
  for (const auto& [op, expected] : cases) {
    ParsedSelect parsed("SELECT a " + op + " 1");
    ASSERT_TRUE(parsed.ok()) << op;
    ASSERT_EQ(parsed.expr().kind, ExprKind::kComparison) << op;
    EXPECT_EQ(parsed.expr().As<ComparisonExpr>().op, expected) << op;
  }
  EXPECT_EQ(ExprString("a = 1"), "(a = 1)");
  EXPECT_EQ(ExprString("a <> 1"), "(a != 1)");
}

TEST(ExpressionTest, ConjunctionsAreFlattened) {
  ParsedSelect parsed("SELECT a AND (b AND c) AND d, a OR b OR (c AND d), NOT a");
  ASSERT_TRUE(parsed.ok());
  const auto& conj = parsed.expr(0).As<ConjunctionExpr>();
  EXPECT_TRUE(conj.is_and);
  EXPECT_EQ(conj.children.size(), 4u);
  const auto& disj = parsed.expr(1).As<ConjunctionExpr>();
  EXPECT_FALSE(disj.is_and);
  ASSERT_EQ(disj.children.size(), 3u);
  EXPECT_EQ(disj.children[2]->kind, ExprKind::kConjunction);
  EXPECT_EQ(parsed.expr(2).kind, ExprKind::kNot);
  EXPECT_EQ(parsed.expr(0).ToString(), "(a AND b AND c AND d)");
  EXPECT_EQ(parsed.expr(2).ToString(), "(NOT a)");
}

TEST(ExpressionTest, NullAndBooleanTests) {
  ParsedSelect parsed(
      "SELECT a IS NULL, a IS NOT NULL, a ISNULL, a NOTNULL, a IS TRUE, a IS NOT FALSE, "
      "a IS UNKNOWN, a IS NOT UNKNOWN");
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed.expr(0).As<IsNullExpr>().negated);
  EXPECT_TRUE(parsed.expr(1).As<IsNullExpr>().negated);
  EXPECT_FALSE(parsed.expr(2).As<IsNullExpr>().negated);
  EXPECT_TRUE(parsed.expr(3).As<IsNullExpr>().negated);
  EXPECT_EQ(parsed.expr(4).As<IsBoolExpr>().test, IsBoolExpr::Test::kTrue);
  EXPECT_FALSE(parsed.expr(4).As<IsBoolExpr>().negated);
  EXPECT_EQ(parsed.expr(5).As<IsBoolExpr>().test, IsBoolExpr::Test::kFalse);
  EXPECT_TRUE(parsed.expr(5).As<IsBoolExpr>().negated);
  EXPECT_EQ(parsed.expr(6).As<IsBoolExpr>().test, IsBoolExpr::Test::kUnknown);
  EXPECT_TRUE(parsed.expr(7).As<IsBoolExpr>().negated);
  EXPECT_EQ(parsed.expr(1).ToString(), "(a IS NOT NULL)");
  EXPECT_EQ(parsed.expr(5).ToString(), "(a IS NOT FALSE)");
}

TEST(ExpressionTest, DistinctFromAndNullIf) {
  ParsedSelect parsed("SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b, NULLIF(a, b)");
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed.expr(0).As<IsDistinctExpr>().negated);
  EXPECT_TRUE(parsed.expr(1).As<IsDistinctExpr>().negated);
  EXPECT_EQ(parsed.expr(2).kind, ExprKind::kNullIf);
  EXPECT_EQ(parsed.expr(0).ToString(), "(a IS DISTINCT FROM b)");
  EXPECT_EQ(parsed.expr(2).ToString(), "nullif(a, b)");
}

TEST(ExpressionTest, InLists) {
  ParsedSelect parsed("SELECT a IN (1, 2, 3), a NOT IN (1), a = ANY(ARRAY[1, 2])");
  ASSERT_TRUE(parsed.ok());
  const auto& in = parsed.expr(0).As<InListExpr>();
  EXPECT_FALSE(in.negated);
  EXPECT_EQ(in.list.size(), 3u);
  EXPECT_TRUE(parsed.expr(1).As<InListExpr>().negated);
  EXPECT_EQ(parsed.expr(2).As<InListExpr>().list.size(), 2u);
  EXPECT_EQ(parsed.expr(0).ToString(), "(a IN (1, 2, 3))");
  EXPECT_EQ(parsed.expr(1).ToString(), "(a NOT IN (1))");
}

TEST(ExpressionTest, LikeFamily) {
  ParsedSelect parsed(
      "SELECT a LIKE 'x%', a NOT LIKE 'x', a ILIKE 'x', a NOT ILIKE 'x', a SIMILAR TO 'x', "
      "a NOT SIMILAR TO 'x', a LIKE 'x!%' ESCAPE '!', a SIMILAR TO 'x' ESCAPE '#', a ~~ 'y'");
  ASSERT_TRUE(parsed.ok());
  auto like = [&](size_t i) -> const LikeExpr& { return parsed.expr(i).As<LikeExpr>(); };
  EXPECT_EQ(like(0).like_kind, LikeExpr::Kind::kLike);
  EXPECT_FALSE(like(0).negated);
  EXPECT_TRUE(like(1).negated);
  EXPECT_EQ(like(2).like_kind, LikeExpr::Kind::kILike);
  EXPECT_TRUE(like(3).negated);
  EXPECT_EQ(like(4).like_kind, LikeExpr::Kind::kSimilar);
  EXPECT_EQ(like(4).pattern->ToString(), "'x'");
  EXPECT_EQ(like(4).escape, nullptr);
  EXPECT_TRUE(like(5).negated);
  ASSERT_NE(like(6).escape, nullptr);
  EXPECT_EQ(like(6).escape->ToString(), "'!'");
  EXPECT_EQ(like(6).pattern->ToString(), "'x!%'");
  ASSERT_NE(like(7).escape, nullptr);
  EXPECT_EQ(like(8).like_kind, LikeExpr::Kind::kLike);
  EXPECT_EQ(parsed.expr(0).ToString(), "(a ~~ 'x%')");
  EXPECT_EQ(parsed.expr(1).ToString(), "(a !~~ 'x')");
  EXPECT_EQ(parsed.expr(2).ToString(), "(a ~~* 'x')");
  EXPECT_EQ(parsed.expr(6).ToString(), "like_escape(a, 'x!%', '!')");
}

TEST(ExpressionTest, Between) {
  ParsedSelect parsed(
      "SELECT a BETWEEN 1 AND 2, a NOT BETWEEN 1 AND 2, a BETWEEN SYMMETRIC 2 AND 1, "
      "a NOT BETWEEN SYMMETRIC 2 AND 1");
  ASSERT_TRUE(parsed.ok());
  const auto& between = parsed.expr(0).As<BetweenExpr>();
  EXPECT_FALSE(between.negated);
  EXPECT_EQ(between.lower->ToString(), "1");
  EXPECT_EQ(between.upper->ToString(), "2");
  EXPECT_TRUE(parsed.expr(1).As<BetweenExpr>().negated);
  EXPECT_EQ(parsed.expr(2).ToString(), "((a BETWEEN 2 AND 1) OR (a BETWEEN 1 AND 2))");
  EXPECT_EQ(parsed.expr(3).kind, ExprKind::kNot);
  EXPECT_EQ(parsed.expr(1).ToString(), "(a NOT BETWEEN 1 AND 2)");
}

TEST(ExpressionTest, Subqueries) {
  ParsedSelect parsed(
      "SELECT (SELECT 1), EXISTS (SELECT 1), NOT EXISTS (SELECT 1), a IN (SELECT b FROM t), "
      "a NOT IN (SELECT b FROM t), a > ANY (SELECT b FROM t), a <= ALL (SELECT b FROM t), "
      "a = SOME (SELECT 1)");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr(0).As<SubqueryExpr>().subquery_kind, SubqueryKind::kScalar);
  EXPECT_EQ(parsed.expr(1).As<SubqueryExpr>().subquery_kind, SubqueryKind::kExists);
  ASSERT_EQ(parsed.expr(2).kind, ExprKind::kNot);
  const auto& in = parsed.expr(3).As<SubqueryExpr>();
  EXPECT_EQ(in.subquery_kind, SubqueryKind::kAny);
  EXPECT_EQ(in.comparison, ComparisonOp::kEqual);
  EXPECT_EQ(in.left->ToString(), "a");
  ASSERT_EQ(parsed.expr(4).kind, ExprKind::kNot);
  const auto& not_in = parsed.expr(4).As<NotExpr>().child->As<SubqueryExpr>();
  EXPECT_EQ(not_in.subquery_kind, SubqueryKind::kAny);
  EXPECT_EQ(parsed.expr(5).As<SubqueryExpr>().comparison, ComparisonOp::kGreater);
  EXPECT_EQ(parsed.expr(6).As<SubqueryExpr>().subquery_kind, SubqueryKind::kAll);
  EXPECT_EQ(parsed.expr(6).As<SubqueryExpr>().comparison, ComparisonOp::kLessEqual);
  EXPECT_EQ(parsed.expr(7).As<SubqueryExpr>().subquery_kind, SubqueryKind::kAny);
  EXPECT_EQ(parsed.expr(0).ToString(), "(SELECT 1)");
  EXPECT_EQ(parsed.expr(1).ToString(), "EXISTS(SELECT 1)");
  EXPECT_EQ(parsed.expr(3).ToString(), "(a = ANY(SELECT b FROM t))");
  EXPECT_EQ(parsed.expr(6).ToString(), "(a <= ALL(SELECT b FROM t))");
}

TEST(ExpressionTest, Case) {
  ParsedSelect parsed(
      "SELECT CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END, "
      "CASE a WHEN 1 THEN 'one' END");
  ASSERT_TRUE(parsed.ok());
  const auto& searched = parsed.expr(0).As<CaseExpr>();
  EXPECT_EQ(searched.operand, nullptr);
  EXPECT_EQ(searched.checks.size(), 2u);
  ASSERT_NE(searched.else_expr, nullptr);
  const auto& simple = parsed.expr(1).As<CaseExpr>();
  ASSERT_NE(simple.operand, nullptr);
  EXPECT_EQ(simple.operand->ToString(), "a");
  EXPECT_EQ(simple.checks[0].when->ToString(), "1");
  EXPECT_EQ(simple.else_expr, nullptr);
  EXPECT_EQ(parsed.expr(0).ToString(),
            "CASE  WHEN ((a > 1)) THEN ('x') WHEN ((a > 0)) THEN ('y') ELSE 'z' END");
  EXPECT_EQ(parsed.expr(1).ToString(), "CASE  WHEN ((a = 1)) THEN ('one') ELSE NULL END");
}

TEST(ExpressionTest, CoalesceGreatestLeast) {
  ParsedSelect parsed("SELECT COALESCE(a, b, 1), GREATEST(a, b), LEAST(a, b)");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr(0).As<CoalesceExpr>().args.size(), 3u);
  EXPECT_EQ(parsed.expr(1).As<FunctionExpr>().name, "greatest");
  EXPECT_EQ(parsed.expr(2).As<FunctionExpr>().name, "least");
  EXPECT_EQ(parsed.expr(0).ToString(), "COALESCE(a, b, 1)");
}

TEST(ExpressionTest, Casts) {
  ParsedSelect parsed(
      "SELECT CAST(a AS INTEGER), a::VARCHAR, a::DECIMAL(10, 2), DATE '1992-01-01', "
      "TIMESTAMP '1992-01-01 10:00:00', TRY_CAST(a AS BIGINT), a::INT[], a::double precision");
  ASSERT_TRUE(parsed.ok());
  const auto& cast = parsed.expr(0).As<CastExpr>();
  EXPECT_EQ(cast.type.name, "int4");
  EXPECT_FALSE(cast.try_cast);
  EXPECT_EQ(parsed.expr(1).As<CastExpr>().type.name, "varchar");
  EXPECT_EQ(parsed.expr(2).As<CastExpr>().type.modifiers, (std::vector<int64_t>{10, 2}));
  const auto& date = parsed.expr(3).As<CastExpr>();
  EXPECT_EQ(date.type.name, "date");
  EXPECT_EQ(date.child->As<ConstantExpr>().value.GetString(), "1992-01-01");
  EXPECT_EQ(parsed.expr(4).As<CastExpr>().type.name, "timestamp");
  EXPECT_TRUE(parsed.expr(5).As<CastExpr>().try_cast);
  EXPECT_EQ(parsed.expr(6).As<CastExpr>().type.array_bounds, 1);
  EXPECT_EQ(parsed.expr(7).As<CastExpr>().type.name, "float8");
  EXPECT_EQ(parsed.expr(0).ToString(), "CAST(a AS INTEGER)");
  EXPECT_EQ(parsed.expr(2).ToString(), "CAST(a AS DECIMAL(10,2))");
  EXPECT_EQ(parsed.expr(3).ToString(), "CAST('1992-01-01' AS DATE)");
  EXPECT_EQ(parsed.expr(5).ToString(), "TRY_CAST(a AS BIGINT)");
}

TEST(ExpressionTest, IntervalLiterals) {
  EXPECT_EQ(ExprString("INTERVAL '1 day'"), "CAST('1 day' AS INTERVAL)");
  EXPECT_EQ(ExprString("INTERVAL '1' DAY"), "CAST('1 day' AS INTERVAL)");
  EXPECT_EQ(ExprString("INTERVAL '3' MONTH"), "CAST('3 month' AS INTERVAL)");
  EXPECT_EQ(ExprString("INTERVAL '2' YEAR"), "CAST('2 year' AS INTERVAL)");
  EXPECT_EQ(ExprString("INTERVAL '1-2' YEAR TO MONTH"), "CAST('1-2' AS INTERVAL)");
  EXPECT_EQ(ExprString("INTERVAL 2 DAYS"), "CAST('2 day' AS INTERVAL)");
  EXPECT_EQ(ExprString("INTERVAL 5 HOUR"), "CAST('5 hour' AS INTERVAL)");
  EXPECT_EQ(ExprString("INTERVAL '3' WEEKS"), "CAST('3 week' AS INTERVAL)");
  EXPECT_EQ(ExprString("INTERVAL (x + 1) DAY"), "to_days(CAST((x + 1) AS INTEGER))");
  ParsedSelect parsed("SELECT d + INTERVAL 1 DAY");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr().ToString(), "(d + CAST('1 day' AS INTERVAL))");
}

TEST(ExpressionTest, SqlValueFunctions) {
  ParsedSelect parsed("SELECT CURRENT_DATE, CURRENT_TIMESTAMP, now(), LOCALTIMESTAMP");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr(0).As<FunctionExpr>().name, "current_date");
  EXPECT_EQ(parsed.expr(1).As<FunctionExpr>().name, "current_timestamp");
  EXPECT_EQ(parsed.expr(2).As<FunctionExpr>().name, "current_timestamp");
  EXPECT_EQ(parsed.expr(3).As<FunctionExpr>().name, "localtimestamp");
}

TEST(ExpressionTest, FunctionCalls) {
  ParsedSelect parsed(
      "SELECT lower(a), COUNT(*), count(DISTINCT a), sum(a) FILTER (WHERE a > 1), "
      "string_agg(a, ',' ORDER BY b DESC), main.f(1), \"Upper\"(x), f(x => 1, y := 2)");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr(0).As<FunctionExpr>().name, "lower");
  const auto& count = parsed.expr(1).As<FunctionExpr>();
  EXPECT_EQ(count.name, "count");
  EXPECT_TRUE(count.star);
  EXPECT_TRUE(count.args.empty());
  EXPECT_EQ(count.ToString(), "count_star()");
  EXPECT_TRUE(parsed.expr(2).As<FunctionExpr>().distinct);
  ASSERT_NE(parsed.expr(3).As<FunctionExpr>().filter, nullptr);
  const auto& agg = parsed.expr(4).As<FunctionExpr>();
  ASSERT_EQ(agg.order_by.size(), 1u);
  EXPECT_FALSE(agg.order_by[0].ascending);
  EXPECT_EQ(parsed.expr(5).As<FunctionExpr>().schema, "main");
  EXPECT_EQ(parsed.expr(6).As<FunctionExpr>().name, "upper");
  const auto& named = parsed.expr(7).As<FunctionExpr>();
  EXPECT_EQ(named.args[0]->alias, "x");
  EXPECT_EQ(named.args[1]->alias, "y");
  EXPECT_EQ(parsed.expr(2).ToString(), "count(DISTINCT a)");
  EXPECT_EQ(parsed.expr(3).ToString(), "sum(a) FILTER (WHERE (a > 1))");
  EXPECT_EQ(parsed.expr(4).ToString(), "string_agg(a, ',' ORDER BY b DESC)");
}

TEST(ExpressionTest, SqlSyntaxFunctions) {
  EXPECT_EQ(ExprString("EXTRACT(year FROM d)"), "date_part('year', d)");
  EXPECT_EQ(ExprString("POSITION('b' IN s)"), "position(s, 'b')");
  EXPECT_EQ(ExprString("SUBSTRING(s FROM 2 FOR 3)"), "substring(s, 2, 3)");
  EXPECT_EQ(ExprString("SUBSTRING(s, 2)"), "substring(s, 2)");
  EXPECT_EQ(ExprString("TRIM(s)"), "trim(s)");
  EXPECT_EQ(ExprString("TRIM(BOTH 'x' FROM s)"), "trim(s, 'x')");
  EXPECT_EQ(ExprString("TRIM(LEADING 'x' FROM s)"), "ltrim(s, 'x')");
  EXPECT_EQ(ExprString("TRIM(TRAILING FROM s)"), "rtrim(s)");
  EXPECT_EQ(ExprString("OVERLAY(s PLACING 'ab' FROM 2 FOR 1)"), "overlay(s, 'ab', 2, 1)");
  ParsedSelect parsed("SELECT EXTRACT(epoch FROM d)");
  ASSERT_TRUE(parsed.ok());
  const auto& fn = parsed.expr().As<FunctionExpr>();
  EXPECT_EQ(fn.name, "date_part");
  EXPECT_EQ(fn.schema, "");
  EXPECT_EQ(fn.args[0]->As<ConstantExpr>().value.GetString(), "epoch");
}

TEST(ExpressionTest, WindowFunctions) {
  ParsedSelect parsed(
      "SELECT row_number() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST), "
      "sum(x) OVER (ORDER BY b ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING), "
      "avg(x) OVER (RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), "
      "count(*) OVER (), "
      "min(x) OVER (GROUPS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), "
      "max(x) OVER (ROWS 3 PRECEDING), "
      "sum(x) FILTER (WHERE x > 0) OVER () FROM t");
  ASSERT_TRUE(parsed.ok());
  const auto& rn = parsed.expr(0).As<WindowExpr>();
  EXPECT_EQ(rn.name, "row_number");
  ASSERT_EQ(rn.partition_by.size(), 1u);
  ASSERT_EQ(rn.order_by.size(), 1u);
  EXPECT_FALSE(rn.order_by[0].ascending);
  EXPECT_EQ(rn.order_by[0].nulls, NullOrder::kNullsLast);
  EXPECT_FALSE(rn.frame.present);
  const auto& rows = parsed.expr(1).As<WindowExpr>().frame;
  EXPECT_TRUE(rows.present);
  EXPECT_EQ(rows.unit, FrameUnit::kRows);
  EXPECT_EQ(rows.start.kind, FrameBoundKind::kPreceding);
  EXPECT_EQ(rows.start.offset->ToString(), "2");
  EXPECT_EQ(rows.end.kind, FrameBoundKind::kFollowing);
  EXPECT_EQ(rows.end.offset->ToString(), "1");
  const auto& range = parsed.expr(2).As<WindowExpr>().frame;
  EXPECT_EQ(range.unit, FrameUnit::kRange);
  EXPECT_EQ(range.start.kind, FrameBoundKind::kUnboundedPreceding);
  EXPECT_EQ(range.end.kind, FrameBoundKind::kCurrentRow);
  EXPECT_TRUE(parsed.expr(3).As<WindowExpr>().star);
  const auto& groups = parsed.expr(4).As<WindowExpr>().frame;
  EXPECT_EQ(groups.unit, FrameUnit::kGroups);
  EXPECT_EQ(groups.start.kind, FrameBoundKind::kCurrentRow);
  EXPECT_EQ(groups.end.kind, FrameBoundKind::kUnboundedFollowing);
  const auto& single = parsed.expr(5).As<WindowExpr>().frame;
  EXPECT_EQ(single.start.kind, FrameBoundKind::kPreceding);
  EXPECT_EQ(single.end.kind, FrameBoundKind::kCurrentRow);
  EXPECT_NE(parsed.expr(6).As<WindowExpr>().filter, nullptr);
  EXPECT_EQ(parsed.expr(0).ToString(),
            "row_number() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST)");
  EXPECT_EQ(parsed.expr(1).ToString(),
            "sum(x) OVER (ORDER BY b ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)");
  EXPECT_EQ(parsed.expr(3).ToString(), "count_star() OVER ()");
}

TEST(ExpressionTest, NamedWindowsAreResolved) {
  ParsedSelect parsed(
      "SELECT sum(x) OVER w, rank() OVER (w ORDER BY y), first_value(x) OVER w2 FROM t "
      "WINDOW w AS (PARTITION BY a), w2 AS (w ORDER BY z ROWS UNBOUNDED PRECEDING)");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr(0).ToString(), "sum(x) OVER (PARTITION BY a)");
  EXPECT_EQ(parsed.expr(1).ToString(), "rank() OVER (PARTITION BY a ORDER BY y)");
  const auto& w2 = parsed.expr(2).As<WindowExpr>();
  EXPECT_EQ(w2.partition_by.size(), 1u);
  EXPECT_EQ(w2.order_by.size(), 1u);
  EXPECT_TRUE(w2.frame.present);
  EXPECT_EQ(w2.frame.unit, FrameUnit::kRows);
}

TEST(ExpressionTest, BadNamedWindows) {
  EXPECT_NE(testing::ParseError("SELECT sum(x) OVER nope FROM t")
                .find("window \"nope\" does not "
                      "exist"),
            std::string::npos);
  EXPECT_NE(testing::ParseError("SELECT sum(x) OVER (w PARTITION BY b) FROM t WINDOW w AS "
                                "(PARTITION BY a)")
                .find("Parser Error"),
            std::string::npos);
  EXPECT_NE(testing::ParseError("SELECT sum(x) OVER (w ORDER BY b) FROM t WINDOW w AS "
                                "(ORDER BY a)")
                .find("cannot override ORDER BY"),
            std::string::npos);
}

TEST(ExpressionTest, Collate) {
  ParsedSelect parsed("SELECT a COLLATE NOCASE FROM t");
  ASSERT_TRUE(parsed.ok());
  const auto& collate = parsed.expr().As<CollateExpr>();
  EXPECT_EQ(collate.collation, "nocase");
  EXPECT_EQ(collate.child->ToString(), "a");
  EXPECT_EQ(collate.ToString(), "a COLLATE nocase");
}

TEST(ExpressionTest, OrderedSetAggregates) {
  ParsedSelect parsed(
      "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x DESC), "
      "mode() WITHIN GROUP (ORDER BY y) FROM t");
  ASSERT_TRUE(parsed.ok());
  const auto& quantile = parsed.expr(0).As<FunctionExpr>();
  EXPECT_EQ(quantile.name, "quantile_cont");
  ASSERT_EQ(quantile.args.size(), 2u);
  EXPECT_EQ(quantile.args[0]->ToString(), "x");
  EXPECT_EQ(quantile.args[1]->ToString(), "0.5");
  ASSERT_EQ(quantile.order_by.size(), 1u);
  EXPECT_FALSE(quantile.order_by[0].ascending);
  EXPECT_EQ(parsed.expr(1).As<FunctionExpr>().name, "mode");
  EXPECT_EQ(parsed.expr(1).As<FunctionExpr>().args.size(), 1u);
  EXPECT_NE(testing::ParseError("SELECT duck(0.5) WITHIN GROUP (ORDER BY x) FROM t")
                .find("Unknown ordered aggregate \"duck\""),
            std::string::npos);
  EXPECT_NE(testing::ParseError("SELECT percentile_disc() WITHIN GROUP (ORDER BY x) FROM t")
                .find("Wrong number of arguments for PERCENTILE_DISC"),
            std::string::npos);
}

}  // namespace
}  // namespace fluxdb::ast
