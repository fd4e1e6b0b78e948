// Refusing damaged or foreign files, locking, read-only opens, page listing and the integrity
// check.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "storage/file_handle.h"
#include "storage_fixture.h"

namespace fluxdb {
namespace {

using testing::AppendSequence;
using testing::OpenOrDie;

void FlipByte(const std::string& path, uint64_t offset) {
  auto file = FileHandle::Open(path, FileHandle::Mode::kReadWrite);
  ASSERT_TRUE(file.ok());
  uint8_t b;
  ASSERT_TRUE((*file)->ReadAt(offset, &b, 1).ok());
  b ^= 0x40;
  ASSERT_TRUE((*file)->WriteAt(offset, &b, 1).ok());
}

// A checkpointed file with one table of 300,000 BIGINTs (three row groups).
std::string MakeDatabase(const testing::TempDirectory& dir, uint32_t page_size = 16384) {
  std::string path = dir.File("db");
  StorageOptions options;
  options.page_size = page_size;
  auto db = OpenOrDie(path, options);
  DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt()});
  auto txn = db->BeginTransaction();
  AppendSequence(*t, *txn, 0, 300000);
  EXPECT_TRUE(db->Commit(*txn).ok());
  return path;
}

TEST(FileSafetyTest, FlippedByteInADataPageIsACorruptionError) {
  testing::TempDirectory dir;
  std::string path = MakeDatabase(dir);
  uint64_t data_page = 0;
  uint32_t page_size = 0;
  {
    auto db = OpenOrDie(path);
    auto pages = db->ListPages();
    ASSERT_TRUE(pages.ok());
    for (const PageInfo& p : *pages) {
      if (p.kind == "data" && p.column_index == 0) data_page = p.page_id;
    }
    page_size = db->GetHeaderInfo().page_size;
  }
  ASSERT_NE(data_page, 0u);
  FlipByte(path, data_page * page_size + 1000);

  auto db = OpenOrDie(path);  // opening reads no data page
  DataTable* t = testing::FindTable(*db, "t");
  auto txn = db->BeginTransaction();
  TableScanState state;
  t->InitializeScan(*txn, state, {0}, nullptr);
  DataChunk chunk;
  Status error;
  for (;;) {
    auto more = t->Scan(state, chunk);
    if (!more.ok()) {
      error = more.status();
      break;
    }
    if (!*more) break;
  }
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.code(), absl::StatusCode::kDataLoss);
  std::string expected = Concat("Corruption Error: checksum mismatch on page ", data_page,
                                " (kind data) of file ", path);
  EXPECT_EQ(error.message(), expected);
  ASSERT_TRUE(db->Commit(*txn).ok());

  std::vector<std::string> problems = db->CheckIntegrity();
  ASSERT_FALSE(problems.empty());
  bool named = false;
  // A problem names its page first ("page N: ..." or "page N (owning object): ...").
  for (const auto& p : problems) {
    std::string prefix = Concat("page ", data_page);
    named |= p.starts_with(prefix) && p.size() > prefix.size() &&
             (p[prefix.size()] == ':' || p[prefix.size()] == ' ');
  }
  EXPECT_TRUE(named) << problems.front();
  auto pages = db->ListPages();
  ASSERT_TRUE(pages.ok());
  for (const PageInfo& p : *pages) EXPECT_EQ(p.checksum_ok, p.page_id != data_page) << p.page_id;
}

TEST(FileSafetyTest, ForeignFilesAndUnknownVersionsAreRefused) {
  testing::TempDirectory dir;
  std::string foreign = dir.File("notes.txt");
  {
    std::ofstream out(foreign);
    for (int i = 0; i < 1000; i++) out << "this is not a database\n";
  }
  auto db = StorageManager::Open(foreign, {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().message(), "Corruption Error: not a FluxDB database file: " + foreign);

  std::string path = MakeDatabase(dir);
  {
    auto file = FileHandle::Open(path, FileHandle::Mode::kReadWrite);
    ASSERT_TRUE(file.ok());
    uint32_t seven = 7;
    ASSERT_TRUE((*file)->WriteAt(56, &seven, 4).ok());  // format_version of header page 0
  }
  db = StorageManager::Open(path, {});
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find("format version 7, this build reads version 1"),
            std::string::npos)
      << db.status();
}

TEST(FileSafetyTest, DamagedOlderHeaderSlotIsNotedByTheIntegrityCheck) {
  testing::TempDirectory dir;
  std::string path = MakeDatabase(dir);
  uint64_t checkpoint;
  {
    auto db = OpenOrDie(path);  // closing without changes writes no checkpoint
    checkpoint = db->GetHeaderInfo().checkpoint_id;
  }
  uint64_t older_slot = (checkpoint + 1) % 2;
  FlipByte(path, older_slot * 16384 + 200);
  auto db = OpenOrDie(path);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->GetHeaderInfo().checkpoint_id, checkpoint);
  auto txn = db->BeginTransaction();
  EXPECT_EQ(testing::FindTable(*db, "t")->RowCount(*txn), 300000u);
  ASSERT_TRUE(db->Commit(*txn).ok());
  std::vector<std::string> problems = db->CheckIntegrity();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].starts_with(Concat("page ", older_slot, " (header slot ", older_slot,
                                             "): Corruption Error: checksum mismatch")))
      << problems[0];
}

// The current header slot damaged after its checkpoint completed. The other slot describes the
// checkpoint before, and the log (continuing the current one) is stale against it: opening used
// to fall back to it silently, losing the last checkpoint's and the log's commits (and reading
// pages the last checkpoint had already reused).
TEST(FileSafetyTest, DamagedCurrentHeaderSlotIsAnErrorNotARollback) {
  testing::TempDirectory dir;
  std::string path = MakeDatabase(dir);
  std::string crashed = dir.File("crashed");
  uint64_t checkpoint;
  {
    auto db = OpenOrDie(path);
    auto txn = db->BeginTransaction();
    AppendSequence(*testing::FindTable(*db, "t"), *txn, 300000, 1000);
    ASSERT_TRUE(db->Commit(*txn).ok());
    checkpoint = db->GetHeaderInfo().checkpoint_id;
    // The files as a crash now leaves them: the last checkpoint plus a log of one commit.
    std::filesystem::copy_file(path, crashed);
    std::filesystem::copy_file(path + ".wal", crashed + ".wal");
  }
  uint64_t slot = checkpoint % 2;
  FlipByte(crashed, slot * 16384 + 200);
  uint64_t size = std::filesystem::file_size(crashed);
  for (bool read_only : {true, false}) {
    StorageOptions options;
    options.read_only = read_only;
    auto db = StorageManager::Open(crashed, options);
    ASSERT_FALSE(db.ok()) << "opened checkpoint " << (*db)->GetHeaderInfo().checkpoint_id;
    EXPECT_EQ(db.status().code(), absl::StatusCode::kDataLoss);
    EXPECT_EQ(db.status().message(),
              Concat("Corruption Error: header page ", slot, " of file ", crashed,
                     " is damaged: the write-ahead log continues checkpoint ", checkpoint,
                     ", the newest intact header is checkpoint ", checkpoint - 1,
                     ", and opening that would lose every commit since"));
  }
  // Refusing wrote nothing: the file was not cut to the older checkpoint's size.
  EXPECT_EQ(std::filesystem::file_size(crashed), size);
}

// A writer that crashed after writing pages for a checkpoint it never switched to leaves them
// past the end the header knows. They are no damage: the next writer cuts them off, and a check
// of the file opened read-only (fluxdb check) used to report them as a problem.
TEST(FileSafetyTest, PagesACrashedWriterLeftPastTheEndAreNoProblem) {
  testing::TempDirectory dir;
  std::string path = MakeDatabase(dir);
  uint64_t size = std::filesystem::file_size(path);
  {
    auto file = FileHandle::Open(path, FileHandle::Mode::kReadWrite);
    ASSERT_TRUE(file.ok());
    std::string junk(3 * 16384, 'x');
    ASSERT_TRUE((*file)->WriteAt(size, junk.data(), junk.size()).ok());
  }
  StorageOptions read_only;
  read_only.read_only = true;
  {
    auto db = OpenOrDie(path, read_only);
    std::vector<std::string> problems = db->CheckIntegrity();
    EXPECT_TRUE(problems.empty()) << problems.front();
  }
  EXPECT_EQ(std::filesystem::file_size(path), size + 3 * 16384);
  auto db = OpenOrDie(path);
  EXPECT_EQ(std::filesystem::file_size(path), size);
  std::vector<std::string> problems = db->CheckIntegrity();
  EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(FileSafetyTest, SecondProcessIsLockedOut) {
  testing::TempDirectory dir;
  std::string path = MakeDatabase(dir);
  auto db = OpenOrDie(path);
  pid_t child = fork();
  if (child == 0) {
    auto writer = StorageManager::Open(path, {});
    std::string expected =
        "IO Error: Could not set lock on file \"" + path + "\": database is locked";
    if (writer.ok() || writer.status().message() != expected) _exit(1);
    StorageOptions read_only;
    read_only.read_only = true;
    auto reader = StorageManager::Open(path, read_only);
    if (reader.ok()) _exit(2);
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(FileSafetyTest, ReadOnlyOpensShareTheFile) {
  testing::TempDirectory dir;
  std::string path = MakeDatabase(dir);
  StorageOptions options;
  options.read_only = true;
  auto a = OpenOrDie(path, options);
  auto b = OpenOrDie(path, options);
  ASSERT_TRUE(a && b);
  DataTable* t = testing::FindTable(*a, "t");
  auto txn = a->BeginTransaction();
  EXPECT_EQ(t->RowCount(*txn), 300000u);
  Status s = t->Append(*txn, DataChunk());
  DataChunk one;
  one.Initialize(t->types());
  one.SetCardinality(1);
  s = t->Append(*txn, one);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("read-only"), std::string::npos);
  // A writer is refused while readers hold the file.
  EXPECT_FALSE(StorageManager::Open(path, {}).ok());
}

TEST(FileSafetyTest, PageListingAndIntegrityOfAHealthyFile) {
  testing::TempDirectory dir;
  std::string path = MakeDatabase(dir, 4096);
  auto db = OpenOrDie(path);
  DataTable* t = testing::FindTable(*db, "t");
  // Some churn: deletes, a dropped table, a rewritten tail, a vacuum.
  auto txn = db->BeginTransaction();
  std::vector<int64_t> ids;
  for (int64_t i = 0; i < 120000; i++) ids.push_back(i);
  ASSERT_TRUE(t->Delete(*txn, ids.data(), ids.size()).ok());
  ASSERT_TRUE(db->Commit(*txn).ok());
  DataTable* extra = testing::CreateTable(*db, "extra", {LogicalType::Varchar()});
  auto fill = db->BeginTransaction();
  testing::AppendRows(*extra, *fill, {{Value::Varchar("x")}, {Value::Varchar("y")}});
  AppendSequence(*t, *fill, 300000, 1000);
  ASSERT_TRUE(db->Commit(*fill).ok());
  ASSERT_TRUE(db->Checkpoint().ok());
  auto drop = db->BeginTransaction();
  ASSERT_TRUE(db->DropObject(*drop, extra->table_id()).ok());
  ASSERT_TRUE(db->Commit(*drop).ok());
  ASSERT_TRUE(db->Vacuum(0, 0.5).ok());

  std::vector<std::string> problems = db->CheckIntegrity();
  EXPECT_TRUE(problems.empty()) << problems.front();
  auto pages = db->ListPages();
  ASSERT_TRUE(pages.ok());
  uint64_t file_size = std::filesystem::file_size(path);
  EXPECT_EQ(pages->size(), file_size / 4096);
  EXPECT_EQ(file_size % 4096, 0u);
  std::map<std::string, int> kinds;
  for (const PageInfo& p : *pages) {
    EXPECT_TRUE(p.checksum_ok) << p.page_id;
    kinds[p.kind]++;
    if (p.kind == "data") {
      EXPECT_EQ(p.table_name, "t");
    }
  }
  EXPECT_EQ(kinds["header"], 2);
  EXPECT_GT(kinds["data"], 0);
  EXPECT_GT(kinds["catalog_heap"], 0);
  EXPECT_GT(kinds["chunk_heap"], 0);
  EXPECT_GT(kinds["free"], 0);  // the vacuumed row group's pages
  FileHeaderInfo header = db->GetHeaderInfo();
  EXPECT_EQ(header.format_version, 1u);
  EXPECT_EQ(header.page_count, pages->size());
  auto heaps = db->ListHeaps();
  ASSERT_EQ(heaps.size(), 2u);
  EXPECT_EQ(heaps[0].name, "catalog");
  EXPECT_EQ(heaps[0].slots_used, 1u);
  auto reader = db->BeginTransaction();
  EXPECT_EQ(t->RowCount(*reader), 300000u - 120000u + 1000u);
}

TEST(FileSafetyTest, CheckpointWaitsForNoWriter) {
  testing::TempDirectory dir;
  std::string path = MakeDatabase(dir);
  auto db = OpenOrDie(path);
  DataTable* t = testing::FindTable(*db, "t");
  auto txn = db->BeginTransaction();
  AppendSequence(*t, *txn, 0, 10);
  Status s = db->Checkpoint();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("TransactionContext Error"), std::string::npos);
  ASSERT_TRUE(db->Commit(*txn).ok());
  EXPECT_TRUE(db->Checkpoint().ok());
}

}  // namespace
}  // namespace fluxdb
