// DuckDB's integer division operator `//` at the precedence of `/` (see
// DialectAnalyzer::IntegerDivision).
#include "parser/dialect_analyzer.h"

namespace fluxdb::sql {

namespace {
bool IsMultiplicative(const Token& t) {
  return t.kind == TokenKind::kOperator &&
         (t.word == "*" || t.word == "/" || t.word == "%" || t.word == "//");
}
}  // namespace

size_t DialectAnalyzer::TermStart(size_t last) const {
  size_t i = last;
  while (true) {
    // One primary, read backwards.
    if (P(i, ')')) {
      size_t open = MatchBackward(i);
      if (open == n_) return n_;
      i = open;
      if (i > 0 && IsName(i - 1)) i--;  // a function call
    } else if (W(i, "end")) {
      int depth = 0;
      size_t k = i + 1;
      while (k-- > 0) {
        if (W(k, "end")) depth++;
        if (W(k, "case") && --depth == 0) break;
      }
      if (k > i) return n_;
      i = k;
    } else if (t_[i].kind == TokenKind::kNumber || t_[i].kind == TokenKind::kString ||
               t_[i].kind == TokenKind::kParam || IsName(i)) {
      // a literal or a name
    } else {
      return n_;
    }
    while (i >= 2 && P(i - 1, '.') && IsName(i - 2)) i -= 2;  // qualified name
    if (i >= 2 && IsOp(i - 1, "::")) {  // x::type: the cast's operand comes first
      i -= 2;
      continue;
    }
    while (i >= 1 && IsSign(i - 1)) i--;
    if (i >= 2 && IsMultiplicative(t_[i - 1])) {
      i -= 2;
      continue;
    }
    return i;
  }
}

size_t DialectAnalyzer::FactorEnd(size_t first) const {
  size_t i = first;
  while (i < n_ && (IsOp(i, "+") || IsOp(i, "-"))) i++;
  if (i >= n_) return n_;
  if (P(i, '(')) {
    i = MatchForward(i);
  } else if (W(i, "case")) {
    int depth = 0;
    for (; i < n_; i++) {
      if (W(i, "case")) depth++;
      if (W(i, "end") && --depth == 0) break;
    }
  } else if (t_[i].kind == TokenKind::kNumber || t_[i].kind == TokenKind::kString ||
             t_[i].kind == TokenKind::kParam) {
    // a literal
  } else if (IsName(i)) {
    while (P(i + 1, '.') && IsName(i + 2)) i += 2;
    if (P(i + 1, '(')) i = MatchForward(i + 1);
  } else {
    return n_;
  }
  if (i >= n_) return n_;
  // x::type, x::DECIMAL(10, 2)
  while (IsOp(i + 1, "::") && IsName(i + 2)) {
    i += 2;
    while (P(i + 1, '.') && IsName(i + 2)) i += 2;
    if (P(i + 1, '(')) i = MatchForward(i + 1);
    if (i >= n_) return n_;
  }
  return i;
}

void DialectAnalyzer::Parenthesize(size_t first, size_t last) {
  auto text = [&](size_t i) {
    return info_.replacement[i] ? *info_.replacement[i]
                                : std::string(text_.substr(t_[i].start, t_[i].end - t_[i].start));
  };
  Replace(first, "(" + text(first));
  Replace(last, text(last) + ")");
}

void DialectAnalyzer::IntegerDivision() {
  for (size_t i = 1; i + 1 < n_; i++) {
    if (!IsOp(i, "//") || !Kept(i)) continue;
    size_t start = TermStart(i - 1);
    size_t end = FactorEnd(i + 1);
    if (start == n_ || end == n_) continue;
    Parenthesize(start, end);
  }
}

}  // namespace fluxdb::sql
