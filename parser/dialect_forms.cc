// The statement-level DuckDB and SQLite spellings: INSERT OR REPLACE, CREATE OR REPLACE TABLE,
// INTERVAL n unit, GLOB, subqueries without alias, FILTER without WHERE, x NOT NULL, IN ().
#include "parser/dialect_analyzer.h"

namespace fluxdb::sql {

namespace {

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

}  // namespace

// DuckDB lets a subquery or VALUES in FROM go without an alias (PostgreSQL 15 does not), and
// takes FROM VALUES (...) without parentheses. The alias given here is dropped again by the
// transformer.
void DialectAnalyzer::UnnamedSubqueries() {
  // A FROM that starts no FROM clause: `x IS [NOT] DISTINCT FROM (y)`, or inside the parentheses
  // of extract(day FROM (y)), substring(s FROM (y)), trim(BOTH FROM (y)), overlay, position.
  auto OperandFrom = [&](size_t from) {
    if (from >= 1 && W(from - 1, "distinct")) return true;
    int depth = 0;
    for (size_t i = from; i-- > 0;) {
      if (P(i, ')')) {
        depth++;
      } else if (P(i, '(')) {
        if (depth-- == 0) {
          return i >= 1 &&
                 OneOf(t_[i - 1], {"extract", "substring", "trim", "overlay", "position"});
        }
      } else if (depth == 0 && W(i, "select")) {
        return false;
      }
    }
    return false;
  };
  for (size_t i = 1; i < n_; i++) {
    if (!(P(i, '(') || W(i, "values")) || !Kept(i)) continue;
    // The token before, past dropped ones (JOIN BY (TYPE semi) (SELECT ...)).
    size_t prev = i - 1;
    while (prev > 0 && info_.replacement[prev] && info_.replacement[prev]->empty()) prev--;
    bool from_item = (W(prev, "from") && !OperandFrom(prev)) || W(prev, "join") ||
                     W(prev, "lateral") || (P(prev, ',') && InFromList(prev));
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
void DialectAnalyzer::FilterWithoutWhere() {
  for (size_t i = 1; i + 2 < n_; i++) {
    if (W(i, "filter") && P(i - 1, ')') && P(i + 1, '(') && !W(i + 2, "where")) {
      Replace(i + 1, "(WHERE");
    }
  }
}

// DECIMAL() is plain DECIMAL.
void DialectAnalyzer::EmptyTypeModifiers() {
  for (size_t i = 0; i + 2 < n_; i++) {
    if (OneOf(t_[i], {"decimal", "numeric", "dec"}) && P(i + 1, '(') && P(i + 2, ')')) {
      Drop(i + 1);
      Drop(i + 2);
    }
  }
}

// SQLite spellings the sqllogictest corpus uses: x NOT NULL, x IN (), FROM t NOT INDEXED.
void DialectAnalyzer::SqliteForms() {
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

void DialectAnalyzer::StatementForms() {
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
    if (W(k, "table") || W(k, "sequence")) {
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

// SET name = MAP {'k': 'v', ...}: FluxDB has no MAP type, so a setting that takes a map gets the
// text DuckDB shows for the map ({k=v, ...}) as a string.
Status DialectAnalyzer::SetMapValue() {
  if (!W(0, "set")) return Status();
  for (size_t i = 1; i + 1 < n_; i++) {
    if (!W(i, "map") || !P(i + 1, '{') || !(IsOp(i - 1, "=") || W(i - 1, "to"))) continue;
    auto text = [&](size_t k) -> std::string {
      std::string_view word(t_[k].word);
      if (t_[k].kind == TokenKind::kString && word.size() >= 2 && word.front() == '\'') {
        word = word.substr(1, word.size() - 2);
      }
      return std::string(word);
    };
    std::string rendered = "{";
    size_t k = i + 2;
    while (k < n_ && !P(k, '}')) {
      bool entry = k + 2 < n_ && P(k + 1, ':') && t_[k + 2].kind != TokenKind::kPunct;
      if (!entry) return ErrorAt(ParserError("syntax error at or near \"", t_[k].word, "\""), k);
      if (rendered.size() > 1) rendered += ", ";
      rendered += Concat(text(k), "=", text(k + 2));
      k += 3;
      if (P(k, ',')) k++;
    }
    if (k >= n_) return ErrorAt(ParserError("syntax error at end of input"), i);
    std::string literal = "'";
    for (char c : rendered + "}") {
      if (c == '\'') literal += '\'';
      literal += c;
    }
    Replace(i, literal + "'");
    for (size_t j = i + 1; j <= k; j++) Drop(j);
    return Status();
  }
  return Status();
}

// INTERVAL '2' WEEKS -> INTERVAL '2 week' (PostgreSQL knows only YEAR .. SECOND as qualifiers).
void DialectAnalyzer::Intervals() {
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

// a GLOB b -> a ~~~ b (DuckDB's glob operator), a NOT GLOB b -> a !~~~ b
void DialectAnalyzer::Glob() {
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

}  // namespace fluxdb::sql
