// fluxdb-torture-faults: injects I/O faults into a SQL workload and checks that each one comes
// back as a clean error and that the files reopen to the last successful commit.
//
//   fluxdb-torture-faults [--per-kind N] [--seed S] [--dir DIR] [--quick] [--verbose]
//
// The workload (one thread, 4 KiB pages, a small buffer cache so that evictions write pages in
// the middle of statements) creates the batch table and runs transactions: batches inserted in
// two statements, one large enough to seal a row group at commit, updates and deletes of whole
// batches, CHECKPOINTs and a VACUUM, then closes the database (which checkpoints). A first run
// counts the writes, syncs and truncates it makes. Then for each fault (short write, ENOSPC, torn
// write = power cut, failed fsync once and for good, failed truncate) and N values spread over
// those counts, a child process arms the FaultInjector (storage/fault_injector.h) to fail the
// Nth call and runs the workload. Every statement must succeed or fail with an IO Error; after a
// failure the transaction is rolled back and the workload goes on. Then the database is closed,
// the injector disarmed - the restart: only the files carry over - and the database reopened: its
// batches must be exactly those whose COMMIT succeeded (after a permanent fault, the one COMMIT
// that failed may be there too: its records can be complete in the log), PRAGMA integrity_check
// must say ok, and a new commit must work.
//
// The last line is "faults: N injected, M unrecovered"; any failure exits 1 with the details.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "main/connection.h"
#include "main/database.h"
#include "storage/fault_injector.h"
#include "tools/torture/batch_table.h"
#include "tools/torture/child_process.h"

namespace fluxdb::torture {
namespace {

constexpr char kUsage[] =
    "Usage: fluxdb-torture-faults [--per-kind N] [--seed S] [--dir DIR] [--quick] [--verbose]\n"
    "                             [--case FAULT:N]\n"
    "Fails the Nth write / fsync / truncate of a workload, for N values per kind of fault\n"
    "(default 40; --quick 2), and checks the error and the recovery. --case runs one (FAULT:\n"
    "short-write, enospc, torn-write, fsync, fsync-for-good or truncate), as failures name them.\n";

struct Options {
  int per_kind = 40;
  uint64_t seed = 1;
  std::string dir;
  bool verbose = false;
  std::string only;  // --case: "<sweep id>:<N>"
};

struct Sweep {
  Fault fault;
  bool sticky;
  std::string Name() const { return Concat(FaultName(fault), sticky ? " (for good)" : ""); }
  std::string Id() const {
    return Concat(FaultName(fault), sticky && fault != Fault::kTornWrite ? "-for-good" : "");
  }
};

const std::vector<Sweep>& Sweeps() {
  static const std::vector<Sweep> sweeps = {
      {Fault::kShortWrite, false},  {Fault::kNoSpace, false},    {Fault::kTornWrite, true},
      {Fault::kSyncFailure, false}, {Fault::kSyncFailure, true}, {Fault::kTruncateFailure, false},
  };
  return sweeps;
}

DatabaseOptions WorkloadOptions() {
  DatabaseOptions options;
  options.threads = 1;
  options.page_size = 4096;
  options.memory_limit = 4 << 20;  // a 2 MiB buffer cache: evictions write pages mid-statement
  return options;
}

// One step of the workload: statements that succeed or fail together, and what they change.
struct Step {
  std::vector<std::string> sql;
  std::string effect;  // I:<batch>:<rows>, U:<batch>:<version>, D:<batch>, or "" (maintenance)
};

std::vector<Step> Workload() {
  std::vector<Step> steps;
  const int64_t rows[] = {50, 3000, 20000, 400, 125000, 7, 9000, 1500, 60, 30000, 2500, 800};
  int64_t batches = sizeof(rows) / sizeof(rows[0]);
  for (int64_t b = 1; b <= batches; b++) {
    int64_t n = rows[b - 1], half = n / 2;
    steps.push_back(
        {{"BEGIN", InsertBatchSql(b, 0, half), InsertBatchSql(b, half, n - half), "COMMIT"},
         Concat("I:", b, ":", n)});
    if (b % 3 == 0) steps.push_back({{UpdateBatchSql(b - 1, b)}, Concat("U:", b - 1, ":", b)});
    if (b % 4 == 0) steps.push_back({{DeleteBatchSql(b - 2)}, Concat("D:", b - 2)});
    if (b == 4 || b == 8) steps.push_back({{"CHECKPOINT"}, ""});
    if (b == 10) steps.push_back({{"VACUUM"}, ""});
  }
  return steps;
}

void Apply(const std::string& effect, BatchModel* model) {
  if (effect.empty()) return;
  int64_t a = std::atoll(effect.c_str() + 2);
  size_t colon = effect.find(':', 2);
  int64_t b = colon == std::string::npos ? 0 : std::atoll(effect.c_str() + colon + 1);
  if (effect[0] == 'I') (*model)[a] = {b, 0};
  // An UPDATE of a batch that never committed changes nothing.
  if (effect[0] == 'U' && model->contains(a)) (*model)[a].version = b;
  if (effect[0] == 'D') model->erase(a);
}

// Exit codes of a run.
constexpr int kRecovered = 0;
constexpr int kUnrecovered = 1;
constexpr int kUnclean = 2;
constexpr int kNotFired = 3;

struct RunReport {
  bool table = false;    // CREATE TABLE committed
  BatchModel committed;  // batches of the transactions that committed
  // The failed COMMIT a permanent fault may or may not have let reach the log whole: "T" for
  // the CREATE TABLE, else a step's effect.
  std::optional<std::string> doubt;
  int failed_statements = 0;
  std::string first_error;
  std::string first_failed;  // the statement
};

bool Permanent(const FaultPlan& plan) { return plan.sticky || plan.fault == Fault::kTornWrite; }

// The workload with `plan` armed. An error other than a clean IO error is returned.
Status RunWorkload(const std::string& path, const FaultPlan& plan, RunReport* report) {
  std::string current;
  auto failed = [&](const Status& s, const std::string& effect) -> Status {
    report->failed_statements++;
    if (report->first_error.empty()) {
      report->first_error = std::string(s.message());
      report->first_failed = current.substr(0, 60);
    }
    if (std::string(s.message()).find("IO Error") == std::string::npos) {
      return InternalError("not a clean IO error: ", s.message());
    }
    // After a permanent fault only the first failure can have reached the disk.
    if (Permanent(plan) && !report->doubt.has_value()) report->doubt = effect;
    return absl::OkStatus();
  };
  auto db = Database::Open(path, WorkloadOptions());
  if (!db.ok()) return failed(db.status(), "");
  Connection connection(**db);
  Status created = Execute(connection, CreateBatchTableSql());
  if (!created.ok()) return failed(created, "T");
  report->table = true;
  for (const Step& step : Workload()) {
    Status s;
    for (const std::string& sql : step.sql) {
      current = sql;
      s = Execute(connection, sql);
      if (!s.ok()) break;
    }
    if (s.ok()) {
      Apply(step.effect, &report->committed);
      continue;
    }
    FLUX_RETURN_IF_ERROR(failed(s, step.effect));
    (void)Execute(connection, "ROLLBACK");  // the transaction, if the failure left it open
  }
  return absl::OkStatus();
}

// What the restarted database holds: nullopt when the table does not exist.
StatusOr<std::optional<BatchModel>> ReadAfterRestart(Connection& connection) {
  FLUX_ASSIGN_OR_RETURN(auto tables,
                        connection.Query("SELECT count(*) FROM information_schema.tables "
                                         "WHERE table_name = 'batches'"));
  if (tables->GetValue(0, 0).GetInt64() == 0) return std::optional<BatchModel>();
  FLUX_ASSIGN_OR_RETURN(BatchModel model, ReadBatches(connection));
  return std::optional<BatchModel>(std::move(model));
}

int FaultRun(const std::string& path, const FaultPlan& plan, bool verbose) {
  RunReport report;
  FaultInjector::Arm(plan);
  Status ran = RunWorkload(path, plan, &report);
  // The database is closed (its checkpoint on close may fail too): restart without faults.
  bool fired = FaultInjector::fired();
  FaultInjector::Disarm();
  if (!ran.ok()) {
    std::fprintf(stderr, "faults: %s\n", std::string(ran.message()).c_str());
    return kUnclean;
  }
  if (!fired) return kNotFired;
  if (std::getenv("FLUXDB_TORTURE_KEEP") != nullptr) {
    for (const char* suffix : {"", ".wal"}) {
      std::filesystem::copy_file(path + suffix, path + ".kept" + suffix,
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
  if (verbose) {
    std::printf("  %d statements failed%s%s%s%s\n", report.failed_statements,
                report.first_error.empty() ? "" : ", first: ", report.first_failed.c_str(),
                report.first_error.empty() ? "" : ": ", report.first_error.c_str());
  }

  DatabaseOptions restart = WorkloadOptions();
  restart.memory_limit = 256 << 20;  // the checking queries need more than the workload
  auto db = Database::Open(path, restart);
  if (!db.ok()) {
    std::fprintf(stderr, "faults: reopening failed: %s\n",
                 std::string(db.status().message()).c_str());
    return kUnrecovered;
  }
  Connection connection(**db);
  StatusOr<std::optional<BatchModel>> found = ReadAfterRestart(connection);
  if (!found.ok()) {
    std::fprintf(stderr, "faults: reading after the restart: %s\n",
                 std::string(found.status().message()).c_str());
    return kUnrecovered;
  }
  bool table_ok = found->has_value() == report.table || report.doubt == "T";
  BatchModel with_doubt = report.committed;
  if (report.doubt.has_value() && *report.doubt != "T") Apply(*report.doubt, &with_doubt);
  BatchModel seen = found->value_or(BatchModel());
  if (!table_ok || (seen != report.committed && seen != with_doubt)) {
    std::fprintf(stderr, "faults: after the restart: %s (statements failed: %d, first: %s)\n",
                 table_ok ? DescribeDifference(report.committed, seen).c_str()
                          : (report.table ? "the table is gone" : "a table that never committed"),
                 report.failed_statements, report.first_error.c_str());
    return kUnrecovered;
  }
  Status integrity = CheckIntegrity(connection);
  if (!integrity.ok()) {
    std::fprintf(stderr, "faults: after the restart: %s\n",
                 std::string(integrity.message()).c_str());
    return kUnrecovered;
  }
  // The restarted database takes new commits.
  Status s =
      Execute(connection, found->has_value() ? InsertBatchSql(1000, 0, 10) : CreateBatchTableSql());
  if (!s.ok()) {
    std::fprintf(stderr, "faults: a commit after the restart failed: %s\n",
                 std::string(s.message()).c_str());
    return kUnrecovered;
  }
  return kRecovered;
}

int Run(const Options& o) {
  std::string dir = o.dir.empty() ? MakeTempDirectory("fluxdb_faults_") : o.dir;
  std::filesystem::create_directories(dir);
  auto reset = [&](const std::string& path) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + ".wal");
  };

  // How many calls of each kind the workload makes.
  std::string counted = dir + "/count.fluxdb", counts_file = dir + "/counts";
  reset(counted);
  ChildOutcome counting = RunChild(
      [&] {
        RunReport report;
        FaultInjector::Arm({Fault::kNone});
        Status ran = RunWorkload(counted, {Fault::kNone}, &report);
        FileOpCounts c = FaultInjector::counts();
        FaultInjector::Disarm();
        if (!ran.ok() || report.failed_statements > 0) {
          std::fprintf(stderr, "faults: the workload fails without faults: %s\n",
                       report.first_error.c_str());
          return 1;
        }
        std::ofstream(counts_file) << c.writes << " " << c.syncs << " " << c.truncates << "\n";
        return 0;
      },
      300);
  FileOpCounts total;
  std::ifstream(counts_file) >> total.writes >> total.syncs >> total.truncates;
  if (!counting.exited || counting.code != 0 || total.writes == 0) {
    std::fprintf(stderr, "faults: counting run failed (%s)\n", counting.Describe().c_str());
    return 1;
  }
  std::printf("faults: the workload makes %llu writes, %llu syncs, %llu truncates\n",
              static_cast<unsigned long long>(total.writes),
              static_cast<unsigned long long>(total.syncs),
              static_cast<unsigned long long>(total.truncates));

  std::mt19937_64 rng(o.seed);
  int injected = 0, unrecovered = 0;
  std::string failures;
  for (const Sweep& sweep : Sweeps()) {
    uint64_t calls = sweep.fault == Fault::kSyncFailure       ? total.syncs
                     : sweep.fault == Fault::kTruncateFailure ? total.truncates
                                                              : total.writes;
    // N values spread over the calls: one from each of per_kind equal slices.
    std::vector<uint64_t> ns;
    uint64_t slices = std::min<uint64_t>(calls, o.per_kind);
    for (uint64_t i = 0; i < slices; i++) {
      uint64_t lo = i * calls / slices, hi = (i + 1) * calls / slices;
      ns.push_back(lo + std::uniform_int_distribution<uint64_t>(0, hi - lo - 1)(rng));
    }
    if (!o.only.empty()) {
      ns.clear();
      if (o.only.starts_with(sweep.Id() + ":")) {
        ns.push_back(std::strtoull(o.only.c_str() + sweep.Id().size() + 1, nullptr, 10));
      }
    }
    int fired = 0;
    for (uint64_t nth : ns) {
      std::string path = dir + "/fault.fluxdb";
      reset(path);
      FaultPlan plan{sweep.fault, nth, sweep.sticky};
      if (o.verbose)
        std::printf("%s at call %llu\n", sweep.Name().c_str(),
                    static_cast<unsigned long long>(nth));
      ChildOutcome outcome = RunChild([&] { return FaultRun(path, plan, o.verbose); }, 300);
      if (outcome.exited && outcome.code == kNotFired) continue;
      fired++;
      injected++;
      if (outcome.exited && outcome.code == kRecovered) continue;
      unrecovered++;
      std::string what = outcome.exited && outcome.code == kUnclean ? "unclean error"
                         : outcome.exited                           ? "not recovered"
                                                                    : outcome.Describe();
      std::string line = Concat(sweep.Name(), " at call ", nth, ": ", what, " (--case ", sweep.Id(),
                                ":", nth, ")");
      std::fprintf(stderr, "faults: FAILED %s\n", line.c_str());
      if (failures.empty()) {
        // Keep the first failure's files for a look.
        std::filesystem::copy_file(path, dir + "/failed.fluxdb",
                                   std::filesystem::copy_options::overwrite_existing);
      }
      failures += "\n  " + line;
    }
    std::printf("faults: %-20s %d injected\n", sweep.Name().c_str(), fired);
  }
  if (unrecovered > 0) {
    std::fprintf(stderr, "faults: failures (files in %s):%s\n", dir.c_str(), failures.c_str());
  }
  std::printf("faults: %d injected, %d unrecovered\n", injected, unrecovered);
  if (unrecovered > 0) return 1;
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
    if (arg == "--per-kind" && i + 1 < argc) {
      o.per_kind = std::atoi(argv[++i]);
    } else if (arg == "--seed" && i + 1 < argc) {
      o.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--dir" && i + 1 < argc) {
      o.dir = argv[++i];
    } else if (arg == "--quick") {
      o.per_kind = 2;
    } else if (arg == "--case" && i + 1 < argc) {
      o.only = argv[++i];
    } else if (arg == "--verbose" || arg == "-v") {
      o.verbose = true;
    } else {
      std::fputs(fluxdb::torture::kUsage, arg == "--help" || arg == "-h" ? stdout : stderr);
      return arg == "--help" || arg == "-h" ? 0 : 1;
    }
  }
  if (o.per_kind < 1) {
    std::fputs("faults: --per-kind must be at least 1\n", stderr);
    return 1;
  }
  return fluxdb::torture::Run(o);
}
