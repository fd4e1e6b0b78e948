// DuckDB spellings in select lists and FROM clauses that PostgreSQL's grammar lacks: prefix
// aliases (`name : expr`), string aliases (`expr AS 'name'`) and DESCRIBE / SUMMARIZE used as a
// table.
#include "parser/dialect_analyzer.h"

namespace fluxdb::sql {

namespace {

// 'it''s' (a string's inside, quotes doubled) -> "it's"
std::string QuotedIdentifier(std::string_view inside) {
  std::string out = "\"";
  for (size_t i = 0; i < inside.size(); i++) {
    if (inside[i] == '\'' && i + 1 < inside.size() && inside[i + 1] == '\'') i++;
    if (inside[i] == '"') out += '"';
    out += inside[i];
  }
  out += "\"";
  return out;
}

std::string SqlString(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += "'";
  return out;
}

}  // namespace

void DialectAnalyzer::ShowSubqueries() {
  for (size_t i = 1; i + 2 < n_; i++) {
    if (!P(i, '(') || !(W(i + 1, "describe") || W(i + 1, "summarize"))) continue;
    if (!(W(i - 1, "from") || W(i - 1, "join") || (P(i - 1, ',') && InFromList(i - 1)))) continue;
    size_t close = MatchForward(i);
    if (close == n_) continue;
    std::string_view statement = text_.substr(t_[i + 1].start, t_[close - 1].end - t_[i + 1].start);
    Replace(i, Concat(kShowFunction, "(", SqlString(statement)));
    info_.moved.push_back(TokenRange{i + 1, close});
  }
}

void DialectAnalyzer::StringAliases() {
  for (size_t i = 1; i + 1 < n_; i++) {
    if (!W(i, "as") || !Kept(i + 1) || t_[i + 1].kind != TokenKind::kString) continue;
    std::string_view quoted(t_[i + 1].word);
    if (quoted.size() < 2 || quoted.front() != '\'' || clause_[i] >= n_) continue;
    if (!W(clause_[i], "select") && !W(clause_[i], "from")) continue;
    // CAST(x AS 'type') is not an alias, and is an error either way.
    if (P(i + 2, ')') && clause_[i] == clause_[i + 2]) {
      size_t open = MatchBackward(i + 2);
      if (open != n_ && open > 0 && OneOf(t_[open - 1], {"cast", "try_cast"})) continue;
    }
    Replace(i + 1, QuotedIdentifier(quoted.substr(1, quoted.size() - 2)));
  }
}

void DialectAnalyzer::PrefixAliases() {
  for (size_t i = 1; i + 2 < n_; i++) {
    if (!P(i + 1, ':') || !Kept(i) || !Kept(i + 1)) continue;
    size_t clause = clause_[i];
    if (clause >= n_) continue;
    bool in_select = W(clause, "select");
    bool in_from = W(clause, "from");
    if (!in_select && !in_from) continue;
    // The name must start a select-list or FROM item.
    bool item_start =
        P(i - 1, ',') ||
        (in_select && (W(i - 1, "select") || W(i - 1, "distinct") || W(i - 1, "all"))) ||
        (in_from && (W(i - 1, "from") || W(i - 1, "join")));
    if (!item_start) continue;
    // A select alias is a name; a FROM alias may also be a string.
    bool string_alias = t_[i].kind == TokenKind::kString;
    if (!(IsName(i) || (in_from && string_alias))) continue;
    // The item runs to the next ',' or clause keyword at its level.
    size_t end = i + 2;
    int depth = 0;
    for (; end < n_; end++) {
      if (P(end, '(')) depth++;
      if (P(end, ')') && depth-- == 0) break;
      if (depth > 0) continue;
      if (P(end, ',') || P(end, ';')) break;
      if (OneOf(t_[end], {"from", "where", "group", "having", "order", "limit", "offset", "window",
                          "qualify", "union", "except", "intersect", "into", "select"})) {
        break;
      }
      if (in_from && OneOf(t_[end], {"join", "left", "right", "inner", "full", "cross", "natural",
                                     "on", "using", "positional", "asof", "semi", "anti"})) {
        break;
      }
    }
    if (end == i + 2) continue;
    std::string alias = RenderedToken(i);
    if (string_alias && alias.size() >= 2) {
      alias = QuotedIdentifier(std::string_view(alias).substr(1, alias.size() - 2));
    }
    Drop(i);
    Drop(i + 1);
    Replace(end - 1, Concat(RenderedToken(end - 1), " AS ", alias));
  }
}

}  // namespace fluxdb::sql
