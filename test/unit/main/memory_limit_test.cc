// memory_limit: a query whose operators hold more than the limit fails with an Out of Memory
// error, changes nothing, and leaves the connection (and its transaction) usable.
#include <gtest/gtest.h>

#include "main/connection.h"
#include "main/database.h"

namespace fluxdb {
namespace {

class MemoryLimitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DatabaseOptions options;
    options.threads = 2;
    auto db = Database::Open(":memory:", options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    con_ = std::make_unique<Connection>(*db_);
    Run("SET memory_limit = '20MB'");
  }
  void Run(const std::string& sql) {
    auto result = con_->Query(sql);
    ASSERT_TRUE(result.ok()) << sql << ": " << result.status();
  }
  int64_t Scalar(const std::string& sql) {
    auto result = con_->Query(sql);
    EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
    return result.ok() ? (*result)->GetValue(0, 0).GetInt64() : -1;
  }
  void ExpectOutOfMemory(const std::string& sql) {
    auto result = con_->Query(sql);
    ASSERT_FALSE(result.ok()) << sql << " succeeded";
    EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted) << result.status();
    std::string message(result.status().message());
    EXPECT_EQ(message.rfind("Out of Memory Error: ", 0), 0u) << message;
    EXPECT_NE(message.find("(memory limit 20.0 MB)"), std::string::npos) << message;
  }
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> con_;
};

TEST_F(MemoryLimitTest, EveryMemoryHungryOperatorStopsAtTheLimit) {
  const std::string rows = "range(3000000) r(i)";
  ExpectOutOfMemory("SELECT count(*) FROM (SELECT i, count(*) FROM " + rows + " GROUP BY i)");
  ExpectOutOfMemory("SELECT count(*) FROM (SELECT DISTINCT i FROM " + rows + ")");
  ExpectOutOfMemory("SELECT count(*) FROM " + rows + " JOIN range(3000000) s(j) ON i = j");
  ExpectOutOfMemory("SELECT max(x) FROM (SELECT i * 2 AS x FROM " + rows + " ORDER BY i DESC)");
  ExpectOutOfMemory("SELECT max(n) FROM (SELECT row_number() OVER (ORDER BY i DESC) AS n FROM " +
                    rows + ")");
  ExpectOutOfMemory("SELECT count(*) FROM (SELECT i FROM " + rows +
                    " EXCEPT SELECT j FROM range(10) s(j))");
  ExpectOutOfMemory("SELECT count(*) FROM (SELECT i FROM " + rows +
                    " UNION SELECT j FROM range(10) s(j))");
  ExpectOutOfMemory("SELECT count(*) FROM " + rows +
                    " WHERE i IN (SELECT j FROM range(10) s(j) WHERE j = i % 10)");
  ExpectOutOfMemory("SELECT i FROM " + rows);  // the result itself
  // The connection goes on, and the same queries run under a larger limit.
  EXPECT_EQ(Scalar("SELECT count(*) FROM range(1000) r(i)"), 1000);
  Run("SET memory_limit = '2GB'");
  EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT i, count(*) FROM " + rows + " GROUP BY i)"),
            3000000);
}

TEST_F(MemoryLimitTest, AFailedWriteChangesNothing) {
  Run("CREATE TABLE keyed(a BIGINT PRIMARY KEY)");
  Run("INSERT INTO keyed VALUES (-1)");
  // Key checks hold the new rows and a hash table of every key.
  ExpectOutOfMemory("INSERT INTO keyed SELECT i FROM range(3000000) r(i)");
  EXPECT_EQ(Scalar("SELECT count(*) FROM keyed"), 1);
  Run("BEGIN");
  Run("INSERT INTO keyed VALUES (1)");
  ExpectOutOfMemory("INSERT INTO keyed SELECT i + 10 FROM range(3000000) r(i)");
  Run("INSERT INTO keyed VALUES (2)");
  Run("COMMIT");
  EXPECT_EQ(Scalar("SELECT sum(a) FROM keyed"), 2);
  ExpectOutOfMemory("CREATE TABLE copy AS SELECT i FROM range(3000000) r(i) ORDER BY i DESC");
  EXPECT_EQ(Scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'copy'"), 0);
}

}  // namespace
}  // namespace fluxdb
