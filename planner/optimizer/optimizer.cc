#include "planner/optimizer/optimizer.h"

#include "planner/optimizer/cardinality_estimator.h"

namespace fluxdb {

Status OptimizePlan(LogicalOperatorPtr& plan, Binder& binder, const OptimizerOptions& options) {
  if (options.fold_constants) FLUX_RETURN_IF_ERROR(FoldConstants(*plan));
  if (options.simplify_comparisons) SimplifyComparisons(*plan);
  if (options.rewrite_mark_joins) RewriteMarkJoins(plan);
  if (options.push_filters) FLUX_RETURN_IF_ERROR(PushDownFilters(plan, binder));
  if (options.fold_constants) FLUX_RETURN_IF_ERROR(FoldConstants(*plan));
  if (options.top_n) IntroduceTopN(plan);
  if (options.prune_columns) PruneColumns(*plan);
  EstimateCardinalities(*plan);
  return Status();
}

}  // namespace fluxdb
