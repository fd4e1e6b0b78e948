// libFuzzer target for the whole engine: the input is a SQL script, run statement by statement
// through Connection against a fresh in-memory database that already holds a few small tables
// of every column type. Any statement may fail with an error; none may crash, trip a sanitizer or
// an invariant check (FLUX_CHECK), or fail with an INTERNAL error (a bug by definition).
//
// Statements that would reach outside the process are skipped: COPY (writes files) and the
// settings that decide resources or write files (threads, memory limit, profiling output).
// A statement running longer than FLUXDB_FUZZ_STATEMENT_MS (default 2000) is interrupted, and
// the statements of one input together get FLUXDB_FUZZ_INPUT_MS (default 6000; the rest are not
// run), so that a slow query is an INTERRUPT error rather than a fuzzer timeout (libFuzzer's
// -timeout must stay above the input limit). FLUXDB_FUZZ_THREADS (default 1) sets the worker
// threads.
//
// Run e.g.: ./sql_fuzzer -dict=../../test/fuzz/sql_fuzzer.dict -max_len=4096 corpus/ seeds/
// (scripts/torture.d/40-fuzz.sh builds the seed corpus with test/fuzz/make_sql_seeds.py).
#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "main/connection.h"
#include "main/database.h"
#include "main/query_result.h"
#include "parser/statement.h"
#include "test/fuzz/statement_watchdog.h"

namespace {

using namespace fluxdb;

// Every column type with NULLs, extremes, long and inline strings (types_t); a table of two
// vectors (big_t: more rows would slow every input down); constraints (keys_t); an empty table
// and a view. The names are unlike the t1, t2 ... of the sqllogictest seeds, which create theirs.
constexpr std::string_view kSetup = R"sql(
CREATE TABLE types_t(b BOOLEAN, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT, hi HUGEINT, f FLOAT,
  d DOUBLE, d1 DECIMAL(4,1), d2 DECIMAL(18,3), d3 DECIMAL(38,10), v VARCHAR, bl BLOB, dt DATE,
  tm TIME, ts TIMESTAMP, iv INTERVAL);
INSERT INTO types_t VALUES
  (true, 1, 2, 3, 4, 5, 1.5, 2.25, 1.5, 123.456, 1e20, 'hello', 'ab'::BLOB, DATE '2024-01-02',
   TIME '12:34:56', TIMESTAMP '2024-01-02 03:04:05', INTERVAL 3 DAY),
  (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL),
  (false, -128, -32768, -2147483648, -9223372036854775808,
   -170141183460469231731687303715884105727, -3.4e38, 'nan'::DOUBLE, -999.9,
   -999999999999999.999, -0.0000000001, 'a string longer than twelve bytes', ''::BLOB,
   DATE '0001-01-01', TIME '00:00:00', TIMESTAMP '1970-01-01', INTERVAL '-1 month'),
  (true, 127, 32767, 2147483647, 9223372036854775807, 170141183460469231731687303715884105727,
   'inf'::FLOAT, 1e308, 999.9, 0.001, 12345678901234567890.0123456789, '', '\x00\xff'::BLOB,
   DATE '9999-12-31', TIME '23:59:59.999999', TIMESTAMP '2262-04-11 23:47:16', INTERVAL 1 YEAR),
  (false, 0, 0, 0, 0, 0, -0.0, 0.1, 0.0, 0.000, 0, 'hello', 'ab'::BLOB, DATE '2024-01-02',
   TIME '12:34:56', TIMESTAMP '2024-01-02 03:04:05', INTERVAL 90 MINUTE);
CREATE TABLE big_t AS SELECT range AS k, (range % 7)::INTEGER AS g, 'v' || (range % 13) AS s,
  CASE WHEN range % 5 = 0 THEN NULL ELSE range * 1.5 END AS x,
  DATE '2020-01-01' + (range % 400)::INTEGER AS day FROM range(2100);
CREATE TABLE keys_t(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, score DOUBLE CHECK (score >= 0),
  ref BIGINT UNIQUE);
INSERT INTO keys_t VALUES (1, 'a', 1.0, 10), (2, 'b', NULL, 20), (3, 'c', 2.5, NULL), (4, 'a', 0, 40);
CREATE TABLE empty_t(a INTEGER, b VARCHAR);
CREATE VIEW group_v AS SELECT g, count(*) AS n, sum(x) AS sx FROM big_t GROUP BY g;
)sql";

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

// Splits a script at the semicolons outside quotes and comments, so that one statement that does
// not parse does not keep the others from running (Parser::Parse parses all or nothing).
std::vector<std::string_view> SplitStatements(std::string_view sql) {
  std::vector<std::string_view> statements;
  size_t start = 0;
  size_t i = 0;
  auto skip_to = [&](std::string_view end) {
    size_t found = sql.find(end, i);
    i = found == std::string_view::npos ? sql.size() : found + end.size();
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      i++;
      skip_to(std::string_view(&sql[i - 1], 1));
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      skip_to("\n");
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      i += 2;
      skip_to("*/");
    } else if (c == ';') {
      statements.push_back(sql.substr(start, i - start));
      start = ++i;
    } else {
      i++;
    }
  }
  if (start < sql.size()) statements.push_back(sql.substr(start));
  return statements;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool Skipped(const ast::Statement& statement) {
  switch (statement.kind) {
    case ast::StatementKind::kCopy:
      return true;
    case ast::StatementKind::kSet:
    case ast::StatementKind::kReset:
    case ast::StatementKind::kPragma: {
      std::string text = Lower(statement.text);
      for (std::string_view word : {"thread", "memory", "profil", "output"}) {
        if (text.find(word) != std::string::npos) return true;
      }
      return false;
    }
    case ast::StatementKind::kExplain: {
      const auto& explain = statement.As<ast::ExplainStatement>();
      return explain.statement != nullptr && Skipped(*explain.statement);
    }
    case ast::StatementKind::kPrepare: {
      const auto& prepare = statement.As<ast::PrepareStatement>();
      return prepare.statement != nullptr && Skipped(*prepare.statement);
    }
    default:
      return false;
  }
}

// Reads every value of the result (up to a bound) as text, as a client would.
void ConsumeResult(const QueryResult& result) {
  volatile size_t total = 0;
  idx_t rows = result.RowCount() < 4096 ? result.RowCount() : 4096;
  for (idx_t row = 0; row < rows; row++) {
    for (idx_t column = 0; column < result.ColumnCount(); column++) {
      total = total + result.GetValue(column, row).ToString().size();
    }
  }
}

[[noreturn]] void Fail(std::string_view what, std::string_view statement, const Status& status) {
  std::fprintf(stderr, "sql_fuzzer: %.*s\n  statement: %.*s\n  error: %.*s\n",
               static_cast<int>(what.size()), what.data(), static_cast<int>(statement.size()),
               statement.data(), static_cast<int>(status.message().size()),
               status.message().data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view script(reinterpret_cast<const char*>(data), size);
  DatabaseOptions options;
  options.threads = static_cast<uint32_t>(EnvInt("FLUXDB_FUZZ_THREADS", 1));
  options.memory_limit = 512ull << 20;
  auto database = Database::Open(":memory:", options);
  if (!database.ok()) Fail("cannot open an in-memory database", "", database.status());
  Connection connection(**database);
  auto setup = connection.Query(kSetup);
  if (!setup.ok()) Fail("the setup script failed", "", setup.status());
  fuzz::StatementWatchdog watchdog(
      connection, std::chrono::milliseconds(EnvInt("FLUXDB_FUZZ_STATEMENT_MS", 2000)));
  const auto end = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(EnvInt("FLUXDB_FUZZ_INPUT_MS", 6000));
  for (std::string_view text : SplitStatements(script)) {
    auto parsed = connection.Parse(text);
    if (!parsed.ok()) continue;
    for (auto& statement : *parsed) {
      if (Skipped(*statement)) continue;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now());
      if (left.count() <= 0) return 0;
      watchdog.Start(left);
      auto result = connection.Execute(std::move(statement));
      watchdog.Stop();
      if (result.ok()) {
        ConsumeResult(**result);
      } else if (ErrorMessage(result.status()).starts_with("INTERNAL Error")) {
        Fail("INTERNAL error", text, result.status());
      }
    }
  }
  return 0;
}
