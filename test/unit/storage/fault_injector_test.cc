// The fault-injecting file layer (storage/fault_injector.h), and what the storage layer does with
// its faults: each write, sync and truncate of a workload of commits and checkpoints fails in
// turn; the failure must come back as an IO Error from the call that hit it, and reopening without
// faults must give exactly the transactions whose commit succeeded, in a file that checks clean.
#include "storage/fault_injector.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "storage/file_handle.h"
#include "storage_fixture.h"

namespace fluxdb {
namespace {

class FaultInjectorTest : public ::testing::Test {
 protected:
  void TearDown() override { FaultInjector::Disarm(); }

  std::unique_ptr<FileHandle> OpenFile(const std::string& name) {
    auto f = FileHandle::Open(dir_.File(name), FileHandle::Mode::kReadWriteCreate);
    EXPECT_TRUE(f.ok()) << f.status();
    return f.ok() ? std::move(*f) : nullptr;
  }
  std::string Contents(const std::string& name) {
    auto f = FileHandle::Open(dir_.File(name), FileHandle::Mode::kReadOnly);
    std::string out(*(*f)->Size(), '\0');
    EXPECT_TRUE((*f)->ReadAt(0, out.data(), out.size()).ok());
    return out;
  }

  testing::TempDirectory dir_;
};

TEST_F(FaultInjectorTest, ShortWriteLeavesAnOddPrefixAndFailsOnce) {
  auto f = OpenFile("a");
  FaultInjector::Arm({Fault::kShortWrite, 1});
  std::string a(1000, 'a'), b(1000, 'b');
  ASSERT_TRUE(f->WriteAt(0, a.data(), a.size()).ok());
  EXPECT_FALSE(FaultInjector::fired());
  Status s = f->WriteAt(1000, b.data(), b.size());
  EXPECT_EQ(s.message(), Concat("IO Error: Could not write to file \"", dir_.File("a"),
                                "\": Input/output error"));
  EXPECT_TRUE(FaultInjector::fired());
  EXPECT_EQ(Contents("a"), a + std::string(333, 'b'));
  // One-shot: the next write goes through.
  ASSERT_TRUE(f->WriteAt(1000, b.data(), b.size()).ok());
  EXPECT_EQ(Contents("a"), a + b);
  EXPECT_EQ(FaultInjector::counts().writes, 3u);
}

TEST_F(FaultInjectorTest, NoSpaceWritesNothing) {
  auto f = OpenFile("a");
  FaultInjector::Arm({Fault::kNoSpace, 0});
  std::string a(100, 'a');
  Status s = f->WriteAt(0, a.data(), a.size());
  EXPECT_EQ(s.message(), Concat("IO Error: Could not write to file \"", dir_.File("a"),
                                "\": No space left on device"));
  EXPECT_EQ(*f->Size(), 0u);
  EXPECT_TRUE(f->Sync().ok());
  EXPECT_TRUE(f->WriteAt(0, a.data(), a.size()).ok());
}

TEST_F(FaultInjectorTest, TornWriteIsAPowerCut) {
  auto f = OpenFile("a");
  std::string old(4096, 'o'), next(4096, 'n');
  ASSERT_TRUE(f->WriteAt(0, old.data(), old.size()).ok());
  FaultInjector::Arm({Fault::kTornWrite, 0});
  EXPECT_FALSE(f->WriteAt(0, next.data(), next.size()).ok());
  EXPECT_EQ(Contents("a"), std::string(2048, 'n') + std::string(2048, 'o'));
  // Nothing reaches the disk any more, on any file, until the "machine" is restarted.
  auto other = OpenFile("b");
  EXPECT_FALSE(other->WriteAt(0, next.data(), 10).ok());
  EXPECT_FALSE(f->Sync().ok());
  EXPECT_FALSE(f->Truncate(0).ok());
  EXPECT_EQ(*f->Size(), 4096u);
  FaultInjector::Disarm();
  EXPECT_TRUE(f->Truncate(0).ok());
  EXPECT_TRUE(other->WriteAt(0, next.data(), 10).ok());
}

TEST_F(FaultInjectorTest, SyncAndTruncateFailuresCountTheirOwnCalls) {
  auto f = OpenFile("a");
  FaultInjector::Arm({Fault::kSyncFailure, 2});
  std::string a(10, 'a');
  for (int i = 0; i < 5; i++) ASSERT_TRUE(f->WriteAt(0, a.data(), a.size()).ok());
  EXPECT_TRUE(f->Sync().ok());
  EXPECT_TRUE(f->Sync().ok());
  EXPECT_EQ(f->Sync().message(),
            Concat("IO Error: Could not sync file \"", dir_.File("a"), "\": Input/output error"));
  EXPECT_TRUE(f->Sync().ok());

  FaultInjector::Arm({Fault::kTruncateFailure, 0, /*sticky=*/true});
  EXPECT_FALSE(f->Truncate(5).ok());
  EXPECT_EQ(*f->Size(), 10u);
  // Sticky: the disk is gone after the fault.
  EXPECT_FALSE(f->WriteAt(0, a.data(), a.size()).ok());
  EXPECT_FALSE(f->Sync().ok());
}

TEST_F(FaultInjectorTest, PathSuffixSelectsTheFilesCounted) {
  auto db = OpenFile("x.db");
  auto wal = OpenFile("x.db.wal");
  FaultInjector::Arm({Fault::kNoSpace, 1, false, ".wal"});
  std::string a(10, 'a');
  for (int i = 0; i < 3; i++) ASSERT_TRUE(db->WriteAt(0, a.data(), a.size()).ok());
  ASSERT_TRUE(wal->WriteAt(0, a.data(), a.size()).ok());
  EXPECT_FALSE(wal->WriteAt(0, a.data(), a.size()).ok());
  EXPECT_EQ(FaultInjector::counts().writes, 2u);
  // Disarmed, nothing is counted or failed.
  FaultInjector::Disarm();
  EXPECT_TRUE(wal->WriteAt(0, a.data(), a.size()).ok());
  EXPECT_EQ(FaultInjector::counts().writes, 2u);
  EXPECT_FALSE(FaultInjector::armed());
}

// ---- the storage layer under faults ----

// A checkpoint that fails before its header (writing a page) leaves the file as it was; a later
// checkpoint (VACUUM's, which does not wait for a reopen) must still write a consistent file. A
// heap flush that failed half-way used to leak the heap pages it had already replaced.
TEST(StorageFaultTest, CheckpointRetriedAfterAFailedPageWrite) {
  testing::TempDirectory dir;
  StorageOptions options;
  options.page_size = 4096;
  options.memory_limit = 256 << 10;
  // Many columns: many chunk-metadata records, so the heaps' pages are written while the cache is
  // full of dirty data pages (making room for a heap page writes one back).
  std::vector<LogicalType> types(24, LogicalType::BigInt());
  auto run = [&](const std::string& path, const FaultPlan& plan) {
    auto db = testing::OpenOrDie(path, options);
    // Sequences would shrink to a few DELTA bytes per chunk: keep the data pages this sweep needs.
    EXPECT_TRUE(db->SetForceCompression("plain").ok());
    DataTable* t = testing::CreateTable(*db, "t", types);
    auto txn = db->BeginTransaction();
    testing::AppendSequence(*t, *txn, 0, 5000);
    EXPECT_TRUE(db->Commit(*txn).ok());
    EXPECT_TRUE(db->Checkpoint().ok());
    txn = db->BeginTransaction();
    testing::AppendSequence(*t, *txn, 5000, 5000);
    std::vector<int64_t> ids;
    for (int64_t i = 0; i < 3000; i++) ids.push_back(i);
    EXPECT_TRUE(t->Delete(*txn, ids.data(), ids.size()).ok());
    EXPECT_TRUE(db->Commit(*txn).ok());
    FaultInjector::Arm(plan);
    Status s = db->Checkpoint();
    FileOpCounts counts = FaultInjector::counts();
    FaultInjector::Disarm();
    txn = db->BeginTransaction();
    testing::AppendSequence(*t, *txn, 10000, 1000);
    EXPECT_TRUE(db->Commit(*txn).ok());
    EXPECT_TRUE(db->Vacuum(0, 0.7).ok());  // checkpoints again, failed checkpoint or not
    std::vector<std::string> problems = db->CheckIntegrity();
    EXPECT_TRUE(problems.empty()) << problems.front();
    return counts.writes;
  };
  uint64_t writes = run(dir.File("count"), {Fault::kNone, 0, false, "/count"});
  ASSERT_GT(writes, 50u);
  // Every third write (the heap's pages take a few in a row); the last write is the header's:
  // CommitsAfterAnUnsureHeaderWriteAreRefused.
  for (uint64_t nth = 0; nth + 1 < writes; nth += 3) {
    SCOPED_TRACE(Concat("write ", nth, " of ", writes));
    std::string path = dir.File(Concat("db", nth));
    run(path, {Fault::kNoSpace, nth, false, Concat("/db", nth)});
    auto db = testing::OpenOrDie(path, options);
    auto txn = db->BeginTransaction();
    EXPECT_EQ(testing::FindTable(*db, "t")->RowCount(*txn), 11000u - 3000u);
    std::vector<std::string> problems = db->CheckIntegrity();
    EXPECT_TRUE(problems.empty()) << problems.front();
  }
}

// A checkpoint whose header write or final fsync fails: the new header may be on disk all the
// same (a failed fsync usually leaves the write in place; a short write of a header page holds
// every field, the rest of the page being zero). Commits that went on into the log, which names
// the previous checkpoint, were then skipped by replay as stale: lost after a crash. Now nothing
// more is committed until the database is reopened.
TEST(StorageFaultTest, CommitsAfterAnUnsureHeaderWriteAreRefused) {
  for (Fault fault : {Fault::kSyncFailure, Fault::kShortWrite, Fault::kNoSpace}) {
    SCOPED_TRACE(FaultName(fault));
    testing::TempDirectory dir;
    // Two identical databases: the first counts the calls of a checkpoint, the second fails the
    // last of them (the header's write or fsync).
    FileOpCounts counts;
    for (const char* name : {"count", "db"}) {
      std::string path = dir.File(name), crashed = dir.File(Concat(name, "-crashed"));
      bool counting = name == std::string("count");
      {
        auto db = testing::OpenOrDie(path);
        DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt()});
        for (int64_t first : {0, 1000}) {
          auto txn = db->BeginTransaction();
          testing::AppendSequence(*t, *txn, first, 1000);
          ASSERT_TRUE(db->Commit(*txn).ok());
          if (first == 0) {
            ASSERT_TRUE(db->Checkpoint().ok());
          }
        }
        uint64_t nth = fault == Fault::kSyncFailure ? counts.syncs - 1 : counts.writes - 1;
        FaultInjector::Arm({counting ? Fault::kNone : fault, nth, false, "/" + std::string(name)});
        Status s = db->Checkpoint();
        counts = FaultInjector::counts();
        bool fired = FaultInjector::fired();
        FaultInjector::Disarm();
        if (counting) continue;
        EXPECT_TRUE(fired);
        EXPECT_FALSE(s.ok());
        auto txn = db->BeginTransaction();
        testing::AppendSequence(*t, *txn, 2000, 500);
        Status committed = db->Commit(*txn);
        EXPECT_EQ(committed.message(),
                  Concat("IO Error: Cannot write to database \"", path,
                         "\": a checkpoint failed writing the file header, which may have "
                         "reached the disk all the same; reopen the database"));
        std::filesystem::copy_file(path, crashed);
        std::filesystem::copy_file(path + ".wal", crashed + ".wal");
      }
      if (counting) continue;
      for (const std::string& file : {crashed, path}) {  // after a crash; after the close
        auto db = testing::OpenOrDie(file);
        ASSERT_NE(db, nullptr);
        auto txn = db->BeginTransaction();
        EXPECT_EQ(testing::SumColumn(*testing::FindTable(*db, "t"), *txn),
                  std::make_pair(int64_t{2000 * 1999 / 2}, idx_t{2000}));
        std::vector<std::string> problems = db->CheckIntegrity();
        EXPECT_TRUE(problems.empty()) << problems.front();
      }
    }
  }
}

// A checkpoint whose last step, emptying the log, fails: the checkpoint itself is durable, but the
// log still names the checkpoint before it (or has a torn header). Commits appended to it anyway
// were skipped by replay as belonging to an older checkpoint - lost after a crash.
TEST(StorageFaultTest, LogThatCouldNotBeEmptiedIsRedoneBeforeTheNextCommit) {
  for (Fault fault : {Fault::kTruncateFailure, Fault::kNoSpace, Fault::kSyncFailure}) {
    SCOPED_TRACE(FaultName(fault));
    testing::TempDirectory dir;
    std::string path = dir.File("db"), crashed = dir.File("crashed");
    {
      auto db = testing::OpenOrDie(path);
      DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt()});
      auto txn = db->BeginTransaction();
      testing::AppendSequence(*t, *txn, 0, 1000);
      ASSERT_TRUE(db->Commit(*txn).ok());
      FaultInjector::Arm({fault, 0, false, ".wal"});
      Status s = db->Checkpoint();
      EXPECT_TRUE(FaultInjector::fired());
      FaultInjector::Disarm();
      EXPECT_TRUE(std::string(s.message()).starts_with("IO Error: ")) << s;
      txn = db->BeginTransaction();
      testing::AppendSequence(*t, *txn, 1000, 500);
      ASSERT_TRUE(db->Commit(*txn).ok());
      // The files as a crash now leaves them.
      std::filesystem::copy_file(path, crashed);
      std::filesystem::copy_file(path + ".wal", crashed + ".wal");
    }
    auto db = testing::OpenOrDie(crashed);
    ASSERT_NE(db, nullptr);
    auto txn = db->BeginTransaction();
    EXPECT_EQ(testing::SumColumn(*testing::FindTable(*db, "t"), *txn),
              std::make_pair(int64_t{1500 * 1499 / 2}, idx_t{1500}));
  }
}

constexpr int kBatches = 8;

idx_t BatchRows(int batch) { return batch % 3 == 1 ? 6000 : 500; }

StorageOptions WorkloadOptions() {
  StorageOptions options;
  options.page_size = 4096;
  options.memory_limit = 512 << 10;         // evictions write dirty pages mid-statement
  options.checkpoint_threshold = 96 << 10;  // automatic checkpoints at commit
  return options;
}

void AppendBatch(DataTable& table, Transaction& txn, int64_t batch, Status* status) {
  DataChunk chunk;
  idx_t n = BatchRows(batch);
  for (idx_t done = 0; done < n && status->ok(); done += kVectorSize) {
    idx_t m = std::min(kVectorSize, n - done);
    chunk.Initialize(table.types());
    for (idx_t r = 0; r < m; r++) {
      chunk.column(0).data<int64_t>()[r] = batch;
      chunk.SetValue(1, r, Value::Varchar(Concat("row ", done + r, " of batch ", batch)));
    }
    chunk.SetCardinality(m);
    *status = table.Append(txn, chunk);
  }
}

// Deletes the rows of `batch` (as `txn` sees them).
void DeleteBatch(DataTable& table, Transaction& txn, int64_t batch, Status* status) {
  TableScanState state;
  table.InitializeScan(txn, state, {kRowIdColumn, 0}, nullptr);
  DataChunk chunk;
  std::vector<int64_t> ids;
  for (;;) {
    StatusOr<bool> more = table.Scan(state, chunk);
    if (!more.ok()) {
      *status = more.status();
      return;
    }
    if (!*more) break;
    for (idx_t r = 0; r < chunk.size(); r++) {
      if (chunk.GetValue(1, r).GetInt64() == batch) ids.push_back(chunk.GetValue(0, r).GetInt64());
    }
  }
  StatusOr<idx_t> deleted = table.Delete(txn, ids.data(), ids.size());
  if (!deleted.ok()) *status = deleted.status();
}

using Batches = std::map<int64_t, idx_t>;

struct WorkloadResult {
  bool created = false;  // the database file was created
  Batches committed;     // rows per batch of the transactions that committed
  Batches with_doubt;    // ... and of the first one whose commit failed
  std::vector<Status> errors;
};

// Runs the workload: a table, then batches appended (every third transaction also deletes an
// earlier batch), with explicit checkpoints in between; closing checkpoints (or, after a failed
// checkpoint, leaves the log).
WorkloadResult RunWorkload(const std::string& path) {
  WorkloadResult result;
  auto opened = StorageManager::Open(path, WorkloadOptions());
  result.created = opened.ok();
  if (!opened.ok()) {
    result.errors.push_back(opened.status());
    return result;
  }
  StorageManager& db = **opened;
  // The sweep needs many page writes; ZSTD would shrink the workload's repetitive strings.
  EXPECT_TRUE(db.SetForceCompression("plain").ok());
  DataTable* table = nullptr;
  {
    auto txn = db.BeginTransaction();
    uint32_t id = db.NextObjectId();
    Status s = db.CreateObject(
        *txn, testing::TableRecord(id, "t", {LogicalType::BigInt(), LogicalType::Varchar()}));
    if (s.ok()) s = db.Commit(*txn);
    if (!s.ok()) {
      db.Rollback(*txn);
      result.errors.push_back(s);
      return result;
    }
    table = db.GetTable(id);
  }
  bool doubted = false;
  for (int b = 0; b < kBatches; b++) {
    auto txn = db.BeginTransaction();
    Status s;
    AppendBatch(*table, *txn, b, &s);
    int64_t victim = b - 2;
    bool deletes = b % 3 == 2 && result.committed.contains(victim);
    if (s.ok() && deletes) DeleteBatch(*table, *txn, victim, &s);
    bool committing = s.ok();
    if (s.ok()) s = db.Commit(*txn);
    if (s.ok() || (committing && !doubted)) {
      Batches& model = s.ok() ? result.committed : result.with_doubt;
      if (!s.ok()) {
        doubted = true;
        model = result.committed;
      }
      model[b] = BatchRows(b);
      if (deletes) model.erase(victim);
    }
    if (!s.ok()) {
      db.Rollback(*txn);
      result.errors.push_back(s);
    }
    if (b % 4 == 3) {
      s = db.Checkpoint();
      if (!s.ok()) result.errors.push_back(s);
    }
  }
  if (!doubted) result.with_doubt = result.committed;
  return result;
}

// A row group sealed at commit needs buffer frames for its new pages; making room writes evicted
// pages back, which can fail. The seal then gives up (the checkpoint redoes it), and the pages it
// had allocated used to stay allocated to nothing: leaked, some never written.
TEST(StorageFaultTest, AFailedSealLeaksNoPages) {
  testing::TempDirectory dir;
  StorageOptions options;
  options.page_size = 4096;
  options.memory_limit = 256 << 10;
  auto fill = [&](const std::string& path, const FaultPlan& plan) {
    auto db = testing::OpenOrDie(path, options);
    DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt(), LogicalType::Varchar()});
    auto txn = db->BeginTransaction();
    DataChunk chunk;
    for (idx_t first = 0; first < 122880; first += kVectorSize) {
      chunk.Initialize(t->types());
      for (idx_t r = 0; r < kVectorSize; r++) {
        chunk.column(0).data<int64_t>()[r] = static_cast<int64_t>(first + r);
        chunk.SetValue(1, r, Value::Varchar(Concat("value ", first + r)));
      }
      chunk.SetCardinality(kVectorSize);
      EXPECT_TRUE(t->Append(*txn, chunk).ok());
    }
    FaultInjector::Arm(plan);
    EXPECT_TRUE(db->Commit(*txn).ok());  // the rows are in the log: the seal may fail
    FileOpCounts counts = FaultInjector::counts();
    FaultInjector::Disarm();
    std::vector<std::string> problems = db->CheckIntegrity();
    EXPECT_TRUE(problems.empty()) << problems.front();
    return counts.writes;
  };
  uint64_t writes = fill(dir.File("count"), {Fault::kNone, 0, false, "/count"});
  ASSERT_GT(writes, 20u);
  for (uint64_t nth = 0; nth < writes; nth += writes / 8) {
    SCOPED_TRACE(Concat("write ", nth, " of ", writes));
    std::string path = dir.File(Concat("db", nth));
    fill(path, {Fault::kNoSpace, nth, false, Concat("/db", nth)});
    auto db = testing::OpenOrDie(path, options);
    auto txn = db->BeginTransaction();
    EXPECT_EQ(testing::FindTable(*db, "t")->RowCount(*txn), 122880u);
  }
}

struct Sweep {
  Fault fault;
  bool sticky;
};

TEST(StorageFaultTest, EveryInjectedFaultIsAnErrorAndReopensToTheLastCommit) {
  testing::TempDirectory dir;
  // How many calls of each kind the workload makes without faults.
  FaultInjector::Arm({Fault::kNone});
  WorkloadResult clean = RunWorkload(dir.File("count.db"));
  FileOpCounts total = FaultInjector::counts();
  FaultInjector::Disarm();
  ASSERT_TRUE(clean.errors.empty()) << clean.errors.front();
  ASSERT_EQ(clean.committed.size(), static_cast<size_t>(kBatches - kBatches / 3));
  ASSERT_GT(total.writes, 100u);
  ASSERT_GT(total.syncs, 10u);
  ASSERT_GT(total.truncates, 5u);

  int runs = 0;
  for (Sweep sweep : {Sweep{Fault::kShortWrite, false}, Sweep{Fault::kNoSpace, false},
                      Sweep{Fault::kTornWrite, true}, Sweep{Fault::kSyncFailure, false},
                      Sweep{Fault::kSyncFailure, true}, Sweep{Fault::kTruncateFailure, false}}) {
    uint64_t calls = sweep.fault == Fault::kSyncFailure       ? total.syncs
                     : sweep.fault == Fault::kTruncateFailure ? total.truncates
                                                              : total.writes;
    uint64_t step = std::max<uint64_t>(1, calls / 6);
    for (uint64_t nth = 0; nth < calls; nth += step) {
      std::string name = Concat(FaultName(sweep.fault), sweep.sticky ? "-sticky-" : "-", nth);
      SCOPED_TRACE(name);
      std::string path = dir.File(name + ".db");
      FaultInjector::Arm({sweep.fault, nth, sweep.sticky});
      WorkloadResult result = RunWorkload(path);
      bool fired = FaultInjector::fired();
      FaultInjector::Disarm();
      runs++;
      EXPECT_TRUE(fired);
      for (const Status& e : result.errors) {
        EXPECT_TRUE(std::string(e.message()).starts_with("IO Error: ")) << e;
      }

      auto reopened = StorageManager::Open(path, WorkloadOptions());
      if (!result.created && !reopened.ok()) {
        // Creating the file failed; after a power cut it may hold a part of its first header
        // page, refused as not a database (there was no commit to lose).
        EXPECT_TRUE(sweep.sticky);
        EXPECT_EQ(reopened.status().message(),
                  Concat("Corruption Error: not a FluxDB database file: ", path));
        continue;
      }
      ASSERT_TRUE(reopened.ok()) << reopened.status();
      std::unique_ptr<StorageManager> db = std::move(*reopened);
      DataTable* t = testing::FindTable(*db, "t");
      Batches found;
      if (t != nullptr) {
        auto txn = db->BeginTransaction();
        for (const auto& row : testing::ScanRows(*t, *txn, {0})) found[row[0].GetInt64()]++;
        ASSERT_TRUE(db->Commit(*txn).ok());
      }
      // After a permanent fault the first failed commit may have reached the log whole (only
      // its fsync failed): it may be there, all of it.
      if (!sweep.sticky || found != result.with_doubt) {
        EXPECT_EQ(found, result.committed);
      }
      std::vector<std::string> problems = db->CheckIntegrity();
      EXPECT_TRUE(problems.empty()) << problems.front();
    }
  }
  std::printf("[ faults ] %d runs (%lu writes, %lu syncs, %lu truncates per workload)\n", runs,
              static_cast<unsigned long>(total.writes), static_cast<unsigned long>(total.syncs),
              static_cast<unsigned long>(total.truncates));
}

}  // namespace
}  // namespace fluxdb
