// DuckDB select forms rewritten before PostgreSQL's grammar sees them: FROM-first queries, prefix
// aliases, COLUMNS(...), star filters (* LIKE 'p'), (DESCRIBE ...) in FROM and MAP settings; and
// that syntax errors inside them point at the user's text.
#include <gtest/gtest.h>

#include "parser/dialect.h"
#include "parser/statement.h"
#include "test/unit/parser/parser_test_util.h"

namespace fluxdb::ast {
namespace {

using testing::ParsedSelect;
using testing::ParseError;
using testing::ParseOne;

int32_t ErrorOffset(std::string_view sql) {
  auto parsed = Parser::Parse(sql);
  EXPECT_FALSE(parsed.ok()) << sql;
  return parsed.ok() ? -2 : Parser::ErrorOffset(parsed.status());
}

TEST(FromFirstTest, SelectListMovesBeforeTheFromList) {
  ParsedSelect alone("FROM t");
  EXPECT_EQ(alone.node().ToString(), "SELECT * FROM t");
  ParsedSelect with_select("FROM t AS x(a, b) SELECT DISTINCT ON (a) a + 1 WHERE b > 2 ORDER BY a");
  EXPECT_EQ(with_select.node().ToString(),
            "SELECT DISTINCT ON (a) (a + 1) FROM t AS x(a, b) WHERE (b > 2) ORDER BY a");
  ParsedSelect nested("SELECT * FROM (FROM u SELECT c) AS s UNION ALL FROM v SELECT d");
  EXPECT_EQ(nested.node().ToString(),
            "(SELECT * FROM (SELECT c FROM u) AS s) UNION ALL (SELECT d FROM v)");
  ParsedSelect where_only("FROM t WHERE a = 1");
  EXPECT_EQ(where_only.node().ToString(), "SELECT * FROM t WHERE (a = 1)");
}

TEST(FromFirstTest, SyntaxErrorsPointAtTheOriginalText) {
  // In the FROM list (rendered after the select list): the offset of `)` in the user's text.
  EXPECT_EQ(ErrorOffset("FROM t JOIN ) SELECT a"), 12);
  // In the select list.
  EXPECT_EQ(ErrorOffset("FROM t SELECT a + + WHERE a = 1"), 20);
  // After both.
  EXPECT_EQ(ErrorOffset("FROM t SELECT a WHERE a = = 1"), 26);
  EXPECT_NE(
      ParseError("FROM t SELECT a WHERE a = = 1").find("LINE 1: FROM t SELECT a WHERE a = = 1"),
      std::string::npos);
}

TEST(PrefixAliasTest, SelectAndFromItems) {
  ParsedSelect select("SELECT j : 42, \"hel lo\" : i + 1, 42 AS k FROM b : a");
  EXPECT_EQ(select.expr(0).alias, "j");
  EXPECT_EQ(select.expr(1).alias, "hel lo");
  EXPECT_EQ(select.expr(2).alias, "k");
  EXPECT_EQ(select.select().from->ToString(), "a AS b");
  ParsedSelect from_string("FROM 'v' : (VALUES (42))");
  EXPECT_NE(from_string.node().ToString().find("AS v"), std::string::npos)
      << from_string.node().ToString();
  EXPECT_NE(ParseError("SELECT 'j': 42").find("Parser Error"), std::string::npos);
  EXPECT_NE(ParseError("SELECT a : 42 AS b").find("syntax error"), std::string::npos);
}

TEST(ColumnsTest, RegexStarAndLambda) {
  ParsedSelect regex("SELECT COLUMNS('key') FROM t");
  ASSERT_EQ(regex.expr().kind, ExprKind::kStar);
  auto& by_regex = regex.expr().As<StarExpr>();
  EXPECT_TRUE(by_regex.columns);
  ASSERT_NE(by_regex.regex, nullptr);
  EXPECT_EQ(by_regex.regex->ToString(), "'key'");

  ParsedSelect star("SELECT min(COLUMNS(* EXCLUDE (v) REPLACE (k + 1 AS k))) FROM t");
  ASSERT_EQ(star.expr().kind, ExprKind::kFunction);
  auto& arg = *star.expr().As<FunctionExpr>().args.at(0);
  ASSERT_EQ(arg.kind, ExprKind::kStar);
  EXPECT_TRUE(arg.As<StarExpr>().columns);
  EXPECT_EQ(arg.As<StarExpr>().exclude, std::vector<std::string>{"v"});
  ASSERT_EQ(arg.As<StarExpr>().replace.size(), 1u);

  for (const char* sql : {"SELECT COLUMNS(x -> x LIKE 'col%') FROM t",
                          "SELECT COLUMNS(lambda x: x LIKE 'col%') FROM t"}) {
    ParsedSelect lambda(sql);
    ASSERT_EQ(lambda.expr().kind, ExprKind::kStar) << sql;
    auto& by_lambda = lambda.expr().As<StarExpr>();
    EXPECT_EQ(by_lambda.lambda_param, "x");
    ASSERT_NE(by_lambda.lambda_body, nullptr);
    EXPECT_EQ(by_lambda.lambda_body->kind, ExprKind::kLike);
  }
}

TEST(StarFilterTest, LikeSimilarAndAlias) {
  ParsedSelect like("SELECT t.* NOT LIKE '\\_%' ESCAPE '\\' AS val, k FROM t");
  ASSERT_EQ(like.select().select_list.size(), 2u);
  auto& star = like.expr(0).As<StarExpr>();
  EXPECT_EQ(star.relation, "t");
  EXPECT_EQ(star.alias, "val");
  EXPECT_EQ(star.lambda_param, sql::kStarColumn);
  ASSERT_NE(star.lambda_body, nullptr);
  ASSERT_EQ(star.lambda_body->kind, ExprKind::kLike);
  EXPECT_TRUE(star.lambda_body->As<LikeExpr>().negated);
  EXPECT_NE(star.lambda_body->As<LikeExpr>().escape, nullptr);

  ParsedSelect similar("SELECT * EXCLUDE (a) SIMILAR TO 'n(\\d+)' AS 'c\\1' FROM t");
  auto& regex_star = similar.expr().As<StarExpr>();
  EXPECT_EQ(regex_star.alias, "c\\1");
  EXPECT_EQ(regex_star.exclude, std::vector<std::string>{"a"});
  EXPECT_EQ(regex_star.lambda_body->As<LikeExpr>().like_kind, LikeExpr::Kind::kSimilar);

  EXPECT_NE(ParseError("SELECT * + 42 FROM t").find("cannot be applied to a star expression"),
            std::string::npos);
  EXPECT_NE(ParseError("SELECT * REPLACE (a + 1 AS a) LIKE 'a%' FROM t")
                .find("Replace list cannot be combined with a filtering operation"),
            std::string::npos);
  EXPECT_NE(ParseError("SELECT * RENAME (a AS b) LIKE 'a%' FROM t")
                .find("Rename list cannot be combined with a filtering operation"),
            std::string::npos);
  EXPECT_EQ(ErrorOffset("SELECT * LIKE 'a%' + FROM t"), 21);
}

TEST(ShowSubqueryTest, DescribeAndSummarizeInFrom) {
  ParsedSelect describe("SELECT column_name FROM (DESCRIBE SELECT j : 42) AS d");
  EXPECT_NE(describe.node().ToString().find(sql::kShowFunction), std::string::npos)
      << describe.node().ToString();
  ParsedSelect summarize("SELECT * FROM (SUMMARIZE t)");
  EXPECT_NE(summarize.node().ToString().find("'SUMMARIZE t'"), std::string::npos)
      << summarize.node().ToString();
}

TEST(SetMapTest, MapValueBecomesItsText) {
  StatementPtr set = ParseOne("SET profiling_renderer_settings = MAP {'operator_casing': 'upper'}");
  ASSERT_NE(set, nullptr);
  ASSERT_EQ(set->kind, StatementKind::kSet);
  EXPECT_EQ(set->As<SetStatement>().value->ToString(), "'{operator_casing=upper}'");
  EXPECT_NE(ParseError("SET x = MAP {'a' 'b'}").find("syntax error"), std::string::npos);
}

}  // namespace
}  // namespace fluxdb::ast
