#include "planner/physical_planner.h"

#include "catalog/catalog_entry.h"
#include "common/chunk_collection.h"
#include "execution/expression/expression_executor.h"
#include "execution/operator/physical_dml.h"
#include "execution/operator/physical_cte.h"
#include "execution/operator/physical_filter.h"
#include "execution/operator/physical_hash_join.h"
#include "execution/operator/physical_hash_aggregate.h"
#include "execution/operator/physical_limit.h"
#include "execution/operator/physical_order.h"
#include "execution/operator/physical_projection.h"
#include "execution/operator/physical_simple_sources.h"
#include "execution/operator/physical_table_scan.h"
#include "execution/operator/physical_ungrouped_aggregate.h"
#include "execution/operator/physical_window.h"
#include "execution/table_function/table_function.h"
#include "planner/binder/bind_context.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

Status Resolve(BoundExprPtr& expr, const absl::flat_hash_map<ColumnBinding, idx_t>& positions) {
  if (expr->kind == BoundExprKind::kColumnRef) {
    if (expr->depth != 0) {
      return InternalError("correlated column ", expr->ToString(), " survived subquery planning");
    }
    auto it = positions.find(expr->binding);
    if (it == positions.end()) {
      return InternalError("column ", expr->ToString(), " is not produced by the operator's input");
    }
    std::string alias = expr->alias;
    expr = BoundExpression::Reference(expr->type, it->second);
    expr->alias = alias;
    return Status();
  }
  for (auto& child : expr->children) FLUX_RETURN_IF_ERROR(Resolve(child, positions));
  if (expr->filter) FLUX_RETURN_IF_ERROR(Resolve(expr->filter, positions));
  if (expr->window) {
    for (auto& p : expr->window->partitions) FLUX_RETURN_IF_ERROR(Resolve(p, positions));
    for (auto& o : expr->window->orders) FLUX_RETURN_IF_ERROR(Resolve(o.expr, positions));
    if (expr->window->start_offset) FLUX_RETURN_IF_ERROR(Resolve(expr->window->start_offset, positions));
    if (expr->window->end_offset) FLUX_RETURN_IF_ERROR(Resolve(expr->window->end_offset, positions));
  }
  return Status();
}

absl::flat_hash_map<ColumnBinding, idx_t> PositionMap(const std::vector<ColumnBinding>& bindings) {
  absl::flat_hash_map<ColumnBinding, idx_t> positions;
  for (idx_t i = 0; i < bindings.size(); i++) positions[bindings[i]] = i;
  return positions;
}

BoundExprPtr AndAll(BoundExprList conjuncts) {
  if (conjuncts.size() == 1) return std::move(conjuncts[0]);
  return BoundExpression::Conjunction(true, std::move(conjuncts));
}

}  // namespace

Status PhysicalPlanner::ResolveColumns(BoundExprPtr& expr, const std::vector<ColumnBinding>& bindings) {
  return Resolve(expr, PositionMap(bindings));
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::Plan(LogicalOperator& op) {
  idx_t cardinality = op.EstimateCardinality();
  switch (op.type) {
    case LogicalOperatorType::kGet: {
      auto& get = op.As<LogicalGet>();
      std::vector<std::string> names;
      for (uint32_t id : get.column_ids) {
        names.push_back(id == kRowIdColumn ? "rowid" : get.table.columns()[id].name);
      }
      return PhysicalOperatorPtr(std::make_unique<PhysicalTableScan>(
          get.GetTypes(), get.table.storage(), get.table.name(), get.column_ids, names,
          get.filters, cardinality));
    }
    case LogicalOperatorType::kTableFunction: {
      auto& function = op.As<LogicalTableFunction>();
      return PhysicalOperatorPtr(std::make_unique<PhysicalTableFunction>(
          function.types, function.function, function.data, cardinality));
    }
    case LogicalOperatorType::kExpressionGet:
      return PlanExpressionGet(op.As<LogicalExpressionGet>());
    case LogicalOperatorType::kDummyScan:
      return PhysicalOperatorPtr(std::make_unique<PhysicalDummyScan>());
    case LogicalOperatorType::kEmptyResult:
      return PhysicalOperatorPtr(std::make_unique<PhysicalEmptyResult>(op.GetTypes()));
    case LogicalOperatorType::kFilter: {
      // Bindings first: planning the child moves its expressions out.
      auto positions = PositionMap(op.children[0]->GetColumnBindings());
      FLUX_ASSIGN_OR_RETURN(auto child, Plan(*op.children[0]));
      for (auto& e : op.expressions) FLUX_RETURN_IF_ERROR(Resolve(e, positions));
      auto filter = std::make_unique<PhysicalFilter>(child->types(), AndAll(std::move(op.expressions)),
                                                     cardinality);
      filter->children.push_back(std::move(child));
      return PhysicalOperatorPtr(std::move(filter));
    }
    case LogicalOperatorType::kProjection: {
      auto types = op.GetTypes();
      // Bindings first: planning the child moves its expressions out.
      auto positions = PositionMap(op.children[0]->GetColumnBindings());
      FLUX_ASSIGN_OR_RETURN(auto child, Plan(*op.children[0]));
      for (auto& e : op.expressions) FLUX_RETURN_IF_ERROR(Resolve(e, positions));
      auto projection = std::make_unique<PhysicalProjection>(types, std::move(op.expressions), cardinality);
      projection->children.push_back(std::move(child));
      return PhysicalOperatorPtr(std::move(projection));
    }
    case LogicalOperatorType::kAggregate: {
      auto& aggregate = op.As<LogicalAggregate>();
      auto types = op.GetTypes();
      // Bindings first: planning the child moves its expressions out.
      auto positions = PositionMap(op.children[0]->GetColumnBindings());
      FLUX_ASSIGN_OR_RETURN(auto child, Plan(*op.children[0]));
      for (auto& g : aggregate.groups) FLUX_RETURN_IF_ERROR(Resolve(g, positions));
      for (auto& a : aggregate.expressions) FLUX_RETURN_IF_ERROR(Resolve(a, positions));
      PhysicalOperatorPtr result;
      if (aggregate.groups.empty()) {
        result = std::make_unique<PhysicalUngroupedAggregate>(types, std::move(aggregate.expressions));
      } else {
        result = std::make_unique<PhysicalHashAggregate>(types, std::move(aggregate.groups),
                                                         std::move(aggregate.expressions), cardinality);
      }
      result->children.push_back(std::move(child));
      return result;
    }
    case LogicalOperatorType::kOrder:
    case LogicalOperatorType::kTopN: {
      // Bindings first: planning the child moves its expressions out.
      auto positions = PositionMap(op.children[0]->GetColumnBindings());
      FLUX_ASSIGN_OR_RETURN(auto child, Plan(*op.children[0]));
      std::vector<BoundOrderBy>& orders = op.type == LogicalOperatorType::kOrder
                                              ? op.As<LogicalOrder>().orders
                                              : op.As<LogicalTopN>().orders;
      for (auto& o : orders) FLUX_RETURN_IF_ERROR(Resolve(o.expr, positions));
      idx_t limit = PhysicalOrder::kNoLimit, offset = 0;
      if (op.type == LogicalOperatorType::kTopN) {
        limit = op.As<LogicalTopN>().limit;
        offset = op.As<LogicalTopN>().offset;
      }
      auto order = std::make_unique<PhysicalOrder>(child->types(), std::move(orders), limit, offset,
                                                   cardinality);
      order->children.push_back(std::move(child));
      return PhysicalOperatorPtr(std::move(order));
    }
    case LogicalOperatorType::kLimit: {
      auto& limit = op.As<LogicalLimit>();
      // Bindings first: planning the child moves its expressions out.
      auto positions = PositionMap(op.children[0]->GetColumnBindings());
      FLUX_ASSIGN_OR_RETURN(auto child, Plan(*op.children[0]));
      auto result = std::make_unique<PhysicalLimit>(child->types(), limit.limit, limit.offset, cardinality);
      result->percent = limit.percent;
      if (limit.limit_expression != kInvalidIndex) {
        result->limit_expression = std::move(op.expressions[limit.limit_expression]);
        FLUX_RETURN_IF_ERROR(Resolve(result->limit_expression, positions));
      }
      if (limit.offset_expression != kInvalidIndex) {
        result->offset_expression = std::move(op.expressions[limit.offset_expression]);
        FLUX_RETURN_IF_ERROR(Resolve(result->offset_expression, positions));
      }
      result->children.push_back(std::move(child));
      return PhysicalOperatorPtr(std::move(result));
    }
    case LogicalOperatorType::kSetOperation: {
      auto& set_op = op.As<LogicalSetOperation>();
      auto types = op.GetTypes();
      if (set_op.kind != SetOperationKind::kUnion) {
        return InternalError("INTERSECT / EXCEPT must be planned as joins");
      }
      FLUX_ASSIGN_OR_RETURN(auto left, Plan(*op.children[0]));
      FLUX_ASSIGN_OR_RETURN(auto right, Plan(*op.children[1]));
      auto result = std::make_unique<PhysicalUnion>(types, cardinality);
      result->children.push_back(std::move(left));
      result->children.push_back(std::move(right));
      return PhysicalOperatorPtr(std::move(result));
    }
    case LogicalOperatorType::kJoin:
    case LogicalOperatorType::kCrossProduct:
      return PlanJoin(op);
    case LogicalOperatorType::kDelimGet:
      return PlanDelimGet(op.As<LogicalDelimGet>());
    case LogicalOperatorType::kWindow:
      return PlanWindow(op.As<LogicalWindow>());
    case LogicalOperatorType::kInsert:
    case LogicalOperatorType::kDelete:
    case LogicalOperatorType::kUpdate:
      return PlanDml(op.As<LogicalDml>());
    default:
      return NotImplementedError("physical planning of ", op.ToString());
  }
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::PlanExpressionGet(LogicalExpressionGet& get) {
  auto rows = std::make_shared<ChunkCollection>(get.types);
  DataChunk chunk;
  chunk.Initialize(get.types);
  for (auto& row : get.rows) {
    for (idx_t c = 0; c < row.size(); c++) {
      FLUX_ASSIGN_OR_RETURN(Value value, ExpressionExecutor::EvaluateScalar(*row[c], &context_));
      chunk.SetValue(c, chunk.size(), value);
    }
    chunk.SetCardinality(chunk.size() + 1);
    if (chunk.size() == kVectorSize) {
      rows->Append(chunk);
      chunk.Reset();
    }
  }
  if (chunk.size() > 0) rows->Append(chunk);
  return PhysicalOperatorPtr(std::make_unique<PhysicalColumnDataScan>(get.types, std::move(rows)));
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::PlanDml(LogicalDml& dml) {
  FLUX_ASSIGN_OR_RETURN(auto child, Plan(*dml.children[0]));
  TableConstraints constraints;
  for (const auto& column : dml.table.columns()) {
    constraints.column_names.push_back(column.name);
    constraints.not_null.push_back(column.not_null);
  }
  if (dml.type == LogicalOperatorType::kDelete) constraints.not_null.clear();
  constraints.checks = std::move(dml.checks);
  const CatalogRecord& record = dml.table.record();
  if (!record.primary_key.empty()) {
    UniqueKey key;
    key.primary = true;
    for (uint32_t c : record.primary_key) key.columns.push_back(c);
    constraints.unique_keys.push_back(std::move(key));
  }
  for (const auto& unique : record.unique_keys) {
    UniqueKey key;
    for (uint32_t c : unique) key.columns.push_back(c);
    constraints.unique_keys.push_back(std::move(key));
  }
  constraints.check_texts = dml.table.record().check_sql;
  DmlKind kind = dml.type == LogicalOperatorType::kInsert   ? DmlKind::kInsert
                 : dml.type == LogicalOperatorType::kDelete ? DmlKind::kDelete
                                                            : DmlKind::kUpdate;
  auto result = std::make_unique<PhysicalDml>(kind, dml.table.storage(), dml.table.name(),
                                              std::move(constraints), dml.returning_types);
  result->on_conflict = dml.on_conflict;
  result->conflict_key = dml.conflict_key;
  result->conflict_update = std::move(dml.conflict_update);
  result->children.push_back(std::move(child));
  return PhysicalOperatorPtr(std::move(result));
}

namespace {

PhysicalJoinKind ToPhysicalKind(JoinKind kind) {
  switch (kind) {
    case JoinKind::kInner:
      return PhysicalJoinKind::kInner;
    case JoinKind::kLeft:
      return PhysicalJoinKind::kLeft;
    case JoinKind::kFull:
      return PhysicalJoinKind::kFull;
    case JoinKind::kSemi:
      return PhysicalJoinKind::kSemi;
    case JoinKind::kAnti:
      return PhysicalJoinKind::kAnti;
    case JoinKind::kMark:
      return PhysicalJoinKind::kMark;
    case JoinKind::kSingle:
      return PhysicalJoinKind::kSingle;
    case JoinKind::kRight:
      break;
  }
  return PhysicalJoinKind::kInner;
}

bool IsHashable(ComparisonType type) {
  return type == ComparisonType::kEqual || type == ComparisonType::kNotDistinctFrom;
}

}  // namespace

// Builds the join operator over already planned inputs whose outputs are `left` / `right`.
StatusOr<PhysicalOperatorPtr> PhysicalPlanner::MakeJoin(LogicalJoin& join, JoinKind kind,
                                                        const std::vector<ColumnBinding>& left,
                                                        const std::vector<LogicalType>& left_types,
                                                        const std::vector<ColumnBinding>& right,
                                                        const std::vector<LogicalType>& right_types,
                                                        PhysicalOperatorPtr left_plan,
                                                        PhysicalOperatorPtr right_plan,
                                                        idx_t cardinality) {
  auto left_positions = PositionMap(left);
  auto right_positions = PositionMap(right);
  std::vector<ColumnBinding> both = left;
  both.insert(both.end(), right.begin(), right.end());
  auto both_positions = PositionMap(both);

  BoundExprList left_keys, right_keys, residual;
  std::vector<ComparisonType> comparisons;
  std::optional<MarkPredicate> mark_predicate;
  std::optional<idx_t> null_aware_key;
  std::vector<JoinCondition>& conditions = join.conditions;
  bool null_aware = kind == JoinKind::kMark && join.mark_null_aware && !conditions.empty();
  for (idx_t i = 0; i < conditions.size(); i++) {
    JoinCondition& c = conditions[i];
    bool is_mark_condition = null_aware && i + 1 == conditions.size();
    if (is_mark_condition) {
      if (conditions.size() == 1 && c.comparison == ComparisonType::kEqual) {
        null_aware_key = left_keys.size();
      } else {
        FLUX_RETURN_IF_ERROR(Resolve(c.left, both_positions));
        FLUX_RETURN_IF_ERROR(Resolve(c.right, both_positions));
        mark_predicate = MarkPredicate{std::move(c.left), std::move(c.right), c.comparison};
        continue;
      }
    }
    if (IsHashable(c.comparison)) {
      FLUX_RETURN_IF_ERROR(Resolve(c.left, left_positions));
      FLUX_RETURN_IF_ERROR(Resolve(c.right, right_positions));
      left_keys.push_back(std::move(c.left));
      right_keys.push_back(std::move(c.right));
      comparisons.push_back(c.comparison);
    } else {
      auto comparison = BoundExpression::Comparison(c.comparison, std::move(c.left), std::move(c.right));
      FLUX_RETURN_IF_ERROR(Resolve(comparison, both_positions));
      residual.push_back(std::move(comparison));
    }
  }
  for (auto& e : join.expressions) {
    FLUX_RETURN_IF_ERROR(Resolve(e, both_positions));
    residual.push_back(std::move(e));
  }
  std::vector<LogicalType> types = left_types;
  if (kind == JoinKind::kMark) {
    types.push_back(LogicalType::Boolean());
  } else if (kind != JoinKind::kSemi && kind != JoinKind::kAnti) {
    types.insert(types.end(), right_types.begin(), right_types.end());
  }
  BoundExprPtr residual_expr;
  if (residual.size() == 1) {
    residual_expr = std::move(residual[0]);
  } else if (!residual.empty()) {
    residual_expr = BoundExpression::Conjunction(true, std::move(residual));
  }
  auto result = std::make_unique<PhysicalHashJoin>(types, ToPhysicalKind(kind), std::move(left_keys),
                                                   std::move(right_keys), std::move(comparisons),
                                                   std::move(residual_expr), cardinality);
  result->mark_predicate = std::move(mark_predicate);
  result->null_aware_key = null_aware_key;
  result->left_count = left_types.size();
  result->right_count = right_types.size();
  result->children.push_back(std::move(left_plan));
  result->children.push_back(std::move(right_plan));
  return PhysicalOperatorPtr(std::move(result));
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::PlanJoin(LogicalOperator& op) {
  auto left = op.children[0]->GetColumnBindings();
  auto right = op.children[1]->GetColumnBindings();
  auto left_types = op.children[0]->GetTypes();
  auto right_types = op.children[1]->GetTypes();
  if (op.type == LogicalOperatorType::kCrossProduct) {
    FLUX_ASSIGN_OR_RETURN(auto left_plan, Plan(*op.children[0]));
    FLUX_ASSIGN_OR_RETURN(auto right_plan, Plan(*op.children[1]));
    LogicalJoin cross(JoinKind::kInner);
    return MakeJoin(cross, JoinKind::kInner, left, left_types, right, right_types,
                    std::move(left_plan), std::move(right_plan), op.EstimateCardinality());
  }
  auto& join = op.As<LogicalJoin>();
  if (join.delim_index != kInvalidIndex) return PlanDelimJoin(join);
  if (join.kind == JoinKind::kRight) {
    // A RIGHT join is a LEFT join with the inputs swapped, then the columns put back in order.
    for (auto& c : join.conditions) {
      std::swap(c.left, c.right);
      c.comparison = FlipComparison(c.comparison);
    }
    FLUX_ASSIGN_OR_RETURN(auto left_plan, Plan(*op.children[0]));
    FLUX_ASSIGN_OR_RETURN(auto right_plan, Plan(*op.children[1]));
    FLUX_ASSIGN_OR_RETURN(auto swapped, MakeJoin(join, JoinKind::kLeft, right, right_types, left,
                                                 left_types, std::move(right_plan),
                                                 std::move(left_plan), op.EstimateCardinality()));
    BoundExprList reorder;
    for (idx_t i = 0; i < left_types.size(); i++) {
      reorder.push_back(BoundExpression::Reference(left_types[i], right_types.size() + i));
    }
    for (idx_t i = 0; i < right_types.size(); i++) {
      reorder.push_back(BoundExpression::Reference(right_types[i], i));
    }
    auto types = op.GetTypes();
    auto projection = std::make_unique<PhysicalProjection>(types, std::move(reorder),
                                                           swapped->estimated_cardinality());
    projection->children.push_back(std::move(swapped));
    return PhysicalOperatorPtr(std::move(projection));
  }
  FLUX_ASSIGN_OR_RETURN(auto left_plan, Plan(*op.children[0]));
  FLUX_ASSIGN_OR_RETURN(auto right_plan, Plan(*op.children[1]));
  return MakeJoin(join, join.kind, left, left_types, right, right_types, std::move(left_plan),
                  std::move(right_plan), op.EstimateCardinality());
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::PlanDelimJoin(LogicalJoin& join) {
  auto left = join.children[0]->GetColumnBindings();
  auto right = join.children[1]->GetColumnBindings();
  auto left_types = join.children[0]->GetTypes();
  auto right_types = join.children[1]->GetTypes();
  auto output_types = join.GetTypes();
  auto left_positions = PositionMap(left);
  DelimSource source;
  source.cte_types = left_types;
  for (auto& column : join.delim_columns) {
    FLUX_RETURN_IF_ERROR(Resolve(column, left_positions));
    source.columns.push_back(column->index);
  }
  FLUX_ASSIGN_OR_RETURN(auto left_plan, Plan(*join.children[0]));
  auto cte = std::make_unique<PhysicalMaterializedCte>(output_types, "correlated subquery input",
                                                       join.EstimateCardinality());
  source.cte = cte.get();
  delim_sources_[join.delim_index] = source;
  FLUX_ASSIGN_OR_RETURN(auto right_plan, Plan(*join.children[1]));
  auto probe = std::make_unique<PhysicalCteScan>(left_types, *cte, left_plan->estimated_cardinality());
  FLUX_ASSIGN_OR_RETURN(auto join_plan, MakeJoin(join, join.kind, left, left_types, right,
                                                 right_types, std::move(probe),
                                                 std::move(right_plan), join.EstimateCardinality()));
  cte->children.push_back(std::move(join_plan));
  cte->children.push_back(std::move(left_plan));
  return PhysicalOperatorPtr(std::move(cte));
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::PlanDelimGet(LogicalDelimGet& get) {
  auto it = delim_sources_.find(get.delim_index);
  if (it == delim_sources_.end()) return InternalError("delim get outside its delim join");
  const DelimSource& source = it->second;
  auto scan = std::make_unique<PhysicalCteScan>(source.cte_types, *source.cte, 1000);
  BoundExprList groups;
  for (idx_t i = 0; i < source.columns.size(); i++) {
    groups.push_back(BoundExpression::Reference(source.cte_types[source.columns[i]], source.columns[i]));
  }
  auto distinct = std::make_unique<PhysicalHashAggregate>(get.types, std::move(groups), BoundExprList(),
                                                          get.EstimateCardinality());
  distinct->children.push_back(std::move(scan));
  return PhysicalOperatorPtr(std::move(distinct));
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::PlanWindow(LogicalWindow& window) {
  auto types = window.GetTypes();
  auto positions = PositionMap(window.children[0]->GetColumnBindings());
  FLUX_ASSIGN_OR_RETURN(auto child, Plan(*window.children[0]));
  for (auto& w : window.expressions) FLUX_RETURN_IF_ERROR(Resolve(w, positions));
  auto result = std::make_unique<PhysicalWindow>(types, std::move(window.expressions),
                                                 child->estimated_cardinality());
  result->children.push_back(std::move(child));
  return PhysicalOperatorPtr(std::move(result));
}

}  // namespace fluxdb
