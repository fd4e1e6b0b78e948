// DuckDB (and SQLite) spellings that the PostgreSQL grammar lacks.
#include <gtest/gtest.h>

#include "parser/statement.h"
#include "test/unit/parser/parser_test_util.h"

namespace fluxdb::ast {
namespace {

using testing::ParsedSelect;
using testing::ParseError;
using testing::ParseOne;

TEST(PragmaTest, Forms) {
  StatementPtr bare = ParseOne("PRAGMA enable_verification");
  ASSERT_NE(bare, nullptr);
  ASSERT_EQ(bare->kind, StatementKind::kPragma);
  EXPECT_EQ(bare->As<PragmaStatement>().name, "enable_verification");
  EXPECT_TRUE(bare->As<PragmaStatement>().args.empty());
  EXPECT_EQ(bare->As<PragmaStatement>().assigned, nullptr);

  StatementPtr call = ParseOne("PRAGMA table_info('t')");
  ASSERT_NE(call, nullptr);
  ASSERT_EQ(call->As<PragmaStatement>().args.size(), 1u);
  EXPECT_EQ(call->As<PragmaStatement>().args[0]->ToString(), "'t'");

  StatementPtr ident = ParseOne("PRAGMA Table_Info(my_table)");
  ASSERT_NE(ident, nullptr);
  EXPECT_EQ(ident->As<PragmaStatement>().name, "table_info");
  EXPECT_EQ(ident->As<PragmaStatement>().args[0]->As<ConstantExpr>().value,
            Value::Varchar("my_table"));

  StatementPtr assign = ParseOne("PRAGMA threads = 4");
  ASSERT_NE(assign, nullptr);
  ASSERT_NE(assign->As<PragmaStatement>().assigned, nullptr);
  EXPECT_EQ(assign->As<PragmaStatement>().assigned->ToString(), "4");

  StatementPtr string = ParseOne("PRAGMA explain_output='optimized_only'");
  ASSERT_NE(string, nullptr);
  EXPECT_EQ(string->As<PragmaStatement>().assigned->As<ConstantExpr>().value,
            Value::Varchar("optimized_only"));

  StatementPtr several = ParseOne("PRAGMA f(1, 'a' || 'b', -2)");
  ASSERT_NE(several, nullptr);
  EXPECT_EQ(several->As<PragmaStatement>().args.size(), 3u);
  EXPECT_EQ(several->As<PragmaStatement>().args[1]->ToString(), "('a' || 'b')");

  EXPECT_NE(ParseError("PRAGMA").find("syntax error"), std::string::npos);
  EXPECT_NE(ParseError("PRAGMA x y").find("syntax error at or near \"y\""), std::string::npos);
  EXPECT_NE(ParseError("PRAGMA x(1, FROM)").find("Parser Error"), std::string::npos);
}

TEST(DescribeTest, TablesQueriesAndSummaries) {
  StatementPtr table = ParseOne("DESCRIBE integers");
  ASSERT_NE(table, nullptr);
  auto& show = table->As<ShowStatement>();
  EXPECT_EQ(show.show_kind, ShowStatement::Kind::kDescribe);
  EXPECT_EQ(show.name, "integers");
  EXPECT_EQ(show.query, nullptr);

  StatementPtr qualified = ParseOne("DESCRIBE s.\"T\"");
  ASSERT_NE(qualified, nullptr);
  EXPECT_EQ(qualified->As<ShowStatement>().schema, "s");
  EXPECT_EQ(qualified->As<ShowStatement>().name, "T");

  StatementPtr query = ParseOne("DESCRIBE SELECT a, ? FROM t");
  ASSERT_NE(query, nullptr);
  ASSERT_NE(query->As<ShowStatement>().query, nullptr);
  EXPECT_EQ(query->As<ShowStatement>().query->ToString(), "SELECT a, $1 FROM t");
  EXPECT_EQ(query->parameter_count, 1);

  StatementPtr summarize = ParseOne("SUMMARIZE tbl");
  ASSERT_NE(summarize, nullptr);
  EXPECT_EQ(summarize->As<ShowStatement>().show_kind, ShowStatement::Kind::kSummarize);
  EXPECT_EQ(summarize->As<ShowStatement>().name, "tbl");
  StatementPtr summarize_query = ParseOne("SUMMARIZE SELECT * FROM range(10)");
  ASSERT_NE(summarize_query, nullptr);
  EXPECT_NE(summarize_query->As<ShowStatement>().query, nullptr);

  StatementPtr all = ParseOne("SHOW ALL TABLES");
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(all->As<ShowStatement>().show_kind, ShowStatement::Kind::kTables);
  EXPECT_TRUE(all->As<ShowStatement>().all_schemas);
  EXPECT_NE(ParseError("DESCRIBE INSERT INTO t VALUES (1)").find("Parser Error"),
            std::string::npos);
}

TEST(PlaceholderTest, QuestionMarksAreNumberedInOrder) {
  ParsedSelect parsed("SELECT ?, ? + 1 FROM t WHERE a=? AND b IN (?,?) AND c = '?' -- ?\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.statement().parameter_count, 5);
  EXPECT_EQ(parsed.expr(0).As<ParameterExpr>().index, 1);
  EXPECT_EQ(parsed.select().where->ToString(), "((a = $3) AND (b IN ($4, $5)) AND (c = '?'))");
  // Locations point at the '?' the user wrote.
  EXPECT_EQ(parsed.expr(0).location, 7);
  EXPECT_EQ(parsed.expr(1).As<FunctionExpr>().args[0]->location, 10);
  auto two = Parser::Parse("SELECT ?; SELECT ?, ?");
  ASSERT_TRUE(two.ok());
  EXPECT_EQ((*two)[0]->parameter_count, 1);
  EXPECT_EQ((*two)[1]->parameter_count, 2);
}

TEST(GroupOrderAllTest, Forms) {
  ParsedSelect parsed("SELECT a, sum(b) FROM t GROUP BY ALL ORDER BY ALL");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed.select().group_by_all);
  EXPECT_TRUE(parsed.select().group_by.empty());
  EXPECT_TRUE(parsed.select().modifiers.order_by_all);
  EXPECT_TRUE(parsed.select().modifiers.order_by.empty());
  EXPECT_TRUE(parsed.select().modifiers.order_by_all_ascending);
  ParsedSelect desc("SELECT a FROM t ORDER BY ALL DESC NULLS FIRST LIMIT 3");
  ASSERT_TRUE(desc.ok());
  EXPECT_FALSE(desc.select().modifiers.order_by_all_ascending);
  EXPECT_EQ(desc.select().modifiers.order_by_all_nulls, NullOrder::kNullsFirst);
  EXPECT_EQ(desc.node().ToString(), "SELECT a FROM t ORDER BY ALL DESC NULLS FIRST LIMIT 3");
  ParsedSelect union_all("SELECT 1 UNION SELECT 2 ORDER BY ALL");
  ASSERT_TRUE(union_all.ok());
  EXPECT_TRUE(union_all.node().modifiers.order_by_all);
  // PostgreSQL's GROUP BY ALL a (a set quantifier) still means GROUP BY a.
  ParsedSelect quantifier("SELECT a FROM t GROUP BY ALL a");
  ASSERT_TRUE(quantifier.ok());
  EXPECT_FALSE(quantifier.select().group_by_all);
  EXPECT_EQ(quantifier.select().group_by.size(), 1u);
  // A column that happens to be called "all" stays a column when quoted.
  ParsedSelect quoted("SELECT \"all\" FROM t ORDER BY \"all\"");
  ASSERT_TRUE(quoted.ok());
  EXPECT_FALSE(quoted.select().modifiers.order_by_all);
}

TEST(StarModifierTest, ExcludeAndReplace) {
  ParsedSelect parsed(
      "SELECT * EXCLUDE (a, \"B\"), t.* REPLACE (a + 1 AS a, 'x' AS b), * EXCLUDE c, "
      "* EXCEPT (d), u.* EXCLUDE (u.e) REPLACE (f * 2 AS f), * EXCLUDE ('g'), "
      "* REPLACE h + 1 AS h FROM t, u");
  ASSERT_TRUE(parsed.ok());
  const auto& first = parsed.expr(0).As<StarExpr>();
  EXPECT_EQ(first.exclude, (std::vector<std::string>{"a", "B"}));
  const auto& second = parsed.expr(1).As<StarExpr>();
  EXPECT_EQ(second.relation, "t");
  ASSERT_EQ(second.replace.size(), 2u);
  EXPECT_EQ(second.replace[0].first, "a");
  EXPECT_EQ(second.replace[0].second->ToString(), "(a + 1)");
  EXPECT_EQ(second.replace[0].second->alias, "");
  EXPECT_EQ(second.replace[1].first, "b");
  EXPECT_EQ(parsed.expr(2).As<StarExpr>().exclude, std::vector<std::string>{"c"});
  EXPECT_EQ(parsed.expr(3).As<StarExpr>().exclude, std::vector<std::string>{"d"});
  const auto& both = parsed.expr(4).As<StarExpr>();
  EXPECT_EQ(both.exclude, std::vector<std::string>{"e"});
  EXPECT_EQ(both.replace.size(), 1u);
  EXPECT_EQ(parsed.expr(5).As<StarExpr>().exclude, std::vector<std::string>{"g"});
  EXPECT_EQ(parsed.expr(6).As<StarExpr>().replace[0].first, "h");
  EXPECT_EQ(parsed.expr(1).ToString(), "t.* REPLACE ((a + 1) AS a, 'x' AS b)");
  EXPECT_EQ(parsed.expr(0).ToString(), "* EXCLUDE (a, B)");
  // EXCEPT between queries is still a set operation.
  ParsedSelect except("SELECT * FROM t EXCEPT SELECT * FROM u");
  ASSERT_TRUE(except.ok());
  EXPECT_EQ(except.node().kind, QueryNodeKind::kSetOperation);
  EXPECT_NE(ParseError("SELECT * REPLACE (1) FROM t").find("alias"), std::string::npos);
  // RENAME, qualified EXCLUDE entries, and the lists' consistency checks.
  ParsedSelect renamed("SELECT * EXCLUDE (t.a, u.a) RENAME (b AS c, d AS 'e f') FROM t, u");
  ASSERT_TRUE(renamed.ok());
  const auto& star = renamed.expr(0).As<StarExpr>();
  EXPECT_EQ(star.exclude, (std::vector<std::string>{"a", "a"}));
  EXPECT_EQ(star.exclude_qualifiers, (std::vector<std::string>{"t", "u"}));
  ASSERT_EQ(star.rename.size(), 2u);
  EXPECT_EQ(star.rename[1], (std::pair<std::string, std::string>{"d", "e f"}));
  EXPECT_NE(ParseError("SELECT * EXCLUDE (a, t.a) FROM t").find("Duplicate entry"),
            std::string::npos);
  EXPECT_NE(ParseError("SELECT * REPLACE (1 AS a, 2 AS a) FROM t").find("Duplicate entry"),
            std::string::npos);
  EXPECT_NE(ParseError("SELECT * EXCLUDE (a) RENAME (a AS b) FROM t").find("cannot occur in both"),
            std::string::npos);
}

TEST(InsertFormsTest, OrReplaceOrIgnoreReplaceIntoByName) {
  StatementPtr replace = ParseOne("INSERT OR REPLACE INTO t VALUES (1)");
  ASSERT_NE(replace, nullptr);
  EXPECT_EQ(replace->As<InsertStatement>().on_conflict, OnConflict::kReplace);
  StatementPtr ignore = ParseOne("INSERT OR IGNORE INTO t VALUES (1)");
  ASSERT_NE(ignore, nullptr);
  EXPECT_EQ(ignore->As<InsertStatement>().on_conflict, OnConflict::kIgnore);
  StatementPtr into = ParseOne("REPLACE INTO t VALUES (1)");
  ASSERT_NE(into, nullptr);
  ASSERT_EQ(into->kind, StatementKind::kInsert);
  EXPECT_EQ(into->As<InsertStatement>().on_conflict, OnConflict::kReplace);
  StatementPtr by_name = ParseOne("INSERT OR REPLACE INTO t BY NAME SELECT 1 AS b");
  ASSERT_NE(by_name, nullptr);
  EXPECT_TRUE(by_name->As<InsertStatement>().by_name);
  EXPECT_EQ(by_name->As<InsertStatement>().on_conflict, OnConflict::kReplace);
  StatementPtr by_position = ParseOne("INSERT INTO t BY POSITION VALUES (1)");
  ASSERT_NE(by_position, nullptr);
  EXPECT_FALSE(by_position->As<InsertStatement>().by_name);
  EXPECT_NE(
      ParseError("INSERT OR REPLACE INTO t VALUES (1) ON CONFLICT DO NOTHING").find("Parser Error"),
      std::string::npos);
}

TEST(LimitPercentTest, PercentAndPercentSign) {
  ParsedSelect percent("SELECT a FROM t LIMIT 10%");
  ASSERT_TRUE(percent.ok());
  EXPECT_TRUE(percent.select().modifiers.limit_percent);
  EXPECT_EQ(percent.select().modifiers.limit->ToString(), "10");
  ParsedSelect word("SELECT a FROM t LIMIT 40.5 PERCENT OFFSET 2");
  ASSERT_TRUE(word.ok());
  EXPECT_TRUE(word.select().modifiers.limit_percent);
  EXPECT_EQ(word.select().modifiers.offset->ToString(), "2");
  ParsedSelect modulo("SELECT a FROM t LIMIT 10 % 3");
  ASSERT_TRUE(modulo.ok());
  EXPECT_FALSE(modulo.select().modifiers.limit_percent);
  ParsedSelect nested("SELECT * FROM (SELECT * FROM t LIMIT 5) s LIMIT 50%");
  ASSERT_TRUE(nested.ok());
  EXPECT_TRUE(nested.select().modifiers.limit_percent);
  EXPECT_FALSE(nested.select().from->As<SubqueryRef>().query->modifiers.limit_percent);
}

TEST(QualifyTest, ConditionGoesToItsSelect) {
  ParsedSelect parsed(
      "SELECT a, row_number() OVER (PARTITION BY b ORDER BY c) AS rn FROM t "
      "QUALIFY rn = 1 ORDER BY a");
  ASSERT_TRUE(parsed.ok());
  ASSERT_NE(parsed.select().qualify, nullptr);
  EXPECT_EQ(parsed.select().qualify->ToString(), "(rn = 1)");
  EXPECT_EQ(parsed.select().modifiers.order_by.size(), 1u);
  ParsedSelect nested(
      "SELECT * FROM (SELECT a FROM t QUALIFY row_number() OVER (ORDER BY a) < 3) s "
      "WHERE a > 1");
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ(nested.select().qualify, nullptr);
  const auto& inner = nested.select().from->As<SubqueryRef>().query->As<SelectNode>();
  ASSERT_NE(inner.qualify, nullptr);
  EXPECT_EQ(inner.qualify->kind, ExprKind::kComparison);
  // A column named qualify is still a column.
  ParsedSelect column("SELECT qualify FROM t");
  ASSERT_TRUE(column.ok());
  EXPECT_EQ(column.expr().ToString(), "qualify");
}

TEST(DialectTest, TryCastPositionalGlobSemiAnti) {
  ParsedSelect cast("SELECT TRY_CAST('x' AS INTEGER), #2 FROM t");
  ASSERT_TRUE(cast.ok());
  EXPECT_TRUE(cast.expr(0).As<CastExpr>().try_cast);
  EXPECT_EQ(cast.expr(0).location, 7);
  EXPECT_EQ(cast.expr(1).As<PositionalRefExpr>().index, 2);
  ParsedSelect glob("SELECT name GLOB '*.txt', name NOT GLOB 'a?' FROM t");
  ASSERT_TRUE(glob.ok());
  EXPECT_EQ(glob.expr(0).As<LikeExpr>().like_kind, LikeExpr::Kind::kGlob);
  EXPECT_FALSE(glob.expr(0).As<LikeExpr>().negated);
  EXPECT_TRUE(glob.expr(1).As<LikeExpr>().negated);
  ParsedSelect semi("SELECT * FROM a SEMI JOIN b ON a.x = b.x ANTI JOIN c USING (x) JOIN d ON 1=1");
  ASSERT_TRUE(semi.ok());
  const auto& d = semi.select().from->As<JoinRef>();
  EXPECT_EQ(d.join_type, JoinType::kInner);
  const auto& c = d.left->As<JoinRef>();
  EXPECT_EQ(c.join_type, JoinType::kAnti);
  EXPECT_EQ(c.left->As<JoinRef>().join_type, JoinType::kSemi);
  EXPECT_NE(ParseError("SELECT * FROM a ASOF JOIN b ON a.t >= b.t").find("Not implemented"),
            std::string::npos);
  EXPECT_NE(ParseError("SELECT * FROM a POSITIONAL JOIN b").find("Not implemented"),
            std::string::npos);
}

TEST(DialectTest, UnionByName) {
  ParsedSelect parsed("SELECT 1 AS a UNION ALL BY NAME SELECT 2 AS a UNION SELECT 3");
  ASSERT_TRUE(parsed.ok());
  const auto& outer = parsed.node().As<SetOperationNode>();
  EXPECT_EQ(outer.op, SetOpKind::kUnion);
  const auto& inner = outer.left->As<SetOperationNode>();
  EXPECT_EQ(inner.op, SetOpKind::kUnionByName);
  EXPECT_TRUE(inner.all);
}

TEST(DialectTest, IgnoreNulls) {
  ParsedSelect parsed(
      "SELECT first_value(x IGNORE NULLS) OVER (ORDER BY y), last_value(x) IGNORE NULLS "
      "OVER (ORDER BY y), lag(x RESPECT NULLS) OVER (ORDER BY y) FROM t");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed.expr(0).As<WindowExpr>().ignore_nulls);
  EXPECT_TRUE(parsed.expr(1).As<WindowExpr>().ignore_nulls);
  EXPECT_FALSE(parsed.expr(2).As<WindowExpr>().ignore_nulls);
  EXPECT_EQ(parsed.expr(0).ToString(), "first_value(x IGNORE NULLS) OVER (ORDER BY y)");
}

TEST(DialectTest, FromFirstAndFromValues) {
  ParsedSelect from("FROM t WHERE a > 1");
  ASSERT_TRUE(from.ok());
  EXPECT_EQ(from.node().ToString(), "SELECT * FROM t WHERE (a > 1)");
  ParsedSelect values("SELECT * FROM VALUES (1, 2), (3, 4) t(a, b)");
  ASSERT_TRUE(values.ok());
  const auto& sub = values.select().from->As<SubqueryRef>();
  EXPECT_EQ(sub.alias, "t");
  EXPECT_EQ(sub.column_aliases, (std::vector<std::string>{"a", "b"}));
  ParsedSelect unnamed("SELECT * FROM VALUES (1)");
  ASSERT_TRUE(unnamed.ok());
  EXPECT_EQ(unnamed.select().from->As<SubqueryRef>().alias, "");
}

TEST(DialectTest, FromOfAnOperatorIsNoFromClause) {
  // Found by differential testing: the FROM of IS DISTINCT FROM and of extract(day FROM ...) was
  // taken for a FROM clause and "((y))" for a subquery without an alias, which got one (a
  // syntax error in a select list).
  ParsedSelect parsed(
      "SELECT (1 IS NOT DISTINCT FROM ((2 % 6) % 7)) AS c0, 3 IS DISTINCT FROM ((4))");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr(0).ToString(), "(1 IS NOT DISTINCT FROM ((2 % 6) % 7))");
  EXPECT_EQ(parsed.expr(1).ToString(), "(3 IS DISTINCT FROM 4)");
  ParsedSelect extract(
      "SELECT extract(day FROM (SELECT d FROM t)) AS c1, substring(s FROM (1) FOR 2) FROM u");
  ASSERT_TRUE(extract.ok());
  EXPECT_EQ(extract.select().select_list.size(), 2u);
  EXPECT_EQ(extract.select().from->As<BaseTableRef>().table, "u");
  ParsedSelect subquery("SELECT * FROM ((SELECT 1) UNION (SELECT 2))");
  ASSERT_TRUE(subquery.ok());
  EXPECT_EQ(subquery.select().from->As<SubqueryRef>().alias, "");
}

TEST(DialectTest, FilterWithoutWhereAndEmptyDecimal) {
  ParsedSelect parsed("SELECT sum(x) FILTER (x > 1), 1::DECIMAL() FROM t");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.expr(0).ToString(), "sum(x) FILTER (WHERE (x > 1))");
  EXPECT_EQ(parsed.expr(1).ToString(), "CAST(1 AS DECIMAL(18,3))");
}

TEST(DialectTest, SqliteSpellings) {
  ParsedSelect not_null("SELECT x FROM t1 NOT INDEXED WHERE x NOT NULL");
  ASSERT_TRUE(not_null.ok());
  EXPECT_EQ(not_null.select().where->ToString(), "(x IS NOT NULL)");
  ParsedSelect empty("SELECT 1 IN (), 2 NOT IN ()");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty.expr(0).As<InListExpr>().list.empty());
  EXPECT_FALSE(empty.expr(0).As<InListExpr>().negated);
  EXPECT_TRUE(empty.expr(1).As<InListExpr>().negated);
  // NOT NULL in DDL keeps its meaning.
  StatementPtr create = ParseOne("CREATE TABLE t (a INT NOT NULL)");
  ASSERT_NE(create, nullptr);
  EXPECT_TRUE(create->As<CreateTableStatement>().columns[0].not_null);
}

}  // namespace
}  // namespace fluxdb::ast
