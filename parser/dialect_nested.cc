#include "parser/dialect_nested.h"

#include <string>

namespace fluxdb::sql {

namespace {

// Keywords after which an expression (and so a list literal) may start.
bool KeywordStartsExpression(const Token& t) {
  static constexpr std::string_view kWords[] = {
      "select", "where",   "and",       "or",    "not",      "then",    "else",   "when",   "case",
      "in",     "having",  "on",        "by",    "distinct", "all",     "any",    "some",   "like",
      "ilike",  "is",      "between",   "limit", "offset",   "values",  "return", "set",    "as",
      "from",   "qualify", "returning", "using", "glob",     "similar", "escape", "default"};
  if (t.kind != TokenKind::kWord) return false;
  for (std::string_view w : kWords) {
    if (t.word == w) return true;
  }
  return false;
}

bool StartsOperand(const std::vector<Token>& tokens, size_t i) {
  if (i == 0) return true;
  const Token& prev = tokens[i - 1];
  switch (prev.kind) {
    case TokenKind::kOperator:
      return true;
    case TokenKind::kPunct:
      return prev.word == "(" || prev.word == "," || prev.word == "[" || prev.word == "{" ||
             prev.word == ":";
    case TokenKind::kWord:
      return prev.word != "array" && KeywordStartsExpression(prev);
    default:
      return false;
  }
}

// The index of the bracket closing the one at `open` (same character pair), or tokens.size().
size_t MatchClose(const std::vector<Token>& tokens, size_t open, char open_c, char close_c) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); i++) {
    if (tokens[i].IsPunct(open_c)) depth++;
    if (tokens[i].IsPunct(close_c) && --depth == 0) return i;
  }
  return tokens.size();
}

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

// The value of a simple '...' string token (E'' and the like are left alone).
bool SimpleStringValue(std::string_view raw, std::string* out) {
  if (raw.size() < 2 || raw.front() != '\'' || raw.back() != '\'') return false;
  out->clear();
  for (size_t i = 1; i + 1 < raw.size(); i++) {
    *out += raw[i];
    if (raw[i] == '\'') i++;  // '' is one quote
  }
  return true;
}

}  // namespace

void RewriteNestedLiterals(std::string_view text, const std::vector<Token>& tokens,
                           DialectInfo* info) {
  auto kept = [&](size_t i) { return !info->replacement[i].has_value(); };
  for (size_t i = 0; i < tokens.size(); i++) {
    if (!kept(i)) continue;
    if (tokens[i].IsPunct('[') && StartsOperand(tokens, i)) {
      size_t close = MatchClose(tokens, i, '[', ']');
      bool subscripted = close + 1 < tokens.size() && tokens[close + 1].IsPunct('[');
      if (subscripted && close < tokens.size() && kept(close)) {
        info->replacement[i] = "(ARRAY[";
        info->replacement[close] = "])";
      } else {
        info->replacement[i] = "ARRAY[";
      }
      continue;
    }
    // MAP {'k': v} is DuckDB's map literal, not a struct (FluxDB keeps it as text).
    if (!tokens[i].IsPunct('{') || (i > 0 && tokens[i - 1].Is("map"))) continue;
    size_t close = MatchClose(tokens, i, '{', '}');
    if (close == tokens.size()) continue;  // let the grammar report it
    info->replacement[i] = "struct_pack(";
    info->replacement[close] = ")";
    // Keys at this brace's own depth: a string or a name right after '{' or ',' and before ':'.
    int depth = 0;
    for (size_t k = i + 1; k < close; k++) {
      const Token& t = tokens[k];
      if (t.IsPunct('(') || t.IsPunct('[') || t.IsPunct('{')) depth++;
      if (t.IsPunct(')') || t.IsPunct(']') || t.IsPunct('}')) depth--;
      if (depth != 0 || !(tokens[k - 1].IsPunct('{') || tokens[k - 1].IsPunct(',')) ||
          k + 1 >= close || !tokens[k + 1].IsPunct(':') || !kept(k) || !kept(k + 1)) {
        continue;
      }
      std::string name;
      if (t.kind == TokenKind::kString) {
        if (!SimpleStringValue(text.substr(t.start, t.end - t.start), &name)) continue;
      } else if (t.kind == TokenKind::kWord || t.kind == TokenKind::kQuotedIdent) {
        name = t.kind == TokenKind::kWord ? std::string(text.substr(t.start, t.end - t.start))
                                          : t.word;
      } else {
        continue;
      }
      info->replacement[k] = QuoteIdentifier(name);
      info->replacement[k + 1] = " :=";
    }
  }
}

}  // namespace fluxdb::sql
