// Interrupting a connection: a running query stops with an INTERRUPT error, a request that
// arrives before a statement of a running call starts is not lost, and an interrupted statement
// inside a transaction is undone alone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "main/client_context.h"
#include "main/connection.h"
#include "main/database.h"

namespace fluxdb {
namespace {

// Long enough that only an interrupt ends it within the test's time.
constexpr const char* kLongQuery = "SELECT count(*) FROM range(100000000000) r(i) WHERE i % 7 = 3";

class InterruptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Open(":memory:");
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    con_ = std::make_unique<Connection>(*db_);
  }
  int64_t Scalar(const std::string& sql) {
    auto result = con_->Query(sql);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? (*result)->GetValue(0, 0).GetInt64() : -1;
  }
  // Runs `sql` on another thread and interrupts it once it has had time to start (again every
  // few milliseconds, in case the call had not begun yet: a request with nothing running does
  // nothing). Returns its outcome and how long it ran after the first request.
  Status RunAndInterrupt(const std::string& sql, std::chrono::milliseconds* latency) {
    Status outcome;
    std::atomic<bool> done{false};
    std::thread worker([&] {
      outcome = con_->Query(sql).status();
      done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto interrupted_at = std::chrono::steady_clock::now();
    while (!done) {
      con_->Interrupt();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    worker.join();
    *latency = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - interrupted_at);
    return outcome;
  }
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> con_;
};

TEST_F(InterruptTest, ARunningQueryStops) {
  std::chrono::milliseconds latency;
  Status status = RunAndInterrupt(kLongQuery, &latency);
  EXPECT_EQ(status.message(), "INTERRUPT Error: Interrupted!");
  EXPECT_LT(latency.count(), 2000);  // between chunks: milliseconds, unless the machine is busy
  EXPECT_EQ(Scalar("SELECT 41 + 1"), 42);  // the next query is not affected
}

TEST_F(InterruptTest, ARequestJustBeforeAStatementStartsIsNotLost) {
  {
    // A call is under way (parsing, or between the statements of a script) when the request
    // arrives; its statement starts only afterwards.
    ClientContext::CallScope call(con_->context());
    con_->Interrupt();
    auto result = con_->Query("SELECT 1");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().message(), "INTERRUPT Error: Interrupted!");
    // DDL never reaches the executor's checks: it is stopped before it starts.
    EXPECT_FALSE(con_->Query("CREATE TABLE never(x INTEGER)").ok());
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'never'"), 0);
  EXPECT_EQ(Scalar("SELECT 2"), 2);  // the call ended: the request went with it
}

TEST_F(InterruptTest, NothingRunningMeansNoEffect) {
  con_->Interrupt();
  EXPECT_EQ(Scalar("SELECT 3"), 3);
}

TEST_F(InterruptTest, TheRestOfAnInterruptedScriptDoesNotRun) {
  std::chrono::milliseconds latency;
  Status status =
      RunAndInterrupt(std::string(kLongQuery) + "; CREATE TABLE after_it(x INTEGER)", &latency);
  EXPECT_EQ(status.message(), "INTERRUPT Error: Interrupted!");
  EXPECT_EQ(Scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'after_it'"),
            0);
}

TEST_F(InterruptTest, AnInterruptedStatementInATransactionIsUndoneAlone) {
  ASSERT_TRUE(con_->Query("CREATE TABLE t(a BIGINT)").ok());
  ASSERT_TRUE(con_->Query("BEGIN").ok());
  ASSERT_TRUE(con_->Query("INSERT INTO t VALUES (1)").ok());
  std::chrono::milliseconds latency;
  Status status = RunAndInterrupt(
      "INSERT INTO t SELECT i FROM range(100000000000) r(i) WHERE i % 1000000 = 5", &latency);
  EXPECT_EQ(status.message(), "INTERRUPT Error: Interrupted!");
  EXPECT_LT(latency.count(), 2000);  // between chunks: milliseconds, unless the machine is busy
  EXPECT_EQ(Scalar("SELECT count(*) FROM t"), 1);
  ASSERT_TRUE(con_->Query("INSERT INTO t VALUES (2)").ok());
  ASSERT_TRUE(con_->Query("COMMIT").ok());
  EXPECT_EQ(Scalar("SELECT sum(a) FROM t"), 3);
}

TEST_F(InterruptTest, AnInterruptedStatementLeavesNoTraceInTheFile) {
  std::string path =
      (std::filesystem::temp_directory_path() / ("fluxdb_interrupt_" + std::to_string(getpid())))
          .string();
  std::filesystem::remove(path);
  std::filesystem::remove(path + ".wal");
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok()) << db.status();
    con_ = std::make_unique<Connection>(**db);
    ASSERT_TRUE(con_->Query("CREATE TABLE t(a BIGINT); BEGIN; INSERT INTO t VALUES (1)").ok());
    std::chrono::milliseconds latency;
    // Rows are appended chunk by chunk while the scan runs: the interrupt comes after some.
    Status status = RunAndInterrupt(
        "INSERT INTO t SELECT i FROM range(100000000000) r(i) WHERE i % 100000 = 5", &latency);
    EXPECT_EQ(status.message(), "INTERRUPT Error: Interrupted!");
    ASSERT_TRUE(con_->Query("INSERT INTO t VALUES (2); COMMIT").ok());
    con_.reset();
  }
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status();
  con_ = std::make_unique<Connection>(**db);
  EXPECT_EQ(Scalar("SELECT count(*) FROM t"), 2);
  EXPECT_EQ(Scalar("SELECT sum(a) FROM t"), 3);
  con_.reset();
  db->reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path + ".wal");
}

TEST_F(InterruptTest, ROLLBACKStillRunsAfterAnInterrupt) {
  ASSERT_TRUE(con_->Query("CREATE TABLE t(a BIGINT)").ok());
  ClientContext::CallScope call(con_->context());
  ASSERT_TRUE(con_->Query("BEGIN; INSERT INTO t VALUES (1)").ok());
  con_->Interrupt();
  EXPECT_FALSE(con_->Query("COMMIT").ok());
  EXPECT_TRUE(con_->Query("ROLLBACK").ok());
  EXPECT_FALSE(con_->context().in_explicit_transaction());
}

}  // namespace
}  // namespace fluxdb
