// The logical optimizer: rewrite passes run in order over a bound plan.
//
//   constant folding -> comparison simplification (casts of columns off comparisons with
//   constants) -> mark joins to SEMI / ANTI joins -> filter pushdown (forms joins, orders inner
//   joins, fills scan filters for chunk pruning) -> top-N -> column pruning.
// Each pass is one file; each is correct on its own (a pass that finds nothing to do leaves the
// plan unchanged), so passes can be switched off for tests.
#pragma once

#include "common/status.h"
#include "planner/logical/logical_operator.h"

namespace fluxdb {

class Binder;

struct OptimizerOptions {
  bool fold_constants = true;
  bool simplify_comparisons = true;
  bool rewrite_mark_joins = true;
  bool push_filters = true;
  bool top_n = true;
  bool prune_columns = true;
};

Status OptimizePlan(LogicalOperatorPtr& plan, Binder& binder, const OptimizerOptions& options = {});

// The passes (exposed for tests).
Status FoldConstants(LogicalOperator& plan);
Status FoldExpression(BoundExprPtr& expr);
void SimplifyComparisons(LogicalOperator& plan);
void RewriteMarkJoins(LogicalOperatorPtr& plan);
Status PushDownFilters(LogicalOperatorPtr& plan, Binder& binder);
void IntroduceTopN(LogicalOperatorPtr& plan);
void PruneColumns(LogicalOperator& plan);

}  // namespace fluxdb
