// SELECT: clauses, FROM items, joins, set operations, CTEs and result modifiers.
#include <gtest/gtest.h>

#include "parser/query_node.h"
#include "parser/table_ref.h"
#include "test/unit/parser/parser_test_util.h"

namespace fluxdb::ast {
namespace {

using testing::ParsedSelect;
using testing::ParseError;

TEST(SelectTest, SelectWithoutFrom) {
  ParsedSelect parsed("SELECT 1");
  ASSERT_TRUE(parsed.ok());
  ASSERT_NE(parsed.select().from, nullptr);
  EXPECT_EQ(parsed.select().from->kind, TableRefKind::kEmpty);
  EXPECT_FALSE(parsed.select().distinct);
}

TEST(SelectTest, AllClauses) {
  ParsedSelect parsed(
      "SELECT DISTINCT a, sum(b) AS s FROM t WHERE a > 1 GROUP BY a HAVING sum(b) > 2 "
      "ORDER BY a DESC NULLS FIRST, 2 LIMIT 10 OFFSET 5");
  ASSERT_TRUE(parsed.ok());
  SelectNode& select = parsed.select();
  EXPECT_TRUE(select.distinct);
  EXPECT_TRUE(select.distinct_on.empty());
  EXPECT_EQ(select.select_list.size(), 2u);
  EXPECT_EQ(select.select_list[1]->alias, "s");
  EXPECT_EQ(select.from->kind, TableRefKind::kBaseTable);
  EXPECT_EQ(select.where->ToString(), "(a > 1)");
  ASSERT_EQ(select.group_by.size(), 1u);
  EXPECT_EQ(select.having->ToString(), "(sum(b) > 2)");
  const ResultModifiers& modifiers = select.modifiers;
  ASSERT_EQ(modifiers.order_by.size(), 2u);
  EXPECT_FALSE(modifiers.order_by[0].ascending);
  EXPECT_EQ(modifiers.order_by[0].nulls, NullOrder::kNullsFirst);
  EXPECT_TRUE(modifiers.order_by[1].ascending);
  EXPECT_EQ(modifiers.order_by[1].nulls, NullOrder::kDefault);
  EXPECT_EQ(modifiers.order_by[1].expr->kind, ExprKind::kConstant);
  EXPECT_EQ(modifiers.limit->ToString(), "10");
  EXPECT_EQ(modifiers.offset->ToString(), "5");
  EXPECT_FALSE(modifiers.limit_percent);
}

TEST(SelectTest, DistinctOn) {
  ParsedSelect parsed("SELECT DISTINCT ON (a, b) a, c FROM t ORDER BY a");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed.select().distinct);
  EXPECT_EQ(parsed.select().distinct_on.size(), 2u);
  EXPECT_EQ(parsed.node().ToString(), "SELECT DISTINCT ON (a, b) a, c FROM t ORDER BY a");
}

TEST(SelectTest, LimitForms) {
  ParsedSelect all("SELECT * FROM t LIMIT ALL");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.select().modifiers.limit, nullptr);
  ParsedSelect fetch("SELECT * FROM t OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY");
  ASSERT_TRUE(fetch.ok());
  EXPECT_EQ(fetch.select().modifiers.limit->ToString(), "3");
  EXPECT_EQ(fetch.select().modifiers.offset->ToString(), "2");
  ParsedSelect fetch_one("SELECT * FROM t FETCH FIRST ROW ONLY");
  ASSERT_TRUE(fetch_one.ok());
  EXPECT_EQ(fetch_one.select().modifiers.limit->ToString(), "1");
  ParsedSelect offset_only("SELECT * FROM t OFFSET 4");
  ASSERT_TRUE(offset_only.ok());
  EXPECT_EQ(offset_only.select().modifiers.limit, nullptr);
  EXPECT_EQ(offset_only.select().modifiers.offset->ToString(), "4");
  EXPECT_NE(ParseError("SELECT * FROM t FETCH FIRST 3 ROWS WITH TIES").find("WITH TIES"),
            std::string::npos);
}

TEST(SelectTest, BaseTables) {
  ParsedSelect parsed("SELECT * FROM s.t AS x(a, b), c.s.u, v w");
  ASSERT_TRUE(parsed.ok());
  // FROM a, b, c is a left-deep tree of cross products.
  const auto& outer = parsed.select().from->As<JoinRef>();
  EXPECT_EQ(outer.join_type, JoinType::kCross);
  const auto& inner = outer.left->As<JoinRef>();
  EXPECT_EQ(inner.join_type, JoinType::kCross);
  const auto& first = inner.left->As<BaseTableRef>();
  EXPECT_EQ(first.schema, "s");
  EXPECT_EQ(first.table, "t");
  EXPECT_EQ(first.alias, "x");
  EXPECT_EQ(first.column_aliases, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(first.location, 14);
  const auto& second = inner.right->As<BaseTableRef>();
  EXPECT_EQ(second.catalog, "c");
  EXPECT_EQ(second.schema, "s");
  EXPECT_EQ(second.table, "u");
  EXPECT_EQ(outer.right->As<BaseTableRef>().alias, "w");
}

TEST(SelectTest, Joins) {
  ParsedSelect parsed(
      "SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (y, z) RIGHT OUTER JOIN d ON TRUE "
      "FULL JOIN e ON FALSE CROSS JOIN f NATURAL JOIN g");
  ASSERT_TRUE(parsed.ok());
  const auto& natural = parsed.select().from->As<JoinRef>();
  EXPECT_TRUE(natural.natural);
  EXPECT_EQ(natural.join_type, JoinType::kInner);
  EXPECT_EQ(natural.condition, nullptr);
  const auto& cross = natural.left->As<JoinRef>();
  EXPECT_EQ(cross.join_type, JoinType::kCross);
  const auto& full = cross.left->As<JoinRef>();
  EXPECT_EQ(full.join_type, JoinType::kFull);
  const auto& right = full.left->As<JoinRef>();
  EXPECT_EQ(right.join_type, JoinType::kRight);
  const auto& left = right.left->As<JoinRef>();
  EXPECT_EQ(left.join_type, JoinType::kLeft);
  EXPECT_EQ(left.using_columns, (std::vector<std::string>{"y", "z"}));
  const auto& inner = left.left->As<JoinRef>();
  EXPECT_EQ(inner.join_type, JoinType::kInner);
  EXPECT_EQ(inner.condition->ToString(), "(a.x = b.x)");
  EXPECT_EQ(inner.left->As<BaseTableRef>().table, "a");
  EXPECT_EQ(inner.right->As<BaseTableRef>().table, "b");
}

TEST(SelectTest, SubqueriesInFrom) {
  ParsedSelect parsed("SELECT * FROM (SELECT 1 AS a) AS s(x), LATERAL (SELECT s.x) l");
  ASSERT_TRUE(parsed.ok());
  const auto& join = parsed.select().from->As<JoinRef>();
  const auto& sub = join.left->As<SubqueryRef>();
  EXPECT_EQ(sub.alias, "s");
  EXPECT_EQ(sub.column_aliases, std::vector<std::string>{"x"});
  EXPECT_FALSE(sub.lateral);
  EXPECT_EQ(sub.query->ToString(), "SELECT 1 AS a");
  EXPECT_TRUE(join.right->As<SubqueryRef>().lateral);
}

TEST(SelectTest, SubqueryWithoutAlias) {
  ParsedSelect parsed("SELECT * FROM (SELECT 1) JOIN (VALUES (2)) ON TRUE, (SELECT 3)");
  ASSERT_TRUE(parsed.ok());
  const auto& outer = parsed.select().from->As<JoinRef>();
  EXPECT_EQ(outer.right->As<SubqueryRef>().alias, "");
  const auto& join = outer.left->As<JoinRef>();
  EXPECT_EQ(join.left->As<SubqueryRef>().alias, "");
  EXPECT_EQ(join.right->As<SubqueryRef>().alias, "");
  // A scalar subquery in the select list keeps no invented alias either.
  ParsedSelect scalar("SELECT a, (SELECT 1) FROM t");
  ASSERT_TRUE(scalar.ok());
  EXPECT_EQ(scalar.expr(1).alias, "");
}

TEST(SelectTest, TableFunctions) {
  ParsedSelect parsed(
      "SELECT * FROM range(10) r, read_csv('f.csv', header = true, sep := '|') AS c(a, b), "
      "generate_series(1, 10), storage_info('t')");
  ASSERT_TRUE(parsed.ok());
  const auto& j3 = parsed.select().from->As<JoinRef>();
  const auto& j2 = j3.left->As<JoinRef>();
  const auto& j1 = j2.left->As<JoinRef>();
  const auto& range = j1.left->As<TableFunctionRef>();
  EXPECT_EQ(range.name, "range");
  EXPECT_EQ(range.alias, "r");
  ASSERT_EQ(range.args.size(), 1u);
  const auto& csv = j1.right->As<TableFunctionRef>();
  EXPECT_EQ(csv.name, "read_csv");
  ASSERT_EQ(csv.args.size(), 3u);
  EXPECT_EQ(csv.args[1]->alias, "header");
  EXPECT_EQ(csv.args[1]->ToString(), "true");
  EXPECT_EQ(csv.args[2]->alias, "sep");
  EXPECT_EQ(csv.column_aliases, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(j2.right->As<TableFunctionRef>().args.size(), 2u);
  EXPECT_EQ(j3.right->As<TableFunctionRef>().name, "storage_info");
}

TEST(SelectTest, ValuesIsAStarOverAnExpressionList) {
  ParsedSelect parsed("VALUES (1, 'a'), (2, 'b')");
  ASSERT_TRUE(parsed.ok());
  SelectNode& select = parsed.select();
  ASSERT_EQ(select.select_list.size(), 1u);
  EXPECT_EQ(select.select_list[0]->kind, ExprKind::kStar);
  const auto& values = select.from->As<ExpressionListRef>();
  ASSERT_EQ(values.rows.size(), 2u);
  EXPECT_EQ(values.rows[1][1]->ToString(), "'b'");
  EXPECT_NE(ParseError("VALUES (1, 2), (3)").find("same length"), std::string::npos);
  ParsedSelect in_from("SELECT * FROM (VALUES (1), (2)) v(x)");
  ASSERT_TRUE(in_from.ok());
  const auto& sub = in_from.select().from->As<SubqueryRef>();
  EXPECT_EQ(sub.column_aliases, std::vector<std::string>{"x"});
  EXPECT_EQ(sub.query->As<SelectNode>().from->kind, TableRefKind::kExpressionList);
}

TEST(SelectTest, SetOperations) {
  ParsedSelect parsed("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3 ORDER BY 1 LIMIT 2");
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed.node().kind, QueryNodeKind::kSetOperation);
  const auto& except = parsed.node().As<SetOperationNode>();
  EXPECT_EQ(except.op, SetOpKind::kExcept);
  EXPECT_FALSE(except.all);
  EXPECT_EQ(except.modifiers.order_by.size(), 1u);
  EXPECT_EQ(except.modifiers.limit->ToString(), "2");
  const auto& union_all = except.left->As<SetOperationNode>();
  EXPECT_EQ(union_all.op, SetOpKind::kUnion);
  EXPECT_TRUE(union_all.all);
  EXPECT_EQ(parsed.node().ToString(),
            "((SELECT 1) UNION ALL (SELECT 2)) EXCEPT (SELECT 3) ORDER BY 1 LIMIT 2");
  ParsedSelect intersect("SELECT 1 INTERSECT ALL SELECT 2");
  ASSERT_TRUE(intersect.ok());
  EXPECT_EQ(intersect.node().As<SetOperationNode>().op, SetOpKind::kIntersect);
  EXPECT_TRUE(intersect.node().As<SetOperationNode>().all);
  ParsedSelect nested("(SELECT 1 ORDER BY 1 LIMIT 1) UNION (SELECT 2)");
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ(nested.node().As<SetOperationNode>().left->modifiers.limit->ToString(), "1");
}

TEST(SelectTest, CommonTableExpressions) {
  ParsedSelect parsed(
      "WITH a AS (SELECT 1 AS x), b(y) AS MATERIALIZED (SELECT x FROM a) SELECT * FROM b");
  ASSERT_TRUE(parsed.ok());
  const auto& ctes = parsed.node().ctes;
  ASSERT_EQ(ctes.size(), 2u);
  EXPECT_EQ(ctes[0].name, "a");
  EXPECT_FALSE(ctes[0].materialized);
  EXPECT_EQ(ctes[1].name, "b");
  EXPECT_EQ(ctes[1].column_aliases, std::vector<std::string>{"y"});
  EXPECT_TRUE(ctes[1].materialized);
  EXPECT_FALSE(parsed.node().recursive_ctes);
  ParsedSelect recursive(
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) "
      "SELECT * FROM r");
  ASSERT_TRUE(recursive.ok());
  EXPECT_TRUE(recursive.node().recursive_ctes);
  EXPECT_EQ(recursive.node().ctes[0].query->kind, QueryNodeKind::kSetOperation);
  EXPECT_EQ(recursive.node().ToString(),
            "WITH RECURSIVE r (n) AS ((SELECT 1) UNION ALL (SELECT (n + 1) FROM r WHERE (n < "
            "10))) SELECT * FROM r");
  // A WITH on a set operation belongs to the set operation node.
  ParsedSelect with_union("WITH a AS (SELECT 1) SELECT * FROM a UNION SELECT 2");
  ASSERT_TRUE(with_union.ok());
  EXPECT_EQ(with_union.node().kind, QueryNodeKind::kSetOperation);
  EXPECT_EQ(with_union.node().ctes.size(), 1u);
  EXPECT_NE(ParseError("WITH a AS (SELECT 1), a AS (SELECT 2) SELECT 1").find("more than once"),
            std::string::npos);
}

TEST(SelectTest, NestedSubqueriesEverywhere) {
  ParsedSelect parsed(
      "SELECT (SELECT max(x) FROM (SELECT x FROM t WHERE x IN (SELECT y FROM u)) s) FROM v "
      "WHERE EXISTS (SELECT 1 FROM w WHERE w.a = v.a) ORDER BY (SELECT 1)");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr().kind, ExprKind::kSubquery);
  EXPECT_EQ(parsed.select().where->kind, ExprKind::kSubquery);
  EXPECT_EQ(parsed.select().modifiers.order_by[0].expr->kind, ExprKind::kSubquery);
}

TEST(SelectTest, GroupingSetsAreNotSupported) {
  EXPECT_NE(ParseError("SELECT a FROM t GROUP BY ROLLUP (a)").find("Not implemented Error"),
            std::string::npos);
  EXPECT_NE(
      ParseError("SELECT a FROM t GROUP BY GROUPING SETS ((a), ())").find("Not implemented Error"),
      std::string::npos);
}

TEST(SelectTest, UnsupportedClausesFailClearly) {
  EXPECT_NE(ParseError("SELECT * INTO t2 FROM t").find("SELECT INTO not supported"),
            std::string::npos);
  EXPECT_NE(ParseError("SELECT * FROM t FOR UPDATE").find("locking clause is not supported"),
            std::string::npos);
  EXPECT_NE(ParseError("SELECT * FROM t TABLESAMPLE SYSTEM (10)").find("TABLESAMPLE"),
            std::string::npos);
}

}  // namespace
}  // namespace fluxdb::ast
