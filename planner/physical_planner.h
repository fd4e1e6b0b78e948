// PhysicalPlanner: lowers an optimized logical plan to physical operators.
//
// Column references by binding become positions in the operator's input chunk; each logical
// operator picks its implementation (ungrouped vs hash aggregate, hash join vs nested loop,
// full sort vs top-N).
#pragma once

#include "absl/container/flat_hash_map.h"
#include "common/status.h"
#include "execution/execution_context.h"
#include "execution/operator/physical_operator.h"
#include "planner/logical/logical_operator.h"

namespace fluxdb {

class PhysicalPlanner {
 public:
  explicit PhysicalPlanner(ExecutionContext& context) : context_(context) {}

  StatusOr<PhysicalOperatorPtr> Plan(LogicalOperator& op);

  /// Rewrites column references of `expr` into positions of `bindings`.
  static Status ResolveColumns(BoundExprPtr& expr, const std::vector<ColumnBinding>& bindings);

 private:
  StatusOr<PhysicalOperatorPtr> PlanJoin(LogicalOperator& op);
  StatusOr<PhysicalOperatorPtr> PlanDelimJoin(LogicalJoin& join);
  StatusOr<PhysicalOperatorPtr> PlanDelimGet(LogicalDelimGet& get);
  StatusOr<PhysicalOperatorPtr> MakeJoin(LogicalJoin& join, JoinKind kind,
                                         const std::vector<ColumnBinding>& left,
                                         const std::vector<LogicalType>& left_types,
                                         const std::vector<ColumnBinding>& right,
                                         const std::vector<LogicalType>& right_types,
                                         PhysicalOperatorPtr left_plan,
                                         PhysicalOperatorPtr right_plan, idx_t cardinality);
  StatusOr<PhysicalOperatorPtr> PlanWindow(LogicalWindow& window);
  StatusOr<PhysicalOperatorPtr> PlanExpressionGet(LogicalExpressionGet& get);
  StatusOr<PhysicalOperatorPtr> PlanDml(LogicalDml& dml);

  ExecutionContext& context_;
  /// Delim joins being planned: delim index -> (materialized left input, correlated positions).
  struct DelimSource {
    const class PhysicalMaterializedCte* cte = nullptr;
    std::vector<LogicalType> cte_types;
    std::vector<idx_t> columns;
  };
  absl::flat_hash_map<idx_t, DelimSource> delim_sources_;
};

}  // namespace fluxdb
