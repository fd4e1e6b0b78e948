#include "shell/identifier.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace fluxdb::shell {

namespace {

// PostgreSQL's reserved keywords (those that cannot name a column or table unquoted).
constexpr std::string_view kReservedWords[] = {
    "all",          "analyse",
    "analyze",      "and",
    "any",          "array",
    "as",           "asc",
    "asymmetric",   "both",
    "case",         "cast",
    "check",        "collate",
    "column",       "constraint",
    "create",       "current_catalog",
    "current_date", "current_role",
    "current_time", "current_timestamp",
    "current_user", "default",
    "deferrable",   "desc",
    "distinct",     "do",
    "else",         "end",
    "except",       "false",
    "fetch",        "for",
    "foreign",      "from",
    "grant",        "group",
    "having",       "in",
    "initially",    "intersect",
    "into",         "lateral",
    "leading",      "limit",
    "localtime",    "localtimestamp",
    "not",          "null",
    "offset",       "on",
    "only",         "or",
    "order",        "placing",
    "primary",      "references",
    "returning",    "select",
    "session_user", "some",
    "symmetric",    "table",
    "then",         "to",
    "trailing",     "true",
    "union",        "unique",
    "user",         "using",
    "variadic",     "when",
    "where",        "window",
    "with",         "qualify",
};

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty()) return false;
  if (!(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return std::find(std::begin(kReservedWords), std::end(kReservedWords), name) ==
         std::end(kReservedWords);
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
  if (IsPlainIdentifier(name)) return std::string(name);
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string QuoteLiteral(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  quoted += '\'';
  return quoted;
}

bool LikeMatch(std::string_view pattern, std::string_view text) {
  // Iterative matching with backtracking to the last '%'.
  size_t p = 0, t = 0, star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() && (pattern[p] == '_' || Lower(pattern[p]) == Lower(text[t]))) {
      p++;
      t++;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') p++;
  return p == pattern.size();
}

}  // namespace fluxdb::shell
