// libFuzzer target for the file format: a mutated database file (and write-ahead log) is checked
// as `fluxdb check` does, opened, every table and view is read in full, the integrity check runs
// and, for some inputs, the database is written to and checkpointed. Damage must be reported as
// errors: nothing may crash, trip a sanitizer or an invariant check (FLUX_CHECK).
//
// The input layout is in file_fuzzer.h; file_fuzzer_seeds writes valid inputs (the seed corpus).
// The files go to a directory of their own under /dev/shm (else the temporary directory).
// Run e.g.: ./file_fuzzer -max_len=300000 corpus/ seeds/
#include "test/fuzz/file_fuzzer.h"

#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/catalog_entry.h"
#include "main/connection.h"
#include "main/database.h"
#include "main/inspect/file_check.h"
#include "main/query_result.h"
#include "storage/byte_order.h"
#include "storage/crc32c.h"
#include "storage/page.h"
#include "storage/storage_manager.h"
#include "test/fuzz/statement_watchdog.h"

namespace {

using namespace fluxdb;

constexpr size_t kWalHeaderSize = 32;
constexpr size_t kWalRecordHeaderSize = 9;

void FixPageChecksums(std::string& image) {
  if (image.size() < 64) return;
  uint32_t page_size = LoadLE<uint32_t>(reinterpret_cast<const uint8_t*>(image.data()) + 60);
  if (!IsValidPageSize(page_size)) return;
  for (size_t offset = 0; offset + page_size <= image.size(); offset += page_size) {
    SealPage(reinterpret_cast<uint8_t*>(image.data()) + offset, page_size);
  }
}

void FixWalChecksums(std::string& wal) {
  if (wal.size() < kWalHeaderSize) return;
  auto* bytes = reinterpret_cast<uint8_t*>(wal.data());
  StoreLE<uint32_t>(bytes + 28, Crc32c(bytes, 28));
  size_t pos = kWalHeaderSize;
  while (wal.size() - pos >= kWalRecordHeaderSize) {
    uint8_t* record = bytes + pos;
    uint32_t size = LoadLE<uint32_t>(record);
    if (size > wal.size() - pos - kWalRecordHeaderSize) break;
    StoreLE<uint32_t>(record + 4, Crc32cExtend(Crc32c(record + 8, 1), record + 9, size));
    pos += kWalRecordHeaderSize + size;
  }
}

std::filesystem::path WorkDirectory() {
  std::error_code error;
  std::filesystem::path base = "/dev/shm";
  if (!std::filesystem::is_directory(base, error) || access(base.c_str(), W_OK) != 0) {
    base = std::filesystem::temp_directory_path();
  }
  std::filesystem::path dir = base / ("fluxdb-file-fuzzer-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

void WriteFile(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "file_fuzzer: cannot write %s\n", path.c_str());
    std::abort();
  }
}

// `name` in `quote`s, with the quote doubled inside.
std::string Quote(std::string_view name, char quote = '"') {
  std::string quoted(1, quote);
  for (char c : name) {
    quoted += c;
    if (c == quote) quoted += quote;
  }
  return quoted + quote;
}

// Runs one statement under the watchdog (for at most `limit`); reads (a bounded number of) its
// values as text.
void Run(Connection& connection, fuzz::StatementWatchdog& watchdog, const std::string& sql,
         std::chrono::milliseconds limit) {
  watchdog.Start(limit);
  auto result = connection.Query(sql);
  watchdog.Stop();
  if (!result.ok()) return;
  volatile size_t total = 0;
  idx_t rows = (*result)->RowCount() < 4096 ? (*result)->RowCount() : 4096;
  for (idx_t row = 0; row < rows; row++) {
    for (idx_t column = 0; column < (*result)->ColumnCount(); column++) {
      total = total + (*result)->GetValue(column, row).ToString().size();
    }
  }
}

void ReadEverything(Database& database, bool write) {
  Connection connection(database);
  fuzz::StatementWatchdog watchdog(connection, std::chrono::milliseconds(2000));
  std::vector<std::string> statements;
  for (CatalogEntry* entry : database.catalog().Entries(CatalogEntryKind::kTable)) {
    std::string table = Concat(Quote(entry->schema_name()), ".", Quote(entry->name()));
    statements.push_back(Concat("SELECT * FROM ", table));
    for (const auto& column : static_cast<TableEntry*>(entry)->columns()) {
      // Aggregates over one column may answer from the chunks' statistics.
      statements.push_back(Concat("SELECT count(", Quote(column.name), "), min(",
                                  Quote(column.name), "), max(", Quote(column.name), ") FROM ",
                                  table));
    }
    statements.push_back(Concat("SELECT * FROM storage_info(", Quote(entry->name(), '\''), ")"));
    if (write) {
      statements.push_back(Concat("INSERT INTO ", table, " SELECT * FROM ", table, " LIMIT 3"));
      if (!static_cast<TableEntry*>(entry)->columns().empty()) {
        statements.push_back(Concat("DELETE FROM ", table, " WHERE ",
                                    Quote(static_cast<TableEntry*>(entry)->columns()[0].name),
                                    " IS NULL"));
      }
    }
  }
  for (CatalogEntry* entry : database.catalog().Entries(CatalogEntryKind::kView)) {
    statements.push_back(
        Concat("SELECT * FROM ", Quote(entry->schema_name()), ".", Quote(entry->name())));
  }
  statements.push_back("SELECT * FROM fluxdb_pages()");
  if (write) statements.push_back("CHECKPOINT");
  // The statements of one input share 8 s, well below libFuzzer's -timeout.
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(8);
  for (const std::string& sql : statements) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        end - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    Run(connection, watchdog, sql, left);
  }
  volatile size_t problems = database.storage().CheckIntegrity().size();
  (void)problems;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 5) return 0;
  uint8_t flags = data[0];
  size_t database_size = LoadLE<uint32_t>(data + 1);
  if (database_size > size - 5) database_size = size - 5;
  std::string image(reinterpret_cast<const char*>(data + 5), database_size);
  std::string wal(reinterpret_cast<const char*>(data + 5 + database_size),
                  size - 5 - database_size);
  if (flags & fuzz::kFixPageChecksums) FixPageChecksums(image);
  if (flags & fuzz::kFixWalChecksums) FixWalChecksums(wal);

  static const std::filesystem::path directory = WorkDirectory();
  const std::filesystem::path path = directory / "fuzz.fluxdb";
  const std::filesystem::path wal_path = directory / "fuzz.fluxdb.wal";
  WriteFile(path, image);
  std::error_code error;
  if (wal.empty()) {
    std::filesystem::remove(wal_path, error);
  } else {
    WriteFile(wal_path, wal);
  }

  FileCheckResult check = CheckDatabaseFile(path);
  volatile size_t problems = check.problems.size();
  (void)problems;

  DatabaseOptions options;
  options.threads = 1;
  options.memory_limit = 256ull << 20;
  options.read_only = (flags & fuzz::kReadOnly) != 0;
  options.create_if_missing = false;
  auto database = Database::Open(path, options);
  if (!database.ok()) return 0;
  ReadEverything(**database, (flags & fuzz::kWrite) != 0 && !options.read_only);
  return 0;
}
