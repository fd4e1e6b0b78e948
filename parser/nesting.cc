// A cheap upper bound on how deeply a statement nests, computed from its tokens.
#include <algorithm>

#include "parser/dialect.h"
#include "parser/dialect_analyzer.h"

namespace fluxdb::sql {

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
