// Column pruning: a table scan reads only the columns some expression of the plan uses, and
// projections and aggregates inside the plan compute only the outputs something reads.
//
// Bindings of a scan are (table index, table column), so dropping a column renumbers nothing.
// A projection's or aggregate's outputs are positional (table index, i): dropping one renumbers
// the later ones, and every reference in the plan follows. Dropping an output can leave the
// columns it read unused, so the pass repeats until nothing changes (a subquery's SELECT * above
// a join then stops carrying every column of its tables: TPC-H Q04 / Q21's EXISTS).
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "planner/binder/bind_context.h"
#include "planner/optimizer/optimizer.h"
#include "planner/optimizer/plan_walk.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

using BindingSet = absl::flat_hash_set<ColumnBinding>;
using BindingMap = absl::flat_hash_map<ColumnBinding, ColumnBinding>;

void CollectUsed(LogicalOperator& op, BindingSet& used) {
  ForEachOperatorExpression(op, [&](BoundExprPtr& e) {
    VisitExpressionTree(*e, [&](const BoundExpression& node) {
      if (node.kind == BoundExprKind::kColumnRef) used.insert(node.binding);
    });
  });
  for (auto& child : op.children) CollectUsed(*child, used);
}

// True if `op` reads its children's outputs by binding only, so that their positions may change.
bool ReadsChildrenByBinding(const LogicalOperator& op) {
  switch (op.type) {
    case LogicalOperatorType::kFilter:
    case LogicalOperatorType::kProjection:
    case LogicalOperatorType::kAggregate:
    case LogicalOperatorType::kWindow:
    case LogicalOperatorType::kOrder:
    case LogicalOperatorType::kTopN:
    case LogicalOperatorType::kLimit:
    case LogicalOperatorType::kJoin:
    case LogicalOperatorType::kCrossProduct:
      return true;
    default:
      // Set operations, materialized CTEs and DML read their inputs by position.
      return false;
  }
}

// Keeps the entries of `list` whose binding (table_index, i) is used (at least `keep_min`);
// records the renumbering in `remap`. True if anything was dropped.
bool PruneOutputs(BoundExprList& list, idx_t table_index, const BindingSet& used, size_t keep_min,
                  BindingMap& remap) {
  std::vector<bool> keep(list.size());
  size_t kept = 0;
  for (idx_t i = 0; i < list.size(); i++) {
    keep[i] = used.contains(ColumnBinding{table_index, i});
    kept += keep[i];
  }
  for (idx_t i = 0; i < list.size() && kept < keep_min; i++) {
    if (!keep[i]) {
      keep[i] = true;
      kept++;
    }
  }
  if (kept == list.size()) return false;
  BoundExprList result;
  for (idx_t i = 0; i < list.size(); i++) {
    if (!keep[i]) continue;
    if (i != result.size()) remap[{table_index, i}] = {table_index, result.size()};
    result.push_back(std::move(list[i]));
  }
  list = std::move(result);
  return true;
}

// Drops unread outputs of projections and aggregates whose parent reads by binding.
bool PruneOutputsBelow(LogicalOperator& op, const BindingSet& used, BindingMap& remap) {
  bool changed = false;
  for (auto& child : op.children) {
    if (ReadsChildrenByBinding(op)) {
      if (child->type == LogicalOperatorType::kProjection) {
        auto& projection = child->As<LogicalProjection>();
        changed |= PruneOutputs(projection.expressions, projection.table_index, used, 1, remap);
      } else if (child->type == LogicalOperatorType::kAggregate) {
        auto& aggregate = child->As<LogicalAggregate>();
        size_t keep_min = aggregate.groups.empty() ? 1 : 0;
        changed |=
            PruneOutputs(aggregate.expressions, aggregate.aggregate_index, used, keep_min, remap);
      }
    }
    changed |= PruneOutputsBelow(*child, used, remap);
  }
  return changed;
}

void RemapExpression(BoundExpression& expr, const BindingMap& remap) {
  if (expr.kind == BoundExprKind::kColumnRef && expr.depth == 0) {
    auto it = remap.find(expr.binding);
    if (it != remap.end()) expr.binding = it->second;
  }
  for (auto& child : expr.children) RemapExpression(*child, remap);
  if (expr.filter) RemapExpression(*expr.filter, remap);
  if (expr.window) {
    for (auto& p : expr.window->partitions) RemapExpression(*p, remap);
    for (auto& o : expr.window->orders) RemapExpression(*o.expr, remap);
    if (expr.window->start_offset) RemapExpression(*expr.window->start_offset, remap);
    if (expr.window->end_offset) RemapExpression(*expr.window->end_offset, remap);
  }
}

void RemapPlan(LogicalOperator& op, const BindingMap& remap) {
  ForEachOperatorExpression(op, [&](BoundExprPtr& e) { RemapExpression(*e, remap); });
  for (auto& child : op.children) RemapPlan(*child, remap);
}

void PruneScans(LogicalOperator& op, const BindingSet& used) {
  if (op.type == LogicalOperatorType::kGet) {
    auto& get = op.As<LogicalGet>();
    std::vector<uint32_t> kept;
    for (uint32_t id : get.column_ids) {
      idx_t binding_column = id == kRowIdColumn ? kRowIdBinding : id;
      if (used.contains(ColumnBinding{get.table_index, binding_column})) kept.push_back(id);
    }
    // A scan always produces rows; with no column needed it produces only row ids (computed,
    // never read from storage). Scan filters read their columns inside the scan.
    if (kept.empty()) kept.push_back(kRowIdColumn);
    get.column_ids = std::move(kept);
  }
  for (auto& child : op.children) PruneScans(*child, used);
}

BindingSet UsedBindings(LogicalOperator& plan) {
  BindingSet used;
  for (const auto& binding : plan.GetColumnBindings()) used.insert(binding);
  CollectUsed(plan, used);
  return used;
}

}  // namespace

void PruneColumns(LogicalOperator& plan) {
  for (;;) {
    BindingMap remap;
    if (!PruneOutputsBelow(plan, UsedBindings(plan), remap)) break;
    RemapPlan(plan, remap);
  }
  PruneScans(plan, UsedBindings(plan));
}

}  // namespace fluxdb
