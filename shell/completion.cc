#include "shell/completion.h"

#include <algorithm>
#include <cctype>

#include "shell/dot_commands.h"

namespace fluxdb::shell {

namespace {

constexpr std::string_view kKeywords[] = {
    "ALL",         "ALTER",  "AND",        "AS",        "ASC",       "BEGIN",   "BETWEEN", "BY",
    "CASE",        "CAST",   "CHECKPOINT", "COMMIT",    "COPY",      "COUNT",   "CREATE",  "CROSS",
    "DEFAULT",     "DELETE", "DESC",       "DESCRIBE",  "DISTINCT",  "DROP",    "ELSE",    "END",
    "EXCEPT",      "EXISTS", "EXPLAIN",    "FALSE",     "FROM",      "FULL",    "GROUP",   "HAVING",
    "IN",          "INDEX",  "INNER",      "INSERT",    "INTERSECT", "INTO",    "IS",      "JOIN",
    "LEFT",        "LIKE",   "LIMIT",      "NOT",       "NULL",      "OFFSET",  "ON",      "OR",
    "ORDER",       "OUTER",  "OVER",       "PARTITION", "PRAGMA",    "PRIMARY", "QUALIFY", "RIGHT",
    "ROLLBACK",    "SELECT", "SET",        "SHOW",      "SUMMARIZE", "TABLE",   "TABLES",  "THEN",
    "TRANSACTION", "TRUE",   "UNION",      "UPDATE",    "USING",     "VALUES",  "VIEW",    "WHEN",
    "WHERE",       "WINDOW", "WITH",
};

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  for (size_t i = 0; i < prefix.size(); i++) {
    if (Lower(text[i]) != Lower(prefix[i])) return false;
  }
  return true;
}

/// Keywords follow the case of what was typed.
std::string MatchCase(std::string_view keyword, std::string_view typed) {
  bool lower = std::any_of(typed.begin(), typed.end(),
                           [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  std::string result(keyword);
  if (lower) {
    for (char& c : result) c = Lower(c);
  }
  return result;
}

}  // namespace

Completion Complete(std::string_view line, size_t cursor, const NameSource& names) {
  cursor = std::min(cursor, line.size());
  size_t start = cursor;
  while (start > 0 && IsWordChar(line[start - 1])) start--;
  bool dot_command = start == 1 && line[0] == '.';
  if (dot_command) start = 0;
  std::string_view prefix = line.substr(start, cursor - start);
  Completion completion;
  if (prefix.empty()) return completion;

  std::vector<std::string> candidates;
  if (dot_command) {
    for (const std::string& name : DotCommandNames()) {
      std::string command = "." + name;
      if (StartsWithNoCase(command, prefix)) candidates.push_back(command);
    }
  } else {
    for (std::string_view keyword : kKeywords) {
      if (StartsWithNoCase(keyword, prefix)) candidates.push_back(MatchCase(keyword, prefix));
    }
    if (names) {
      for (const std::string& name : names()) {
        if (StartsWithNoCase(name, prefix)) candidates.push_back(name);
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  if (candidates.empty()) return completion;

  // The longest continuation every candidate shares.
  size_t common = candidates[0].size();
  for (const std::string& c : candidates) {
    size_t k = 0;
    while (k < common && k < c.size() && Lower(c[k]) == Lower(candidates[0][k])) k++;
    common = k;
  }
  if (common > prefix.size()) {
    completion.insert = candidates[0].substr(prefix.size(), common - prefix.size());
  }
  if (candidates.size() == 1) {
    completion.insert += ' ';
  } else {
    completion.candidates = std::move(candidates);
  }
  return completion;
}

}  // namespace fluxdb::shell
