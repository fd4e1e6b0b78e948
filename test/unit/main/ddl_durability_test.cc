// ALTER TABLE rewrites and sequence counters survive a crash: the process ends without a
// checkpoint, and reopening replays them from the write-ahead log.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../storage/temp_directory.h"
#include "main/connection.h"
#include "main/database.h"

namespace fluxdb {
namespace {

// Runs `statements` in a child process that then exits without closing the database (no
// checkpoint on close): only the WAL holds what they did.
void RunAndCrash(const std::string& path, const std::vector<std::string>& statements) {
  pid_t child = fork();
  if (child == 0) {
    auto db = Database::Open(path, DatabaseOptions());
    if (!db.ok()) _exit(2);
    Connection con(**db);
    for (const std::string& sql : statements) {
      if (!con.Query(sql).ok()) _exit(3);
    }
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
}

std::string Text(Connection& con, const std::string& sql) {
  auto result = con.Query(sql);
  EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
  if (!result.ok()) return "";
  std::string text;
  for (idx_t r = 0; r < (*result)->RowCount(); r++) {
    for (idx_t c = 0; c < (*result)->ColumnCount(); c++) {
      text += (c > 0 ? "," : "") + (*result)->GetValue(c, r).ToString();
    }
    text += ";";
  }
  return text;
}

TEST(DdlDurabilityTest, RewritesAndSequencesAreReplayedFromTheWal) {
  testing::TempDirectory dir;
  std::string path = dir.File("ddl.fluxdb");
  RunAndCrash(path, {
                        "CREATE SEQUENCE s START 10 INCREMENT 5",
                        "CREATE TABLE t(a INTEGER, b VARCHAR)",
                        "INSERT INTO t VALUES (1, '10'), (2, '20'), (3, NULL)",
                        "SELECT nextval('s')",
                        "ALTER TABLE t ADD COLUMN id BIGINT DEFAULT nextval('s')",
                        "ALTER TABLE t ALTER COLUMN b TYPE INTEGER USING b::INTEGER + a",
                        "ALTER TABLE t DROP COLUMN a",
                        "INSERT INTO t (b) VALUES (99)",
                        "BEGIN",
                        "SELECT nextval('s')",
                        "ROLLBACK",
                    });
  auto db = Database::Open(path, DatabaseOptions());
  ASSERT_TRUE(db.ok()) << db.status();
  Connection con(**db);
  // The default was drawn per row at the ALTER (15, 20, 25), then by the INSERT (30); the value
  // the rolled back transaction took was not logged.
  EXPECT_EQ(Text(con, "SELECT b, id FROM t ORDER BY id"), "11,15;22,20;NULL,25;99,30;");
  EXPECT_EQ(Text(con, "SELECT nextval('s')"), "35;");
}

}  // namespace
}  // namespace fluxdb
