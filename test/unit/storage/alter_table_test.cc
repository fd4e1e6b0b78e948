// ALTER TABLE that changes columns: the table is rewritten into a new version inside the
// transaction; older snapshots keep reading the old one.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage_fixture.h"

namespace fluxdb {
namespace {

using testing::OpenOrDie;

CatalogRecord WithColumns(CatalogRecord rec, std::vector<ColumnRecord> columns) {
  rec.columns = std::move(columns);
  return rec;
}

// t(a BIGINT, b VARCHAR) with rows (i, 'v<i>') for i in [0, n), rows 1 and 3 deleted.
DataTable* MakeTable(StorageManager& db, idx_t n) {
  DataTable* t = testing::CreateTable(db, "t", {LogicalType::BigInt(), LogicalType::Varchar()});
  auto txn = db.BeginTransaction();
  std::vector<std::vector<Value>> rows;
  for (idx_t i = 0; i < n; i++) {
    rows.push_back(
        {Value::BigInt(static_cast<int64_t>(i)), Value::Varchar("v" + std::to_string(i))});
  }
  testing::AppendRows(*t, *txn, rows);
  int64_t ids[] = {1, 3};
  EXPECT_EQ(*t->Delete(*txn, ids, 2), 2u);
  EXPECT_TRUE(db.Commit(*txn).ok());
  return t;
}

TEST(AlterTableTest, AddAndDropColumnsRewriteTheTable) {
  testing::TempDirectory dir;
  std::string path = dir.File("db");
  {
    auto db = OpenOrDie(path);
    DataTable* t = MakeTable(*db, 130000);
    uint32_t id = t->table_id();
    auto old_reader = db->BeginTransaction();
    auto txn = db->BeginTransaction();
    CatalogRecord rec = t->record();
    // Drop b, add c DOUBLE.
    CatalogRecord altered =
        WithColumns(rec, {rec.columns[0], {"c", LogicalType::Double(), false, ""}});
    ASSERT_TRUE(db->UpdateObject(*txn, altered).ok());
    DataTable* v2 = db->GetTable(id);
    ASSERT_NE(v2, t);
    EXPECT_EQ(v2->types().size(), 2u);
    EXPECT_EQ(v2->RowCount(*txn), 130000u - 2);
    // More rows in the new layout, in the same transaction.
    testing::AppendRows(*v2, *txn, {{Value::BigInt(-1), Value::Double(2.5)}});
    ASSERT_TRUE(db->Commit(*txn).ok());
    // The old snapshot still reads the old version.
    EXPECT_EQ(t->RowCount(*old_reader), 130000u - 2);
    auto old_rows = testing::ScanRows(*t, *old_reader);
    EXPECT_EQ(old_rows[1][1], Value::Varchar("v2"));
    ASSERT_TRUE(db->Commit(*old_reader).ok());

    auto reader = db->BeginTransaction();
    auto rows = testing::ScanRows(*v2, *reader);
    ASSERT_EQ(rows.size(), 130000u - 1);
    EXPECT_EQ(rows[0][0], Value::BigInt(0));
    EXPECT_TRUE(rows[0][1].is_null());
    EXPECT_EQ(rows[1][0], Value::BigInt(2));
    EXPECT_EQ(rows.back()[1], Value::Double(2.5));
    std::vector<std::string> problems = db->CheckIntegrity();
    EXPECT_TRUE(problems.empty()) << problems.front();
  }
  auto db = OpenOrDie(path);
  DataTable* t = testing::FindTable(*db, "t");
  ASSERT_EQ(t->record().columns.size(), 2u);
  EXPECT_EQ(t->record().columns[1].name, "c");
  auto reader = db->BeginTransaction();
  EXPECT_EQ(t->RowCount(*reader), 130000u - 1);
}

TEST(AlterTableTest, RollbackRestoresTheOldVersion) {
  auto db = OpenOrDie(":memory:");
  DataTable* t = MakeTable(*db, 100);
  auto txn = db->BeginTransaction();
  testing::AppendRows(*t, *txn, {{Value::BigInt(1000), Value::Varchar("new")}});
  CatalogRecord rec = t->record();
  ASSERT_TRUE(db->UpdateObject(*txn, WithColumns(rec, {rec.columns[1]})).ok());
  EXPECT_EQ(db->GetTable(t->table_id())->RowCount(*txn), 99u);
  db->Rollback(*txn);
  EXPECT_EQ(db->GetTable(t->table_id()), t);
  auto reader = db->BeginTransaction();
  EXPECT_EQ(t->RowCount(*reader), 98u);
  EXPECT_EQ(t->types().size(), 2u);
}

TEST(AlterTableTest, TypeChangesAndConflictsAreRefused) {
  auto db = OpenOrDie(":memory:");
  DataTable* t = MakeTable(*db, 10);
  CatalogRecord rec = t->record();
  auto txn = db->BeginTransaction();
  CatalogRecord retyped = rec;
  retyped.columns[0].type = LogicalType::Integer();
  retyped.columns.push_back({"x", LogicalType::Integer(), false, ""});
  Status s = db->UpdateObject(*txn, retyped);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnimplemented) << s;
  db->Rollback(*txn);

  auto stale = db->BeginTransaction();
  auto writer = db->BeginTransaction();
  testing::AppendRows(*t, *writer, {{Value::BigInt(5), Value::Varchar("x")}});
  ASSERT_TRUE(db->Commit(*writer).ok());
  s = db->UpdateObject(*stale, WithColumns(rec, {rec.columns[0]}));
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted) << s;
  db->Rollback(*stale);
}

TEST(AlterTableTest, RewriteIsReplayedFromTheWal) {
  testing::TempDirectory dir;
  std::string path = dir.File("db");
  pid_t child = fork();
  if (child == 0) {
    auto db = StorageManager::Open(path, {});
    if (!db.ok()) _exit(2);
    DataTable* t = MakeTable(**db, 5000);
    auto txn = (*db)->BeginTransaction();
    int64_t ids[] = {0};
    if (*t->Delete(*txn, ids, 1) != 1) _exit(3);
    testing::AppendRows(*t, *txn, {{Value::BigInt(7), Value::Varchar("before")}});
    CatalogRecord rec = t->record();
    CatalogRecord altered = WithColumns(
        rec, {rec.columns[1], rec.columns[0], {"z", LogicalType::Integer(), false, ""}});
    if (!(*db)->UpdateObject(*txn, altered).ok()) _exit(4);
    DataTable* v2 = (*db)->GetTable(rec.object_id);
    testing::AppendRows(*v2, *txn,
                        {{Value::Varchar("after"), Value::BigInt(8), Value::Integer(9)}});
    int64_t last[] = {1};  // the row that was (4, 'v4')
    if (*v2->Delete(*txn, last, 1) != 1) _exit(5);
    if (!(*db)->Commit(*txn).ok()) _exit(6);
    _exit(0);  // crash: the WAL holds the transaction
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_EQ(WEXITSTATUS(status), 0);
  auto db = OpenOrDie(path);
  DataTable* t = testing::FindTable(*db, "t");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->types().size(), 3u);
  auto reader = db->BeginTransaction();
  auto rows = testing::ScanRows(*t, *reader);
  ASSERT_EQ(rows.size(), 5000u - 2 - 1 - 1 + 2);
  EXPECT_EQ(rows[0][1], Value::BigInt(2));
  EXPECT_EQ(rows[1][1], Value::BigInt(5));
  EXPECT_EQ(rows[rows.size() - 2][0], Value::Varchar("before"));
  EXPECT_TRUE(rows[rows.size() - 2][2].is_null());
  EXPECT_EQ(rows.back()[2], Value::Integer(9));
}

// A rewrite with a computed column: t(a, b) becomes t(a, b, c = a * 10 + calls), where `calls`
// counts the function's calls, so that replay could not compute the same values again: they
// must come from the log.
TableRewrite TimesTenPlusCalls(int* calls) {
  TableRewrite rewrite;
  rewrite.columns.resize(3);
  rewrite.columns[2] = [calls](const DataChunk& old_rows, Vector& result) {
    (*calls)++;
    for (idx_t i = 0; i < old_rows.size(); i++) {
      int64_t a = old_rows.GetValue(0, i).GetInt64();
      result.SetValue(i, Value::BigInt(a * 10 + *calls));
    }
    return Status();
  };
  return rewrite;
}

TEST(AlterTableTest, ComputedRewriteIsLoggedAndReplayed) {
  testing::TempDirectory dir;
  std::string path = dir.File("db");
  pid_t child = fork();
  if (child == 0) {
    auto db = StorageManager::Open(path, {});
    if (!db.ok()) _exit(2);
    DataTable* t = MakeTable(**db, 3000);
    auto txn = (*db)->BeginTransaction();
    CatalogRecord rec = t->record();
    CatalogRecord altered = rec;
    altered.columns.push_back({"c", LogicalType::BigInt(), false, ""});
    int calls = 0;
    TableRewrite rewrite = TimesTenPlusCalls(&calls);
    if (!(*db)->UpdateObject(*txn, altered, &rewrite).ok()) _exit(3);
    if (calls != 2) _exit(4);  // two chunks of 2048
    DataTable* v2 = (*db)->GetTable(rec.object_id);
    testing::AppendRows(*v2, *txn,
                        {{Value::BigInt(-1), Value::Varchar("after"), Value::BigInt(-5)}});
    if (!(*db)->Commit(*txn).ok()) _exit(5);
    _exit(0);  // crash: the WAL holds the transaction
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_EQ(WEXITSTATUS(status), 0);
  auto db = OpenOrDie(path);
  DataTable* t = testing::FindTable(*db, "t");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->types().size(), 3u);
  auto reader = db->BeginTransaction();
  auto rows = testing::ScanRows(*t, *reader);
  ASSERT_EQ(rows.size(), 3000u - 2 + 1);
  EXPECT_EQ(rows[0][2], Value::BigInt(0 * 10 + 1));
  EXPECT_EQ(rows[1][2], Value::BigInt(2 * 10 + 1));
  EXPECT_EQ(rows[2100][2], Value::BigInt(2102 * 10 + 2));
  EXPECT_EQ(rows.back()[2], Value::BigInt(-5));
}

TEST(AlterTableTest, FailedComputedRewriteChangesNothing) {
  auto db = OpenOrDie(":memory:");
  DataTable* t = MakeTable(*db, 100);
  CatalogRecord rec = t->record();
  CatalogRecord retyped = rec;
  retyped.columns[0].type = LogicalType::Integer();
  TableRewrite rewrite;
  rewrite.columns.resize(2);
  rewrite.columns[0] = [](const DataChunk&, Vector&) {
    return ConversionError("Could not convert");
  };
  auto txn = db->BeginTransaction();
  Status s = db->UpdateObject(*txn, retyped, &rewrite);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  EXPECT_EQ(db->GetTable(t->table_id()), t);
  ASSERT_TRUE(db->Commit(*txn).ok());
  auto reader = db->BeginTransaction();
  EXPECT_EQ(t->RowCount(*reader), 98u);
  EXPECT_EQ(t->types()[0], LogicalType::BigInt());
}

}  // namespace
}  // namespace fluxdb
