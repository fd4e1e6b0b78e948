// Subqueries in expressions become joins.
//
// Uncorrelated: a scalar subquery is a SINGLE join (at most one row, NULLs if none), EXISTS a
// count over LIMIT 1, IN / ANY / ALL a MARK join with SQL's NULL rules.
// Correlated ("Unnesting Arbitrary Queries", Neumann & Kemper, as in DuckDB): the distinct values
// of the correlated columns (a "delim get") are pushed down into the subquery so that it is
// computed once for all of them, and joined back to the outer rows on those columns. The
// subquery therefore runs once per query, never once per outer row.
#include "absl/container/flat_hash_map.h"
#include "execution/function/function_registry.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/plan_helpers.h"

namespace fluxdb {

namespace {

// ---- helpers over plans ----

template <typename F>
void ForEachExpression(LogicalOperator& op, F&& f) {
  for (auto& e : op.expressions) f(e);
  switch (op.type) {
    case LogicalOperatorType::kAggregate:
      for (auto& e : op.As<LogicalAggregate>().groups) f(e);
      break;
    case LogicalOperatorType::kOrder:
      for (auto& o : op.As<LogicalOrder>().orders) f(o.expr);
      break;
    case LogicalOperatorType::kTopN:
      for (auto& o : op.As<LogicalTopN>().orders) f(o.expr);
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.As<LogicalJoin>();
      for (auto& c : join.conditions) {
        f(c.left);
        f(c.right);
      }
      for (auto& e : join.delim_columns) f(e);
      break;
    }
    case LogicalOperatorType::kExpressionGet:
      for (auto& row : op.As<LogicalExpressionGet>().rows) {
        for (auto& e : row) f(e);
      }
      break;
    default:
      break;
  }
}

// Visits every expression node, including window specs and aggregate filters.
template <typename F>
void VisitNodes(BoundExprPtr& expr, F&& f) {
  f(expr);
  for (auto& child : expr->children) VisitNodes(child, f);
  if (expr->filter) VisitNodes(expr->filter, f);
  if (expr->window) {
    for (auto& p : expr->window->partitions) VisitNodes(p, f);
    for (auto& o : expr->window->orders) VisitNodes(o.expr, f);
    if (expr->window->start_offset) VisitNodes(expr->window->start_offset, f);
    if (expr->window->end_offset) VisitNodes(expr->window->end_offset, f);
  }
}

bool HasCorrelation(LogicalOperator& op) {
  bool found = false;
  ForEachExpression(op, [&](BoundExprPtr& e) {
    VisitNodes(e, [&](BoundExprPtr& node) {
      found |= node->kind == BoundExprKind::kColumnRef && node->depth == 1;
    });
  });
  if (found) return true;
  for (auto& child : op.children) {
    if (HasCorrelation(*child)) return true;
  }
  return false;
}

void CollectCorrelated(LogicalOperator& op, std::vector<CorrelatedColumn>* out) {
  ForEachExpression(op, [&](BoundExprPtr& e) {
    VisitNodes(e, [&](BoundExprPtr& node) {
      if (node->kind == BoundExprKind::kColumnRef && node->depth == 1) {
        CorrelatedColumn column{node->binding, node->type, node->alias};
        for (const auto& c : *out) {
          if (c == column) return;
        }
        out->push_back(column);
      }
    });
  });
  for (auto& child : op.children) CollectCorrelated(*child, out);
}

// After unnesting, references two levels out are now one level out.
void DecrementDepth(LogicalOperator& op) {
  ForEachExpression(op, [&](BoundExprPtr& e) {
    VisitNodes(e, [&](BoundExprPtr& node) {
      if (node->kind == BoundExprKind::kColumnRef && node->depth > 1) node->depth--;
    });
  });
  for (auto& child : op.children) DecrementDepth(*child);
}

// ---- the push-down of the dependent join ----

class Decorrelator {
 public:
  Decorrelator(Binder& binder, const std::vector<CorrelatedColumn>& correlated, idx_t delim_index)
      : binder_(binder), correlated_(correlated), delim_index_(delim_index) {}

  /// Rewrites `op` so that it also outputs the correlated values; `delim` receives their
  /// bindings in the output.
  Status PushDown(LogicalOperatorPtr& op, std::vector<ColumnBinding>* delim) {
    if (!HasCorrelation(*op)) return CrossWithDelim(op, delim);
    switch (op->type) {
      case LogicalOperatorType::kFilter: {
        FLUX_RETURN_IF_ERROR(PushDown(op->children[0], delim));
        RewriteExpressions(*op, *delim);
        return Status();
      }
      case LogicalOperatorType::kProjection: {
        FLUX_RETURN_IF_ERROR(PushDown(op->children[0], delim));
        RewriteExpressions(*op, *delim);
        auto& projection = op->As<LogicalProjection>();
        std::vector<ColumnBinding> out;
        for (idx_t i = 0; i < delim->size(); i++) {
          out.push_back({projection.table_index, projection.expressions.size()});
          projection.expressions.push_back(BoundExpression::ColumnRef(correlated_[i].type, (*delim)[i]));
        }
        *delim = out;
        return Status();
      }
      case LogicalOperatorType::kAggregate:
        return PushDownAggregate(op, delim);
      case LogicalOperatorType::kWindow: {
        FLUX_RETURN_IF_ERROR(PushDown(op->children[0], delim));
        RewriteExpressions(*op, *delim);
        for (auto& window : op->expressions) {
          for (idx_t i = 0; i < delim->size(); i++) {
            window->window->partitions.push_back(
                BoundExpression::ColumnRef(correlated_[i].type, (*delim)[i]));
          }
        }
        return Status();
      }
      case LogicalOperatorType::kOrder: {
        // Without a LIMIT the order of a subquery's rows does not matter.
        LogicalOperatorPtr child = std::move(op->children[0]);
        op = std::move(child);
        return PushDown(op, delim);
      }
      case LogicalOperatorType::kLimit:
        return PushDownLimit(op, delim);
      case LogicalOperatorType::kCrossProduct:
      case LogicalOperatorType::kJoin:
        return PushDownJoin(op, delim);
      case LogicalOperatorType::kSetOperation: {
        auto& set_op = op->As<LogicalSetOperation>();
        std::vector<ColumnBinding> left_delim, right_delim;
        FLUX_RETURN_IF_ERROR(PushDownProjected(op->children[0], &left_delim));
        FLUX_RETURN_IF_ERROR(PushDownProjected(op->children[1], &right_delim));
        std::vector<ColumnBinding> out;
        for (idx_t i = 0; i < correlated_.size(); i++) {
          out.push_back({set_op.table_index, set_op.column_count + i});
        }
        set_op.column_count += correlated_.size();
        *delim = out;
        return Status();
      }
      default:
        return NotImplementedError("correlated subquery with ", op->ToString(),
                                   " is not supported");
    }
  }

  /// Maps bindings that a rewrite replaced (aggregate outputs after the COUNT fix).
  const absl::flat_hash_map<ColumnBinding, ColumnBinding>& remap() const { return remap_; }

  /// Applies remapping and correlated replacement to an expression above the rewritten plan.
  void Rewrite(BoundExprPtr& expr, const std::vector<ColumnBinding>& delim) {
    VisitNodes(expr, [&](BoundExprPtr& node) {
      if (node->kind != BoundExprKind::kColumnRef) return;
      if (node->depth == 1) {
        for (idx_t i = 0; i < correlated_.size(); i++) {
          if (correlated_[i].binding == node->binding) {
            node->binding = delim[i];
            node->depth = 0;
            return;
          }
        }
      }
      if (node->depth == 0) {
        auto it = remap_.find(node->binding);
        if (it != remap_.end()) node->binding = it->second;
      }
    });
  }

 private:
  void RewriteExpressions(LogicalOperator& op, const std::vector<ColumnBinding>& delim) {
    ForEachExpression(op, [&](BoundExprPtr& e) { Rewrite(e, delim); });
  }

  LogicalOperatorPtr MakeDelimGet() {
    std::vector<LogicalType> types;
    for (const auto& c : correlated_) types.push_back(c.type);
    return std::make_unique<LogicalDelimGet>(binder_.NewTableIndex(), delim_index_, types);
  }

  Status CrossWithDelim(LogicalOperatorPtr& op, std::vector<ColumnBinding>* delim) {
    auto get = MakeDelimGet();
    *delim = get->GetColumnBindings();
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children.push_back(std::move(op));
    cross->children.push_back(std::move(get));
    op = std::move(cross);
    return Status();
  }

  // Set-operation children must output the correlated values at the end, in order.
  Status PushDownProjected(LogicalOperatorPtr& op, std::vector<ColumnBinding>* delim) {
    FLUX_RETURN_IF_ERROR(PushDown(op, delim));
    if (op->type == LogicalOperatorType::kProjection) return Status();
    auto refs = ColumnRefs(*op);
    auto projection = std::make_unique<LogicalProjection>(binder_.NewTableIndex(), std::move(refs));
    projection->children.push_back(std::move(op));
    op = std::move(projection);
    return Status();
  }

  Status PushDownAggregate(LogicalOperatorPtr& op, std::vector<ColumnBinding>* delim) {
    auto& aggregate = op->As<LogicalAggregate>();
    bool scalar = aggregate.groups.empty();
    FLUX_RETURN_IF_ERROR(PushDown(op->children[0], delim));
    RewriteExpressions(*op, *delim);
    idx_t first = aggregate.groups.size();
    for (idx_t i = 0; i < delim->size(); i++) {
      aggregate.groups.push_back(BoundExpression::ColumnRef(correlated_[i].type, (*delim)[i]));
    }
    std::vector<ColumnBinding> grouped;
    for (idx_t i = 0; i < delim->size(); i++) grouped.push_back({aggregate.group_index, first + i});
    if (!scalar) {
      *delim = grouped;
      return Status();
    }
    // A scalar aggregate yields a row even for no input; after grouping by the correlated
    // values it would not, so left-join the distinct values and turn empty counts into 0.
    auto get = MakeDelimGet();
    auto get_bindings = get->GetColumnBindings();
    auto join = std::make_unique<LogicalJoin>(JoinKind::kLeft);
    for (idx_t i = 0; i < correlated_.size(); i++) {
      join->conditions.push_back(JoinCondition{
          BoundExpression::ColumnRef(correlated_[i].type, get_bindings[i]),
          BoundExpression::ColumnRef(correlated_[i].type, grouped[i]),
          ComparisonType::kNotDistinctFrom});
    }
    idx_t aggregate_index = aggregate.aggregate_index;
    std::vector<const AggregateFunction*> functions;
    std::vector<LogicalType> types;
    for (const auto& e : aggregate.expressions) {
      functions.push_back(e->aggregate);
      types.push_back(e->type);
    }
    join->children.push_back(std::move(get));
    join->children.push_back(std::move(op));
    idx_t projection_index = binder_.NewTableIndex();
    BoundExprList outputs;
    for (idx_t j = 0; j < types.size(); j++) {
      auto ref = BoundExpression::ColumnRef(types[j], {aggregate_index, j});
      if (functions[j] != nullptr && functions[j]->empty_is_zero) {
        auto coalesce = std::make_unique<BoundExpression>(BoundExprKind::kCoalesce, types[j]);
        coalesce->children.push_back(std::move(ref));
        coalesce->children.push_back(BoundExpression::Constant(Value::BigInt(0)));
        if (types[j] != LogicalType::BigInt()) {
          coalesce->children[1] = BoundExpression::Cast(std::move(coalesce->children[1]), types[j]);
        }
        ref = std::move(coalesce);
      }
      outputs.push_back(std::move(ref));
      remap_[{aggregate_index, j}] = {projection_index, j};
    }
    std::vector<ColumnBinding> out;
    for (idx_t i = 0; i < correlated_.size(); i++) {
      out.push_back({projection_index, outputs.size()});
      outputs.push_back(BoundExpression::ColumnRef(correlated_[i].type, get_bindings[i]));
    }
    auto projection = std::make_unique<LogicalProjection>(projection_index, std::move(outputs));
    projection->children.push_back(std::move(join));
    op = std::move(projection);
    *delim = out;
    return Status();
  }

  // LIMIT n [OFFSET m] per correlated group: ROW_NUMBER() OVER (PARTITION BY the correlated
  // values ORDER BY the subquery's order) between m+1 and m+n.
  Status PushDownLimit(LogicalOperatorPtr& op, std::vector<ColumnBinding>* delim) {
    auto& limit = op->As<LogicalLimit>();
    if (limit.percent || !limit.expressions.empty()) {
      return NotImplementedError("LIMIT with a percentage or a subquery in a correlated subquery");
    }
    idx_t count = limit.limit, offset = limit.offset;
    LogicalOperatorPtr child = std::move(op->children[0]);
    std::vector<BoundOrderBy> orders;
    if (child->type == LogicalOperatorType::kOrder) {
      orders = std::move(child->As<LogicalOrder>().orders);
      child = std::move(child->children[0]);
    }
    FLUX_RETURN_IF_ERROR(PushDown(child, delim));
    for (auto& order : orders) Rewrite(order.expr, *delim);
    auto window = std::make_unique<LogicalWindow>(binder_.NewTableIndex());
    auto row_number = std::make_unique<BoundExpression>(BoundExprKind::kWindow, LogicalType::BigInt());
    row_number->function_name = "row_number";
    row_number->window = std::make_shared<WindowFrameSpec>();
    for (idx_t i = 0; i < delim->size(); i++) {
      row_number->window->partitions.push_back(
          BoundExpression::ColumnRef(correlated_[i].type, (*delim)[i]));
    }
    row_number->window->orders = std::move(orders);
    ColumnBinding number{window->window_index, 0};
    window->expressions.push_back(std::move(row_number));
    window->children.push_back(std::move(child));
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions.push_back(BoundExpression::Comparison(
        ComparisonType::kGreater, BoundExpression::ColumnRef(LogicalType::BigInt(), number),
        BoundExpression::Constant(Value::BigInt(static_cast<int64_t>(offset)))));
    if (count != LogicalLimit::kNoLimit) {
      filter->expressions.push_back(BoundExpression::Comparison(
          ComparisonType::kLessEqual, BoundExpression::ColumnRef(LogicalType::BigInt(), number),
          BoundExpression::Constant(Value::BigInt(static_cast<int64_t>(offset + count)))));
    }
    filter->children.push_back(std::move(window));
    op = std::move(filter);
    return Status();
  }

  Status PushDownJoin(LogicalOperatorPtr& op, std::vector<ColumnBinding>* delim) {
    bool left_correlated = HasCorrelation(*op->children[0]);
    bool right_correlated = HasCorrelation(*op->children[1]);
    JoinKind kind = op->type == LogicalOperatorType::kJoin ? op->As<LogicalJoin>().kind
                                                           : JoinKind::kInner;
    if (kind == JoinKind::kFull && (left_correlated || right_correlated)) {
      return NotImplementedError("correlated subquery inside a FULL OUTER JOIN");
    }
    bool inner = kind == JoinKind::kInner;
    if (inner && left_correlated != right_correlated) {
      idx_t side = left_correlated ? 0 : 1;
      FLUX_RETURN_IF_ERROR(PushDown(op->children[side], delim));
      RewriteExpressions(*op, *delim);
      return Status();
    }
    if (!inner && !right_correlated) {
      FLUX_RETURN_IF_ERROR(PushDown(op->children[0], delim));
      RewriteExpressions(*op, *delim);
      return Status();
    }
    // Both sides see the correlated values; they must agree on them.
    std::vector<ColumnBinding> left_delim, right_delim;
    FLUX_RETURN_IF_ERROR(PushDown(op->children[0], &left_delim));
    FLUX_RETURN_IF_ERROR(PushDown(op->children[1], &right_delim));
    if (op->type == LogicalOperatorType::kCrossProduct) {
      auto join = std::make_unique<LogicalJoin>(JoinKind::kInner);
      join->children = std::move(op->children);
      op = std::move(join);
    }
    auto& join = op->As<LogicalJoin>();
    // Expressions of a join may read columns of either side; the left copy serves both.
    RewriteExpressions(*op, left_delim);
    for (idx_t i = 0; i < correlated_.size(); i++) {
      join.conditions.push_back(JoinCondition{
          BoundExpression::ColumnRef(correlated_[i].type, left_delim[i]),
          BoundExpression::ColumnRef(correlated_[i].type, right_delim[i]),
          ComparisonType::kNotDistinctFrom});
    }
    *delim = left_delim;
    return Status();
  }

  Binder& binder_;
  const std::vector<CorrelatedColumn>& correlated_;
  idx_t delim_index_;
  absl::flat_hash_map<ColumnBinding, ColumnBinding> remap_;
};

BoundExprPtr GreaterThanZero(BoundExprPtr count) {
  return BoundExpression::Comparison(ComparisonType::kGreater, std::move(count),
                                     BoundExpression::Constant(Value::BigInt(0)));
}

}  // namespace

Status Binder::PlanSubqueries(BoundExprPtr& expr, LogicalOperatorPtr& plan) {
  for (auto& child : expr->children) FLUX_RETURN_IF_ERROR(PlanSubqueries(child, plan));
  if (expr->kind != BoundExprKind::kSubquery) return Status();
  BoundQueryPlan& subquery = *expr->subquery;
  if (!subquery.plan) {
    return NotImplementedError("a subquery that is used twice in one expression (e.g. the input "
                               "of BETWEEN)");
  }
  LogicalOperatorPtr right = std::move(subquery.plan);
  std::vector<ColumnBinding> outputs = right->GetColumnBindings();
  std::vector<CorrelatedColumn> correlated;
  CollectCorrelated(*right, &correlated);
  SubqueryType type = expr->subquery_type;

  if (correlated.empty()) {
    DecrementDepth(*right);
    switch (type) {
      case SubqueryType::kScalar: {
        LogicalType result_type = expr->type;
        auto join = std::make_unique<LogicalJoin>(JoinKind::kSingle);
        join->children.push_back(std::move(plan));
        join->children.push_back(std::move(right));
        plan = std::move(join);
        expr = BoundExpression::ColumnRef(result_type, outputs[0]);
        return Status();
      }
      case SubqueryType::kExists:
      case SubqueryType::kNotExists: {
        auto limit = std::make_unique<LogicalLimit>(1, 0);
        limit->children.push_back(std::move(right));
        auto aggregate = std::make_unique<LogicalAggregate>(NewTableIndex(), NewTableIndex());
        auto count = std::make_unique<BoundExpression>(BoundExprKind::kAggregate, LogicalType::BigInt());
        count->aggregate = &(*FunctionRegistry::Get().LookupAggregate("count_star"))[0];
        count->function_name = "count_star";
        ColumnBinding count_binding{aggregate->aggregate_index, 0};
        aggregate->expressions.push_back(std::move(count));
        aggregate->children.push_back(std::move(limit));
        auto join = std::make_unique<LogicalJoin>(JoinKind::kSingle);
        join->children.push_back(std::move(plan));
        join->children.push_back(std::move(aggregate));
        plan = std::move(join);
        expr = GreaterThanZero(BoundExpression::ColumnRef(LogicalType::BigInt(), count_binding));
        if (type == SubqueryType::kNotExists) expr = BoundExpression::Not(std::move(expr));
        return Status();
      }
      case SubqueryType::kAny:
      case SubqueryType::kAll: {
        bool all = type == SubqueryType::kAll;
        auto join = std::make_unique<LogicalJoin>(JoinKind::kMark);
        join->mark_index = NewTableIndex();
        LogicalType right_type = right->GetTypes()[0];
        join->conditions.push_back(JoinCondition{
            std::move(expr->children[0]), BoundExpression::ColumnRef(right_type, outputs[0]),
            all ? NegateComparison(expr->comparison) : expr->comparison});
        ColumnBinding mark{join->mark_index, 0};
        join->children.push_back(std::move(plan));
        join->children.push_back(std::move(right));
        plan = std::move(join);
        expr = BoundExpression::ColumnRef(LogicalType::Boolean(), mark);
        if (all) expr = BoundExpression::Not(std::move(expr));
        return Status();
      }
    }
    return InternalError("unknown subquery type");
  }

  // Correlated: push the distinct correlated values into the subquery.
  idx_t delim_index = NewTableIndex();
  Decorrelator decorrelator(*this, correlated, delim_index);
  std::vector<ColumnBinding> delim;
  FLUX_RETURN_IF_ERROR(decorrelator.PushDown(right, &delim));
  DecrementDepth(*right);
  for (auto& output : outputs) {
    auto it = decorrelator.remap().find(output);
    if (it != decorrelator.remap().end()) output = it->second;
  }
  JoinKind kind = type == SubqueryType::kScalar ? JoinKind::kSingle : JoinKind::kMark;
  auto join = std::make_unique<LogicalJoin>(kind);
  join->delim_index = delim_index;
  for (idx_t i = 0; i < correlated.size(); i++) {
    join->delim_columns.push_back(BoundExpression::ColumnRef(correlated[i].type, correlated[i].binding));
    join->conditions.push_back(JoinCondition{
        BoundExpression::ColumnRef(correlated[i].type, correlated[i].binding),
        BoundExpression::ColumnRef(correlated[i].type, delim[i]), ComparisonType::kNotDistinctFrom});
  }
  auto right_types = right->GetTypes();
  auto right_bindings = right->GetColumnBindings();
  LogicalType first_type = LogicalType::Integer();
  for (idx_t i = 0; i < right_bindings.size(); i++) {
    if (right_bindings[i] == outputs[0]) first_type = right_types[i];
  }
  BoundExprPtr result;
  switch (type) {
    case SubqueryType::kScalar:
      result = BoundExpression::ColumnRef(expr->type, outputs[0]);
      break;
    case SubqueryType::kExists:
    case SubqueryType::kNotExists:
      join->mark_index = NewTableIndex();
      join->mark_null_aware = false;
      result = BoundExpression::ColumnRef(LogicalType::Boolean(), {join->mark_index, 0});
      if (type == SubqueryType::kNotExists) result = BoundExpression::Not(std::move(result));
      break;
    case SubqueryType::kAny:
    case SubqueryType::kAll: {
      bool all = type == SubqueryType::kAll;
      join->mark_index = NewTableIndex();
      join->conditions.push_back(JoinCondition{
          std::move(expr->children[0]), BoundExpression::ColumnRef(first_type, outputs[0]),
          all ? NegateComparison(expr->comparison) : expr->comparison});
      result = BoundExpression::ColumnRef(LogicalType::Boolean(), {join->mark_index, 0});
      if (all) result = BoundExpression::Not(std::move(result));
      break;
    }
  }
  join->children.push_back(std::move(plan));
  join->children.push_back(std::move(right));
  plan = std::move(join);
  expr = std::move(result);
  return Status();
}

}  // namespace fluxdb
