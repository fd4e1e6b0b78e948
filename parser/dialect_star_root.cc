// A bare `*` stands for a list of columns, so it may only be a whole select-list item (or the
// argument of count(*) / COLUMNS(*)). PostgreSQL's grammar rejects it elsewhere with a bare syntax
// error; DuckDB parses it and its binder names the problem, which this check does instead.
#include "parser/dialect_analyzer.h"

namespace fluxdb::sql {

Status DialectAnalyzer::StarsOutsideRoot() {
  for (size_t i = 2; i < n_; i++) {
    if (!IsOp(i, "*")) continue;
    // count(DISTINCT *): a star as one argument among others of a DISTINCT call.
    bool distinct_argument = W(i - 1, "distinct") && P(i - 2, '(');
    // f(a, *): an argument after a comma inside parentheses that belong to no clause (at the
    // level of a select list or GROUP BY the comma separates items, and a star there is a root).
    bool later_argument = P(i - 1, ',') && clause_[i] == n_;
    if (distinct_argument || later_argument) {
      return ErrorAt(BinderError("STAR expression is only allowed as the root element of an "
                                 "expression. Use COLUMNS(*) instead."),
                     i);
    }
  }
  return Status();
}

}  // namespace fluxdb::sql
