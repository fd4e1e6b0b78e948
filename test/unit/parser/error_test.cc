// Errors: messages, byte offsets into the whole input, unsupported constructs and pathological
// input.
#include <gtest/gtest.h>
#include <pthread.h>

#include "parser/statement.h"
#include "test/unit/parser/parser_test_util.h"

namespace fluxdb::ast {
namespace {

using testing::ParseError;

struct ErrorInfo {
  std::string message;
  int32_t offset = -1;
};

ErrorInfo ErrorOf(std::string_view sql) {
  auto parsed = Parser::Parse(sql);
  EXPECT_FALSE(parsed.ok()) << sql;
  if (parsed.ok()) return {};
  return {std::string(parsed.status().message()), Parser::ErrorOffset(parsed.status())};
}

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

TEST(ErrorOffsetTest, PayloadRoundTrip) {
  Status plain = ParserError("x");
  EXPECT_EQ(Parser::ErrorOffset(plain), -1);
  Status located = Parser::WithErrorOffset(plain, 42);
  EXPECT_EQ(Parser::ErrorOffset(located), 42);
  EXPECT_EQ(located.message(), plain.message());
  EXPECT_EQ(Parser::ErrorOffset(Parser::WithErrorOffset(located, -1)), -1);
  EXPECT_TRUE(Parser::WithErrorOffset(Status(), 3).ok());
}

TEST(SyntaxErrorTest, OffsetPointsIntoTheWholeInput) {
  ErrorInfo error = ErrorOf("SELECT 1; SELEC 2");
  EXPECT_TRUE(StartsWith(error.message, "Parser Error: syntax error at or near \"SELEC\""))
      << error.message;
  EXPECT_EQ(error.offset, 10);
  EXPECT_NE(error.message.find("LINE 1: SELECT 1; SELEC 2\n                  ^"), std::string::npos)
      << error.message;
}

TEST(SyntaxErrorTest, LaterLinesAndEndOfInput) {
  ErrorInfo error = ErrorOf("SELECT 1;\nSELECT *\n  FROM t WHERE x = = 1");
  EXPECT_EQ(error.offset, 38);
  EXPECT_NE(error.message.find("LINE 3:   FROM t WHERE x = = 1"), std::string::npos)
      << error.message;
  ErrorInfo end = ErrorOf("SELECT (");
  EXPECT_TRUE(StartsWith(end.message, "Parser Error: syntax error at end of input")) << end.message;
  EXPECT_EQ(end.offset, 8);
}

TEST(SyntaxErrorTest, LexicalErrors) {
  ErrorInfo string = ErrorOf("SELECT 1; SELECT 'abc");
  EXPECT_TRUE(StartsWith(string.message, "Parser Error: unterminated quoted string"))
      << string.message;
  EXPECT_EQ(string.offset, 17);
  ErrorInfo comment = ErrorOf("SELECT 1 /* never closed");
  EXPECT_TRUE(StartsWith(comment.message, "Parser Error: unterminated /* comment"))
      << comment.message;
  ErrorInfo nul = ErrorOf(std::string_view("SELECT 1\0 x", 11));
  EXPECT_TRUE(StartsWith(nul.message, "Parser Error")) << nul.message;
  EXPECT_EQ(nul.offset, 8);
}

TEST(SyntaxErrorTest, OffsetsAreBytesAfterMultibyteCharacters) {
  ErrorInfo error = ErrorOf("SELECT 'é', x SELEC 1");
  EXPECT_EQ(error.offset, 21);  // the "1"; é takes two bytes
}

TEST(SyntaxErrorTest, OffsetsSurviveTheDialectRewrite) {
  // `?` becomes `$1` before PostgreSQL sees the text; the offset is still the user's.
  ErrorInfo error = ErrorOf("SELECT ?, ?, ? FROM t WHERE WHERE");
  EXPECT_EQ(error.offset, 28);
  ErrorInfo excluded = ErrorOf("SELECT * EXCLUDE (a) FROM t WHERE x = = 1");
  EXPECT_EQ(excluded.offset, 38);
  ErrorInfo pragma = ErrorOf("PRAGMA f(1, 2 +)");
  EXPECT_TRUE(StartsWith(pragma.message, "Parser Error: syntax error")) << pragma.message;
  EXPECT_EQ(pragma.offset, 15);
  ErrorInfo replace = ErrorOf("SELECT * REPLACE (1 + AS a) FROM t");
  EXPECT_EQ(replace.offset, 22);
  ErrorInfo qualify = ErrorOf("SELECT a FROM t QUALIFY a = = 1");
  EXPECT_EQ(qualify.offset, 28);
}

TEST(SyntaxErrorTest, EachStatementIsCheckedBeforeAnyIsReturned) {
  ErrorInfo error = ErrorOf("CREATE TABLE t (a INT); INSERT INTO t VALUES (1); SELEC");
  EXPECT_EQ(error.offset, 50);
}

TEST(UnsupportedTest, ClearMessagesNeverCrashes) {
  const char* cases[] = {
      "SELECT (1, 2) = (1, 2)",
      "SELECT ARRAY(SELECT 1)",
      "SELECT (a, b) IN (SELECT 1, 2) FROM t",
      "SELECT a FROM t GROUP BY CUBE (a)",
      "SELECT GROUPING(a) FROM t GROUP BY a",
      "SELECT * FROM ROWS FROM (f(), g())",
      "SELECT * FROM f() WITH ORDINALITY",
      "SELECT * FROM t1 JOIN t2 USING (a) AS j",
      "CREATE TABLE t (a INT) PARTITION BY RANGE (a)",
      "CREATE TABLE t (LIKE u)",
      "CREATE MATERIALIZED VIEW v AS SELECT 1",
      "ALTER VIEW v RENAME TO w",
      "COPY t FROM PROGRAM 'ls'",
      "WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x",
      "SELECT sum(x ORDER BY y) OVER () FROM t",
      "SELECT sum(x) OVER w FROM t WINDOW w AS (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT "
      "ROW "
      "EXCLUDE "
      "TIES)",
      "SELECT CURRENT_TIMESTAMP(3)",
      "SELECT B'101'",
      "PREPARE p(int) AS SELECT $1",
      "EXPLAIN (FORMAT XML) SELECT 1",
      "SELECT * FROM t FOR SHARE",
      "LISTEN x",
  };
  for (const char* sql : cases) {
    std::string message = ParseError(sql);
    EXPECT_TRUE(StartsWith(message, "Not implemented Error: ") ||
                StartsWith(message, "Parser Error: "))
        << sql << " -> " << message;
  }
}

TEST(EmptyInputTest, NoStatements) {
  for (const char* sql : {"", "   ", ";", ";;", " ; ; ", "-- comment only", "/* c */ ;"}) {
    auto parsed = Parser::Parse(sql);
    ASSERT_TRUE(parsed.ok()) << sql;
    EXPECT_TRUE(parsed->empty()) << sql;
  }
}

TEST(MultiStatementTest, TextAndOffsets) {
  std::string sql = "  SELECT 1;;\n-- between\nSELECT 'a;b' AS \";\" ;  UPDATE t SET a = 1;";
  auto parsed = Parser::Parse(sql);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_EQ((*parsed)[0]->text, "SELECT 1");
  EXPECT_EQ((*parsed)[0]->text_offset, 2);
  EXPECT_EQ((*parsed)[1]->text, "SELECT 'a;b' AS \";\"");
  EXPECT_EQ((*parsed)[1]->text_offset, 24);
  EXPECT_EQ((*parsed)[2]->kind, StatementKind::kUpdate);
  EXPECT_EQ((*parsed)[2]->text, "UPDATE t SET a = 1");
  // Locations are relative to each statement's own text.
  const auto& select = (*parsed)[1]->As<SelectStatement>().node->As<SelectNode>();
  EXPECT_EQ(select.select_list[0]->location, 7);
  EXPECT_EQ(sql.substr((*parsed)[1]->text_offset + select.select_list[0]->location, 5), "'a;b'");
}

/// Inputs nested far beyond any real query must fail cleanly, not exhaust the stack.
TEST(DepthTest, DeepInputFailsCleanly) {
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; i++) out += s;
    return out;
  };
  const std::string cases[] = {
      "SELECT 1" + repeat(" + 1", 200000),
      "SELECT " + repeat("(", 5000) + "1" + repeat(")", 5000),
      "SELECT " + repeat("NOT ", 5000) + "TRUE",
      "SELECT " + repeat("-", 1) + "1" + repeat("::INT", 5000),
      "SELECT " + repeat("(SELECT ", 2000) + "1" + repeat(")", 2000),
      "SELECT " + repeat("abs(", 3000) + "1" + repeat(")", 3000),
      "SELECT " + repeat("CASE WHEN TRUE THEN ", 3000) + "1" + repeat(" END", 3000),
      "SELECT 1" + repeat(" UNION SELECT 1", 20000),
      "SELECT * FROM t" + repeat(" JOIN t ON TRUE", 20000),
      "SELECT 'a'" + repeat(" || 'a'", 100000),
  };
  for (const std::string& sql : cases) {
    std::string message = ParseError(sql);
    EXPECT_TRUE(StartsWith(message, "Parser Error: expression nesting too deep") ||
                StartsWith(message, "Parser Error: "))
        << sql.substr(0, 60) << " -> " << message.substr(0, 200);
  }
}

TEST(DepthTest, ReasonablyDeepInputStillParses) {
  std::string sql = "SELECT ";
  for (int i = 0; i < 100; i++) sql += "(";
  sql += "1";
  for (int i = 0; i < 100; i++) sql += " + 1)";
  auto parsed = Parser::Parse(sql);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  std::string wide = "SELECT 1";
  for (int i = 0; i < 50000; i++) wide += ", 1";
  EXPECT_TRUE(Parser::Parse(wide).ok());
  std::string conjunction = "SELECT 1 WHERE a = 1";
  for (int i = 0; i < 20000; i++) conjunction += " AND a = 1";
  EXPECT_TRUE(Parser::Parse(conjunction).ok());
}

/// The depth limits keep the parser within a 1 MB stack (smaller than any thread's default).
TEST(DepthTest, WorstCaseFitsInASmallStack) {
  struct Args {
    std::string sql;
    bool ok = false;
  } args;
  args.sql = "SELECT ";
  for (int i = 0; i < 999; i++) args.sql += "(SELECT ";
  args.sql += "1";
  for (int i = 0; i < 999; i++) args.sql += ")";
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 1 << 20);
  pthread_t thread;
  auto run = [](void* p) -> void* {
    auto* a = static_cast<Args*>(p);
    auto parsed = Parser::Parse(a->sql);
    a->ok = true;  // reaching here at all is the point
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, run, &args), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  EXPECT_TRUE(args.ok);
}

}  // namespace
}  // namespace fluxdb::ast
