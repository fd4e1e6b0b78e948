// ToString() renders SQL that parses back to the same rendering; Copy() is deep.
#include <gtest/gtest.h>

#include "parser/query_node.h"
#include "parser/statement.h"
#include "test/unit/parser/parser_test_util.h"

namespace fluxdb::ast {
namespace {

using testing::ParsedSelect;

std::string Render(const std::string& sql) {
  ParsedSelect parsed(sql);
  if (!parsed.ok()) return "<error>";
  return parsed.node().ToString();
}

const char* const kQueries[] = {
    "SELECT 1, 1.5, 0.01, 'it''s', NULL, TRUE, -7, 2147483648, 1e10",
    "SELECT a + b * c - d / e % f, a || b, -a, NOT a, a AND b OR c",
    "SELECT a = 1, a <> 1, a < 1, a <= 1, a > 1, a >= 1 FROM t",
    "SELECT a IS NULL, a IS NOT NULL, a IS TRUE, a IS NOT UNKNOWN, a IS DISTINCT FROM b",
    "SELECT a IN (1, 2), a NOT IN (3), a BETWEEN 1 AND 2, a NOT BETWEEN 1 AND 2",
    "SELECT a LIKE 'x', a NOT ILIKE 'y', a SIMILAR TO 'z', a LIKE 'q' ESCAPE '!', a GLOB 'g'",
    "SELECT CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END, CASE a WHEN 1 THEN 'x' END",
    "SELECT CAST(a AS INTEGER), a::VARCHAR, TRY_CAST(a AS DECIMAL(10, 2)), DATE '2000-01-01'",
    "SELECT COALESCE(a, b), NULLIF(a, b), GREATEST(a, b), count(*), count(DISTINCT a)",
    "SELECT sum(a) FILTER (WHERE a > 0), string_agg(a, ',' ORDER BY b DESC NULLS LAST)",
    "SELECT row_number() OVER (PARTITION BY a ORDER BY b), sum(a) OVER (ORDER BY b ROWS BETWEEN "
    "1 PRECEDING AND CURRENT ROW) FROM t",
    "SELECT (SELECT 1), EXISTS (SELECT 1), a IN (SELECT 1), a > ALL (SELECT 1)",
    "SELECT *, t.*, * EXCLUDE (a), * REPLACE (a + 1 AS a) FROM t",
    "SELECT $1, ?, #1 FROM t",
    "SELECT DISTINCT a FROM t WHERE a > 1 GROUP BY a HAVING count(*) > 1 ORDER BY a DESC LIMIT "
    "10 OFFSET 2",
    "SELECT DISTINCT ON (a) a, b FROM t ORDER BY a, b",
    "SELECT a FROM t GROUP BY ALL ORDER BY ALL",
    "SELECT a, row_number() OVER () AS rn FROM t QUALIFY rn = 1",
    "SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (y) CROSS JOIN d NATURAL FULL JOIN e",
    "SELECT * FROM a SEMI JOIN b ON a.x = b.x",
    "SELECT * FROM (SELECT 1 AS x) AS s(y), range(10) r, (VALUES (1, 2)) v(a, b)",
    "SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4",
    "SELECT 1 AS a UNION BY NAME SELECT 2 AS a",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r LIMIT 5",
    "WITH x AS MATERIALIZED (SELECT 1) SELECT * FROM x",
    "VALUES (1, 'a'), (2, 'b')",
    "SELECT a FROM t LIMIT 10%",
    "SELECT a COLLATE nocase, EXTRACT(year FROM d), INTERVAL '1' DAY FROM t",
    "SELECT \"Mixed Case\", \"a\"\"b\" FROM \"My Table\"",
    "SELECT first_value(a IGNORE NULLS) OVER (ORDER BY b) FROM t",
};

TEST(ToStringTest, RenderingIsAFixpoint) {
  for (const char* sql : kQueries) {
    std::string once = Render(sql);
    ASSERT_NE(once, "<error>") << sql;
    std::string twice = Render(once);
    EXPECT_EQ(once, twice) << sql;
  }
}

TEST(ToStringTest, DuckDBStyleColumnNames) {
  EXPECT_EQ(testing::ExprString("a + 1"), "(a + 1)");
  EXPECT_EQ(testing::ExprString("sum(x)"), "sum(x)");
  EXPECT_EQ(testing::ExprString("count(*)"), "count_star()");
  EXPECT_EQ(testing::ExprString("CAST(x AS INT)"), "CAST(x AS INTEGER)");
  EXPECT_EQ(testing::ExprString("a = 1"), "(a = 1)");
  EXPECT_EQ(testing::ExprString("a AND b"), "(a AND b)");
  EXPECT_EQ(testing::ExprString("'abc'"), "'abc'");
  EXPECT_EQ(testing::ExprString("t.a"), "t.a");
  EXPECT_EQ(testing::ExprString("CASE WHEN a THEN 1 END"), "CASE  WHEN (a) THEN (1) ELSE NULL END");
  EXPECT_EQ(testing::ExprString("\"my col\""), "\"my col\"");
  EXPECT_EQ(testing::ExprString("1.50"), "1.50");
}

TEST(ToStringTest, FromItems) {
  EXPECT_EQ(Render("SELECT * FROM s.t AS x(a)"), "SELECT * FROM s.t AS x(a)");
  EXPECT_EQ(Render("SELECT * FROM a, b"), "SELECT * FROM a CROSS JOIN b");
  EXPECT_EQ(Render("SELECT * FROM a JOIN b USING (x)"), "SELECT * FROM a INNER JOIN b USING (x)");
  EXPECT_EQ(Render("SELECT * FROM read_csv('f', header := true)"),
            "SELECT * FROM read_csv('f', header := true)");
}

void ExpectSameTree(QueryNode& original, QueryNodePtr copy) {
  ASSERT_NE(copy, nullptr);
  EXPECT_NE(copy.get(), &original);
  EXPECT_EQ(copy->ToString(), original.ToString());
}

TEST(CopyTest, EveryQueryCopiesDeeply) {
  for (const char* sql : kQueries) {
    ParsedSelect parsed(sql);
    ASSERT_TRUE(parsed.ok()) << sql;
    QueryNodePtr copy = parsed.node().Copy();
    std::string before = parsed.node().ToString();
    ExpectSameTree(parsed.node(), copy->Copy());
    // Destroying the original must leave the copy intact (no shared children).
    StatementPtr statement = testing::ParseOne(sql);
    QueryNodePtr survivor = statement->As<SelectStatement>().node->Copy();
    statement.reset();
    EXPECT_EQ(survivor->ToString(), before) << sql;
  }
}

TEST(CopyTest, CopiesAreIndependent) {
  ParsedSelect parsed("SELECT a + 1 AS x, * REPLACE (b AS c) FROM t WHERE a > 1 LIMIT 3");
  ASSERT_TRUE(parsed.ok());
  QueryNodePtr copy = parsed.node().Copy();
  auto& copied = copy->As<SelectNode>();
  // Alias, location and modifiers travel with the copy.
  EXPECT_EQ(copied.select_list[0]->alias, "x");
  EXPECT_EQ(copied.select_list[0]->location, parsed.expr(0).location);
  ASSERT_NE(copied.modifiers.limit, nullptr);
  EXPECT_NE(copied.modifiers.limit.get(), parsed.select().modifiers.limit.get());
  // Changing the copy leaves the original alone.
  copied.select_list[0]->As<FunctionExpr>().args[0] =
      std::make_unique<ColumnRefExpr>(std::vector<std::string>{"z"});
  copied.select_list[1]->As<StarExpr>().replace[0].second =
      std::make_unique<ConstantExpr>(Value::Integer(1));
  copied.where.reset();
  EXPECT_EQ(parsed.node().ToString(),
            "SELECT (a + 1) AS x, * REPLACE (b AS c) FROM t WHERE (a > 1) LIMIT 3");
  EXPECT_EQ(copy->ToString(), "SELECT (z + 1) AS x, * REPLACE (1 AS c) FROM t LIMIT 3");
}

TEST(CopyTest, ExpressionCopies) {
  ParsedSelect parsed(
      "SELECT sum(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) "
      "AS w, a LIKE 'x' ESCAPE '!', (SELECT 1), x > ANY (SELECT 2), CASE a WHEN 1 THEN 2 END, "
      "DEFAULT, a COLLATE c, #3 FROM t");
  ASSERT_TRUE(parsed.ok());
  for (const ExprPtr& expr : parsed.select().select_list) {
    ExprPtr copy = expr->Copy();
    EXPECT_EQ(copy->kind, expr->kind);
    EXPECT_EQ(copy->ToString(), expr->ToString());
    EXPECT_EQ(copy->alias, expr->alias);
    EXPECT_EQ(copy->location, expr->location);
  }
  const auto& window = parsed.expr(0).As<WindowExpr>();
  ExprPtr copy = window.Copy();
  EXPECT_NE(copy->As<WindowExpr>().frame.start.offset.get(), window.frame.start.offset.get());
}

TEST(CopyTest, TableRefCopies) {
  ParsedSelect parsed(
      "SELECT * FROM a AS x(c) JOIN (SELECT 1) s ON TRUE, range(3), (VALUES (1)) v, "
      "LATERAL (SELECT 2) l");
  ASSERT_TRUE(parsed.ok());
  TableRefPtr copy = parsed.select().from->Copy();
  EXPECT_EQ(copy->ToString(), parsed.select().from->ToString());
  EXPECT_EQ(copy->kind, TableRefKind::kJoin);
}

}  // namespace
}  // namespace fluxdb::ast
