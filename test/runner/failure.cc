#include "test/runner/failure.h"

#include <algorithm>
#include <cctype>

#include "common/status.h"

namespace fluxdb::slt {
namespace {

// Quoted names are kept where they say what is missing (a function, a type, some syntax) and
// blanked where they are just the test's own tables and values.
bool KeepsQuotedNames(std::string_view line) {
  for (std::string_view marker :
       {"unction", "mplemented", "upported", "syntax error", "Type with name", "perator", "Unknown",
        "unknown", "configuration parameter"}) {
    if (line.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

const char* FailureKindName(FailureKind kind) {
  switch (kind) {
    case FailureKind::kStatementFailed:
      return "statement failed";
    case FailureKind::kQueryFailed:
      return "query failed";
    case FailureKind::kUnexpectedSuccess:
      return "statement succeeded, error expected";
    case FailureKind::kWrongErrorMessage:
      return "wrong error message";
    case FailureKind::kInternalError:
      return "internal error";
    case FailureKind::kColumnCount:
      return "wrong column count";
    case FailureKind::kRowCount:
      return "wrong row count";
    case FailureKind::kWrongValue:
      return "wrong value";
    case FailureKind::kWrongHash:
      return "wrong hash";
    case FailureKind::kLabelMismatch:
      return "label mismatch";
    case FailureKind::kScriptError:
      return "script error";
    case FailureKind::kSetup:
      return "setup failed";
    case FailureKind::kCrash:
      return "crash";
    case FailureKind::kTimeout:
      return "timeout";
  }
  return "failure";
}

std::string NormalizeErrorMessage(std::string_view message) {
  std::string_view line = message.substr(0, message.find('\n'));
  for (std::string_view cut : {" Did you mean", " Candidate"}) {
    size_t at = line.find(cut);
    if (at != std::string_view::npos) line = line.substr(0, at);
  }
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
    line.remove_suffix(1);
  }
  const bool keep_names = KeepsQuotedNames(line);
  // Unquoted table names, as in "Table with name t does not exist!", are blanked too.
  std::string without_table;
  constexpr std::string_view kTableWithName = "Table with name ";
  size_t table_at = line.find(kTableWithName);
  if (table_at != std::string_view::npos && !keep_names) {
    size_t name_start = table_at + kTableWithName.size();
    size_t name_end = std::min(line.find(' ', name_start), line.size());
    if (name_start < line.size() && line[name_start] != '"') {
      without_table = Concat(line.substr(0, name_start), "...", line.substr(name_end));
      line = without_table;
    }
  }
  auto is_word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  };
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < line.size(); i++) {
    char c = line[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
        out += c;
      } else if (keep_names) {
        out += c;
      }
      continue;
    }
    // A quote opens at a word's start only: the apostrophe in "can't" is text.
    if ((c == '"' || c == '\'') && (i == 0 || !is_word_char(line[i - 1]))) {
      quote = c;
      out += c;
      if (!keep_names) out += "...";
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (i > 0 && is_word_char(line[i - 1])) {
        // INT32, utf8, ... are names, not numbers.
        out += c;
        while (i + 1 < line.size() && is_word_char(line[i + 1])) out += line[++i];
        continue;
      }
      while (i + 1 < line.size() &&
             (std::isdigit(static_cast<unsigned char>(line[i + 1])) || line[i + 1] == '.')) {
        i++;
      }
      out += 'N';
      continue;
    }
    out += c;
  }
  if (out.size() > 160) out = out.substr(0, 157) + "...";
  return out;
}

std::string FailureCategory(FailureKind kind, std::string_view message) {
  switch (kind) {
    case FailureKind::kStatementFailed:
    case FailureKind::kQueryFailed:
    case FailureKind::kInternalError:
      return NormalizeErrorMessage(message);
    case FailureKind::kUnexpectedSuccess:
      return "statement error expected, but it succeeded";
    case FailureKind::kWrongErrorMessage:
      return "statement error: another error message";
    case FailureKind::kColumnCount:
      return "wrong result: column count";
    case FailureKind::kRowCount:
      return "wrong result: row count";
    case FailureKind::kWrongValue:
      return "wrong result: values";
    case FailureKind::kWrongHash:
      return "wrong result: hash";
    case FailureKind::kLabelMismatch:
      return "wrong result: differs from an earlier query with the same label";
    case FailureKind::kScriptError:
      return "test file not understood by the runner";
    case FailureKind::kSetup:
      return Concat("setup: ", NormalizeErrorMessage(message));
    case FailureKind::kCrash:
      return std::string(message.substr(0, message.find(" at line")));
    case FailureKind::kTimeout:
      return "timeout";
  }
  return "failure";
}

}  // namespace fluxdb::slt
