// Column pruning: a table scan reads only the columns some expression of the plan uses.
//
// Bindings of a scan are (table index, table column), so dropping a column renumbers nothing.
#include "absl/container/flat_hash_set.h"
#include "planner/binder/bind_context.h"
#include "planner/optimizer/optimizer.h"
#include "planner/optimizer/plan_walk.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

void CollectUsed(LogicalOperator& op, absl::flat_hash_set<ColumnBinding>& used) {
  ForEachOperatorExpression(op, [&](BoundExprPtr& e) {
    VisitExpressionTree(*e, [&](const BoundExpression& node) {
      if (node.kind == BoundExprKind::kColumnRef) used.insert(node.binding);
    });
  });
  if (op.type == LogicalOperatorType::kGet) {
    // Scan filters read their columns inside the scan; they do not need them in the output.
  }
  for (auto& child : op.children) CollectUsed(*child, used);
}

void Prune(LogicalOperator& op, const absl::flat_hash_set<ColumnBinding>& used) {
  if (op.type == LogicalOperatorType::kGet) {
    auto& get = op.As<LogicalGet>();
    std::vector<uint32_t> kept;
    for (uint32_t id : get.column_ids) {
      idx_t binding_column = id == kRowIdColumn ? kRowIdBinding : id;
      if (used.contains(ColumnBinding{get.table_index, binding_column})) kept.push_back(id);
    }
    // A scan always produces rows; with no column needed it produces only row ids (computed,
    // never read from storage).
    if (kept.empty()) kept.push_back(kRowIdColumn);
    get.column_ids = std::move(kept);
  }
  for (auto& child : op.children) Prune(*child, used);
}

}  // namespace

void PruneColumns(LogicalOperator& plan) {
  absl::flat_hash_set<ColumnBinding> used;
  for (const auto& binding : plan.GetColumnBindings()) used.insert(binding);
  CollectUsed(plan, used);
  Prune(plan, used);
}

}  // namespace fluxdb
