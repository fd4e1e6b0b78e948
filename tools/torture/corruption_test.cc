// fluxdb-torture-corruption: damages copies of a real database and checks that the engine reports
// the damage or answers correctly - never crashes, hangs or answers wrong.
//
//   fluxdb-torture-corruption [--files N] [--seed S] [--dir DIR] [--quick] [--verbose]
//
// A reference database (4 KiB pages) holds the batch table (a multi-row-group batch, updated and
// deleted batches), a table of many column types and encodings with NULLs, and a view; its last
// transactions are only in the write-ahead log. Digest queries (a hash of every row of every
// table, a filtered aggregate that prunes by zone maps, the view) give the known-good answer, and
// one answer per prefix of the logged transactions. Each trial copies the files, damages the copy
// (random bit flips anywhere; flips in a page header or in a header slot; a page zeroed or filled
// with garbage; the file cut short; a flipped byte in the log) and, in a child process with a
// time limit, opens it (read-write or read-only, alternately), runs the digest queries and PRAGMA
// integrity_check. Acceptable: a Corruption or IO error (counted separately when it names the
// page), or exactly the known-good answers - for damage to the log, the answers of some prefix of
// its transactions, since replay stops at the first damaged record. A crash, a hang, another
// kind of error, a wrong answer, or an integrity check that passes a file a query failed on is a
// failure.
//
// The last line is "corruption: N files tried, M crashes", M counting every failure; any failure
// exits 1 with the details.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "main/connection.h"
#include "main/database.h"
#include "storage/file_handle.h"
#include "tools/torture/batch_table.h"
#include "tools/torture/child_process.h"

namespace fluxdb::torture {
namespace {

constexpr char kUsage[] =
    "Usage: fluxdb-torture-corruption [--files N] [--seed S] [--dir DIR] [--quick] [--verbose]\n"
    "Damages N copies of a reference database (default 300; --quick 12) and checks that each\n"
    "gives a clear error or the right answers.\n";

struct Options {
  int files = 300;
  uint64_t seed = 1;
  std::string dir;
  bool verbose = false;
};

constexpr uint32_t kPageSize = 4096;

// Row digests: every column of every row feeds a hash; two moduli make a collision unlikely.
std::string DigestSql(std::string_view table, std::string_view columns) {
  std::string row = Concat("hash(concat_ws('|', ", columns, "))");
  return Concat("SELECT '", table, "', count(*), sum(", row, " % 1000000007), sum(", row,
                " % 999999937) FROM ", table);
}

std::vector<std::string> DigestQueries() {
  return {
      DigestSql("batches", "batch, idx, version, payload, chk"),
      DigestSql("typed",
                "id, small, coalesce(dbl::VARCHAR, 'N'), name, day, flag, coalesce(maybe::VARCHAR, "
                "'N'), constant"),
      "SELECT count(*), sum(id), min(name), max(day) FROM typed WHERE id BETWEEN 50000 AND 60000",
      "SELECT count(*), sum(c), min(name), max(name) FROM name_counts",
  };
}

// The answers of the digest queries as one string; an error on the way is returned.
StatusOr<std::string> Digest(Connection& connection) {
  std::string out;
  for (const std::string& sql : DigestQueries()) {
    FLUX_ASSIGN_OR_RETURN(auto result, connection.Query(sql));
    for (idx_t r = 0; r < result->RowCount(); r++) {
      for (idx_t c = 0; c < result->ColumnCount(); c++) {
        out += result->GetValue(c, r).ToString() + "|";
      }
      out += "\n";
    }
  }
  return out;
}

// Builds the reference database; writes the digest of the checkpointed state and of each logged
// transaction's state, one per line (digests hold '\n': they are stored with it escaped).
int BuildReference(const std::string& path, const std::string& digests_path) {
  DatabaseOptions options;
  options.page_size = kPageSize;
  options.threads = 1;
  auto db = Database::Open(path, options);
  if (!db.ok()) return 1;
  Connection c(**db);
  std::vector<std::string> setup = {
      CreateBatchTableSql(),
      "CREATE TABLE typed AS SELECT range AS id, (range % 7)::TINYINT AS small, "
      "CASE WHEN range % 13 = 0 THEN NULL ELSE range * 1.5 END AS dbl, "
      "'name ' || (range % 100) AS name, DATE '2020-01-01' + (range % 1000)::INTEGER AS day, "
      "range % 3 = 0 AS flag, CASE WHEN range % 11 = 0 THEN NULL ELSE range END AS maybe, "
      "42 AS constant FROM range(150000)",
      "CREATE VIEW name_counts AS SELECT name, count(*) AS c FROM typed GROUP BY name",
  };
  for (int64_t b = 1; b <= 30; b++) {
    setup.push_back(InsertBatchSql(b, 0, b == 7 ? 130000 : 200 * b));
    if (b % 4 == 0) setup.push_back(UpdateBatchSql(b - 1, 1));
    if (b % 5 == 0) setup.push_back(DeleteBatchSql(b - 3));
  }
  setup.push_back("CHECKPOINT");
  for (const std::string& sql : setup) {
    Status s = Execute(c, sql);
    if (!s.ok()) {
      std::fprintf(stderr, "corruption: building the reference: %s: %s\n", sql.c_str(),
                   std::string(s.message()).c_str());
      return 1;
    }
  }
  // Transactions left in the log.
  std::vector<std::string> logged = {InsertBatchSql(100, 0, 500), UpdateBatchSql(100, 3),
                                     DeleteBatchSql(2), InsertBatchSql(101, 0, 3000),
                                     "DELETE FROM typed WHERE id % 1000 = 5"};
  std::ofstream out(digests_path);
  for (size_t i = 0; i <= logged.size(); i++) {
    if (i > 0 && !Execute(c, logged[i - 1]).ok()) return 1;
    StatusOr<std::string> d = Digest(c);
    if (!d.ok()) return 1;
    std::string line = *d;
    for (char& ch : line) ch = ch == '\n' ? ';' : ch;
    out << line << "\n";
  }
  out.close();
  // Stop without the checkpoint a close would make: the log keeps its transactions.
  std::fflush(nullptr);
  _exit(0);
}

enum class Damage { kFlipBits, kPageHeader, kHeaderSlot, kZeroPage, kGarbagePage, kCut, kLog };
constexpr Damage kDamages[] = {Damage::kFlipBits, Damage::kPageHeader,  Damage::kHeaderSlot,
                               Damage::kZeroPage, Damage::kGarbagePage, Damage::kCut,
                               Damage::kLog,      Damage::kFlipBits};
const char* DamageName(Damage d) {
  switch (d) {
    case Damage::kFlipBits:
      return "bit flips";
    case Damage::kPageHeader:
      return "page header";
    case Damage::kHeaderSlot:
      return "header slot";
    case Damage::kZeroPage:
      return "zeroed page";
    case Damage::kGarbagePage:
      return "garbage page";
    case Damage::kCut:
      return "cut short";
    case Damage::kLog:
      return "log byte";
  }
  return "?";
}

// Damages the copy at `path`; returns a description.
std::string Inflict(Damage damage, const std::string& path, std::mt19937_64& rng) {
  auto uniform = [&](uint64_t lo, uint64_t hi) {
    return std::uniform_int_distribution<uint64_t>(lo, hi)(rng);
  };
  std::string target = damage == Damage::kLog ? path + ".wal" : path;
  auto file = FileHandle::Open(target, FileHandle::Mode::kReadWrite);
  if (!file.ok()) return "cannot open the copy";
  uint64_t size = *(*file)->Size();
  uint64_t pages = size / kPageSize;
  auto flip = [&](uint64_t offset) {
    uint8_t b;
    (void)(*file)->ReadAt(offset, &b, 1);
    b ^= static_cast<uint8_t>(uniform(1, 255));
    (void)(*file)->WriteAt(offset, &b, 1);
  };
  std::string what;
  switch (damage) {
    case Damage::kFlipBits: {
      uint64_t n = uniform(1, 4);
      for (uint64_t i = 0; i < n; i++) {
        uint64_t at = uniform(0, size - 1);
        flip(at);
        what += Concat(i ? ", " : "", "byte ", at, " (page ", at / kPageSize, ")");
      }
      break;
    }
    case Damage::kPageHeader: {
      uint64_t page = uniform(0, pages - 1), at = page * kPageSize + uniform(0, 47);
      flip(at);
      what = Concat("byte ", at, " (page ", page, " header)");
      break;
    }
    case Damage::kHeaderSlot: {
      uint64_t at = uniform(0, 1) * kPageSize + uniform(0, 143);
      flip(at);
      what = Concat("byte ", at, " (header slot ", at / kPageSize, ")");
      break;
    }
    case Damage::kZeroPage:
    case Damage::kGarbagePage: {
      uint64_t page = uniform(0, pages - 1);
      std::string bytes(kPageSize, '\0');
      if (damage == Damage::kGarbagePage) {
        for (char& ch : bytes) ch = static_cast<char>(uniform(0, 255));
      }
      (void)(*file)->WriteAt(page * kPageSize, bytes.data(), bytes.size());
      what = Concat("page ", page);
      break;
    }
    case Damage::kCut: {
      uint64_t to = uniform(0, 1) ? uniform(0, pages - 1) * kPageSize : uniform(0, size - 1);
      (void)(*file)->Truncate(to);
      what = Concat("to ", to, " of ", size, " bytes");
      break;
    }
    case Damage::kLog: {
      uint64_t at = uniform(0, size - 1);
      flip(at);
      what = Concat("log byte ", at, " of ", size);
      break;
    }
  }
  return Concat(DamageName(damage), ": ", what);
}

// Exit codes of a trial.
constexpr int kCorrect = 0;
constexpr int kCorrectNoted = 1;  // right answers; integrity_check reports the damage
constexpr int kErrorNamingPage = 2;
constexpr int kError = 3;
constexpr int kWrongAnswer = 10;
constexpr int kUnclearError = 11;
constexpr int kCheckMissedDamage = 12;

bool Clear(const Status& s) {
  std::string m(s.message());
  return m.starts_with("Corruption Error") || m.starts_with("IO Error");
}
bool NamesPage(const Status& s) {
  return std::string(s.message()).find("page ") != std::string::npos;
}

int Trial(const std::string& path, bool read_only, const std::vector<std::string>& accepted,
          bool verbose) {
  DatabaseOptions options;
  options.read_only = read_only;
  options.threads = 1;
  auto error = [&](const Status& s, std::string_view when) {
    if (verbose)
      std::printf("  %.*s: %s\n", static_cast<int>(when.size()), when.data(),
                  std::string(s.message()).c_str());
    if (!Clear(s)) {
      std::fprintf(stderr, "corruption: unclear error %.*s: %s\n", static_cast<int>(when.size()),
                   when.data(), std::string(s.message()).c_str());
      return kUnclearError;
    }
    return NamesPage(s) ? kErrorNamingPage : kError;
  };
  auto db = Database::Open(path, options);
  if (!db.ok()) return error(db.status(), "opening");
  Connection connection(**db);
  StatusOr<std::string> digest = Digest(connection);
  Status integrity = CheckIntegrity(connection);
  if (!digest.ok()) {
    if (integrity.ok()) {
      std::fprintf(stderr, "corruption: integrity_check passed, a query failed: %s\n",
                   std::string(digest.status().message()).c_str());
      return kCheckMissedDamage;
    }
    return error(digest.status(), "querying");
  }
  std::string line = *digest;
  for (char& ch : line) ch = ch == '\n' ? ';' : ch;
  bool right = false;
  for (const std::string& a : accepted) right |= line == a;
  if (!right) {
    std::fprintf(stderr,
                 "corruption: wrong answer without an error:\n  got      %s\n  expected %s\n",
                 line.c_str(), accepted.back().c_str());
    return kWrongAnswer;
  }
  if (verbose && !integrity.ok()) {
    std::printf("  noted: %s\n", std::string(integrity.message()).c_str());
  }
  return integrity.ok() ? kCorrect : kCorrectNoted;
}

int Run(const Options& o) {
  std::string dir = o.dir.empty() ? MakeTempDirectory("fluxdb_corruption_") : o.dir;
  std::filesystem::create_directories(dir);
  std::string reference = dir + "/reference.fluxdb", digests = dir + "/digests";
  std::filesystem::remove(reference);
  std::filesystem::remove(reference + ".wal");
  ChildOutcome built = RunChild([&] { return BuildReference(reference, digests); }, 300);
  std::vector<std::string> states;
  {
    std::ifstream in(digests);
    for (std::string line; std::getline(in, line);) states.push_back(line);
  }
  if (!built.exited || built.code != 0 || states.size() < 2) {
    std::fprintf(stderr, "corruption: building the reference failed (%s)\n",
                 built.Describe().c_str());
    return 1;
  }
  // The undamaged copy must give the final answers, and the integrity check must pass.
  std::string copy = dir + "/damaged.fluxdb";
  auto restore = [&] {
    for (const char* suffix : {"", ".wal"}) {
      std::filesystem::copy_file(reference + suffix, copy + suffix,
                                 std::filesystem::copy_options::overwrite_existing);
    }
  };
  restore();
  ChildOutcome sane = RunChild([&] { return Trial(copy, true, {states.back()}, o.verbose); }, 120);
  if (!sane.exited || sane.code != kCorrect) {
    std::fprintf(stderr, "corruption: the undamaged reference fails (%s)\n",
                 sane.Describe().c_str());
    return 1;
  }

  std::mt19937_64 rng(o.seed);
  int tried = 0, failures = 0, naming = 0, other_errors = 0, correct = 0, noted = 0;
  std::string details;
  for (int i = 0; i < o.files; i++) {
    restore();
    Damage damage = kDamages[i % (sizeof(kDamages) / sizeof(kDamages[0]))];
    std::string what = Inflict(damage, copy, rng);
    // Damage to the log loses the transactions from the damaged record on; nothing else may.
    std::vector<std::string> accepted = {states.back()};
    if (damage == Damage::kLog) accepted = states;
    bool read_only = i % 2 == 1;
    if (o.verbose) std::printf("file %d: %s%s\n", i + 1, what.c_str(), read_only ? " (ro)" : "");
    ChildOutcome outcome =
        RunChild([&] { return Trial(copy, read_only, accepted, o.verbose); }, 60);
    tried++;
    int code = outcome.exited ? outcome.code : -1;
    switch (code) {
      case kCorrect:
        correct++;
        continue;
      case kCorrectNoted:
        correct++;
        noted++;
        continue;
      case kErrorNamingPage:
        naming++;
        continue;
      case kError:
        other_errors++;
        continue;
      default:
        break;
    }
    failures++;
    std::string line = Concat("file ", i + 1, " (", what, read_only ? ", read-only" : "",
                              "): ", outcome.exited ? Concat("exit ", code) : outcome.Describe());
    std::fprintf(stderr, "corruption: FAILED %s\n", line.c_str());
    if (failures == 1) {
      for (const char* suffix : {"", ".wal"}) {
        std::filesystem::copy_file(copy + suffix, dir + "/failed.fluxdb" + suffix,
                                   std::filesystem::copy_options::overwrite_existing);
      }
    }
    details += "\n  " + line;
  }
  std::printf(
      "corruption: %d errors naming the page, %d other clear errors, %d right answers (%d with "
      "the damage noted by integrity_check)\n",
      naming, other_errors, correct, noted);
  if (failures > 0) {
    std::fprintf(stderr, "corruption: failures (first damaged copy kept in %s):%s\n", dir.c_str(),
                 details.c_str());
  }
  std::printf("corruption: %d files tried, %d crashes\n", tried, failures);
  if (failures > 0) return 1;
  if (o.dir.empty()) std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace fluxdb::torture

int main(int argc, char** argv) {
  // Line-buffered even into a pipe: the summary stays the last line after the details on stderr.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  fluxdb::torture::Options o;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (arg == "--files" && i + 1 < argc) {
      o.files = std::atoi(argv[++i]);
    } else if (arg == "--seed" && i + 1 < argc) {
      o.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--dir" && i + 1 < argc) {
      o.dir = argv[++i];
    } else if (arg == "--quick") {
      o.files = 12;
    } else if (arg == "--verbose" || arg == "-v") {
      o.verbose = true;
    } else {
      std::fputs(fluxdb::torture::kUsage, arg == "--help" || arg == "-h" ? stdout : stderr);
      return arg == "--help" || arg == "-h" ? 0 : 1;
    }
  }
  if (o.files < 1) {
    std::fputs("corruption: --files must be at least 1\n", stderr);
    return 1;
  }
  return fluxdb::torture::Run(o);
}
