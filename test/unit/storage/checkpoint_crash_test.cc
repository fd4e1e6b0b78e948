// A crash at every point of a checkpoint: the database file is wrapped so that its N-th page
// write fails (and every write after it, as after a power cut), optionally tearing that write in
// half. Reopening the files afterwards must give every committed transaction and a consistent file.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <map>

#include "storage/block_file.h"
#include "storage_fixture.h"

namespace fluxdb {
namespace {

struct FaultPlan {
  int64_t fail_at = -1;  // the write (0-based) that fails; -1 never
  bool tear = false;     // the failing write lands half
  int64_t writes = 0;
};

class FaultInjectingBlockFile final : public BlockFile {
 public:
  FaultInjectingBlockFile(std::unique_ptr<BlockFile> base, FaultPlan* plan)
      : base_(std::move(base)), plan_(plan) {}
  uint32_t page_size() const override { return base_->page_size(); }
  const std::string& path() const override { return base_->path(); }
  Status ReadPage(uint64_t page_id, uint8_t* buffer) override {
    return base_->ReadPage(page_id, buffer);
  }
  Status WritePage(uint64_t page_id, const uint8_t* buffer) override {
    int64_t n = plan_->writes++;
    if (plan_->fail_at < 0 || n < plan_->fail_at) return base_->WritePage(page_id, buffer);
    if (n == plan_->fail_at && plan_->tear) {
      // The first half of the new page over the second half of the old one.
      std::vector<uint8_t> torn(page_size());
      if (!base_->ReadPage(page_id, torn.data()).ok()) std::memset(torn.data(), 0, page_size());
      std::memcpy(torn.data(), buffer, page_size() / 2);
      (void)base_->WritePage(page_id, torn.data());
    }
    return IOError("injected write failure");
  }
  Status Sync() override {
    if (plan_->fail_at >= 0 && plan_->writes > plan_->fail_at) return IOError("injected");
    return base_->Sync();
  }
  Status Truncate(uint64_t page_count) override {
    if (plan_->fail_at >= 0 && plan_->writes > plan_->fail_at) return IOError("injected");
    return base_->Truncate(page_count);
  }
  StatusOr<uint64_t> PageCount() override { return base_->PageCount(); }

 private:
  std::unique_ptr<BlockFile> base_;
  FaultPlan* plan_;
};

void AppendBatch(DataTable& table, Transaction& txn, int64_t batch, idx_t n) {
  DataChunk chunk;
  for (idx_t done = 0; done < n; done += kVectorSize) {
    idx_t m = std::min(kVectorSize, n - done);
    chunk.Initialize(table.types());
    for (idx_t r = 0; r < m; r++) {
      chunk.column(0).data<int64_t>()[r] = batch;
      chunk.SetValue(1, r, Value::Varchar("value " + std::to_string(done + r)));
    }
    chunk.SetCardinality(m);
    ASSERT_TRUE(table.Append(txn, chunk).ok());
  }
}

// A database whose last checkpoint holds batches 0-2 and whose WAL holds batches 3-5 plus a
// delete and a dropped table.
void BuildBase(const std::string& path) {
  StorageOptions options;
  options.page_size = 4096;
  auto db = testing::OpenOrDie(path, options);
  DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt(), LogicalType::Varchar()});
  DataTable* gone =
      testing::CreateTable(*db, "gone", {LogicalType::BigInt(), LogicalType::Varchar()});
  for (int64_t b = 0; b < 3; b++) {
    auto txn = db->BeginTransaction();
    AppendBatch(*t, *txn, b, 20000);
    AppendBatch(*gone, *txn, b, 1000);
    ASSERT_TRUE(db->Commit(*txn).ok());
  }
  ASSERT_TRUE(db->Checkpoint().ok());
}

void AddLoggedChanges(StorageManager& db) {
  DataTable* t = testing::FindTable(db, "t");
  for (int64_t b = 3; b < 6; b++) {
    auto txn = db.BeginTransaction();
    AppendBatch(*t, *txn, b, 20000);
    ASSERT_TRUE(db.Commit(*txn).ok());
  }
  auto txn = db.BeginTransaction();
  int64_t ids[] = {0, 1, 2};
  ASSERT_EQ(*t->Delete(*txn, ids, 3), 3u);
  ASSERT_TRUE(db.DropObject(*txn, testing::FindTable(db, "gone")->table_id()).ok());
  ASSERT_TRUE(db.Commit(*txn).ok());
}

void ExpectEverythingCommitted(const std::string& path) {
  auto db = testing::OpenOrDie(path);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(testing::FindTable(*db, "gone"), nullptr);
  DataTable* t = testing::FindTable(*db, "t");
  ASSERT_NE(t, nullptr);
  auto txn = db->BeginTransaction();
  std::map<int64_t, idx_t> counts;
  for (const auto& row : testing::ScanRows(*t, *txn, {0})) counts[row[0].GetInt64()]++;
  ASSERT_EQ(counts.size(), 6u);
  EXPECT_EQ(counts[0], 20000u - 3);
  for (int64_t b = 1; b < 6; b++) EXPECT_EQ(counts[b], 20000u) << b;
  ASSERT_TRUE(db->Commit(*txn).ok());
  std::vector<std::string> problems = db->CheckIntegrity();
  EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(CheckpointCrashTest, EveryWriteOfACheckpointCanFail) {
  testing::TempDirectory dir;
  std::string base = dir.File("base.db");
  BuildBase(base);

  // How many page writes a clean checkpoint makes.
  FaultPlan count;
  SetBlockFileWrapperForTesting([&](std::unique_ptr<BlockFile> f) {
    return std::make_unique<FaultInjectingBlockFile>(std::move(f), &count);
  });
  {
    std::string path = dir.File("count.db");
    std::filesystem::copy_file(base, path);
    auto db = testing::OpenOrDie(path);
    AddLoggedChanges(*db);
    count.writes = 0;
    ASSERT_TRUE(db->Checkpoint().ok());
  }
  int64_t total = count.writes;
  std::printf("[ checkpoint ] %ld page writes\n", static_cast<long>(total));
  ASSERT_GT(total, 10);

  int64_t step = std::max<int64_t>(1, total / 15);
  for (int64_t fail_at = 0; fail_at < total; fail_at += (fail_at + 3 >= total ? 1 : step)) {
    for (bool tear : {false, true}) {
      SCOPED_TRACE(Concat("write ", fail_at, " of ", total, tear ? ", torn" : ""));
      std::string path = dir.File(Concat("crash_", fail_at, tear ? "_torn" : "", ".db"));
      std::filesystem::copy_file(base, path);
      FaultPlan plan;
      SetBlockFileWrapperForTesting([&](std::unique_ptr<BlockFile> f) {
        return std::make_unique<FaultInjectingBlockFile>(std::move(f), &plan);
      });
      {
        auto db = testing::OpenOrDie(path);
        AddLoggedChanges(*db);
        plan.writes = 0;
        plan.fail_at = fail_at;
        plan.tear = tear;
        EXPECT_FALSE(db->Checkpoint().ok());
        // Closing does not write again after a failed checkpoint.
      }
      SetBlockFileWrapperForTesting(nullptr);
      ExpectEverythingCommitted(path);
    }
  }
  SetBlockFileWrapperForTesting(nullptr);
}

}  // namespace
}  // namespace fluxdb
