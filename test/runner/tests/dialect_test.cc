#include "test/runner/dialect.h"

#include "gtest/gtest.h"
#include "test/runner/script.h"

namespace fluxdb::slt {
namespace {

Dialect Detect(std::string_view path, std::string_view text) {
  StatusOr<Script> script = ParseScript(text);
  EXPECT_TRUE(script.ok());
  return DetectDialect(path, text, script.ok() ? *script : Script());
}

TEST(DialectTest, Detection) {
  const char* plain = "query I\nSELECT 1\n----\n1\n";
  EXPECT_EQ(Detect("x/sqlite/select1.test", plain), Dialect::kSqlite);
  EXPECT_EQ(Detect("select1.test", plain), Dialect::kSqlite);
  EXPECT_EQ(Detect("../shared/sqllogictest/duckdb/test/sql/a.test", plain), Dialect::kDuckDb);
  EXPECT_EQ(Detect("duckdb.test", plain), Dialect::kSqlite);  // the file name does not count
  EXPECT_EQ(Detect("a.test", "# name: test/sql/a.test\n\nquery I\nSELECT 1\n----\n1\n"),
            Dialect::kDuckDb);
  EXPECT_EQ(Detect("a.test", "query II\nSELECT 1, 2\n----\n1\t2\n"), Dialect::kDuckDb);
  EXPECT_EQ(Detect("duckdb/a.test", "# name: a\n# dialect: sqlite\n"), Dialect::kSqlite);
}

TEST(DialectTest, EngineNames) {
  EXPECT_TRUE(EngineIsFluxDb(Dialect::kSqlite, "fluxdb"));
  EXPECT_TRUE(EngineIsFluxDb(Dialect::kDuckDb, "fluxdb"));
  EXPECT_TRUE(EngineIsFluxDb(Dialect::kDuckDb, "duckdb"));
  EXPECT_FALSE(EngineIsFluxDb(Dialect::kSqlite, "duckdb"));
  for (const char* other : {"sqlite", "mysql", "postgresql", "mssql", "oracle"}) {
    EXPECT_FALSE(EngineIsFluxDb(Dialect::kSqlite, other)) << other;
    EXPECT_FALSE(EngineIsFluxDb(Dialect::kDuckDb, other)) << other;
  }
}

}  // namespace
}  // namespace fluxdb::slt
