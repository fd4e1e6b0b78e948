// sqllogictest: runs sqllogictest files (SQLite's and DuckDB's dialects) against FluxDB.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "test/runner/run_driver.h"

using namespace fluxdb;
using namespace fluxdb::slt;

namespace {

constexpr const char* kUsage = R"(usage: sqllogictest [options] FILE_OR_DIR...
Runs every .test file (directories recursively), each in a fresh database.
  -v, --verbose          print each failing record with expected and actual output
  --list-failures        list the failed files at the end
  -j, --jobs N           run N files at once (child processes)
  --timeout SECONDS      per-file time limit; a hung file fails with "timeout" (default 300)
  --dialect D            auto (default), sqlite or duckdb
  --summary-json FILE    write per-file status, reason, record counts and time as JSON
  --expect FILE          files expected to pass (one per line): exit status 1 only if one of
                         them does not pass
  --passing-list FILE    write the names of the files that passed
  --root DIR             report file names relative to DIR
  --threads N            engine threads per database (default: cores / jobs)
  --no-isolate           run files in this process (only with --jobs 1; no timeout)
  --slow                 also run .test_slow files
  --differences FILE     records that disagree with the corpus by a documented semantic
                         difference (`FILE:LINE  reason` per line): skipped with a note if
                         they fail
)";

struct Args {
  DriverOptions driver;
  bool list_failures = false;
  bool slow = false;
  bool threads_given = false;
  std::string summary_json;
  std::string expect_file;
  std::string passing_list;
  std::string root;
  std::string differences;
  std::vector<std::string> paths;
};

[[noreturn]] void Usage(const std::string& error) {
  if (!error.empty()) std::cerr << "sqllogictest: " << error << "\n";
  std::cerr << kUsage;
  std::exit(2);
}

bool ParseArgs(int argc, char** argv, Args& args) {
  args.driver.timeout = 300;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    std::string value;
    bool has_inline_value = false;
    if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
      value = arg.substr(arg.find('=') + 1);
      arg = arg.substr(0, arg.find('='));
      has_inline_value = true;
    }
    auto next = [&]() -> std::string {
      if (has_inline_value) return value;
      if (i + 1 >= argc) Usage(Concat(arg, " needs a value"));
      return argv[++i];
    };
    auto number = [&](const std::string& text) {
      char* end = nullptr;
      double v = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || v < 0) Usage(Concat(arg, ": not a number: ", text));
      return v;
    };
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg == "-v" || arg == "--verbose") {
      args.driver.verbose = true;
    } else if (arg == "--list-failures") {
      args.list_failures = true;
    } else if (arg == "-j" || arg == "--jobs") {
      args.driver.jobs = std::max(1, static_cast<int>(number(next())));
    } else if (arg == "--timeout") {
      args.driver.timeout = number(next());
    } else if (arg == "--dialect") {
      std::string d = next();
      if (d == "auto") {
        args.driver.runner.dialect = DialectChoice::kAuto;
      } else if (d == "sqlite") {
        args.driver.runner.dialect = DialectChoice::kSqlite;
      } else if (d == "duckdb") {
        args.driver.runner.dialect = DialectChoice::kDuckDb;
      } else {
        Usage(Concat("unknown dialect ", d));
      }
    } else if (arg == "--summary-json") {
      args.summary_json = next();
    } else if (arg == "--expect") {
      args.expect_file = next();
    } else if (arg == "--passing-list") {
      args.passing_list = next();
    } else if (arg == "--root") {
      args.root = next();
    } else if (arg == "--threads") {
      args.driver.runner.threads = static_cast<uint32_t>(number(next()));
      args.threads_given = true;
    } else if (arg == "--isolate") {
      args.driver.isolate = true;
    } else if (arg == "--no-isolate") {
      args.driver.isolate = false;
    } else if (arg == "--differences") {
      args.differences = next();
    } else if (arg == "--slow") {
      args.slow = true;
    } else if (arg.starts_with("-") && arg != "-") {
      Usage(Concat("unknown option ", arg));
    } else {
      args.paths.push_back(arg);
    }
  }
  if (args.paths.empty()) Usage("no test file or directory given");
  if (!args.threads_given && args.driver.jobs > 1) {
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    args.driver.runner.threads = std::max(1u, cores / static_cast<unsigned>(args.driver.jobs));
  }
  return true;
}

std::vector<std::string> ReadExpectList(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "sqllogictest: cannot read " << path << "\n";
    std::exit(2);
  }
  std::vector<std::string> entries;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    entries.push_back(line.substr(start));
  }
  return entries;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  ParseArgs(argc, argv, args);
  StatusOr<std::vector<TestFile>> files = CollectTestFiles(args.paths, args.slow, args.root);
  if (!files.ok()) {
    std::cerr << "sqllogictest: " << files.status().message() << "\n";
    return 2;
  }
  DocumentedDifferences differences;
  if (!args.differences.empty()) {
    StatusOr<DocumentedDifferences> read = ReadDocumentedDifferences(args.differences);
    if (!read.ok()) {
      std::cerr << "sqllogictest: " << read.status().message() << "\n";
      return 2;
    }
    differences = *std::move(read);
    args.driver.runner.differences = &differences;
  }
  const auto start = std::chrono::steady_clock::now();
  std::vector<FileResult> results = RunTestFiles(*files, args.driver, std::cout);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  size_t passed = 0, failed = 0, skipped = 0;
  RecordCounts records;
  for (const FileResult& r : results) {
    passed += r.status == FileStatus::kPassed;
    failed += r.status == FileStatus::kFailed;
    skipped += r.status == FileStatus::kSkipped;
    records.run += r.records.run;
    records.passed += r.records.passed;
    records.failed += r.records.failed;
    records.skipped += r.records.skipped;
  }

  if (!args.summary_json.empty()) {
    std::ofstream json(args.summary_json);
    json << "{\"files\": [\n";
    for (size_t i = 0; i < results.size(); i++) {
      json << "  " << FileResultJson(results[i]) << (i + 1 < results.size() ? ",\n" : "\n");
    }
    char time[32];
    std::snprintf(time, sizeof(time), "%.3f", wall);
    json << "],\n\"totals\": {\"files\": {\"passed\": " << passed << ", \"failed\": " << failed
         << ", \"skipped\": " << skipped << "}, \"records\": {\"run\": " << records.run
         << ", \"passed\": " << records.passed << ", \"failed\": " << records.failed
         << ", \"skipped\": " << records.skipped << "}, \"time\": " << time << "}}\n";
    if (!json) std::cerr << "sqllogictest: cannot write " << args.summary_json << "\n";
  }
  if (!args.passing_list.empty()) {
    std::ofstream list(args.passing_list);
    for (const FileResult& r : results) {
      if (r.status == FileStatus::kPassed) list << r.file << "\n";
    }
  }

  if (args.list_failures && failed > 0) {
    std::cout << "failed files:\n";
    for (const FileResult& r : results) {
      if (r.status == FileStatus::kFailed)
        std::cout << "  " << r.file << "  (" << r.reason << ")\n";
    }
  }

  int exit_code = failed > 0 ? 1 : 0;
  if (!args.expect_file.empty()) {
    std::vector<std::string> expected = ReadExpectList(args.expect_file);
    std::vector<bool> is_expected(files->size(), false);
    size_t in_run = 0;
    std::vector<std::string> regressions;
    for (const std::string& entry : expected) {
      bool found = false;
      for (size_t i = 0; i < files->size(); i++) {
        if (!ExpectEntryMatches(entry, (*files)[i])) continue;
        found = true;
        is_expected[i] = true;
        if (results[i].status != FileStatus::kPassed) {
          regressions.push_back(Concat(results[i].file, "  (", FileStatusName(results[i].status),
                                       ": ", results[i].reason, ")"));
        }
      }
      in_run += found;
    }
    size_t newly_passing = 0;
    for (size_t i = 0; i < files->size(); i++) {
      newly_passing += !is_expected[i] && results[i].status == FileStatus::kPassed;
    }
    std::cout << "expect: " << in_run << " of " << expected.size()
              << " expected-to-pass files in this run, " << regressions.size() << " did not pass";
    if (newly_passing > 0) {
      std::cout << "; " << newly_passing << " passing files are not in " << args.expect_file;
    }
    std::cout << "\n";
    for (const std::string& r : regressions) std::cout << "  REGRESSION " << r << "\n";
    exit_code = regressions.empty() ? 0 : 1;
  }

  char time[32];
  std::snprintf(time, sizeof(time), "%.1f", wall);
  std::cout << "records: " << records.run << " run, " << records.passed << " passed, "
            << records.failed << " failed, " << records.skipped << " skipped (" << time << "s)\n";
  std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
  return exit_code;
}
