// Snapshot isolation, rollback, deletes, the single-writer lock, drops and vacuum.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/row_group_collection.h"
#include "storage/storage_manager_impl.h"
#include "storage_fixture.h"

namespace fluxdb {
namespace {

using testing::AppendSequence;
using testing::SumColumn;

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::OpenOrDie(":memory:");
    table_ = testing::CreateTable(*db_, "t", {LogicalType::BigInt()});
    db_->impl().transactions->set_lock_timeout(std::chrono::milliseconds(50));
  }
  idx_t Count() {
    auto txn = db_->BeginTransaction();
    idx_t n = table_->RowCount(*txn);
    EXPECT_EQ(SumColumn(*table_, *txn).second, n);
    return n;
  }
  std::unique_ptr<StorageManager> db_;
  DataTable* table_ = nullptr;
};

TEST_F(TransactionTest, ReadersSeeTheirSnapshot) {
  auto before = db_->BeginTransaction();
  auto writer = db_->BeginTransaction();
  AppendSequence(*table_, *writer, 0, 5000);
  EXPECT_EQ(table_->RowCount(*writer), 5000u);  // own rows
  EXPECT_EQ(table_->RowCount(*before), 0u);     // not committed
  auto during = db_->BeginTransaction();
  ASSERT_TRUE(db_->Commit(*writer).ok());
  EXPECT_EQ(table_->RowCount(*before), 0u);  // started before the commit
  EXPECT_EQ(table_->RowCount(*during), 0u);
  auto after = db_->BeginTransaction();
  EXPECT_EQ(table_->RowCount(*after), 5000u);
  EXPECT_EQ(SumColumn(*table_, *after).first, 4999 * 5000 / 2);
  EXPECT_EQ(SumColumn(*table_, *before).second, 0u);
}

TEST_F(TransactionTest, RollbackTruncatesAppendedRows) {
  auto t1 = db_->BeginTransaction();
  AppendSequence(*table_, *t1, 0, 3000);
  ASSERT_TRUE(db_->Commit(*t1).ok());
  auto t2 = db_->BeginTransaction();
  AppendSequence(*table_, *t2, 100000, kRowGroupSize);  // spills into a second row group
  EXPECT_EQ(table_->RowCount(*t2), 3000 + kRowGroupSize);
  db_->Rollback(*t2);
  EXPECT_EQ(Count(), 3000u);
  EXPECT_EQ(table_->row_groups().end(), 3000u);
  auto t3 = db_->BeginTransaction();
  AppendSequence(*table_, *t3, 3000, 1000);
  ASSERT_TRUE(db_->Commit(*t3).ok());
  auto t4 = db_->BeginTransaction();
  EXPECT_EQ(SumColumn(*table_, *t4).first, 3999 * 4000 / 2);
  auto stats = table_->GetStatistics();
  EXPECT_EQ(stats[0].max, Value::BigInt(3999));  // the rolled-back rows left no trace
}

TEST_F(TransactionTest, DeletesAreStampedThenCommitted) {
  auto t1 = db_->BeginTransaction();
  AppendSequence(*table_, *t1, 0, 10);
  ASSERT_TRUE(db_->Commit(*t1).ok());

  auto old_reader = db_->BeginTransaction();
  auto deleter = db_->BeginTransaction();
  int64_t ids[] = {1, 3, 5, 3};
  auto deleted = table_->Delete(*deleter, ids, 4);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 3u);  // row 3 twice
  EXPECT_EQ(table_->RowCount(*deleter), 7u);
  EXPECT_EQ(table_->RowCount(*old_reader), 10u);
  ASSERT_TRUE(db_->Commit(*deleter).ok());
  EXPECT_EQ(table_->RowCount(*old_reader), 10u);
  EXPECT_EQ(Count(), 7u);
  auto rows = testing::ScanRows(*table_, *db_->BeginTransaction(), {0, kRowIdColumn});
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[1][0], Value::BigInt(2));
  EXPECT_EQ(rows[1][1], Value::BigInt(2));

  // The old snapshot did not see the delete: deleting again is a write-write conflict.
  int64_t again[] = {1};
  auto conflict = table_->Delete(*old_reader, again, 1);
  EXPECT_FALSE(conflict.ok());
  EXPECT_NE(conflict.status().message().find("Conflict"), std::string::npos);
  db_->Rollback(*old_reader);

  auto undo = db_->BeginTransaction();
  int64_t more[] = {0, 9};
  ASSERT_EQ(*table_->Delete(*undo, more, 2), 2u);
  db_->Rollback(*undo);
  EXPECT_EQ(Count(), 7u);
}

TEST_F(TransactionTest, DeletingOwnAppendedRows) {
  auto txn = db_->BeginTransaction();
  AppendSequence(*table_, *txn, 0, 100);
  int64_t ids[] = {0, 50, 99};
  ASSERT_EQ(*table_->Delete(*txn, ids, 3), 3u);
  EXPECT_EQ(table_->RowCount(*txn), 97u);
  ASSERT_TRUE(db_->Commit(*txn).ok());
  EXPECT_EQ(Count(), 97u);
}

TEST_F(TransactionTest, OneWriterAtATime) {
  auto a = db_->BeginTransaction();
  auto b = db_->BeginTransaction();
  AppendSequence(*table_, *a, 0, 10);
  DataChunk chunk;
  chunk.Initialize(table_->types());
  chunk.SetCardinality(1);
  Status s = table_->Append(*b, chunk);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("TransactionContext Error"), std::string::npos);
  ASSERT_TRUE(db_->Commit(*a).ok());
  EXPECT_TRUE(table_->Append(*b, chunk).ok());
  ASSERT_TRUE(db_->Commit(*b).ok());
  EXPECT_EQ(Count(), 11u);
}

TEST_F(TransactionTest, AbandonedTransactionRollsBack) {
  {
    auto txn = db_->BeginTransaction();
    AppendSequence(*table_, *txn, 0, 10);
  }
  EXPECT_EQ(Count(), 0u);
  auto next = db_->BeginTransaction();
  AppendSequence(*table_, *next, 0, 10);  // the lock was released
  ASSERT_TRUE(db_->Commit(*next).ok());
}

TEST_F(TransactionTest, CreateRollbackAndDrop) {
  auto txn = db_->BeginTransaction();
  uint32_t id = db_->NextObjectId();
  ASSERT_TRUE(
      db_->CreateObject(*txn, testing::TableRecord(id, "gone", {LogicalType::Integer()})).ok());
  ASSERT_NE(db_->GetTable(id), nullptr);
  AppendSequence(*db_->GetTable(id), *txn, 0, 10);
  db_->Rollback(*txn);
  EXPECT_EQ(db_->GetTable(id), nullptr);
  for (const auto& rec : db_->LoadedRecords()) EXPECT_NE(rec.name, "gone");

  // Dropping: an older snapshot can still scan the table until it ends.
  auto fill = db_->BeginTransaction();
  AppendSequence(*table_, *fill, 0, kRowGroupSize + 10);
  ASSERT_TRUE(db_->Commit(*fill).ok());
  auto reader = db_->BeginTransaction();
  auto dropper = db_->BeginTransaction();
  ASSERT_TRUE(db_->DropObject(*dropper, table_->table_id()).ok());
  ASSERT_TRUE(db_->Commit(*dropper).ok());
  EXPECT_EQ(db_->GetTable(table_->table_id()), nullptr);
  EXPECT_EQ(SumColumn(*table_, *reader).second, kRowGroupSize + 10);
  uint64_t free_before = db_->impl().allocator->FreePages().size();
  ASSERT_TRUE(db_->Commit(*reader).ok());
  auto trigger = db_->BeginTransaction();  // the next commit collects the dropped table
  testing::CreateTable(*db_, "other", {LogicalType::Integer()});
  EXPECT_GT(db_->impl().allocator->FreePages().size(), free_before);
}

TEST_F(TransactionTest, ConcurrentScansWhileAppending) {
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  auto writer = std::thread([&] {
    for (int i = 0; i < 200; i++) {
      auto txn = db_->BeginTransaction();
      AppendSequence(*table_, *txn, 0, 7000);  // every batch sums to 6999 * 7000 / 2
      if (!db_->Commit(*txn).ok()) errors++;
    }
    stop = true;
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; t++) {
    readers.emplace_back([&] {
      while (!stop) {
        auto txn = db_->BeginTransaction();
        ParallelScanState global;
        table_->InitializeParallelScan(*txn, global);
        TableScanState local;
        table_->InitializeScan(*txn, local, {0}, nullptr);
        DataChunk chunk;
        int64_t sum = 0;
        idx_t count = 0;
        while (table_->NextMorsel(global, local)) {
          while (true) {
            auto more = table_->ScanMorsel(local, chunk);
            if (!more.ok()) errors++;
            if (!more.ok() || !*more) break;
            UnifiedVector u;
            chunk.column(0).ToUnified(chunk.size(), &u);
            for (idx_t r = 0; r < chunk.size(); r++) sum += u.values<int64_t>()[u.index(r)];
            count += chunk.size();
          }
        }
        // A snapshot holds whole batches only.
        if (count % 7000 != 0 || sum != static_cast<int64_t>(count / 7000) * (6999 * 7000 / 2) ||
            count != table_->RowCount(*txn)) {
          errors++;
        }
        db_->Commit(*txn).IgnoreError();
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(Count(), 200u * 7000);
}

TEST_F(TransactionTest, VacuumCompactsRowGroups) {
  auto fill = db_->BeginTransaction();
  AppendSequence(*table_, *fill, 0, 2 * kRowGroupSize + 100);
  ASSERT_TRUE(db_->Commit(*fill).ok());
  // Delete 90% of the first row group and 10% of the second.
  auto del = db_->BeginTransaction();
  std::vector<int64_t> ids;
  for (int64_t r = 0; r < static_cast<int64_t>(kRowGroupSize); r++) {
    if (r % 10 != 0) ids.push_back(r);
    if (r % 10 == 0) ids.push_back(kRowGroupSize + r);
  }
  ASSERT_TRUE(table_->Delete(*del, ids.data(), ids.size()).ok());
  ASSERT_TRUE(db_->Commit(*del).ok());
  auto before = db_->BeginTransaction();
  auto [sum_before, count_before] = SumColumn(*table_, *before);
  ASSERT_TRUE(db_->Commit(*before).ok());

  ASSERT_TRUE(db_->Vacuum(table_->table_id(), 0.5).ok());
  auto info = table_->GetChunkInfo();
  ASSERT_EQ(info.size(), 3u);
  EXPECT_EQ(info[0].row_count, kRowGroupSize / 10);  // compacted
  EXPECT_EQ(info[1].row_count, kRowGroupSize);       // above the threshold: untouched
  EXPECT_EQ(info[0].min, Value::BigInt(0));
  EXPECT_EQ(info[0].max, Value::BigInt(kRowGroupSize - 10));
  auto after = db_->BeginTransaction();
  auto [sum_after, count_after] = SumColumn(*table_, *after);
  EXPECT_EQ(sum_after, sum_before);
  EXPECT_EQ(count_after, count_before);
  EXPECT_EQ(table_->RowCount(*after), count_before);
  ASSERT_TRUE(db_->Commit(*after).ok());
  // New rows go after the vacuumed groups and are visible.
  auto more = db_->BeginTransaction();
  AppendSequence(*table_, *more, 0, 10);
  ASSERT_TRUE(db_->Commit(*more).ok());
  EXPECT_EQ(Count(), count_before + 10);
}

}  // namespace
}  // namespace fluxdb

namespace fluxdb {
namespace {

TEST(TransactionLifetimeTest, OpenTransactionOutlivesTheDatabase) {
  testing::TempDirectory dir;
  std::unique_ptr<Transaction> txn;
  {
    auto db = testing::OpenOrDie(dir.File("db"));
    DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt()});
    auto committed = db->BeginTransaction();
    AppendSequence(*t, *committed, 0, 5);
    ASSERT_TRUE(db->Commit(*committed).ok());
    txn = db->BeginTransaction();
    AppendSequence(*t, *txn, 100, 5);  // rolled back when the database closes
  }
  txn.reset();
  auto db = testing::OpenOrDie(dir.File("db"));
  auto reader = db->BeginTransaction();
  EXPECT_EQ(testing::FindTable(*db, "t")->RowCount(*reader), 5u);
}

}  // namespace
}  // namespace fluxdb
