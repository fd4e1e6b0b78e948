// The logical optimizer: rewrite passes run in order over a bound plan.
//
//   constant folding -> filter pushdown (forms joins, orders inner joins, fills scan
//   filters for chunk pruning) -> top-N -> column pruning.
// Each pass is one file; each is correct on its own (a pass that finds nothing to do leaves the
// plan unchanged), so passes can be switched off for tests.
#pragma once

#include "common/status.h"
#include "planner/logical/logical_operator.h"

namespace fluxdb {

class Binder;

struct OptimizerOptions {
  bool fold_constants = true;
  bool push_filters = true;
  bool top_n = true;
  bool prune_columns = true;
};

Status OptimizePlan(LogicalOperatorPtr& plan, Binder& binder, const OptimizerOptions& options = {});

// The passes (exposed for tests).
Status FoldConstants(LogicalOperator& plan);
Status FoldExpression(BoundExprPtr& expr);
Status PushDownFilters(LogicalOperatorPtr& plan, Binder& binder);
void IntroduceTopN(LogicalOperatorPtr& plan);
void PruneColumns(LogicalOperator& plan);

}  // namespace fluxdb
