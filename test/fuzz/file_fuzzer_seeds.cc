// Writes file_fuzzer's seed corpus: small valid databases (4 KiB pages) in the layout of
// file_fuzzer.h, each with every flag combination the fuzzer distinguishes.
//
// The databases cover every column type, each encoding (force_compression), deleted rows, free
// pages (a dropped table), a view and an index, and a write-ahead log holding committed
// transactions that are not in the file yet (the files are copied while the database is open).
//
// Usage: file_fuzzer_seeds OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "main/connection.h"
#include "main/database.h"
#include "test/fuzz/file_fuzzer.h"

namespace {

using namespace fluxdb;

struct Variant {
  std::string_view name;
  std::string_view compression;  // force_compression while the tables are written
  std::string_view after;        // statements run after the checkpoint (they stay in the log)
};

constexpr std::string_view kTables = R"sql(
CREATE TABLE t(b BOOLEAN, i INTEGER, bi BIGINT, hi HUGEINT, d DOUBLE, f FLOAT, dec DECIMAL(10,2),
  v VARCHAR, dt DATE, ts TIMESTAMP, tm TIME, iv INTERVAL, bl BLOB);
INSERT INTO t SELECT range % 3 = 0, CASE WHEN range % 11 = 0 THEN NULL ELSE range END,
  range * 1000003, range * 7, range / 8.0, range % 5, range * 0.25, 'text' || (range % 17),
  DATE '2024-01-01' + range::INTEGER, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (range) MINUTE,
  TIME '00:00:00' + INTERVAL (range) SECOND, INTERVAL (range) DAY, ('x' || range)::BLOB
  FROM range(300);
CREATE TABLE k(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL);
INSERT INTO k VALUES (1, 'one'), (2, 'two'), (3, 'three');
CREATE TABLE gone AS SELECT range AS x FROM range(2000);
CREATE VIEW w AS SELECT i, v FROM t WHERE i > 100;
CREATE INDEX k_name ON k(name);
DELETE FROM t WHERE i % 7 = 0;
DROP TABLE gone;
)sql";

const Variant kVariants[] = {
    {"auto", "auto", ""},
    {"plain", "plain", ""},
    {"constant", "constant", ""},
    {"rle", "rle", ""},
    {"dictionary", "dictionary", ""},
    {"bitpacking", "bitpacking", ""},
    {"wal", "auto",
     "INSERT INTO t SELECT * FROM t WHERE i < 20; UPDATE k SET name = 'uno' WHERE id = 1; "
     "CREATE TABLE later(a INTEGER, s VARCHAR); INSERT INTO later VALUES (1, 'a'), (NULL, 'b'); "
     "DELETE FROM t WHERE i > 250; DROP TABLE k;"},
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool Check(const StatusOr<std::unique_ptr<QueryResult>>& result, std::string_view what) {
  if (result.ok()) return true;
  std::fprintf(stderr, "file_fuzzer_seeds: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               std::string(result.status().message()).c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: file_fuzzer_seeds OUT_DIR\n");
    return 2;
  }
  std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out);
  std::filesystem::path scratch = out / "scratch";
  int written = 0;
  for (const Variant& variant : kVariants) {
    std::filesystem::remove_all(scratch);
    std::filesystem::create_directories(scratch);
    std::filesystem::path path = scratch / "seed.fluxdb";
    DatabaseOptions options;
    options.page_size = 4096;
    options.threads = 1;
    auto database = Database::Open(path, options);
    if (!database.ok()) {
      std::fprintf(stderr, "file_fuzzer_seeds: %s\n",
                   std::string(database.status().message()).c_str());
      return 1;
    }
    {
      Connection connection(**database);
      std::string setup =
          Concat("SET force_compression = '", variant.compression, "';", kTables, "CHECKPOINT;");
      if (!Check(connection.Query(setup), variant.name)) return 1;
      if (!variant.after.empty() && !Check(connection.Query(variant.after), variant.name)) {
        return 1;
      }
    }
    // Copied while open: the log still holds what `after` committed.
    std::string image = ReadFile(path);
    std::string wal = ReadFile(scratch / "seed.fluxdb.wal");
    database->reset();
    // Checksums fixed by the fuzzer or not, read-only or written to (the fuzzer mutates the
    // flags too).
    using namespace fuzz;
    for (uint8_t flags :
         {0, kFixPageChecksums | kFixWalChecksums, kFixPageChecksums | kFixWalChecksums | kReadOnly,
          kFixPageChecksums | kFixWalChecksums | kWrite}) {
      std::string input = fuzz::MakeFileFuzzInput(flags, image, wal);
      std::ofstream file(out / Concat(variant.name, "-", static_cast<int>(flags)),
                         std::ios::binary);
      file.write(input.data(), static_cast<std::streamsize>(input.size()));
      written++;
    }
  }
  std::filesystem::remove_all(scratch);
  std::printf("%d seeds in %s\n", written, out.c_str());
  return 0;
}
