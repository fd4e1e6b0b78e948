// The analysis behind AnalyzeDialect (dialect.h), shared by dialect.cc (clauses: placeholders,
// GROUP BY ALL, star modifiers, LIMIT %, QUALIFY ...) and dialect_forms.cc (statement forms,
// INTERVAL, GLOB, unnamed subqueries, SQLite spellings). Private to the parser.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "parser/dialect.h"
#include "parser/parser.h"

namespace fluxdb::sql {

inline bool OneOf(const Token& t, std::initializer_list<std::string_view> words) {
  if (t.kind != TokenKind::kWord) return false;
  for (std::string_view w : words) {
    if (t.word == w) return true;
  }
  return false;
}

class DialectAnalyzer {
 public:
  DialectAnalyzer(std::string_view text, const std::vector<Token>& tokens)
      : text_(text), t_(tokens), n_(tokens.size()) {
    info_.replacement.resize(n_);
  }

  StatusOr<DialectInfo> Run();

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

  bool EndsClause(size_t i) const {
    return i >= n_ || P(i, ')') || P(i, ';') ||
           OneOf(t_[i], {"having", "window", "qualify", "order", "limit", "offset", "union",
                         "intersect", "except", "fetch", "asc", "desc", "nulls", "for"});
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

  /// [NOT] LIKE / ILIKE / GLOB / SIMILAR TO after a star: a filter on its columns' names.
  bool IsStarFilter(size_t i) const {
    if (W(i, "not")) return !W(i + 1, "not") && IsStarFilter(i + 1);
    return W(i, "like") || W(i, "ilike") || W(i, "glob") || (W(i, "similar") && W(i + 1, "to"));
  }

  bool StarPrecedesModifiers(size_t star) const {
    if (star == 0) return true;
    const Token& prev = t_[star - 1];
    if (OneOf(prev, {"select", "distinct", "all"}) || prev.IsPunct(',') || prev.IsPunct('.')) {
      return true;
    }
    if (prev.IsPunct('(')) return star >= 2 && W(star - 2, "columns");  // COLUMNS(* EXCLUDE ...)
    if (prev.IsPunct(')')) {  // SELECT DISTINCT ON (a) * EXCLUDE ...
      size_t open = MatchBackward(star - 1);
      return open != n_ && open >= 2 && W(open - 1, "on") && W(open - 2, "distinct");
    }
    return false;
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

  // `?` placeholders become $1, $2 ... in order of appearance. PostgreSQL's lexer glues `?` to
  // neighbouring operator characters (`a=?` is one operator), so operators are split too.
  void Parameters();

  /// For every token, the clause keyword (SELECT, FROM, WHERE ...) that governs it at its nesting
  /// level, computed in one pass so that long lists stay linear.
  void ComputeClauses();

  // DuckDB lets a subquery or VALUES in FROM go without an alias (PostgreSQL 15 does not), and
  // takes FROM VALUES (...) without parentheses. The alias given here is dropped again by the
  // transformer.
  void UnnamedSubqueries();

  // agg(x) FILTER (cond) is agg(x) FILTER (WHERE cond) in DuckDB.
  void FilterWithoutWhere();

  // DECIMAL() is plain DECIMAL.
  void EmptyTypeModifiers();

  // SQLite spellings the sqllogictest corpus uses: x NOT NULL, x IN (), FROM t NOT INDEXED.
  void SqliteForms();

  void KeywordPositions();

  /// `FROM t ...` without SELECT is `SELECT * FROM t ...` (at the start of a statement or of a
  /// parenthesized query).
  void FromFirst();

  Status GroupAndOrderByAll();

  // `(DESCRIBE ...)` / `(SUMMARIZE ...)` as a FROM item: a call of the table function
  // __fluxdb_show with the statement's text (the binder parses and binds it).
  void ShowSubqueries();
  // DuckDB's prefix aliases: SELECT name : expr and FROM name : table (-> expr AS name).
  void PrefixAliases();
  // SELECT expr AS 'name' (DuckDB takes a string as an alias): a quoted identifier.
  void StringAliases();
  // COLUMNS(x -> body) and COLUMNS(lambda x: body): the parameter goes to columns_lambdas.
  void ColumnsLambdas();
  /// `* LIKE 'p' [AS alias]` after the star's modifiers, starting at token `k`; returns the token
  /// after it.
  StatusOr<size_t> StarFilter(size_t k, StarModifiers& modifiers);
  /// The text token `i` renders as (its replacement or its original text).
  std::string RenderedToken(size_t i) const {
    return info_.replacement[i] ? *info_.replacement[i]
                                : std::string(text_.substr(t_[i].start, t_[i].end - t_[i].start));
  }

  // `a // b` is DuckDB's integer division, as tight as `/`; PostgreSQL's grammar gives any
  // operator it does not know a lower precedence than + and -, so the operands are put in
  // parentheses: a + b // c * d -> a + (b // c) * d.
  void IntegerDivision();
  bool IsOp(size_t i, std::string_view op) const {
    return i < n_ && t_[i].kind == TokenKind::kOperator && t_[i].word == op;
  }
  /// Whether the + or - at `i` is a sign (nothing that ends an operand precedes it).
  bool IsSign(size_t i) const {
    return (IsOp(i, "+") || IsOp(i, "-")) && (i == 0 || !EndsOperand(i - 1));
  }
  /// The first token of the multiplicative term ending at `last` (n_ when there is none).
  size_t TermStart(size_t last) const;
  /// The last token of the signed primary starting at `first` (n_ when there is none).
  size_t FactorEnd(size_t first) const;
  /// Puts tokens [first, last] in parentheses.
  void Parenthesize(size_t first, size_t last);

  Status StarModifierLists();

  // A bare `*` where an expression is expected (count(DISTINCT *), f(a, *)): DuckDB's binder
  // error instead of PostgreSQL's syntax error.
  Status StarsOutsideRoot();

  void TryCast();

  // LIMIT 10% / LIMIT 10 PERCENT: the '%' goes, the span of the LIMIT expression is remembered.
  void LimitPercent();

  // f(x IGNORE NULLS) OVER (...) and f(x) IGNORE NULLS OVER (...); RESPECT NULLS is the default.
  void IgnoreNulls();

  Status Qualify();

  void UnionByName();

  Status Joins();
  // DuckDB's JOIN BY (TYPE name), which names a join type of the engine (mark, single ...).
  Status JoinByType(size_t join);

  void StatementForms();

  Status SetMapValue();

  // INTERVAL '2' WEEKS -> INTERVAL '2 week' (PostgreSQL knows only YEAR .. SECOND as qualifiers).
  void Intervals();

  // a GLOB b -> a ~~~ b (DuckDB's glob operator), a NOT GLOB b -> a !~~~ b
  void Glob();

  std::string_view text_;
  const std::vector<Token>& t_;
  size_t n_;
  DialectInfo info_;
  std::vector<size_t> clause_;
};

}  // namespace fluxdb::sql
