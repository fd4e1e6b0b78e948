// Statement-level rollback: RollbackToSavepoint undoes what a transaction changed after a
// savepoint (one failed statement) and keeps the rest, in memory, at commit and after reopen.
#include <gtest/gtest.h>

#include "storage/row_group_collection.h"
#include "storage/storage_manager_impl.h"
#include "storage_fixture.h"

namespace fluxdb {
namespace {

using testing::AppendSequence;
using testing::OpenOrDie;
using testing::SumColumn;

// Sum and count of column 0 as a fresh transaction sees it.
std::pair<int64_t, idx_t> Committed(StorageManager& db, DataTable& table) {
  auto txn = db.BeginTransaction();
  return SumColumn(table, *txn);
}

int64_t SumOf(int64_t first, int64_t count) { return (2 * first + count - 1) * count / 2; }

TEST(StatementRollbackTest, AppendsAfterTheSavepointGoEarlierOnesStay) {
  testing::TempDirectory dir;
  std::string path = dir.File("db");
  {
    auto db = OpenOrDie(path);
    DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt()});
    auto txn = db->BeginTransaction();
    AppendSequence(*t, *txn, 0, 1000);
    TransactionSavepoint savepoint = txn->Savepoint();
    // A statement that fails after appending into a second row group.
    AppendSequence(*t, *txn, 1000000, kRowGroupSize);
    EXPECT_EQ(t->RowCount(*txn), 1000 + kRowGroupSize);
    db->RollbackToSavepoint(*txn, savepoint);
    EXPECT_EQ(t->RowCount(*txn), 1000u);
    EXPECT_EQ(t->row_groups().end(), 1000u);
    EXPECT_EQ(t->row_groups().row_group_count(), 1u);
    // The transaction goes on and commits the rest.
    AppendSequence(*t, *txn, 1000, 500);
    ASSERT_TRUE(db->Commit(*txn).ok());
    EXPECT_EQ(Committed(*db, *t), std::make_pair(SumOf(0, 1500), idx_t{1500}));
    EXPECT_EQ(t->GetStatistics()[0].max, Value::BigInt(1499));  // no trace of the undone rows
  }
  // The WAL holds the committed rows only.
  auto db = OpenOrDie(path);
  DataTable* t = testing::FindTable(*db, "t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(Committed(*db, *t), std::make_pair(SumOf(0, 1500), idx_t{1500}));
  EXPECT_TRUE(db->CheckIntegrity().empty());
}

TEST(StatementRollbackTest, DeleteStampsAfterTheSavepointAreCleared) {
  auto db = OpenOrDie(":memory:");
  DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt()});
  {
    auto fill = db->BeginTransaction();
    AppendSequence(*t, *fill, 0, 100);
    ASSERT_TRUE(db->Commit(*fill).ok());
  }
  auto txn = db->BeginTransaction();
  int64_t first[] = {0, 1};
  ASSERT_EQ(*t->Delete(*txn, first, 2), 2u);
  AppendSequence(*t, *txn, 100, 10);  // rows 100..109, own rows
  TransactionSavepoint savepoint = txn->Savepoint();
  int64_t failed[] = {2, 3, 105};  // committed rows and an own row
  ASSERT_EQ(*t->Delete(*txn, failed, 3), 3u);
  AppendSequence(*t, *txn, 110, 5);
  db->RollbackToSavepoint(*txn, savepoint);
  EXPECT_EQ(t->RowCount(*txn), 108u);
  // Rows the failed statement deleted can be deleted again.
  int64_t again[] = {3};
  ASSERT_EQ(*t->Delete(*txn, again, 1), 1u);
  ASSERT_TRUE(db->Commit(*txn).ok());
  EXPECT_EQ(Committed(*db, *t), std::make_pair(SumOf(0, 110) - 0 - 1 - 3, idx_t{107}));
}

TEST(StatementRollbackTest, CatalogChangesAfterTheSavepointAreUndone) {
  testing::TempDirectory dir;
  std::string path = dir.File("db");
  uint32_t created_before = 0;
  {
    auto db = OpenOrDie(path);
    DataTable* keep = testing::CreateTable(*db, "keep", {LogicalType::BigInt()});
    DataTable* doomed = testing::CreateTable(*db, "doomed", {LogicalType::BigInt()});
    {
      auto fill = db->BeginTransaction();
      AppendSequence(*keep, *fill, 0, 10);
      ASSERT_TRUE(db->Commit(*fill).ok());
    }
    auto txn = db->BeginTransaction();
    created_before = db->NextObjectId();
    ASSERT_TRUE(db->CreateObject(
                      *txn, testing::TableRecord(created_before, "early", {LogicalType::Integer()}))
                    .ok());
    AppendSequence(*db->GetTable(created_before), *txn, 0, 3);
    TransactionSavepoint savepoint = txn->Savepoint();

    // The failed statement: creates a table with rows, drops one, renames and rewrites another.
    uint32_t created = db->NextObjectId();
    ASSERT_TRUE(
        db->CreateObject(*txn, testing::TableRecord(created, "late", {LogicalType::Integer()}))
            .ok());
    AppendSequence(*db->GetTable(created), *txn, 0, 5);
    ASSERT_TRUE(db->DropObject(*txn, doomed->table_id()).ok());
    CatalogRecord altered = keep->record();
    altered.name = "renamed";
    altered.columns.push_back({"extra", LogicalType::Double(), false, ""});
    ASSERT_TRUE(db->UpdateObject(*txn, altered).ok());
    DataTable* rewritten = db->GetTable(keep->table_id());
    ASSERT_NE(rewritten, keep);
    AppendSequence(*rewritten, *txn, 100, 2);

    db->RollbackToSavepoint(*txn, savepoint);
    EXPECT_EQ(db->GetTable(created), nullptr);
    EXPECT_EQ(db->GetTable(keep->table_id()), keep);
    EXPECT_EQ(keep->record().name, "keep");
    EXPECT_EQ(keep->RowCount(*txn), 10u);
    EXPECT_NE(db->GetTable(created_before), nullptr);
    ASSERT_TRUE(db->Commit(*txn).ok());
    EXPECT_NE(db->GetTable(doomed->table_id()), nullptr);  // the drop was undone
  }
  auto db = OpenOrDie(path);
  std::vector<std::string> names;
  for (const auto& record : db->LoadedRecords()) names.push_back(record.name);
  EXPECT_EQ(names, (std::vector<std::string>{"keep", "doomed", "early"}));
  DataTable* keep = testing::FindTable(*db, "keep");
  ASSERT_NE(keep, nullptr);
  EXPECT_EQ(keep->types().size(), 1u);
  EXPECT_EQ(Committed(*db, *keep), std::make_pair(SumOf(0, 10), idx_t{10}));
  EXPECT_EQ(Committed(*db, *testing::FindTable(*db, "early")),
            std::make_pair(SumOf(0, 3), idx_t{3}));
  EXPECT_TRUE(db->CheckIntegrity().empty());
}

TEST(StatementRollbackTest, AFailedFirstWriteGivesTheWriteLockBack) {
  auto db = OpenOrDie(":memory:");
  db->impl().transactions->set_lock_timeout(std::chrono::milliseconds(50));
  DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt()});
  auto reader = db->BeginTransaction();
  TransactionSavepoint savepoint = reader->Savepoint();
  AppendSequence(*t, *reader, 0, 10);  // the statement's write takes the lock, then it fails
  ASSERT_TRUE(reader->is_writer());
  db->RollbackToSavepoint(*reader, savepoint);
  EXPECT_FALSE(reader->is_writer());
  auto writer = db->BeginTransaction();
  AppendSequence(*t, *writer, 0, 7);  // would time out if the lock were still held
  ASSERT_TRUE(db->Commit(*writer).ok());
  ASSERT_TRUE(db->Commit(*reader).ok());
  EXPECT_EQ(Committed(*db, *t).second, 7u);
}

TEST(StatementRollbackTest, AWriterKeepsItsLockAndEarlierWork) {
  auto db = OpenOrDie(":memory:");
  db->impl().transactions->set_lock_timeout(std::chrono::milliseconds(50));
  DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt()});
  auto txn = db->BeginTransaction();
  AppendSequence(*t, *txn, 0, 4);
  TransactionSavepoint savepoint = txn->Savepoint();
  db->RollbackToSavepoint(*txn, savepoint);  // a failed statement that changed nothing
  EXPECT_TRUE(txn->is_writer());
  auto other = db->BeginTransaction();
  DataChunk chunk;
  chunk.Initialize(t->types());
  chunk.SetCardinality(1);
  EXPECT_FALSE(t->Append(*other, chunk).ok());
  ASSERT_TRUE(db->Commit(*txn).ok());
  EXPECT_EQ(Committed(*db, *t), std::make_pair(SumOf(0, 4), idx_t{4}));
}

}  // namespace
}  // namespace fluxdb
