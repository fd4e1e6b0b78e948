#include "test/runner/run_driver.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>
#include <thread>

namespace fluxdb::slt {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

bool IsTestFile(const fs::path& path, bool slow) {
  std::string ext = path.extension().string();
  return ext == ".test" || (slow && ext == ".test_slow");
}

std::string NameFor(const fs::path& path, const std::string& root) {
  if (root.empty()) return path.lexically_normal().string();
  std::error_code ec;
  fs::path relative =
      fs::proximate(fs::weakly_canonical(path, ec), fs::weakly_canonical(root, ec), ec);
  if (ec || relative.empty() || *relative.begin() == "..") return path.lexically_normal().string();
  return relative.string();
}

void Print(std::ostream& out, size_t done, size_t total, const FileResult& result, bool verbose) {
  const char* tag = result.status == FileStatus::kPassed   ? "PASS"
                    : result.status == FileStatus::kFailed ? "FAIL"
                                                           : "SKIP";
  if (result.status == FileStatus::kPassed && !verbose) return;
  if (result.status == FileStatus::kSkipped && !verbose) return;
  int width = static_cast<int>(std::to_string(total).size());
  char counter[64];
  std::snprintf(counter, sizeof(counter), "[%*zu/%zu]", width, done, total);
  out << counter << " " << tag << " " << result.file;
  if (verbose && !result.failures.empty()) {
    out << " (" << result.records.failed << " of " << result.records.run << " records failed)";
  } else if (!result.reason.empty()) {
    out << ": " << result.reason;
  }
  out << "\n";
  if (verbose) {
    for (const RecordFailure& f : result.failures) {
      out << "  line " << f.line << ": " << FailureKindName(f.kind);
      if (!f.message.empty()) {
        // Continuation lines of an engine message are indented under it.
        std::string message = f.message;
        for (size_t at = message.find('\n'); at != std::string::npos;
             at = message.find('\n', at + 1)) {
          message.insert(at + 1, "    ");
        }
        out << ": " << message;
      }
      out << "\n" << f.detail;
    }
    if (result.records.failed > result.failures.size()) {
      out << "  ... " << result.records.failed - result.failures.size()
          << " more failing records\n";
    }
    for (const std::string& note : result.notes) out << "  note: " << note << "\n";
  }
  out.flush();
}

// A child that died or hung: its result is what its shared progress says.
FileResult LostResult(const TestFile& file, const SharedProgress& progress, FailureKind kind,
                      const std::string& what, double seconds) {
  FileResult result;
  result.file = file.name;
  result.dialect = static_cast<Dialect>(progress.dialect.load());
  result.status = FileStatus::kFailed;
  result.records.run = progress.run.load() + 1;
  result.records.passed = progress.passed.load();
  result.records.failed = progress.failed.load() + 1;
  result.records.skipped = progress.skipped.load();
  result.seconds = seconds;
  std::string message = Concat(what, " at line ", progress.line.load());
  result.reason = message;
  result.category = FailureCategory(kind, message);
  result.categories[result.category]++;
  result.failures.push_back({progress.line.load(), kind, message, ""});
  return result;
}

struct Slot {
  pid_t pid = -1;
  size_t file = 0;
  Clock::time_point start;
  bool timed_out = false;
};

}  // namespace

bool ExpectEntryMatches(const std::string& entry, const TestFile& file) {
  if (entry == file.name || entry == file.path) return true;
  return file.path.size() > entry.size() && file.path.ends_with(entry) &&
         file.path[file.path.size() - entry.size() - 1] == '/';
}

StatusOr<std::vector<TestFile>> CollectTestFiles(const std::vector<std::string>& args, bool slow,
                                                 const std::string& root) {
  std::vector<TestFile> files;
  for (const std::string& arg : args) {
    std::error_code ec;
    fs::file_status status = fs::status(arg, ec);
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(arg, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && IsTestFile(it->path(), slow)) found.push_back(it->path());
      }
      if (ec) return absl::NotFoundError(Concat("cannot list ", arg, ": ", ec.message()));
      std::sort(found.begin(), found.end());
      for (const fs::path& p : found) files.push_back({p.string(), NameFor(p, root)});
    } else if (fs::is_regular_file(status)) {
      files.push_back({arg, NameFor(arg, root)});
    } else {
      return absl::NotFoundError(Concat("no such test file or directory: ", arg));
    }
  }
  return files;
}

std::vector<FileResult> RunTestFiles(const std::vector<TestFile>& files,
                                     const DriverOptions& options, std::ostream& out) {
  std::vector<FileResult> results(files.size());
  const int jobs = std::max(1, options.jobs);
  if (!options.isolate && jobs == 1) {
    for (size_t i = 0; i < files.size(); i++) {
      FileRunner runner(options.runner);
      results[i] = runner.RunFile(files[i].path, files[i].name);
      Print(out, i + 1, files.size(), results[i], options.verbose);
    }
    return results;
  }

  // Children report through a result file; progress lives in shared memory so that a crash or a
  // timeout still tells the line and the counts.
  std::string dir_template = (fs::temp_directory_path() / "fluxdb-slt-run-XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) dir_template = fs::temp_directory_path().string();
  const fs::path result_dir = dir_template;
  const size_t shared_bytes = sizeof(SharedProgress) * jobs;
  void* shared =
      mmap(nullptr, shared_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) {
    out << "cannot map shared memory; running files in this process\n";
    DriverOptions in_process = options;
    in_process.isolate = false;
    in_process.jobs = 1;
    return RunTestFiles(files, in_process, out);
  }
  auto* progress = static_cast<SharedProgress*>(shared);
  std::vector<Slot> slots(jobs);
  size_t next = 0, done = 0, running = 0;
  auto result_path = [&](size_t file) { return (result_dir / Concat("result-", file)).string(); };

  while (next < files.size() || running > 0) {
    for (int s = 0; s < jobs && next < files.size(); s++) {
      if (slots[s].pid != -1) continue;
      const size_t file = next++;
      new (&progress[s]) SharedProgress();
      out.flush();
      std::fflush(stdout);
      std::fflush(stderr);
      pid_t pid = fork();
      if (pid == 0) {
        // The file's temporary files go under the run's directory, which the parent removes even
        // when this child is killed.
        setenv("TMPDIR", result_dir.c_str(), 1);
        RunnerOptions runner_options = options.runner;
        runner_options.progress = &progress[s];
        FileResult result;
        {
          FileRunner runner(runner_options);
          result = runner.RunFile(files[file].path, files[file].name);
        }
        std::ofstream result_file(result_path(file), std::ios::binary);
        result_file << SerializeFileResult(result);
        result_file.close();
        _exit(result_file ? 0 : 3);
      }
      if (pid < 0) {
        FileResult failed;
        failed.file = files[file].name;
        failed.status = FileStatus::kFailed;
        failed.reason = "fork failed";
        failed.category = "fork failed";
        results[file] = failed;
        Print(out, ++done, files.size(), results[file], options.verbose);
        continue;
      }
      slots[s] = {pid, file, Clock::now(), false};
      running++;
    }

    int status = 0;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) {
      const auto now = Clock::now();
      for (Slot& slot : slots) {
        if (slot.pid == -1 || slot.timed_out || options.timeout <= 0) continue;
        if (std::chrono::duration<double>(now - slot.start).count() > options.timeout) {
          kill(slot.pid, SIGKILL);
          slot.timed_out = true;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    auto it = std::find_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.pid == pid; });
    if (it == slots.end()) continue;
    Slot slot = *it;
    const size_t s = static_cast<size_t>(it - slots.begin());
    it->pid = -1;
    running--;
    const TestFile& file = files[slot.file];
    const double seconds = std::chrono::duration<double>(Clock::now() - slot.start).count();
    FileResult result;
    if (slot.timed_out) {
      result = LostResult(file, progress[s], FailureKind::kTimeout,
                          Concat("timeout after ", options.timeout, "s"), seconds);
    } else if (WIFSIGNALED(status)) {
      result = LostResult(file, progress[s], FailureKind::kCrash,
                          Concat("crashed (signal ", WTERMSIG(status), ")"), seconds);
    } else if (WEXITSTATUS(status) != 0) {
      result = LostResult(file, progress[s], FailureKind::kCrash,
                          Concat("crashed (exit status ", WEXITSTATUS(status), ")"), seconds);
    } else {
      std::ifstream in(result_path(slot.file), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      StatusOr<FileResult> parsed = DeserializeFileResult(text.str());
      if (parsed.ok()) {
        result = std::move(*parsed);
      } else {
        result = LostResult(file, progress[s], FailureKind::kCrash,
                            Concat("result lost (", parsed.status().message(), ")"), seconds);
      }
    }
    std::error_code ignored;
    fs::remove(result_path(slot.file), ignored);
    results[slot.file] = std::move(result);
    Print(out, ++done, files.size(), results[slot.file], options.verbose);
  }
  munmap(shared, shared_bytes);
  std::error_code ignored;
  fs::remove_all(result_dir, ignored);
  return results;
}

}  // namespace fluxdb::slt
