#include "planner/physical_planner.h"

#include "catalog/catalog_entry.h"
#include "common/chunk_collection.h"
#include "execution/expression/expression_executor.h"
#include "execution/operator/physical_dml.h"
#include "execution/operator/physical_filter.h"
#include "execution/operator/physical_hash_aggregate.h"
#include "execution/operator/physical_limit.h"
#include "execution/operator/physical_order.h"
#include "execution/operator/physical_projection.h"
#include "execution/operator/physical_simple_sources.h"
#include "execution/operator/physical_table_scan.h"
#include "execution/operator/physical_ungrouped_aggregate.h"
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
      FLUX_ASSIGN_OR_RETURN(auto child, Plan(*op.children[0]));
      auto result = std::make_unique<PhysicalLimit>(child->types(), limit.limit, limit.offset, cardinality);
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
      return PlanJoin(static_cast<LogicalJoin&>(op));
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
  constraints.check_texts = dml.table.record().check_sql;
  DmlKind kind = dml.type == LogicalOperatorType::kInsert   ? DmlKind::kInsert
                 : dml.type == LogicalOperatorType::kDelete ? DmlKind::kDelete
                                                            : DmlKind::kUpdate;
  auto result = std::make_unique<PhysicalDml>(kind, dml.table.storage(), dml.table.name(),
                                              std::move(constraints));
  result->children.push_back(std::move(child));
  return PhysicalOperatorPtr(std::move(result));
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::PlanJoin(LogicalJoin&) {
  return NotImplementedError("joins are not implemented yet");
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::PlanDelimJoin(LogicalJoin&) {
  return NotImplementedError("correlated subqueries are not implemented yet");
}

StatusOr<PhysicalOperatorPtr> PhysicalPlanner::PlanWindow(LogicalWindow&) {
  return NotImplementedError("window functions are not implemented yet");
}

}  // namespace fluxdb
