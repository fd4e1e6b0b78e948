// DuckDB's column selections PostgreSQL's grammar lacks: COLUMNS(x -> condition) and
// `* LIKE 'pattern'` (also NOT LIKE, ILIKE, GLOB, SIMILAR TO) with an optional alias.
#include "parser/dialect_analyzer.h"

namespace fluxdb::sql {

void DialectAnalyzer::ColumnsLambdas() {
  for (size_t i = 0; i + 4 < n_; i++) {
    if (!W(i, "columns") || !P(i + 1, '(') || !Kept(i + 2)) continue;
    size_t param = n_;
    size_t body = n_;
    if (W(i + 2, "lambda") && IsName(i + 3) && P(i + 4, ':')) {
      param = i + 3;
      body = i + 5;
    } else if (IsName(i + 2) && IsOp(i + 3, "->")) {
      param = i + 2;
      body = i + 4;
    }
    if (param == n_ || body >= n_ || P(body, ')')) continue;
    info_.columns_lambdas[t_[i].start] = t_[param].word;
    for (size_t j = i + 2; j < body; j++) Drop(j);
  }
}

StatusOr<size_t> DialectAnalyzer::StarFilter(size_t k, StarModifiers& modifiers) {
  if (!modifiers.replace.empty()) {
    return ErrorAt(BinderError("Replace list cannot be combined with a filtering operation"), k);
  }
  if (!modifiers.rename.empty()) {
    return ErrorAt(BinderError("Rename list cannot be combined with a filtering operation"), k);
  }
  // The condition runs to the end of the select-list item or to its alias.
  size_t end = k;
  for (int depth = 0; end < n_; end++) {
    if (P(end, '(')) depth++;
    if (P(end, ')') && depth-- == 0) break;
    if (depth > 0) continue;
    if (P(end, ',') || P(end, ';') ||
        OneOf(t_[end], {"as", "from", "where", "group", "having", "window", "qualify", "order",
                        "limit", "offset", "union", "intersect", "except", "into"})) {
      break;
    }
  }
  modifiers.filter = TokenRange{k, end};
  // GLOB is an operator PostgreSQL lacks (see Glob()).
  if (W(k, "glob")) {
    Replace(k, Concat(kStarColumn, " ~~~"));
  } else if (W(k, "not") && W(k + 1, "glob")) {
    Replace(k, kStarColumn);
    Replace(k + 1, "!~~~");
  } else {
    Replace(k, Concat(kStarColumn, " ", RenderedToken(k)));
  }
  if (W(end, "as") && end + 1 < n_) {
    const Token& name = t_[end + 1];
    if (name.kind == TokenKind::kString && name.word.size() >= 2 && name.word.front() == '\'') {
      std::string alias;
      std::string_view inner(name.word);
      inner = inner.substr(1, inner.size() - 2);
      for (size_t c = 0; c < inner.size(); c++) {
        alias += inner[c];
        if (inner[c] == '\'' && c + 1 < inner.size() && inner[c + 1] == '\'') c++;
      }
      modifiers.alias = std::move(alias);
      end += 2;
    } else if (IsName(end + 1)) {
      modifiers.alias = name.word;
      end += 2;
    }
  }
  return end;
}

}  // namespace fluxdb::sql
