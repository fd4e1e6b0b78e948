#include "parser/dialect.h"

#include <algorithm>

#include "parser/dialect_analyzer.h"

namespace fluxdb::sql {

StatusOr<DialectInfo> DialectAnalyzer::Run() {
  ComputeClauses();
  Parameters();
  KeywordPositions();
  FLUX_RETURN_IF_ERROR(StarsOutsideRoot());
  FromFirst();
  ShowSubqueries();
  FLUX_RETURN_IF_ERROR(GroupAndOrderByAll());
  FLUX_RETURN_IF_ERROR(StarModifierLists());
  IntegerDivision();
  ColumnsLambdas();
  StringAliases();
  PrefixAliases();
  TryCast();
  LimitPercent();
  IgnoreNulls();
  FLUX_RETURN_IF_ERROR(Qualify());
  UnionByName();
  FLUX_RETURN_IF_ERROR(Joins());
  StatementForms();
  FLUX_RETURN_IF_ERROR(SetMapValue());
  Intervals();
  Glob();
  UnnamedSubqueries();
  FilterWithoutWhere();
  EmptyTypeModifiers();
  SqliteForms();
  return std::move(info_);
}

// `?` placeholders become $1, $2 ... in order of appearance. PostgreSQL's lexer glues `?` to
// neighbouring operator characters (`a=?` is one operator), so operators are split too.
void DialectAnalyzer::Parameters() {
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
void DialectAnalyzer::ComputeClauses() {
  clause_.assign(n_, n_);
  std::vector<size_t> stack{n_};
  for (size_t i = 0; i < n_; i++) {
    clause_[i] = stack.back();
    if (P(i, '(')) {
      stack.push_back(n_);
    } else if (P(i, ')')) {
      if (stack.size() > 1) stack.pop_back();
    } else if (OneOf(t_[i], {"select", "from", "where", "group", "having", "order", "limit", "set",
                             "values", "returning", "into", "by", "window", "qualify", "union",
                             "intersect", "except", "update", "using"})) {
      // ON conditions of joins belong to the FROM clause; USING of DELETE starts a FROM list.
      stack.back() =
          W(i, "using") && stack.back() != n_ && W(stack.back(), "from") ? stack.back() : i;
    }
  }
}

void DialectAnalyzer::KeywordPositions() {
  for (size_t i = 0; i < n_; i++) {
    if (W(i, "select")) info_.select_keywords.push_back(t_[i].start);
    if (OneOf(t_[i], {"union", "intersect", "except"})) {
      info_.set_op_keywords.push_back(t_[i].start);
    }
    if (W(i, "join")) info_.join_keywords.push_back(t_[i].start);
  }
}

/// DuckDB's FROM-first queries, at the start of a statement or of a query: `FROM t ...` without
/// SELECT is `SELECT * FROM t ...`, and `FROM t SELECT list ...` is `SELECT list FROM t ...`.
/// The FROM list is rendered after the select list (not copied), so that errors in either point
/// at the user's text.
void DialectAnalyzer::FromFirst() {
  auto starts_query = [&](size_t i) {
    if (i == 0) return true;
    if (P(i - 1, '(')) {
      // trim(FROM s), extract(... FROM x) take a FROM of their own.
      return i < 2 || !OneOf(t_[i - 2], {"trim", "extract", "substring", "overlay", "position"});
    }
    if (OneOf(t_[i - 1], {"as", "union", "intersect", "except"})) return true;
    if (P(i - 1, ')')) {
      // WITH w AS (...) FROM w ...: the main query after a CTE.
      size_t open = MatchBackward(i - 1);
      return open != n_ && open > 0 && (W(open - 1, "as") || W(open - 1, "materialized"));
    }
    if (OneOf(t_[i - 1], {"all", "distinct"})) {
      return i >= 2 && OneOf(t_[i - 2], {"union", "intersect", "except"});
    }
    return i == 1 && OneOf(t_[0], {"explain", "describe", "summarize"});
  };
  for (size_t i = 0; i < n_; i++) {
    if (!W(i, "from") || !Kept(i) || !starts_query(i)) continue;
    // The FROM list ends at the first SELECT or clause keyword at its level.
    size_t select = i + 1;
    for (int depth = 0; select < n_; select++) {
      if (P(select, '(')) depth++;
      if (P(select, ')') && depth-- == 0) break;
      if (depth > 0) continue;
      if (P(select, ';') ||
          OneOf(t_[select], {"select", "where", "group", "having", "window", "qualify", "order",
                             "limit", "offset", "fetch", "union", "intersect", "except"})) {
        break;
      }
    }
    if (!W(select, "select")) {
      Replace(i, "SELECT * FROM");
      info_.select_keywords.push_back(t_[i].start);
      std::sort(info_.select_keywords.begin(), info_.select_keywords.end());
      continue;
    }
    // The select list ends at the next clause keyword at its level.
    size_t end = select + 1;
    for (int depth = 0; end < n_; end++) {
      if (P(end, '(')) depth++;
      if (P(end, ')') && depth-- == 0) break;
      if (depth > 0) continue;
      if (P(end, ';') ||
          OneOf(t_[end], {"from", "where", "group", "having", "window", "qualify", "order", "limit",
                          "offset", "fetch", "union", "intersect", "except", "into"})) {
        break;
      }
    }
    if (end == select + 1) continue;  // no select list: PostgreSQL reports the syntax error
    info_.render_after[end - 1] = TokenRange{i, select};
  }
}

Status DialectAnalyzer::GroupAndOrderByAll() {
  for (size_t i = 0; i + 2 < n_; i++) {
    // GROUP BY * / ORDER BY * are GROUP BY ALL / ORDER BY ALL.
    bool star = i + 2 < n_ && t_[i + 2].word == "*" && t_[i + 2].kind != TokenKind::kString;
    if (!(W(i, "group") || W(i, "order")) || !W(i + 1, "by") || !(W(i + 2, "all") || star)) {
      continue;
    }
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

Status DialectAnalyzer::StarModifierLists() {
  for (size_t i = 0; i < n_; i++) {
    if (t_[i].word != "*" || t_[i].kind == TokenKind::kString) continue;
    if (!StarPrecedesModifiers(i)) continue;
    // SELECT * + 1: a star is not an operand (inside COLUMNS(...) the grammar reports it).
    if (i + 1 < n_ && t_[i + 1].kind == TokenKind::kOperator && (i == 0 || !P(i - 1, '('))) {
      return ErrorAt(
          BinderError("Function \"", t_[i + 1].word, "\" cannot be applied to a star expression"),
          i + 1);
    }
    if (!IsStarModifier(i + 1) && !IsStarFilter(i + 1)) continue;
    StarModifiers modifiers;
    size_t k = i + 1;
    while (IsStarModifier(k)) {
      size_t keyword = k;
      bool exclude = W(keyword, "exclude") || W(keyword, "except");
      // A possibly qualified name starting at token `first`; returns its last token.
      auto add_exclude = [&](size_t first) {
        size_t last = first;
        while (P(last + 1, '.') && IsName(last + 2)) last += 2;
        modifiers.exclude.push_back(t_[last].word);
        modifiers.exclude_qualifiers.push_back(last > first ? t_[last - 2].word : "");
        return last;
      };
      if (W(keyword, "rename")) {
        // RENAME (old AS new, ...)
        if (!P(keyword + 1, '(')) {
          return ErrorAt(ParserError("syntax error at or near \"", t_[keyword].word, "\""),
                         keyword);
        }
        size_t close = MatchForward(keyword + 1);
        size_t j = keyword + 2;
        while (j < close) {
          if (!IsName(j)) {
            return ErrorAt(ParserError("syntax error at or near \"", t_[j].word, "\""), j);
          }
          size_t last = j;
          while (P(last + 1, '.') && IsName(last + 2)) last += 2;
          size_t as = last + 1;
          bool quoted_new = as + 1 < close && t_[as + 1].kind == TokenKind::kString;
          if (!W(as, "as") || !(IsName(as + 1) || quoted_new)) {
            return ErrorAt(ParserError("syntax error at or near \"", t_[as].word, "\""), as);
          }
          std::string renamed = t_[as + 1].word;
          if (quoted_new && renamed.size() >= 2) renamed = renamed.substr(1, renamed.size() - 2);
          modifiers.rename.emplace_back(t_[last].word, renamed);
          j = as + 2;
          if (j < close && !P(j, ',')) {
            return ErrorAt(ParserError("syntax error at or near \"", t_[j].word, "\""), j);
          }
          j++;
        }
        k = close + 1;
        continue;
      }
      if (exclude && !P(keyword + 1, '(') && IsName(keyword + 1)) {
        // EXCLUDE col, EXCLUDE t.col
        k = add_exclude(keyword + 1) + 1;
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
        return ErrorAt(ParserError("syntax error at or near \"", t_[keyword].word, "\""), keyword);
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
              modifiers.exclude_qualifiers.emplace_back();
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
          last = add_exclude(last);
          j = last + 1;
          if (j < close && !P(j, ',')) {
            return ErrorAt(ParserError("syntax error at or near \"", t_[j].word, "\""), j);
          }
          j++;
        }
      }
      k = close + 1;
    }
    if (IsStarFilter(k)) {
      FLUX_ASSIGN_OR_RETURN(k, StarFilter(k, modifiers));
    }
    info_.moved.push_back(TokenRange{i + 1, k});
    info_.star_modifiers[QualifiedNameStart(i)] = std::move(modifiers);
    i = k - 1;
  }
  return Status();
}

void DialectAnalyzer::TryCast() {
  for (size_t i = 0; i + 1 < n_; i++) {
    if (W(i, "try_cast") && P(i + 1, '(')) {
      Replace(i, "CAST");
      info_.try_casts.insert(t_[i].start);
    }
  }
}

// LIMIT 10% / LIMIT 10 PERCENT: the '%' goes, the span of the LIMIT expression is remembered.
void DialectAnalyzer::LimitPercent() {
  for (size_t i = 0; i < n_; i++) {
    if (!W(i, "limit")) continue;
    size_t j = i + 1;
    int depth = 0;
    for (; j < n_; j++) {
      if (P(j, '(')) depth++;
      if (P(j, ')') && depth-- == 0) break;
      if (depth == 0 &&
          (P(j, ';') || OneOf(t_[j], {"offset", "union", "intersect", "except", "fetch", "for"}))) {
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
void DialectAnalyzer::IgnoreNulls() {
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

Status DialectAnalyzer::Qualify() {
  for (size_t i = 1; i + 1 < n_; i++) {
    if (!W(i, "qualify")) continue;
    const Token& prev = t_[i - 1];
    if (OneOf(prev, {"select", "as", "distinct", "from", "join"}) || prev.IsPunct(',') ||
        prev.IsPunct('.') || prev.IsPunct('(') || prev.kind == TokenKind::kOperator) {
      continue;
    }
    const Token& next = t_[i + 1];
    if (OneOf(next, {"from", "as", "where", "group", "having", "order", "limit", "offset", "union",
                     "intersect", "except", "window", "join", "on"}) ||
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

void DialectAnalyzer::UnionByName() {
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

Status DialectAnalyzer::Joins() {
  for (size_t i = 0; i + 1 < n_; i++) {
    if (W(i, "join") && W(i + 1, "by") && P(i + 2, '(') && W(i + 3, "type")) {
      FLUX_RETURN_IF_ERROR(JoinByType(i));
      continue;
    }
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

StatusOr<DialectInfo> AnalyzeDialect(std::string_view text, const std::vector<Token>& tokens) {
  return DialectAnalyzer(text, tokens).Run();
}

}  // namespace fluxdb::sql
