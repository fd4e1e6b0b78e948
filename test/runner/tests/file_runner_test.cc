// The runner end to end: small scripts against a real in-memory FluxDB.
#include "test/runner/file_runner.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "test/runner/run_driver.h"

namespace fluxdb::slt {
namespace {

FileResult RunScript(std::string_view text, DialectChoice dialect = DialectChoice::kDuckDb) {
  RunnerOptions options;
  options.dialect = dialect;
  options.threads = 1;
  FileRunner runner(options);
  return runner.RunText(text, "inline.test");
}

std::string Describe(const FileResult& r) {
  std::string out = Concat(FileStatusName(r.status), ": ", r.reason, "\n");
  for (const RecordFailure& f : r.failures) out += Concat(f.message, "\n", f.detail);
  return out;
}

TEST(FileRunnerTest, PassingDuckDbFile) {
  FileResult r = RunScript(R"(# name: test/sql/runner/inline.test

statement ok
CREATE TABLE t(i INTEGER, s VARCHAR)

statement ok
INSERT INTO t VALUES (2, 'b'), (1, 'a'), (3, NULL)

query IT rowsort
SELECT i, s FROM t
----
1	a
2	b
3	NULL

query I
SELECT SUM(i) FROM t
----
6

statement error
SELECT nope FROM t
----
<REGEX>:.*Binder Error.*

statement error
SELECT * FROM missing_table
----
missing_table
)");
  EXPECT_EQ(r.status, FileStatus::kPassed) << Describe(r);
  EXPECT_EQ(r.dialect, Dialect::kDuckDb);
  EXPECT_EQ(r.records.run, 6u);
  EXPECT_EQ(r.records.passed, 6u);
}

TEST(FileRunnerTest, FailuresAreCountedAndDescribed) {
  FileResult r = RunScript(R"(
query I
SELECT 1
----
2

statement ok
SELECT * FROM missing_table

statement error
SELECT 1

query II
SELECT 1
----
1	1

query I
SELECT 1
----
1
)");
  EXPECT_EQ(r.status, FileStatus::kFailed);
  EXPECT_EQ(r.records.run, 5u);
  EXPECT_EQ(r.records.failed, 4u);
  EXPECT_EQ(r.records.passed, 1u);
  EXPECT_EQ(r.reason.rfind("line 2: wrong value", 0), 0u) << r.reason;
  EXPECT_EQ(r.category, "wrong result: values");
  ASSERT_EQ(r.failures.size(), 4u);
  EXPECT_EQ(r.failures[1].kind, FailureKind::kStatementFailed);
  EXPECT_EQ(r.failures[2].kind, FailureKind::kUnexpectedSuccess);
  EXPECT_EQ(r.failures[3].kind, FailureKind::kColumnCount);
  EXPECT_NE(r.failures[0].detail.find("expected"), std::string::npos);
}

TEST(FileRunnerTest, WrongErrorMessage) {
  FileResult r = RunScript("statement error\nSELECT * FROM missing_table\n----\nsomething else\n");
  EXPECT_EQ(r.status, FileStatus::kFailed);
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].kind, FailureKind::kWrongErrorMessage);
}

TEST(FileRunnerTest, LoopsAndForeach) {
  FileResult r = RunScript(R"(
statement ok
CREATE TABLE t(i INTEGER)

loop i 0 4

statement ok
INSERT INTO t VALUES ({i})

endloop

query I
SELECT SUM(i) FROM t
----
6

foreach v 10 20

loop j 1 3

query I
SELECT ${v} * {j}
----
<REGEX>:[0-9]+0

endloop

endloop

foreach a,b 1,2 3,4

query I
SELECT {a} + {b}
----
<REGEX>:3|7

endloop

foreach type <signed>

statement maybe
SELECT CAST(1 AS {type})

endloop
)");
  EXPECT_EQ(r.status, FileStatus::kPassed) << Describe(r);
  EXPECT_EQ(r.records.run, 1u + 4u + 1u + 4u + 2u + 5u);
}

TEST(FileRunnerTest, Labels) {
  FileResult same = RunScript(R"(
query I rowsort q1
SELECT 1 UNION ALL SELECT 2
----
1
2

query I rowsort q1
SELECT 3 - 1 UNION ALL SELECT 1
----
1
2
)");
  EXPECT_EQ(same.status, FileStatus::kPassed) << Describe(same);
  // Each query matches its own expected rows, but the label ties their results together.
  FileResult differ = RunScript(R"(
query I nosort q1
SELECT 1
----
1

query I nosort q1
SELECT 2
----
2
)");
  EXPECT_EQ(differ.status, FileStatus::kFailed);
  ASSERT_EQ(differ.failures.size(), 1u);
  EXPECT_EQ(differ.failures[0].kind, FailureKind::kLabelMismatch);
  EXPECT_EQ(differ.failures[0].line, 7);
}

TEST(FileRunnerTest, HashThreshold) {
  FileResult r = RunScript(R"(
hash-threshold 1

query I valuesort
SELECT 2 UNION ALL SELECT 1
----
2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0
)");
  EXPECT_EQ(r.status, FileStatus::kPassed) << Describe(r);
}

TEST(FileRunnerTest, SkipifOnlyifDuckDbDialect) {
  FileResult r = RunScript(R"(
skipif duckdb
query I
SELECT 'not run'
----

onlyif fluxdb
query I
SELECT 1
----
1

onlyif sqlite
statement ok
this is not sql

skipif postgresql
query I
SELECT 2
----
2
)");
  EXPECT_EQ(r.status, FileStatus::kPassed) << Describe(r);
  EXPECT_EQ(r.records.run, 2u);
  EXPECT_EQ(r.records.skipped, 2u);
}

TEST(FileRunnerTest, SqliteDialect) {
  FileResult r = RunScript(R"(
onlyif sqlite
statement ok
this only runs on sqlite

skipif sqlite
skipif mysql
query I
SELECT 7 / 2
----
3

query R
SELECT 1.0 / 3
----
0.333

query T valuesort
SELECT 'b' UNION ALL SELECT '' UNION ALL SELECT NULL
----
(empty)
NULL
b

statement ok
CREATE TABLE t(i INTEGER)

statement ok
INSERT INTO t VALUES (2), (NULL), (1)

query I
SELECT i FROM t ORDER BY i
----
NULL
1
2
)",
                           DialectChoice::kSqlite);
  EXPECT_EQ(r.status, FileStatus::kPassed) << Describe(r);
  EXPECT_EQ(r.dialect, Dialect::kSqlite);
  EXPECT_EQ(r.records.skipped, 1u);
}

TEST(FileRunnerTest, ModeSkipAndHalt) {
  FileResult r = RunScript(R"(
mode skip

statement ok
not sql

loop i 0 10

statement ok
not sql either

endloop

mode unskip

query I
SELECT 1
----
1

halt

statement ok
not reached
)");
  EXPECT_EQ(r.status, FileStatus::kPassed) << Describe(r);
  EXPECT_EQ(r.records.run, 1u);
  EXPECT_EQ(r.records.skipped, 2u);
}

TEST(FileRunnerTest, RequireSkipsTheFile) {
  FileResult r = RunScript("require parquet\n\nstatement ok\nnot sql\n");
  EXPECT_EQ(r.status, FileStatus::kSkipped);
  EXPECT_EQ(r.reason, "require parquet");
  FileResult provided =
      RunScript("require 64bit\n\nrequire vector_size 64\n\nquery I\nSELECT 1\n----\n1\n");
  EXPECT_EQ(provided.status, FileStatus::kPassed) << Describe(provided);
  EXPECT_FALSE(RequirementProvided({"vector_size", "1000000"}));
  EXPECT_FALSE(RequirementProvided({"tpch"}));
}

TEST(FileRunnerTest, UnsupportedDirectivesSkipWithAReason) {
  FileResult unknown = RunScript("query I\nSELECT 1\n----\n1\n\nfrobnicate\n");
  EXPECT_EQ(unknown.status, FileStatus::kSkipped);
  EXPECT_EQ(unknown.reason, "unknown directive 'frobnicate' (line 6)");
  FileResult include = RunScript("include other.test\n");
  EXPECT_EQ(include.status, FileStatus::kSkipped);
  EXPECT_EQ(include.reason, "include is not supported");
  FileResult notes = RunScript("set seed 0.5\n\nquery I\nSELECT 1\n----\n1\n");
  EXPECT_EQ(notes.status, FileStatus::kPassed);
  ASSERT_EQ(notes.notes.size(), 1u);
}

TEST(FileRunnerTest, DeliberatelyUnsupportedFeatureSkipsTheFile) {
  FileResult r = RunScript(
      "statement ok\nCREATE TABLE t(x INTEGER)\n\n"
      "statement ok\nCREATE TRIGGER r UPDATE ON t BEGIN SELECT 1; END;\n\n"
      "query I\nSELECT 1\n----\n1\n",
      DialectChoice::kSqlite);
  EXPECT_EQ(r.status, FileStatus::kSkipped) << Describe(r);
  EXPECT_NE(r.reason.find("triggers"), std::string::npos) << r.reason;
  EXPECT_EQ(r.records.passed, 1u);
  EXPECT_EQ(r.records.failed, 0u);
  // Any other not-implemented error still fails the file.
  FileResult other = RunScript(
      "statement ok\nCREATE TABLE t(x INTEGER)\n\n"
      "statement ok\nSUMMARIZE SELECT * FROM no_such_table\n");
  EXPECT_EQ(other.status, FileStatus::kFailed) << Describe(other);
}

TEST(FileRunnerTest, LoadAndRestartPersist) {
  FileResult r = RunScript(R"(
load {TEST_DIR}/persist.db

statement ok
CREATE TABLE t(i INTEGER)

statement ok
INSERT INTO t VALUES (1), (2), (3)

restart

query I
SELECT SUM(i) FROM t
----
6

reconnect

query I
SELECT COUNT(*) FROM t
----
3
)");
  EXPECT_EQ(r.status, FileStatus::kPassed) << Describe(r);
  FileResult in_memory = RunScript("restart\n");
  EXPECT_EQ(in_memory.status, FileStatus::kFailed);
}

TEST(FileRunnerTest, DocumentedDifferenceSkipsOnlyTheListedFailingRecord) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / Concat("fluxdb-differences-", ::getpid());
  std::filesystem::create_directories(dir);
  const std::string script =
      "query I\nSELECT 1\n----\n2\n\n"  // line 1: wrong on purpose, listed below
      "query I\nSELECT 1\n----\n3\n";   // line 6: wrong and not listed
  std::ofstream(dir / "corpus.test") << script;
  std::ofstream(dir / "differences.txt")
      << "# comment\nsub/corpus.test:1  the corpus expects 2\nsub/other.test:6  another file\n";
  StatusOr<DocumentedDifferences> differences =
      ReadDocumentedDifferences((dir / "differences.txt").string());
  ASSERT_TRUE(differences.ok()) << differences.status().message();
  RunnerOptions options;
  options.dialect = DialectChoice::kDuckDb;
  options.threads = 1;
  options.differences = &*differences;
  FileRunner runner(options);
  FileResult r = runner.RunFile((dir / "corpus.test").string(), "sub/corpus.test");
  EXPECT_EQ(r.status, FileStatus::kFailed) << Describe(r);
  EXPECT_EQ(r.records.failed, 1u);
  EXPECT_EQ(r.records.skipped, 1u);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(
      r.notes[0].find("line 1: skipped, a documented semantic difference: the corpus expects 2"),
      std::string::npos);
  EXPECT_NE(r.reason.find("line 6"), std::string::npos) << r.reason;

  std::ofstream(dir / "bad.txt") << "sub/corpus.test  no line number\n";
  EXPECT_FALSE(ReadDocumentedDifferences((dir / "bad.txt").string()).ok());
  std::filesystem::remove_all(dir);
}

TEST(FileRunnerTest, MalformedFileFails) {
  FileResult r = RunScript("query IX\nSELECT 1\n");
  EXPECT_EQ(r.status, FileStatus::kFailed);
  EXPECT_EQ(r.category, "test file not understood by the runner");
}

TEST(FileRunnerTest, ForeachTokens) {
  EXPECT_EQ(ExpandForeachToken("<signed>"),
            (std::vector<std::string>{"tinyint", "smallint", "integer", "bigint", "hugeint"}));
  EXPECT_EQ(ExpandForeachToken("<integral>").size(), 10u);
  EXPECT_EQ(ExpandForeachToken("<numeric>").size(), 12u);
  EXPECT_EQ(ExpandForeachToken("DECIMAL(4,1)"), std::vector<std::string>{"DECIMAL(4,1)"});
}

class DriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           Concat("fluxdb-runner-test-", ::testing::UnitTest::GetInstance()->random_seed(), "-",
                  reinterpret_cast<uintptr_t>(this));
    std::filesystem::create_directories(dir_ / "sub");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(DriverTest, CollectsAndRunsFilesInChildren) {
  Write("a.test", "query I\nSELECT 1\n----\n1\n");
  Write("sub/b.test", "query I\nSELECT 1\n----\n2\n");
  Write("sub/c.test_slow", "query I\nSELECT 1\n----\n1\n");
  Write("sub/notes.txt", "not a test");
  Write("sub/hang.test", "sleep 30 seconds\n");
  StatusOr<std::vector<TestFile>> files = CollectTestFiles({dir_.string()}, false, dir_.string());
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].name, "a.test");
  EXPECT_EQ((*files)[1].name, "sub/b.test");
  EXPECT_EQ((*files)[2].name, "sub/hang.test");
  StatusOr<std::vector<TestFile>> slow = CollectTestFiles({dir_.string()}, true, "");
  ASSERT_TRUE(slow.ok());
  EXPECT_EQ(slow->size(), 4u);
  EXPECT_FALSE(CollectTestFiles({(dir_ / "missing").string()}, false, "").ok());

  DriverOptions options;
  options.jobs = 2;
  options.timeout = 1;
  options.runner.threads = 1;
  std::ostringstream out;
  std::vector<FileResult> results = RunTestFiles(*files, options, out);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].status, FileStatus::kPassed) << results[0].reason;
  EXPECT_EQ(results[1].status, FileStatus::kFailed);
  EXPECT_EQ(results[1].category, "wrong result: values");
  EXPECT_EQ(results[2].status, FileStatus::kFailed);
  EXPECT_EQ(results[2].category, "timeout");
  EXPECT_NE(out.str().find("FAIL sub/b.test"), std::string::npos) << out.str();
}

TEST(ExpectEntryTest, Matches) {
  TestFile file{"/x/shared/sqllogictest/sqlite/select1.test", "sqlite/select1.test"};
  EXPECT_TRUE(ExpectEntryMatches("sqlite/select1.test", file));
  EXPECT_TRUE(ExpectEntryMatches("select1.test", file));
  EXPECT_FALSE(ExpectEntryMatches("lect1.test", file));
  EXPECT_FALSE(ExpectEntryMatches("sqlite/select2.test", file));
}

}  // namespace
}  // namespace fluxdb::slt
