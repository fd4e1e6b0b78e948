// fluxdb-torture-crash: kills a writing process at random moments and checks what survives.
//
//   fluxdb-torture-crash [--kills N] [--seed S] [--dir DIR] [--quick] [--verbose]
//
// A writer process opens the database and commits transactions in a loop: new batches (one to
// three INSERTs in a transaction, sometimes with an UPDATE or DELETE of another batch), whole-batch
// UPDATEs and DELETEs, rolled-back batches, CHECKPOINT and VACUUM. It notes each transaction in a
// journal before starting it and again once COMMIT has returned success. The parent SIGKILLs the
// writer after a random delay (some while it opens the database, some just after a checkpoint
// started), then a verifier process reopens the database and compares it with the model the
// journal gives: every acknowledged transaction is there whole, the one in flight at the kill is
// there whole or not at all, nothing else is, and PRAGMA integrity_check says ok. Every fifth
// verifier opens read-write (it recovers the files as the next writer would and checkpoints on
// close); the others open read-only and leave the recovery to the next writer.
//
// The last line is "crash: N kills survived, M data lost"; any failure exits 1 with the details.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "main/connection.h"
#include "main/database.h"
#include "tools/torture/batch_table.h"
#include "tools/torture/child_process.h"

namespace fluxdb::torture {
namespace {

constexpr char kUsage[] =
    "Usage: fluxdb-torture-crash [--kills N] [--seed S] [--dir DIR] [--quick] [--verbose]\n"
    "Kills a writer N times (default 120; --quick 10) at random moments and checks that every\n"
    "acknowledged transaction survives whole and the file checks clean.\n";

struct Options {
  int kills = 120;
  uint64_t seed = 1;
  std::string dir;
  bool verbose = false;
};

// One transaction of the writer, as the journal records it: "<seq> B <effect>..." before it
// starts, "<seq> K" after it committed. Effects: I:<batch>:<rows>, U:<batch>:<version>,
// D:<batch>, C (checkpoint), V (vacuum), R:<batch> (inserted, then rolled back: must not appear).
struct Transaction {
  std::vector<std::string> effects;
  bool acknowledged = false;
};

void Apply(const std::vector<std::string>& effects, BatchModel* model) {
  for (const std::string& e : effects) {
    std::vector<int64_t> args;
    std::stringstream in(e.substr(1));
    std::string part;
    while (std::getline(in, part, ':')) {
      if (!part.empty()) args.push_back(std::atoll(part.c_str()));
    }
    if (e[0] == 'I') (*model)[args[0]] = {args[1], 0};
    if (e[0] == 'U' && model->contains(args[0])) (*model)[args[0]].version = args[1];
    if (e[0] == 'D') model->erase(args[0]);
  }
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

DatabaseOptions WriterOptions() {
  DatabaseOptions options;
  options.threads = 1;
  options.page_size = 16384;
  options.memory_limit = 256 << 20;
  return options;
}

// ---- the writer ----

class Writer {
 public:
  Writer(int journal, uint64_t seed, int64_t next_batch)
      : journal_(journal), rng_(seed), next_batch_(next_batch) {}

  int Run(const std::string& path) {
    auto db = Database::Open(path, WriterOptions());
    if (!db.ok()) return Fail("open", db.status());
    Connection connection(**db);
    StatusOr<BatchModel> live = ReadBatches(connection);
    if (!live.ok()) return Fail("reading the batches", live.status());
    live_ = std::move(*live);
    for (uint64_t seq = 0;; seq++) {
      std::vector<std::string> effects;
      std::vector<std::string> statements = Next(&effects);
      Journal(Concat(seq, " B ", Join(effects), "\n"));
      for (const std::string& sql : statements) {
        Status s = Execute(connection, sql);
        if (!s.ok()) return Fail(sql, s);
      }
      Journal(Concat(seq, " K\n"));
      Apply(effects, &live_);
    }
  }

 private:
  int Fail(std::string_view what, const Status& status) {
    std::fprintf(stderr, "crash: the writer failed: %.*s: %s\n", static_cast<int>(what.size()),
                 what.data(), std::string(status.message()).c_str());
    return 3;
  }

  // write(2) straight away: a line is in the kernel before the statement it announces runs, so
  // a SIGKILL cannot lose it.
  void Journal(const std::string& line) {
    if (write(journal_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(4);
  }

  int64_t Uniform(int64_t lo, int64_t hi) {  // [lo, hi]
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  int64_t RandomLive() {
    auto it = live_.begin();
    std::advance(it, Uniform(0, static_cast<int64_t>(live_.size()) - 1));
    return it->first;
  }
  int64_t BatchRows() {
    int64_t p = Uniform(0, 999);
    if (p < 600) return Uniform(1, 300);
    if (p < 900) return Uniform(300, 5000);
    if (p < 985) return Uniform(5000, 30000);
    return Uniform(123000, 135000);  // crosses a row group boundary (122,880 rows)
  }

  // The statements of the next transaction and its effects.
  std::vector<std::string> Next(std::vector<std::string>* effects) {
    std::vector<std::string> sql;
    int64_t kind = Uniform(0, 99);
    if (live_.size() > 24) {
      // Keeps the table small: the oldest batch goes, together with whatever comes next.
      int64_t oldest = live_.begin()->first;
      sql.push_back(DeleteBatchSql(oldest));
      effects->push_back(Concat("D:", oldest));
    }
    if (kind < 65 || live_.empty()) {
      int64_t batch = next_batch_++;
      int64_t rows = BatchRows();
      int64_t pieces = std::min<int64_t>(rows, Uniform(1, 3));
      for (int64_t p = 0, first = 0; p < pieces; p++) {
        int64_t count = p + 1 == pieces ? rows - first : rows / pieces;
        sql.push_back(InsertBatchSql(batch, first, count));
        first += count;
      }
      effects->push_back(Concat("I:", batch, ":", rows));
      if (!live_.empty() && Uniform(0, 3) == 0) {
        int64_t other = RandomLive();
        if (!Touched(*effects, other)) {
          sql.push_back(UpdateBatchSql(other, live_[other].version + 1));
          effects->push_back(Concat("U:", other, ":", live_[other].version + 1));
        }
      }
    } else if (kind < 77) {
      int64_t batch = RandomLive();
      if (!Touched(*effects, batch)) {
        sql.push_back(UpdateBatchSql(batch, live_[batch].version + 1));
        effects->push_back(Concat("U:", batch, ":", live_[batch].version + 1));
      }
    } else if (kind < 85) {
      int64_t batch = RandomLive();
      if (!Touched(*effects, batch)) {
        sql.push_back(DeleteBatchSql(batch));
        effects->push_back(Concat("D:", batch));
      }
    } else if (kind < 92 && effects->empty()) {
      sql.push_back("CHECKPOINT");
      effects->push_back("C");
      return sql;
    } else if (kind < 94 && effects->empty()) {
      sql.push_back("VACUUM");
      effects->push_back("V");
      return sql;
    } else if (effects->empty()) {
      int64_t batch = next_batch_++;
      effects->push_back(Concat("R:", batch));
      return {"BEGIN", InsertBatchSql(batch, 0, BatchRows()), "ROLLBACK"};
    }
    if (sql.size() > 1) {
      sql.insert(sql.begin(), "BEGIN");
      sql.push_back("COMMIT");
    }
    return sql;
  }

  static bool Touched(const std::vector<std::string>& effects, int64_t batch) {
    for (const std::string& e : effects) {
      if (e.starts_with(Concat("D:", batch))) return true;
    }
    return false;
  }

  int journal_;
  std::mt19937_64 rng_;
  int64_t next_batch_;
  BatchModel live_;
};

// ---- the verifier ----

constexpr int kMatchesBefore = 10;  // the transaction in flight at the kill left no trace
constexpr int kMatchesAfter = 11;   // it is there whole

int Verify(const std::string& path, bool read_write, const BatchModel& before,
           const BatchModel& after) {
  DatabaseOptions options;
  options.read_only = !read_write;
  options.threads = 2;
  auto db = Database::Open(path, options);
  if (!db.ok()) {
    std::fprintf(stderr, "crash: reopening failed: %s\n",
                 std::string(db.status().message()).c_str());
    return 2;
  }
  Connection connection(**db);
  StatusOr<BatchModel> found = ReadBatches(connection);
  if (!found.ok()) {
    std::fprintf(stderr, "crash: %s\n", std::string(found.status().message()).c_str());
    return 2;
  }
  Status integrity = CheckIntegrity(connection);
  if (!integrity.ok()) {
    std::fprintf(stderr, "crash: %s\n", std::string(integrity.message()).c_str());
    return 3;
  }
  if (*found == before) return kMatchesBefore;
  if (*found == after) return kMatchesAfter;
  std::fprintf(stderr, "crash: data lost or extra: %s\n",
               DescribeDifference(before, *found).c_str());
  if (before != after) {
    std::fprintf(stderr, "crash: (counting the transaction in flight: %s)\n",
                 DescribeDifference(after, *found).c_str());
  }
  return 2;
}

// ---- the parent ----

std::vector<Transaction> ReadJournal(const std::string& path) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<Transaction> out;
  size_t pos = 0;
  for (size_t end; (end = text.find('\n', pos)) != std::string::npos; pos = end + 1) {
    std::stringstream line(text.substr(pos, end - pos));  // a torn last line has no '\n'
    uint64_t seq;
    std::string tag;
    line >> seq >> tag;
    if (tag == "B") {
      out.emplace_back();
      for (std::string e; line >> e;) out.back().effects.push_back(e);
    } else if (tag == "K" && !out.empty()) {
      out.back().acknowledged = true;
    }
  }
  return out;
}

bool JournalShowsMaintenance(const std::string& path, size_t* checked) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bool found = text.find(" B C\n", *checked) != std::string::npos ||
               text.find(" B V\n", *checked) != std::string::npos;
  *checked = text.size() > 8 ? text.size() - 8 : 0;
  return found;
}

int Run(const Options& o) {
  std::string dir = o.dir.empty() ? MakeTempDirectory("fluxdb_crash_") : o.dir;
  std::filesystem::create_directories(dir);
  std::string path = dir + "/crash.fluxdb";
  std::string journal = dir + "/journal";
  std::filesystem::remove(path);
  std::filesystem::remove(path + ".wal");
  ChildOutcome setup = RunChild(
      [&] {
        auto db = Database::Open(path, WriterOptions());
        if (!db.ok()) return 1;
        Connection connection(**db);
        return Execute(connection, CreateBatchTableSql()).ok() ? 0 : 1;
      },
      60);
  if (!setup.exited || setup.code != 0) {
    std::fprintf(stderr, "crash: creating %s failed (%s)\n", path.c_str(),
                 setup.Describe().c_str());
    return 1;
  }

  std::mt19937_64 rng(o.seed);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  BatchModel model;
  int64_t next_batch = 1;
  int during_open = 0, during_maintenance = 0, in_flight = 0, in_flight_applied = 0;
  uint64_t acknowledged = 0;
  auto fail = [&](int kill, const std::string& what) {
    std::fprintf(stderr, "crash: kill %d: %s (files kept in %s)\n", kill + 1, what.c_str(),
                 dir.c_str());
    std::printf("crash: %d kills survived, 1 data lost\n", kill);
    return 1;
  };
  for (int kill = 0; kill < o.kills; kill++) {
    std::filesystem::remove(journal);
    int fd = open(journal.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    uint64_t seed = o.seed * 1000003 + kill;
    pid_t writer = StartChild([&] { return Writer(fd, seed, next_batch).Run(path); });
    close(fd);

    int64_t mode = uniform(0, 9);
    auto start = std::chrono::steady_clock::now();
    if (mode < 2) {
      std::this_thread::sleep_for(std::chrono::milliseconds(uniform(0, 40)));
    } else if (mode < 4) {
      // Just after a CHECKPOINT or VACUUM started (or at 3 s, whichever comes first).
      size_t checked = 0;
      while (!JournalShowsMaintenance(journal, &checked) &&
             std::chrono::steady_clock::now() - start < std::chrono::seconds(3)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      std::this_thread::sleep_for(std::chrono::microseconds(uniform(0, 15000)));
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(uniform(40, 400)));
    }
    // A writer that already stopped is a zombie: the kill does nothing and the wait reports how
    // it ended.
    ::kill(writer, SIGKILL);
    ChildOutcome outcome = WaitChild(writer);
    if (outcome.exited) {
      return fail(kill, Concat("the writer stopped by itself (", outcome.Describe(), ")"));
    }

    std::vector<Transaction> txns = ReadJournal(journal);
    const Transaction* doubt = nullptr;
    for (const Transaction& t : txns) {
      for (const std::string& e : t.effects) {
        if (e[0] == 'I' || e[0] == 'R') {
          next_batch = std::max<int64_t>(next_batch, std::atoll(e.c_str() + 2) + 1);
        }
      }
      if (t.acknowledged) {
        Apply(t.effects, &model);
        acknowledged++;
      } else {
        doubt = &t;
      }
    }
    if (txns.empty()) during_open++;
    BatchModel after = model;
    if (doubt != nullptr) {
      Apply(doubt->effects, &after);
      if (doubt->effects == std::vector<std::string>{"C"} ||
          doubt->effects == std::vector<std::string>{"V"}) {
        during_maintenance++;
      } else {
        in_flight++;
      }
    }
    bool read_write = kill % 5 == 4;
    ChildOutcome verified = RunChild([&] { return Verify(path, read_write, model, after); }, 120);
    if (!verified.exited || (verified.code != kMatchesBefore && verified.code != kMatchesAfter)) {
      return fail(kill, Concat("verification failed (", verified.Describe(), "); in flight: ",
                               doubt != nullptr ? Join(doubt->effects) : "nothing"));
    }
    if (verified.code == kMatchesAfter && after != model) {
      model = after;
      in_flight_applied++;
    }
    if (o.verbose) {
      std::printf("kill %d: %zu transactions, in flight: %s -> %s, %zu batches\n", kill + 1,
                  txns.size(), doubt != nullptr ? Join(doubt->effects).c_str() : "-",
                  verified.code == kMatchesAfter ? "applied" : "not applied", model.size());
    }
  }
  // A clean close after all that, then a last look.
  for (bool read_write : {true, false}) {
    ChildOutcome verified = RunChild([&] { return Verify(path, read_write, model, model); }, 120);
    if (!verified.exited || verified.code != kMatchesBefore) {
      return fail(o.kills - 1, Concat("final verification failed (", verified.Describe(), ")"));
    }
  }
  std::printf(
      "crash: %llu transactions acknowledged; kills during open %d, during a transaction %d "
      "(its commit survived in %d), during CHECKPOINT/VACUUM %d\n",
      static_cast<unsigned long long>(acknowledged), during_open, in_flight, in_flight_applied,
      during_maintenance);
  std::printf("crash: %d kills survived, 0 data lost\n", o.kills);
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
    if (arg == "--kills" && i + 1 < argc) {
      o.kills = std::atoi(argv[++i]);
    } else if (arg == "--seed" && i + 1 < argc) {
      o.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--dir" && i + 1 < argc) {
      o.dir = argv[++i];
    } else if (arg == "--quick") {
      o.kills = 10;
    } else if (arg == "--verbose" || arg == "-v") {
      o.verbose = true;
    } else {
      std::fputs(fluxdb::torture::kUsage, arg == "--help" || arg == "-h" ? stdout : stderr);
      return arg == "--help" || arg == "-h" ? 0 : 1;
    }
  }
  if (o.kills < 1) {
    std::fputs("crash: --kills must be at least 1\n", stderr);
    return 1;
  }
  return fluxdb::torture::Run(o);
}
