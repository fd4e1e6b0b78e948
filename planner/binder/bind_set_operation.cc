// Binding of UNION / INTERSECT / EXCEPT [ALL] and of ORDER BY / LIMIT on a query's result.
//
// UNION [ALL] is a LogicalSetOperation (plus DISTINCT); INTERSECT and EXCEPT become a semi /
// anti join on all columns (NULLs equal) of the de-duplicated left side. Their ALL forms number
// duplicates with ROW_NUMBER() so that each copy matches at most one copy on the other side.
#include "catalog/catalog_entry.h"
#include "execution/cast/cast_rules.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/plan_helpers.h"

namespace fluxdb {

namespace {

// Projects `query` to `types`, casting where needed (a projection is always added so that the
// result has a single table index).
LogicalOperatorPtr CastToTypes(Binder& binder, LogicalOperatorPtr plan,
                               const std::vector<LogicalType>& types) {
  BoundExprList exprs = ColumnRefs(*plan);
  for (idx_t i = 0; i < exprs.size(); i++) {
    exprs[i] = ExpressionBinder::AddCast(std::move(exprs[i]), types[i]);
  }
  auto projection = std::make_unique<LogicalProjection>(binder.NewTableIndex(), std::move(exprs));
  projection->children.push_back(std::move(plan));
  return projection;
}

LogicalOperatorPtr Distinct(Binder& binder, LogicalOperatorPtr plan) {
  auto distinct = std::make_unique<LogicalAggregate>(binder.NewTableIndex(), binder.NewTableIndex());
  distinct->groups = ColumnRefs(*plan);
  distinct->children.push_back(std::move(plan));
  return distinct;
}

// Adds ROW_NUMBER() OVER (PARTITION BY every column) as an extra column.
LogicalOperatorPtr NumberDuplicates(Binder& binder, LogicalOperatorPtr plan) {
  auto window = std::make_unique<LogicalWindow>(binder.NewTableIndex());
  auto row_number = std::make_unique<BoundExpression>(BoundExprKind::kWindow, LogicalType::BigInt());
  row_number->function_name = "row_number";
  row_number->window = std::make_shared<WindowFrameSpec>();
  row_number->window->partitions = ColumnRefs(*plan);
  row_number->window->end = FrameBoundType::kUnboundedFollowing;
  window->expressions.push_back(std::move(row_number));
  window->children.push_back(std::move(plan));
  return window;
}

}  // namespace

StatusOr<BoundQuery> Binder::BindSetOperation(const ast::SetOperationNode& node) {
  Binder left_binder(state_, this);
  FLUX_ASSIGN_OR_RETURN(BoundQuery left, left_binder.BindQuery(*node.left));
  Binder right_binder(state_, this);
  FLUX_ASSIGN_OR_RETURN(BoundQuery right, right_binder.BindQuery(*node.right));
  for (const auto& c : left_binder.correlated_columns()) AddCorrelatedColumn(c);
  for (const auto& c : right_binder.correlated_columns()) AddCorrelatedColumn(c);

  if (node.op == ast::SetOpKind::kUnionByName) {
    return NotImplementedError("UNION BY NAME");
  }
  if (left.types.size() != right.types.size()) {
    return BinderError("Set operations can only apply to expressions with the same number of "
                       "result columns");
  }
  std::vector<LogicalType> types;
  for (idx_t i = 0; i < left.types.size(); i++) {
    auto common = CommonSuperType(left.types[i], right.types[i]);
    if (!common) {
      // Mismatched types in a UNION fall back to VARCHAR, as DuckDB does.
      common = LogicalType::Varchar();
    }
    if (common->id() == TypeId::kNull) common = LogicalType::Integer();
    types.push_back(*common);
  }
  LogicalOperatorPtr lplan = CastToTypes(*this, std::move(left.plan), types);
  LogicalOperatorPtr rplan = CastToTypes(*this, std::move(right.plan), types);

  LogicalOperatorPtr plan;
  if (node.op == ast::SetOpKind::kUnion) {
    auto set_op = std::make_unique<LogicalSetOperation>(SetOperationKind::kUnion, node.all,
                                                        NewTableIndex(), types.size());
    set_op->children.push_back(std::move(lplan));
    set_op->children.push_back(std::move(rplan));
    plan = std::move(set_op);
    if (!node.all) plan = Distinct(*this, std::move(plan));
  } else {
    bool intersect = node.op == ast::SetOpKind::kIntersect;
    idx_t width = types.size();
    if (node.all) {
      lplan = NumberDuplicates(*this, std::move(lplan));
      rplan = NumberDuplicates(*this, std::move(rplan));
    } else {
      lplan = Distinct(*this, std::move(lplan));
    }
    auto join = std::make_unique<LogicalJoin>(intersect ? JoinKind::kSemi : JoinKind::kAnti);
    BoundExprList lrefs = ColumnRefs(*lplan), rrefs = ColumnRefs(*rplan);
    for (idx_t i = 0; i < lrefs.size(); i++) {
      join->conditions.push_back(JoinCondition{std::move(lrefs[i]), std::move(rrefs[i]),
                                               ComparisonType::kNotDistinctFrom});
    }
    join->children.push_back(std::move(lplan));
    join->children.push_back(std::move(rplan));
    // Keep only the data columns (drop the duplicate numbers).
    BoundExprList outputs = ColumnRefs(*join);
    outputs.resize(width);
    auto projection = std::make_unique<LogicalProjection>(NewTableIndex(), std::move(outputs));
    projection->children.push_back(std::move(join));
    plan = std::move(projection);
  }
  BoundQuery query;
  query.plan = std::move(plan);
  query.names = std::move(left.names);
  query.types = types;
  FLUX_RETURN_IF_ERROR(BindModifiers(node.modifiers, query));
  return query;
}

Status Binder::BindModifiers(const ast::ResultModifiers& modifiers, BoundQuery& query) {
  auto bindings = query.plan->GetColumnBindings();
  auto types = query.plan->GetTypes();
  auto order = std::make_unique<LogicalOrder>();
  auto add = [&](idx_t column, bool ascending, ast::NullOrder nulls) {
    bool nulls_first = nulls == ast::NullOrder::kDefault ? DefaultNullsFirst(ascending)
                                                         : nulls == ast::NullOrder::kNullsFirst;
    order->orders.push_back(
        BoundOrderBy{BoundExpression::ColumnRef(types[column], bindings[column]), ascending, nulls_first});
  };
  if (modifiers.order_by_all) {
    for (idx_t i = 0; i < types.size(); i++) {
      add(i, modifiers.order_by_all_ascending, modifiers.order_by_all_nulls);
    }
  }
  for (const auto& item : modifiers.order_by) {
    const ast::ParsedExpression& expr = *item.expr;
    std::optional<idx_t> column;
    if (expr.kind == ast::ExprKind::kConstant) {
      const Value& v = expr.As<ast::ConstantExpr>().value;
      if (!v.is_null() && v.type().IsIntegral()) {
        int64_t position = v.GetInt64();
        if (position < 1 || position > static_cast<int64_t>(types.size())) {
          return BinderError("ORDER term out of range - should be between 1 and ", types.size());
        }
        column = position - 1;
      } else {
        FLUX_RETURN_IF_ERROR(CheckNonIntegerLiteral("ORDER BY"));
        continue;
      }
    } else if (expr.kind == ast::ExprKind::kColumnRef) {
      const auto& name = expr.As<ast::ColumnRefExpr>().column_name();
      for (idx_t i = 0; i < query.names.size() && !column; i++) {
        if (NormalizeName(query.names[i]) == NormalizeName(name)) column = i;
      }
    }
    if (!column) {
      return BinderError("ORDER BY term \"", expr.ToString(),
                         "\" does not match any column in the result of the set operation");
    }
    add(*column, item.ascending, item.nulls);
  }
  if (!order->orders.empty()) {
    order->children.push_back(std::move(query.plan));
    query.plan = std::move(order);
  }
  idx_t columns = query.types.size();
  FLUX_RETURN_IF_ERROR(BindLimit(modifiers, query.plan));
  if (query.plan->GetColumnBindings().size() != columns) {
    // Drop the values of LIMIT / OFFSET subqueries.
    auto types = query.plan->GetTypes();
    auto bindings = query.plan->GetColumnBindings();
    BoundExprList refs;
    for (idx_t i = 0; i < columns; i++) refs.push_back(BoundExpression::ColumnRef(types[i], bindings[i]));
    auto strip = std::make_unique<LogicalProjection>(NewTableIndex(), std::move(refs));
    strip->children.push_back(std::move(query.plan));
    query.plan = std::move(strip);
  }
  return Status();
}

}  // namespace fluxdb
