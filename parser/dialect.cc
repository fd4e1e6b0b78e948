#include "parser/dialect.h"

#include <algorithm>
#include <initializer_list>

#include "parser/parser.h"

namespace fluxdb::sql {

namespace {

bool OneOf(const Token& t, std::initializer_list<std::string_view> words) {
  if (t.kind != TokenKind::kWord) return false;
  for (std::string_view w : words) {
    if (t.word == w) return true;
  }
  return false;
}

/// Units DuckDB accepts after INTERVAL n / INTERVAL (expr).
struct IntervalUnit {
  std::string_view word;
  std::string_view canonical;     // for INTERVAL 'n unit'
  std::string_view to_function;   // for INTERVAL (expr) unit
  std::string_view integer_type;  // the expression is cast to this first
};
constexpr IntervalUnit kIntervalUnits[] = {
    {"year", "year", "to_years", "INTEGER"},
    {"years", "year", "to_years", "INTEGER"},
    {"month", "month", "to_months", "INTEGER"},
    {"months", "month", "to_months", "INTEGER"},
    {"day", "day", "to_days", "INTEGER"},
    {"days", "day", "to_days", "INTEGER"},
    {"hour", "hour", "to_hours", "BIGINT"},
    {"hours", "hour", "to_hours", "BIGINT"},
    {"minute", "minute", "to_minutes", "BIGINT"},
    {"minutes", "minute", "to_minutes", "BIGINT"},
    {"second", "second", "to_seconds", "DOUBLE"},
    {"seconds", "second", "to_seconds", "DOUBLE"},
    {"millisecond", "millisecond", "to_milliseconds", "BIGINT"},
    {"milliseconds", "millisecond", "to_milliseconds", "BIGINT"},
    {"microsecond", "microsecond", "to_microseconds", "BIGINT"},
    {"microseconds", "microsecond", "to_microseconds", "BIGINT"},
    {"week", "week", "to_weeks", "INTEGER"},
    {"weeks", "week", "to_weeks", "INTEGER"},
    {"quarter", "quarter", "to_quarters", "INTEGER"},
    {"quarters", "quarter", "to_quarters", "INTEGER"},
    {"decade", "decade", "to_decades", "INTEGER"},
    {"decades", "decade", "to_decades", "INTEGER"},
    {"century", "century", "to_centuries", "INTEGER"},
    {"centuries", "century", "to_centuries", "INTEGER"},
    {"millennium", "millennium", "to_millennia", "INTEGER"},
    {"millennia", "millennium", "to_millennia", "INTEGER"},
};

const IntervalUnit* FindIntervalUnit(const Token& t) {
  if (t.kind != TokenKind::kWord) return nullptr;
  for (const IntervalUnit& unit : kIntervalUnits) {
    if (t.word == unit.word) return &unit;
  }
  return nullptr;
}

/// Units PostgreSQL's grammar takes after INTERVAL 'n' itself (as a type modifier).
bool IsPostgresIntervalUnit(const Token& t) {
  return OneOf(t, {"year", "month", "day", "hour", "minute", "second"});
}

class Analyzer {
 public:
  Analyzer(std::string_view text, const std::vector<Token>& tokens)
      : text_(text), t_(tokens), n_(tokens.size()) {
    info_.replacement.resize(n_);
  }

  StatusOr<DialectInfo> Run() {
    ComputeClauses();
    Parameters();
    KeywordPositions();
    FromFirst();
    FLUX_RETURN_IF_ERROR(GroupAndOrderByAll());
    FLUX_RETURN_IF_ERROR(StarModifierLists());
    TryCast();
    LimitPercent();
    IgnoreNulls();
    FLUX_RETURN_IF_ERROR(Qualify());
    UnionByName();
    FLUX_RETURN_IF_ERROR(Joins());
    StatementForms();
    Intervals();
    Glob();
    UnnamedSubqueries();
    FilterWithoutWhere();
    EmptyTypeModifiers();
    SqliteForms();
    return std::move(info_);
  }

 private:
  bool W(size_t i, std::string_view w) const { return i < n_ && t_[i].Is(w); }
  bool P(size_t i, char c) const { return i < n_ && t_[i].IsPunct(c); }
  bool Kept(size_t i) const { return !info_.replacement[i].has_value(); }
  void Drop(size_t i) { info_.replacement[i] = std::string(); }
  void Replace(size_t i, std::string s) { info_.replacement[i] = std::move(s); }
  Status ErrorAt(Status status, size_t i) const {
    return Parser::WithErrorOffset(std::move(status), i < n_ ? t_[i].start : -1);
  }

  /// The token closing the parenthesis opened at `open` (n_ when unbalanced).
  size_t MatchForward(size_t open) const {
    int depth = 0;
    for (size_t i = open; i < n_; i++) {
      if (P(i, '(')) depth++;
      if (P(i, ')') && --depth == 0) return i;
    }
    return n_;
  }
  /// The token opening the parenthesis closed at `close` (n_ when unbalanced).
  size_t MatchBackward(size_t close) const {
    int depth = 0;
    for (size_t i = close + 1; i-- > 0;) {
      if (P(i, ')')) depth++;
      if (P(i, '(') && --depth == 0) return i;
    }
    return n_;
  }
  /// Where a possibly qualified name ending at token `last` starts (a.b.c).
  int32_t QualifiedNameStart(size_t last) const {
    size_t i = last;
    while (i >= 2 && P(i - 1, '.') &&
           (t_[i - 2].kind == TokenKind::kWord || t_[i - 2].kind == TokenKind::kQuotedIdent)) {
      i -= 2;
    }
    return t_[i].start;
  }
  bool IsName(size_t i) const {
    return i < n_ && (t_[i].kind == TokenKind::kWord || t_[i].kind == TokenKind::kQuotedIdent);
  }

  // `?` placeholders become $1, $2 ... in order of appearance. PostgreSQL's lexer glues `?` to
  // neighbouring operator characters (`a=?` is one operator), so operators are split too.
  void Parameters() {
    for (size_t i = 0; i < n_; i++) {
      const Token& t = t_[i];
      if (t.word.find('?') == std::string::npos) continue;
      if (t.kind != TokenKind::kPunct && t.kind != TokenKind::kOperator) continue;
      std::string out;
      for (char c : t.word) {
        if (c == '?') {
          out += Concat(" $", ++info_.parameter_count, " ");
        } else {
          out += c;
        }
      }
      Replace(i, out);
    }
  }

  /// For every token, the clause keyword (SELECT, FROM, WHERE ...) that governs it at its nesting
  /// level, computed in one pass so that long lists stay linear.
  void ComputeClauses() {
    clause_.assign(n_, n_);
    std::vector<size_t> stack{n_};
    for (size_t i = 0; i < n_; i++) {
      clause_[i] = stack.back();
      if (P(i, '(')) {
        stack.push_back(n_);
      } else if (P(i, ')')) {
        if (stack.size() > 1) stack.pop_back();
      } else if (OneOf(t_[i], {"select", "from", "where", "group", "having", "order", "limit",
                               "set", "values", "returning", "into", "by", "window", "qualify",
                               "union", "intersect", "except", "update", "using"})) {
        // ON conditions of joins belong to the FROM clause; USING of DELETE starts a FROM list.
        stack.back() =
            W(i, "using") && stack.back() != n_ && W(stack.back(), "from") ? stack.back() : i;
      }
    }
  }

  /// Whether the ',' at `comma` separates FROM items (rather than select-list items, arguments...).
  bool InFromList(size_t comma) const {
    size_t clause = clause_[comma];
    return clause < n_ && (W(clause, "from") || W(clause, "using"));
  }

  /// Whether a FROM item ending just before token `i` is followed by an alias.
  bool HasAlias(size_t i) const {
    if (i >= n_) return false;
    if (W(i, "as") || t_[i].kind == TokenKind::kQuotedIdent) return true;
    return t_[i].kind == TokenKind::kWord &&
           !OneOf(
               t_[i],
               {"where",     "group",     "having",      "order",  "limit",   "offset",     "union",
                "intersect", "except",    "join",        "left",   "right",   "inner",      "full",
                "cross",     "natural",   "on",          "using",  "window",  "qualify",    "fetch",
                "for",       "returning", "set",         "values", "lateral", "positional", "asof",
                "semi",      "anti",      "tablesample", "select", "from"});
  }

  // DuckDB lets a subquery or VALUES in FROM go without an alias (PostgreSQL 15 does not), and
  // takes FROM VALUES (...) without parentheses. The alias given here is dropped again by the
  // transformer.
  void UnnamedSubqueries() {
    for (size_t i = 1; i < n_; i++) {
      if (!(P(i, '(') || W(i, "values")) || !Kept(i)) continue;
      bool from_item = W(i - 1, "from") || W(i - 1, "join") || W(i - 1, "lateral") ||
                       (P(i - 1, ',') && InFromList(i - 1));
      if (!from_item) continue;
      if (P(i, '(') && (W(i + 1, "select") || W(i + 1, "values") || W(i + 1, "with") ||
                        W(i + 1, "from") || P(i + 1, '('))) {
        size_t close = MatchForward(i);
        if (close < n_ && !HasAlias(close + 1) && Kept(close)) {
          Replace(close, Concat(") AS ", kUnnamedSubquery));
        }
      } else if (W(i, "values") && P(i + 1, '(')) {
        size_t end = MatchForward(i + 1);
        while (end < n_ && P(end + 1, ',') && P(end + 2, '(')) end = MatchForward(end + 2);
        if (end >= n_ || !Kept(end)) continue;
        Replace(i, "(VALUES");
        Replace(end, HasAlias(end + 1) ? "))" : Concat(")) AS ", kUnnamedSubquery));
      }
    }
  }

  // agg(x) FILTER (cond) is agg(x) FILTER (WHERE cond) in DuckDB.
  void FilterWithoutWhere() {
    for (size_t i = 1; i + 2 < n_; i++) {
      if (W(i, "filter") && P(i - 1, ')') && P(i + 1, '(') && !W(i + 2, "where")) {
        Replace(i + 1, "(WHERE");
      }
    }
  }

  // DECIMAL() is plain DECIMAL.
  void EmptyTypeModifiers() {
    for (size_t i = 0; i + 2 < n_; i++) {
      if (OneOf(t_[i], {"decimal", "numeric", "dec"}) && P(i + 1, '(') && P(i + 2, ')')) {
        Drop(i + 1);
        Drop(i + 2);
      }
    }
  }

  // SQLite spellings the sqllogictest corpus uses: x NOT NULL, x IN (), FROM t NOT INDEXED.
  void SqliteForms() {
    bool ddl = W(0, "create") || W(0, "alter");
    for (size_t i = 1; i + 1 < n_; i++) {
      if (!ddl && W(i, "not") && W(i + 1, "null") && EndsOperand(i - 1) && Kept(i)) {
        Replace(i, "IS NOT");
      }
      if (W(i - 1, "in") && P(i, '(') && P(i + 1, ')')) {
        Replace(i, Concat("(", kEmptyList));
        info_.empty_lists.insert(t_[i].start);
      }
      if (W(i, "not") && W(i + 1, "indexed")) {
        Drop(i);
        Drop(i + 1);
      }
      if (W(i, "indexed") && W(i + 1, "by") && i + 2 < n_) {
        Drop(i);
        Drop(i + 1);
        Drop(i + 2);
      }
    }
  }

  void KeywordPositions() {
    for (size_t i = 0; i < n_; i++) {
      if (W(i, "select")) info_.select_keywords.push_back(t_[i].start);
      if (OneOf(t_[i], {"union", "intersect", "except"})) {
        info_.set_op_keywords.push_back(t_[i].start);
      }
      if (W(i, "join")) info_.join_keywords.push_back(t_[i].start);
    }
  }

  /// `FROM t ...` without SELECT is `SELECT * FROM t ...` (at the start of a statement or of a
  /// parenthesized query).
  void FromFirst() {
    for (size_t i = 0; i < n_; i++) {
      if (!W(i, "from") || !(i == 0 || P(i - 1, '(') || W(i - 1, "as"))) continue;
      int depth = 0;
      bool has_select = false;
      for (size_t j = i; j < n_; j++) {
        if (P(j, '(')) depth++;
        if (P(j, ')') && --depth < 0) break;
        if (depth == 0 && W(j, "select")) has_select = true;
      }
      if (has_select) continue;
      Replace(i, "SELECT * FROM");
      info_.select_keywords.push_back(t_[i].start);
      std::sort(info_.select_keywords.begin(), info_.select_keywords.end());
    }
  }

  bool EndsClause(size_t i) const {
    return i >= n_ || P(i, ')') || P(i, ';') ||
           OneOf(t_[i], {"having", "window", "qualify", "order", "limit", "offset", "union",
                         "intersect", "except", "fetch", "asc", "desc", "nulls", "for"});
  }

  Status GroupAndOrderByAll() {
    for (size_t i = 0; i + 2 < n_; i++) {
      if (!(W(i, "group") || W(i, "order")) || !W(i + 1, "by") || !W(i + 2, "all")) continue;
      if (!EndsClause(i + 3)) {
        if (W(i, "order")) {
          return ErrorAt(ParserError("ORDER BY ALL cannot be combined with other expressions"),
                         i + 2);
        }
        continue;  // GROUP BY ALL a, b is PostgreSQL's set quantifier
      }
      Replace(i + 2, "__fluxdb_all__");
      info_.all_markers.insert(t_[i + 2].start);
    }
    return Status();
  }

  /// EXCLUDE / EXCEPT / REPLACE / RENAME after a star (EXCEPT only with a list: EXCEPT SELECT is a
  /// set operation).
  bool IsStarModifier(size_t i) const {
    if (W(i, "exclude") || W(i, "replace") || W(i, "rename")) return true;
    return W(i, "except") &&
           (P(i + 1, '(') ? !W(i + 2, "select") && !W(i + 2, "values") && !W(i + 2, "with") &&
                                !W(i + 2, "from")
                          : IsName(i + 1) && !W(i + 1, "select") && !W(i + 1, "all") &&
                                !W(i + 1, "distinct") && !W(i + 1, "values") && !W(i + 1, "with") &&
                                !W(i + 1, "from") && !W(i + 1, "table"));
  }

  bool StarPrecedesModifiers(size_t star) const {
    if (star == 0) return true;
    const Token& prev = t_[star - 1];
    if (OneOf(prev, {"select", "distinct", "all"}) || prev.IsPunct(',') || prev.IsPunct('.')) {
      return true;
    }
    if (prev.IsPunct(')')) {  // SELECT DISTINCT ON (a) * EXCLUDE ...
      size_t open = MatchBackward(star - 1);
      return open != n_ && open >= 2 && W(open - 1, "on") && W(open - 2, "distinct");
    }
    return false;
  }

  Status StarModifierLists() {
    for (size_t i = 0; i < n_; i++) {
      if (t_[i].word != "*" || t_[i].kind == TokenKind::kString) continue;
      if (!IsStarModifier(i + 1)) continue;
      if (!StarPrecedesModifiers(i)) continue;
      StarModifiers modifiers;
      size_t k = i + 1;
      while (IsStarModifier(k)) {
        size_t keyword = k;
        bool exclude = W(keyword, "exclude") || W(keyword, "except");
        if (W(keyword, "rename")) {
          return ErrorAt(NotImplementedError("SELECT * RENAME is not supported"), keyword);
        }
        if (exclude && !P(keyword + 1, '(') && IsName(keyword + 1)) {
          // EXCLUDE col, EXCLUDE t.col
          size_t last = keyword + 1;
          while (P(last + 1, '.') && IsName(last + 2)) last += 2;
          modifiers.exclude.push_back(t_[last].word);
          k = last + 1;
          continue;
        }
        if (!exclude && !P(keyword + 1, '(')) {
          // REPLACE expr AS name: up to the end of this select-list item.
          size_t end = keyword + 1;
          int depth = 0;
          for (; end < n_; end++) {
            if (P(end, '(')) depth++;
            if (P(end, ')') && depth-- == 0) break;
            if (depth == 0 && (P(end, ',') || P(end, ';') || W(end, "from") || W(end, "where") ||
                               IsStarModifier(end))) {
              break;
            }
          }
          modifiers.replace.push_back(TokenRange{keyword + 1, end});
          k = end;
          continue;
        }
        if (!P(keyword + 1, '(')) {
          return ErrorAt(ParserError("syntax error at or near \"", t_[keyword].word, "\""),
                         keyword);
        }
        size_t close = MatchForward(keyword + 1);
        if (close == n_) {
          return ErrorAt(ParserError("syntax error at end of input"), keyword);
        }
        if (!exclude) {
          modifiers.replace.push_back(TokenRange{keyword + 2, close});
        } else {
          size_t j = keyword + 2;
          while (j < close) {
            size_t last = j;
            if (t_[last].kind == TokenKind::kString) {  // EXCLUDE ('col')
              std::string_view quoted(t_[last].word);
              if (quoted.size() >= 2 && quoted.front() == '\'' && quoted.back() == '\'') {
                modifiers.exclude.emplace_back(quoted.substr(1, quoted.size() - 2));
                j = last + 1;
                if (j < close && !P(j, ',')) {
                  return ErrorAt(ParserError("syntax error at or near \"", t_[j].word, "\""), j);
                }
                j++;
                continue;
              }
            }
            if (!IsName(last)) {
              return ErrorAt(ParserError("syntax error at or near \"", t_[last].word, "\""), last);
            }
            while (P(last + 1, '.') && IsName(last + 2)) last += 2;
            modifiers.exclude.push_back(t_[last].word);
            j = last + 1;
            if (j < close && !P(j, ',')) {
              return ErrorAt(ParserError("syntax error at or near \"", t_[j].word, "\""), j);
            }
            j++;
          }
        }
        k = close + 1;
      }
      info_.moved.push_back(TokenRange{i + 1, k});
      info_.star_modifiers[QualifiedNameStart(i)] = std::move(modifiers);
      i = k - 1;
    }
    return Status();
  }

  void TryCast() {
    for (size_t i = 0; i + 1 < n_; i++) {
      if (W(i, "try_cast") && P(i + 1, '(')) {
        Replace(i, "CAST");
        info_.try_casts.insert(t_[i].start);
      }
    }
  }

  // LIMIT 10% / LIMIT 10 PERCENT: the '%' goes, the span of the LIMIT expression is remembered.
  void LimitPercent() {
    for (size_t i = 0; i < n_; i++) {
      if (!W(i, "limit")) continue;
      size_t j = i + 1;
      int depth = 0;
      for (; j < n_; j++) {
        if (P(j, '(')) depth++;
        if (P(j, ')') && depth-- == 0) break;
        if (depth == 0 && (P(j, ';') || OneOf(t_[j], {"offset", "union", "intersect", "except",
                                                      "fetch", "for"}))) {
          break;
        }
      }
      size_t last = j - 1;
      if (last <= i + 1) continue;
      if ((t_[last].kind == TokenKind::kOperator && t_[last].word == "%") || W(last, "percent")) {
        Drop(last);
        info_.limit_percent.emplace_back(t_[i + 1].start, t_[last].start);
      }
    }
  }

  // f(x IGNORE NULLS) OVER (...) and f(x) IGNORE NULLS OVER (...); RESPECT NULLS is the default.
  void IgnoreNulls() {
    for (size_t i = 1; i + 1 < n_; i++) {
      if (!(W(i, "ignore") || W(i, "respect")) || !W(i + 1, "nulls")) continue;
      size_t open = n_;
      if (P(i + 2, ')')) {
        open = MatchBackward(i + 2);
      } else if (P(i - 1, ')') && W(i + 2, "over")) {
        open = MatchBackward(i - 1);
      }
      if (open == n_ || open == 0 || !IsName(open - 1)) continue;
      if (W(i, "ignore")) info_.ignore_nulls.insert(QualifiedNameStart(open - 1));
      Drop(i);
      Drop(i + 1);
    }
  }

  Status Qualify() {
    for (size_t i = 1; i + 1 < n_; i++) {
      if (!W(i, "qualify")) continue;
      const Token& prev = t_[i - 1];
      if (OneOf(prev, {"select", "as", "distinct", "from", "join"}) || prev.IsPunct(',') ||
          prev.IsPunct('.') || prev.IsPunct('(') || prev.kind == TokenKind::kOperator) {
        continue;
      }
      const Token& next = t_[i + 1];
      if (OneOf(next, {"from", "as", "where", "group", "having", "order", "limit", "offset",
                       "union", "intersect", "except", "window", "join", "on"}) ||
          next.IsPunct(',') || next.IsPunct(')') || next.IsPunct(';') || next.IsPunct('.')) {
        continue;
      }
      // The SELECT this QUALIFY belongs to: the nearest one before it at the same nesting level.
      int depth = 0;
      size_t owner = n_;
      for (size_t j = i; j-- > 0;) {
        if (P(j, ')')) depth++;
        if (P(j, '(') && depth-- == 0) break;
        if (depth == 0 && W(j, "select")) {
          owner = j;
          break;
        }
      }
      if (owner == n_) return ErrorAt(ParserError("QUALIFY without SELECT"), i);
      size_t end = i + 1;
      depth = 0;
      for (; end < n_; end++) {
        if (P(end, '(')) depth++;
        if (P(end, ')') && depth-- == 0) break;
        if (depth == 0 &&
            (P(end, ';') || OneOf(t_[end], {"order", "limit", "offset", "window", "union",
                                            "intersect", "except", "fetch"}))) {
          break;
        }
      }
      info_.qualify[t_[owner].start] = TokenRange{i + 1, end};
      info_.moved.push_back(TokenRange{i, end});
      i = end - 1;
    }
    return Status();
  }

  void UnionByName() {
    for (size_t i = 0; i < n_; i++) {
      if (!W(i, "union")) continue;
      size_t k = i + 1;
      if (W(k, "all") || W(k, "distinct")) k++;
      if (W(k, "by") && W(k + 1, "name")) {
        Drop(k);
        Drop(k + 1);
        info_.union_by_name.insert(t_[i].start);
      }
    }
  }

  Status Joins() {
    for (size_t i = 0; i + 1 < n_; i++) {
      if ((W(i, "semi") || W(i, "anti")) && W(i + 1, "join")) {
        Drop(i);
        info_.join_markers[t_[i + 1].start] = W(i, "semi") ? JoinMarker::kSemi : JoinMarker::kAnti;
      }
      if (W(i, "asof") &&
          (W(i + 1, "join") || (W(i + 2, "join") && OneOf(t_[i + 1], {"left", "inner"})))) {
        return ErrorAt(NotImplementedError("ASOF JOIN is not supported"), i);
      }
      if (W(i, "positional") && W(i + 1, "join")) {
        return ErrorAt(NotImplementedError("POSITIONAL JOIN is not supported"), i);
      }
    }
    return Status();
  }

  void StatementForms() {
    for (size_t i = 0; i + 3 < n_; i++) {
      // INSERT OR REPLACE INTO / INSERT OR IGNORE INTO
      if (W(i, "insert") && W(i + 1, "or") && (W(i + 2, "replace") || W(i + 2, "ignore")) &&
          W(i + 3, "into")) {
        info_.insert = W(i + 2, "replace") ? InsertMarker::kReplace : InsertMarker::kIgnore;
        Drop(i + 1);
        Drop(i + 2);
      }
    }
    for (size_t i = 0; i + 1 < n_; i++) {
      // REPLACE INTO t ... (SQLite / MySQL)
      if (W(i, "replace") && W(i + 1, "into") &&
          (i == 0 || OneOf(t_[i - 1], {"as", "explain", "analyze", "verbose"}))) {
        info_.insert = InsertMarker::kReplace;
        Replace(i, "INSERT");
      }
    }
    if (W(0, "create") && W(1, "or") && W(2, "replace")) {
      size_t k = 3;
      while (k < n_ && OneOf(t_[k], {"temp", "temporary", "local", "global", "unlogged"})) k++;
      if (W(k, "table")) {
        info_.create_or_replace_table = true;
        Drop(1);
        Drop(2);
      }
    }
    if (W(0, "create")) {
      for (size_t i = 1; i + 3 < n_ && i < 8; i++) {
        if (W(i, "view") && W(i + 1, "if") && W(i + 2, "not") && W(i + 3, "exists")) {
          info_.view_if_not_exists = true;
          Drop(i + 1);
          Drop(i + 2);
          Drop(i + 3);
          break;
        }
      }
    }
    for (size_t i = 0; i + 1 < n_; i++) {
      if (!W(i, "insert")) continue;
      size_t into = i + 1;
      while (into < n_ && !Kept(into)) into++;
      if (!W(into, "into")) continue;
      int depth = 0;
      for (size_t j = into + 1; j + 1 < n_; j++) {
        if (P(j, '(')) depth++;
        if (P(j, ')')) depth--;
        if (depth != 0) continue;
        if (OneOf(t_[j], {"select", "values", "default", "with", "from", "on", "returning"})) break;
        if (W(j, "by") && (W(j + 1, "name") || W(j + 1, "position"))) {
          info_.insert_by_name = W(j + 1, "name");
          Drop(j);
          Drop(j + 1);
          break;
        }
      }
      break;
    }
    if (W(0, "set")) {
      if (W(1, "global")) {
        info_.set_scope = ScopeMarker::kGlobal;
        Drop(1);
      } else if (W(1, "session")) {
        info_.set_scope = ScopeMarker::kSession;
      } else if (W(1, "local")) {
        info_.set_scope = ScopeMarker::kLocal;
      }
    }
  }

  // INTERVAL 2 DAYS -> INTERVAL '2 day'; INTERVAL (x) DAY -> to_days(CAST((x) AS INTEGER));
  // INTERVAL '2' WEEKS -> INTERVAL '2 week' (PostgreSQL knows only YEAR .. SECOND as qualifiers).
  void Intervals() {
    for (size_t i = 0; i + 2 < n_; i++) {
      if (!W(i, "interval") || !Kept(i)) continue;
      size_t k = i + 1;
      std::string sign;
      if (t_[k].kind == TokenKind::kOperator && (t_[k].word == "-" || t_[k].word == "+") &&
          k + 2 < n_ && t_[k + 1].kind == TokenKind::kNumber) {
        sign = t_[k].word == "-" ? "-" : "";
        k++;
      }
      if (t_[k].kind == TokenKind::kNumber && k + 1 < n_) {
        const IntervalUnit* unit = FindIntervalUnit(t_[k + 1]);
        if (unit == nullptr) continue;
        for (size_t j = i + 1; j < k; j++) Drop(j);
        Replace(k, Concat("'", sign, t_[k].word, " ", unit->canonical, "'"));
        Drop(k + 1);
        continue;
      }
      if (P(i + 1, '(')) {
        size_t close = MatchForward(i + 1);
        if (close + 1 >= n_) continue;
        const IntervalUnit* unit = FindIntervalUnit(t_[close + 1]);
        if (unit == nullptr) continue;
        Replace(i, Concat(unit->to_function, "(CAST("));
        Replace(close + 1, Concat(" AS ", unit->integer_type, "))"));
        continue;
      }
      if (t_[i + 1].kind == TokenKind::kString && t_[i + 1].word.size() >= 2 &&
          t_[i + 1].word.front() == '\'' && !IsPostgresIntervalUnit(t_[i + 2])) {
        const IntervalUnit* unit = FindIntervalUnit(t_[i + 2]);
        std::string_view inner(t_[i + 1].word);
        inner = inner.substr(1, inner.size() - 2);
        if (unit == nullptr || inner.find('\'') != std::string_view::npos) continue;
        Replace(i + 1, Concat("'", inner, " ", unit->canonical, "'"));
        Drop(i + 2);
      }
    }
  }

  bool EndsOperand(size_t i) const {
    if (!Kept(i) && !(info_.replacement[i] && !info_.replacement[i]->empty())) return false;
    const Token& t = t_[i];
    switch (t.kind) {
      case TokenKind::kString:
      case TokenKind::kNumber:
      case TokenKind::kParam:
      case TokenKind::kQuotedIdent:
        return true;
      case TokenKind::kWord:
        return !OneOf(t, {"select", "where", "and", "or", "not", "when", "then", "else", "on", "by",
                          "having", "from", "case", "distinct", "as", "is", "in", "like"});
      default:
        return t.IsPunct(')');
    }
  }
  bool StartsOperand(size_t i) const {
    if (i >= n_) return false;
    const Token& t = t_[i];
    return t.kind == TokenKind::kString || t.kind == TokenKind::kNumber ||
           t.kind == TokenKind::kParam || t.kind == TokenKind::kQuotedIdent ||
           t.kind == TokenKind::kWord || t.IsPunct('(') || t.word.find('?') != std::string::npos;
  }

  // a GLOB b -> a ~~~ b (DuckDB's glob operator), a NOT GLOB b -> a !~~~ b
  void Glob() {
    for (size_t i = 1; i + 1 < n_; i++) {
      if (!W(i, "glob") || !StartsOperand(i + 1)) continue;
      if (W(i - 1, "not") && i >= 2 && EndsOperand(i - 2)) {
        Drop(i - 1);
        Replace(i, "!~~~");
      } else if (EndsOperand(i - 1)) {
        Replace(i, "~~~");
      }
    }
  }

  std::string_view text_;
  const std::vector<Token>& t_;
  size_t n_;
  DialectInfo info_;
  std::vector<size_t> clause_;
};

}  // namespace

StatusOr<DialectInfo> AnalyzeDialect(std::string_view text, const std::vector<Token>& tokens) {
  return Analyzer(text, tokens).Run();
}

RewrittenText Render(std::string_view text, const std::vector<Token>& tokens, TokenRange range,
                     const DialectInfo& info, std::string_view prefix) {
  TextBuilder builder(text);
  size_t end = std::min(range.end, tokens.size());
  int32_t first = range.begin < end ? tokens[range.begin].start : 0;
  if (!prefix.empty()) builder.AppendSynthesized(prefix, first);
  std::vector<bool> moved(end - std::min(range.begin, end), false);
  for (const TokenRange& span : info.moved) {
    if (span.begin < range.begin || span.end > end) continue;
    for (size_t i = span.begin; i < span.end; i++) moved[i - range.begin] = true;
  }
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || static_cast<unsigned char>(c) >= 0x80;
  };
  bool last_synthesized = false;
  for (size_t i = range.begin; i < end; i++) {
    const Token& t = tokens[i];
    if (i > range.begin) builder.AppendVerbatim(tokens[i - 1].end, t.start);
    const std::optional<std::string>& replacement =
        i < info.replacement.size() ? info.replacement[i] : std::nullopt;
    std::string_view piece;
    bool synthesized = true;
    if (moved[i - range.begin] || (replacement.has_value() && replacement->empty())) {
      piece = " ";
    } else if (replacement.has_value()) {
      piece = *replacement;
    } else {
      piece = text.substr(t.start, t.end - t.start);
      synthesized = false;
    }
    // Keep a replacement from gluing onto its neighbours: FILTER(x -> FILTER(WHERE x.
    const std::string& sofar = builder.text();
    if ((synthesized || last_synthesized) && !sofar.empty() && !piece.empty() &&
        word_char(sofar.back()) && word_char(piece.front())) {
      builder.AppendSynthesized(" ", t.start);
    }
    if (synthesized) {
      builder.AppendSynthesized(piece, t.start);
    } else {
      builder.AppendVerbatim(t.start, t.end);
    }
    last_synthesized = synthesized;
  }
  return builder.Finish(range.begin < end ? tokens[end - 1].end : first);
}

NestingEstimate EstimateNesting(const std::vector<Token>& tokens, int limit) {
  NestingEstimate estimate;
  struct Frame {
    int base;
    int operators;  // operators since the last list separator: a + b + c nests left-deep
    int chains;     // set operations and joins, which also nest left-deep
    bool is_case;
  };
  std::vector<Frame> frames{{0, 0, 0, false}};
  for (size_t i = 0; i < tokens.size(); i++) {
    const Token& t = tokens[i];
    Frame& top = frames.back();
    int depth = top.base + top.operators + top.chains;
    if (t.IsPunct('(') || t.IsPunct('[') || t.Is("case")) {
      frames.push_back({depth + 1, 0, 0, t.Is("case")});
    } else if (t.IsPunct(')') || t.IsPunct(']')) {
      if (frames.size() > 1) frames.pop_back();
    } else if (t.Is("end") && top.is_case) {
      frames.pop_back();
    } else if (t.IsPunct(',') ||
               OneOf(t, {"and",     "or",        "when",   "then",  "else",  "select", "from",
                         "where",   "group",     "having", "order", "limit", "offset", "window",
                         "qualify", "returning", "values", "set",   "on",    "using"})) {
      top.operators = 0;
    } else if (OneOf(t, {"union", "intersect", "except", "join"})) {
      top.chains++;
    } else if ((t.kind == TokenKind::kOperator && t.word != ".") ||
               OneOf(t, {"not", "is", "isnull", "notnull", "in", "like", "ilike", "similar",
                         "between", "collate", "at", "overlaps", "escape"})) {
      top.operators++;
    }
    const Frame& now = frames.back();
    estimate.max_depth = std::max(estimate.max_depth, now.base + now.operators + now.chains);
    if (estimate.max_depth > limit) {
      estimate.first_excess = static_cast<int64_t>(i);
      break;
    }
  }
  return estimate;
}

}  // namespace fluxdb::sql
