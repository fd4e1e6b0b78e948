#include "test/runner/script.h"

#include "gtest/gtest.h"

namespace fluxdb::slt {
namespace {

Script Parse(std::string_view text) {
  StatusOr<Script> script = ParseScript(text);
  EXPECT_TRUE(script.ok()) << script.status().message();
  return script.ok() ? *std::move(script) : Script();
}

TEST(ScriptTest, StatementsAndQueries) {
  Script s = Parse(
      "# name: test/sql/x.test\n"
      "\n"
      "statement ok\n"
      "CREATE TABLE t(i INTEGER)\n"
      "\n"
      "query IT rowsort my_label\n"
      "SELECT i,\n"
      "  'x' FROM t\n"
      "----\n"
      "1\tx\n"
      "2\tx\n"
      "\n"
      "statement error\n"
      "SELECT nope\n"
      "----\n"
      "<REGEX>:.*Binder Error.*\n");
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[0].kind, CommandKind::kStatement);
  EXPECT_EQ(s.commands[0].expected, ExpectedOutcome::kOk);
  EXPECT_EQ(s.commands[0].sql, "CREATE TABLE t(i INTEGER)");
  EXPECT_EQ(s.commands[0].line, 3);
  const Command& q = s.commands[1];
  EXPECT_EQ(q.kind, CommandKind::kQuery);
  EXPECT_EQ(q.column_types, "IT");
  EXPECT_EQ(q.sort_mode, SortMode::kRowSort);
  EXPECT_EQ(q.label, "my_label");
  EXPECT_EQ(q.sql, "SELECT i,\n  'x' FROM t");
  EXPECT_EQ(q.expected_lines, (std::vector<std::string>{"1\tx", "2\tx"}));
  EXPECT_EQ(s.commands[2].expected, ExpectedOutcome::kError);
  ASSERT_TRUE(s.commands[2].expected_error.has_value());
  EXPECT_EQ(*s.commands[2].expected_error, "<REGEX>:.*Binder Error.*");
}

TEST(ScriptTest, CrlfAndConditions) {
  Script s = Parse(
      "hash-threshold 8\r\n\r\nskipif mysql # comment\r\nonlyif SQLite\r\nstatement ok\r\n"
      "SELECT 1\r\n\r\nquery I nosort\r\nSELECT 1\r\n----\r\n1\r\n");
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[0].kind, CommandKind::kHashThreshold);
  const Command& st = s.commands[1];
  ASSERT_EQ(st.conditions.size(), 2u);
  EXPECT_FALSE(st.conditions[0].only_if);
  EXPECT_EQ(st.conditions[0].engine, "mysql");
  EXPECT_TRUE(st.conditions[1].only_if);
  EXPECT_EQ(st.conditions[1].engine, "sqlite");
  EXPECT_EQ(st.sql, "SELECT 1");
  EXPECT_EQ(s.commands[2].expected_lines, std::vector<std::string>{"1"});
}

TEST(ScriptTest, QueryWithoutResultsAndSpacesInValues) {
  Script s = Parse("query T\nSELECT ' '\n----\n \n\nquery I\nSELECT 1 WHERE false\n");
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].expected_lines, std::vector<std::string>{" "});
  EXPECT_TRUE(s.commands[1].expected_lines.empty());
}

TEST(ScriptTest, ConnectionNames) {
  Script s = Parse("statement ok con1\nBEGIN\n\nquery I con2\nSELECT 1\n----\n1\n");
  EXPECT_EQ(s.commands[0].connection, "con1");
  EXPECT_EQ(s.commands[1].connection, "con2");
  EXPECT_EQ(s.commands[1].sort_mode, SortMode::kNoSort);
}

TEST(ScriptTest, NestedLoopsAreMatched) {
  Script s = Parse(
      "loop i 0 3\n\nforeach t a b\n\nstatement ok\nSELECT {i}, '{t}'\n\nendloop\n\nendloop\n\n"
      "concurrentloop j 0 2\n\nendloop\n");
  ASSERT_EQ(s.commands.size(), 7u);
  EXPECT_EQ(s.commands[0].kind, CommandKind::kLoop);
  EXPECT_EQ(s.commands[0].loop_end, 4u);
  EXPECT_EQ(s.commands[1].kind, CommandKind::kForeach);
  EXPECT_EQ(s.commands[1].loop_end, 3u);
  EXPECT_EQ(s.commands[5].keyword, "concurrentloop");
  EXPECT_EQ(s.commands[5].loop_end, 6u);
}

TEST(ScriptTest, UnknownDirectiveKeepsItsBody) {
  Script s = Parse("frobnicate a b\nbody line\n\nstatement ok\nSELECT 1\n");
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].kind, CommandKind::kUnknown);
  EXPECT_EQ(s.commands[0].keyword, "frobnicate");
  EXPECT_EQ(s.commands[1].kind, CommandKind::kStatement);
}

TEST(ScriptTest, Directives) {
  Script s = Parse(
      "require parquet\n\nload {TEST_DIR}/x.db\n\nrestart\n\nreconnect\n\nmode skip\n\n"
      "mode unskip\n\nset seed 0.5\n\nreset label x\n\nsleep 1 second\n\nhalt\n\n"
      "include x.test\n\nunzip a b\n\nrequire-env HOME\n\ntags x\n");
  std::vector<CommandKind> kinds;
  for (const Command& c : s.commands) kinds.push_back(c.kind);
  EXPECT_EQ(kinds,
            (std::vector<CommandKind>{
                CommandKind::kRequire, CommandKind::kLoad, CommandKind::kRestart,
                CommandKind::kReconnect, CommandKind::kMode, CommandKind::kMode, CommandKind::kSet,
                CommandKind::kReset, CommandKind::kSleep, CommandKind::kHalt, CommandKind::kInclude,
                CommandKind::kUnzip, CommandKind::kRequireEnv, CommandKind::kTags}));
  EXPECT_EQ(s.commands[1].args, std::vector<std::string>{"{TEST_DIR}/x.db"});
}

TEST(ScriptTest, Errors) {
  EXPECT_FALSE(ParseScript("query\nSELECT 1\n").ok());
  EXPECT_FALSE(ParseScript("query IX\nSELECT 1\n").ok());
  EXPECT_FALSE(ParseScript("statement maybeso\nSELECT 1\n").ok());
  EXPECT_FALSE(ParseScript("statement ok\n\n").ok());
  EXPECT_FALSE(ParseScript("statement ok\nSELECT 1\n----\nerror\n").ok());
  EXPECT_FALSE(ParseScript("endloop\n").ok());
  EXPECT_FALSE(ParseScript("loop i 0\n\nendloop\n").ok());
  EXPECT_FALSE(ParseScript("loop i 0 2\n\nstatement ok\nSELECT 1\n").ok());
  EXPECT_FALSE(ParseScript("skipif\nstatement ok\nSELECT 1\n").ok());
  EXPECT_FALSE(ParseScript("onlyif sqlite\n\nstatement ok\nSELECT 1\n").ok());
  StatusOr<Script> bad = ParseScript("statement ok\nSELECT 1\n\nhash-threshold x\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 4"), std::string::npos);
}

}  // namespace
}  // namespace fluxdb::slt
