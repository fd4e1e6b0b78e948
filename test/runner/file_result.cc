#include "test/runner/file_result.h"

#include <charconv>
#include <cstdio>

namespace fluxdb::slt {
namespace {

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char next = s[++i];
      out += next == 't' ? '\t' : next == 'n' ? '\n' : next;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    size_t end = line.find('\t', start);
    if (end == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, end - start));
    start = end + 1;
  }
}

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

const char* FileStatusName(FileStatus status) {
  switch (status) {
    case FileStatus::kPassed:
      return "passed";
    case FileStatus::kFailed:
      return "failed";
    case FileStatus::kSkipped:
      return "skipped";
  }
  return "failed";
}

std::string SerializeFileResult(const FileResult& r) {
  std::string out;
  auto field = [&](std::string_view key, std::string_view value) {
    out += key;
    out += '\t';
    out += Escape(value);
    out += '\n';
  };
  field("file", r.file);
  field("dialect", r.dialect == Dialect::kDuckDb ? "duckdb" : "sqlite");
  field("status", std::to_string(static_cast<int>(r.status)));
  field("reason", r.reason);
  field("category", r.category);
  field("records", Concat(r.records.run, " ", r.records.passed, " ", r.records.failed, " ",
                          r.records.skipped));
  char seconds[32];
  std::snprintf(seconds, sizeof(seconds), "%.6f", r.seconds);
  field("seconds", seconds);
  for (const RecordFailure& f : r.failures) {
    out += Concat("failure\t", f.line, "\t", static_cast<int>(f.kind), "\t", Escape(f.message),
                  "\t", Escape(f.detail), "\n");
  }
  for (const auto& [category, count] : r.categories) {
    out += Concat("categorycount\t", count, "\t", Escape(category), "\n");
  }
  for (const std::string& note : r.notes) field("note", note);
  return out;
}

StatusOr<FileResult> DeserializeFileResult(std::string_view text) {
  FileResult r;
  auto bad = [](std::string_view line) {
    return absl::DataLossError(Concat("bad result line: ", line.substr(0, 80)));
  };
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    std::vector<std::string_view> f = SplitFields(line);
    std::string_view key = f[0];
    if (key == "failure") {
      if (f.size() != 5) return bad(line);
      RecordFailure failure;
      int kind;
      if (!ParseNumber(f[1], failure.line) || !ParseNumber(f[2], kind)) return bad(line);
      failure.kind = static_cast<FailureKind>(kind);
      failure.message = Unescape(f[3]);
      failure.detail = Unescape(f[4]);
      r.failures.push_back(std::move(failure));
      continue;
    }
    if (key == "categorycount") {
      uint64_t count;
      if (f.size() != 3 || !ParseNumber(f[1], count)) return bad(line);
      r.categories[Unescape(f[2])] = count;
      continue;
    }
    if (f.size() != 2) return bad(line);
    std::string value = Unescape(f[1]);
    if (key == "file") {
      r.file = value;
    } else if (key == "dialect") {
      r.dialect = value == "duckdb" ? Dialect::kDuckDb : Dialect::kSqlite;
    } else if (key == "status") {
      int status;
      if (!ParseNumber(std::string_view(value), status)) return bad(line);
      r.status = static_cast<FileStatus>(status);
    } else if (key == "reason") {
      r.reason = value;
    } else if (key == "category") {
      r.category = value;
    } else if (key == "records") {
      if (std::sscanf(value.c_str(), "%lu %lu %lu %lu", &r.records.run, &r.records.passed,
                      &r.records.failed, &r.records.skipped) != 4) {
        return bad(line);
      }
    } else if (key == "seconds") {
      r.seconds = std::strtod(value.c_str(), nullptr);
    } else if (key == "note") {
      r.notes.push_back(value);
    } else {
      return bad(line);
    }
  }
  return r;
}

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string FileResultJson(const FileResult& r) {
  char seconds[32];
  std::snprintf(seconds, sizeof(seconds), "%.3f", r.seconds);
  std::string out = Concat(
      "{\"file\": ", JsonString(r.file), ", \"dialect\": \"", DialectName(r.dialect),
      "\", \"status\": \"", FileStatusName(r.status), "\", \"reason\": ", JsonString(r.reason),
      ", \"category\": ", JsonString(r.category), ", \"records\": {\"run\": ", r.records.run,
      ", \"passed\": ", r.records.passed, ", \"failed\": ", r.records.failed,
      ", \"skipped\": ", r.records.skipped, "}, \"time\": ", seconds, ", \"categories\": {");
  bool first = true;
  for (const auto& [category, count] : r.categories) {
    if (!first) out += ", ";
    first = false;
    out += Concat(JsonString(category), ": ", count);
  }
  out += "}, \"notes\": [";
  for (size_t i = 0; i < r.notes.size(); i++) {
    if (i > 0) out += ", ";
    out += JsonString(r.notes[i]);
  }
  out += "]}";
  return out;
}

}  // namespace fluxdb::slt
