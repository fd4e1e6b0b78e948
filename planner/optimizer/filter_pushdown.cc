// Filter pushdown: moves WHERE / HAVING / ON conjuncts as far down the plan as they stay
// correct, turns cross products with join predicates into (ordered) inner joins, and copies
// column-vs-constant conjuncts into table scans, where they prune chunks by zone map.
#include <algorithm>
#include <set>

#include "catalog/catalog_entry.h"
#include "execution/cast/vector_cast.h"
#include "execution/function/like_matcher.h"
#include "execution/function/scalar_function.h"
#include "planner/binder/binder.h"
#include "planner/binder/plan_helpers.h"
#include "planner/optimizer/cardinality_estimator.h"
#include "planner/optimizer/join_order.h"
#include "planner/optimizer/optimizer.h"
#include "planner/optimizer/or_predicates.h"
#include "planner/optimizer/plan_walk.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

bool IsConstantFalse(const BoundExpression& expr) {
  return expr.kind == BoundExprKind::kConstant &&
         (expr.value.is_null() || (expr.type.id() == TypeId::kBoolean && !expr.value.GetBool()));
}

// Replaces references to `table_index` column i with a copy of replacements[i].
void Substitute(BoundExprPtr& expr, idx_t table_index, const BoundExprList& replacements) {
  if (expr->kind == BoundExprKind::kColumnRef && expr->depth == 0 &&
      expr->binding.table_index == table_index) {
    expr = replacements[expr->binding.column_index]->Copy();
    return;
  }
  for (auto& child : expr->children) Substitute(child, table_index, replacements);
  if (expr->filter) Substitute(expr->filter, table_index, replacements);
}

// ---- scan filters ----

std::optional<ColumnFilterOp> ToFilterOp(ComparisonType type) {
  switch (type) {
    case ComparisonType::kEqual:
      return ColumnFilterOp::kEqual;
    case ComparisonType::kLess:
      return ColumnFilterOp::kLess;
    case ComparisonType::kLessEqual:
      return ColumnFilterOp::kLessEqual;
    case ComparisonType::kGreater:
      return ColumnFilterOp::kGreater;
    case ComparisonType::kGreaterEqual:
      return ColumnFilterOp::kGreaterEqual;
    default:
      return std::nullopt;
  }
}

// The column of `get` that `expr` reads, directly or through an exact integer widening cast.
std::optional<uint32_t> ScanColumn(const LogicalGet& get, const BoundExpression& expr,
                                   bool* widened) {
  const BoundExpression* node = &expr;
  *widened = false;
  if (node->kind == BoundExprKind::kCast) {
    const BoundExpression& child = *node->children[0];
    if (!(node->type.IsIntegral() && child.type.IsIntegral())) return std::nullopt;
    node = &child;
    *widened = true;
  }
  if (node->kind != BoundExprKind::kColumnRef || node->depth != 0 ||
      node->binding.table_index != get.table_index ||
      node->binding.column_index == kRowIdBinding) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(node->binding.column_index);
}

// `constant` as a value of the column's type, or nullopt if it does not convert exactly.
std::optional<Value> ToColumnValue(const Value& constant, const LogicalType& column_type) {
  if (constant.is_null()) return std::nullopt;
  if (constant.type() == column_type) return constant;
  auto converted = CastValue(constant, column_type);
  if (!converted.ok() || converted->is_null()) return std::nullopt;
  auto back = CastValue(*converted, constant.type());
  if (!back.ok() || !(*back == constant)) return std::nullopt;
  return *converted;
}

void AddScanFilter(LogicalGet& get, const BoundExpression& conjunct) {
  const auto& columns = get.table.columns();
  bool widened;
  if (conjunct.kind == BoundExprKind::kComparison) {
    const BoundExpression* column_side = conjunct.children[0].get();
    const BoundExpression* constant_side = conjunct.children[1].get();
    ComparisonType type = conjunct.comparison;
    if (column_side->kind == BoundExprKind::kConstant) {
      std::swap(column_side, constant_side);
      type = FlipComparison(type);
    }
    if (constant_side->kind != BoundExprKind::kConstant) return;
    auto op = ToFilterOp(type);
    auto column = ScanColumn(get, *column_side, &widened);
    if (!op || !column) return;
    auto value = ToColumnValue(constant_side->value, columns[*column].type);
    if (!value) return;
    get.filters->filters.push_back(ColumnFilter{*column, *op, *value, {}, PruneReason::kMinMax});
    return;
  }
  if (conjunct.kind == BoundExprKind::kIsNull) {
    auto column = ScanColumn(get, *conjunct.children[0], &widened);
    if (!column) return;
    get.filters->filters.push_back(ColumnFilter{
        *column, conjunct.negated ? ColumnFilterOp::kIsNotNull : ColumnFilterOp::kIsNull,
        Value(), {}, PruneReason::kMinMax});
    return;
  }
  if (conjunct.kind == BoundExprKind::kInList && !conjunct.negated) {
    auto column = ScanColumn(get, *conjunct.children[0], &widened);
    if (!column) return;
    ColumnFilter filter{*column, ColumnFilterOp::kInList, Value(), {}, PruneReason::kInList};
    for (size_t i = 1; i < conjunct.children.size(); i++) {
      const BoundExpression& item = *conjunct.children[i];
      if (item.kind != BoundExprKind::kConstant) return;
      if (item.value.is_null()) continue;
      auto value = ToColumnValue(item.value, columns[*column].type);
      if (!value) return;
      filter.values.push_back(*value);
    }
    get.filters->filters.push_back(std::move(filter));
    return;
  }
  if (conjunct.kind == BoundExprKind::kFunction && conjunct.function_name == "~~" &&
      conjunct.children.size() == 2 && conjunct.children[1]->kind == BoundExprKind::kConstant &&
      !conjunct.children[1]->value.is_null()) {
    auto column = ScanColumn(get, *conjunct.children[0], &widened);
    if (!column || columns[*column].type.id() != TypeId::kVarchar) return;
    auto prefix = LikeMatcher::LiteralPrefix(conjunct.children[1]->value.GetString());
    if (!prefix) return;
    get.filters->filters.push_back(ColumnFilter{*column, ColumnFilterOp::kPrefix,
                                                Value::Varchar(*prefix), {}, PruneReason::kPrefix});
  }
}

// ---- the pushdown ----

class FilterPushdown {
 public:
  explicit FilterPushdown(Binder& binder) : binder_(binder) {}

  Status Rewrite(LogicalOperatorPtr& op, BoundExprList filters) {
    filters = Normalize(std::move(filters));
    for (const auto& f : filters) {
      if (IsConstantFalse(*f)) {
        FLUX_RETURN_IF_ERROR(Rewrite(op, {}));
        op = std::make_unique<LogicalEmptyResult>(op->GetColumnBindings(), op->GetTypes());
        return Status();
      }
    }
    switch (op->type) {
      case LogicalOperatorType::kFilter: {
        for (auto& e : op->expressions) filters.push_back(std::move(e));
        LogicalOperatorPtr child = std::move(op->children[0]);
        op = std::move(child);
        return Rewrite(op, std::move(filters));
      }
      case LogicalOperatorType::kCrossProduct:
        return RewriteInnerJoins(op, std::move(filters));
      case LogicalOperatorType::kJoin: {
        auto& join = op->As<LogicalJoin>();
        if (join.kind == JoinKind::kInner && join.delim_index == kInvalidIndex) {
          return RewriteInnerJoins(op, std::move(filters));
        }
        return RewriteJoin(op, std::move(filters));
      }
      case LogicalOperatorType::kProjection: {
        auto& projection = op->As<LogicalProjection>();
        BoundExprList below, above;
        for (auto& f : filters) {
          TableSet tables = TablesOf(*f);
          bool pushable = tables.size() == 1 && *tables.begin() == projection.table_index &&
                          !HasSideEffects(*f);
          for (const auto& e : projection.expressions) pushable &= !HasSideEffects(*e);
          if (pushable) {
            Substitute(f, projection.table_index, projection.expressions);
            below.push_back(std::move(f));
          } else {
            above.push_back(std::move(f));
          }
        }
        FLUX_RETURN_IF_ERROR(Rewrite(op->children[0], std::move(below)));
        return Finish(op, std::move(above));
      }
      case LogicalOperatorType::kAggregate: {
        auto& aggregate = op->As<LogicalAggregate>();
        BoundExprList below, above;
        for (auto& f : filters) {
          TableSet tables = TablesOf(*f);
          bool groups_only = tables.size() == 1 && *tables.begin() == aggregate.group_index &&
                             !HasSideEffects(*f);
          if (groups_only) {
            Substitute(f, aggregate.group_index, aggregate.groups);
            below.push_back(std::move(f));
          } else {
            above.push_back(std::move(f));
          }
        }
        FLUX_RETURN_IF_ERROR(Rewrite(op->children[0], std::move(below)));
        return Finish(op, std::move(above));
      }
      case LogicalOperatorType::kOrder:
        return Rewrite(op->children[0], std::move(filters));
      case LogicalOperatorType::kSetOperation: {
        auto& set_op = op->As<LogicalSetOperation>();
        if (set_op.kind != SetOperationKind::kUnion) break;
        BoundExprList above;
        std::vector<BoundExprList> per_child(2);
        for (auto& f : filters) {
          if (HasSideEffects(*f)) {
            above.push_back(std::move(f));
            continue;
          }
          for (int c = 0; c < 2; c++) {
            BoundExprPtr copy = f->Copy();
            Substitute(copy, set_op.table_index, ColumnRefs(*op->children[c]));
            per_child[c].push_back(std::move(copy));
          }
        }
        FLUX_RETURN_IF_ERROR(Rewrite(op->children[0], std::move(per_child[0])));
        FLUX_RETURN_IF_ERROR(Rewrite(op->children[1], std::move(per_child[1])));
        return Finish(op, std::move(above));
      }
      case LogicalOperatorType::kGet: {
        auto& get = op->As<LogicalGet>();
        for (const auto& f : filters) AddScanFilter(get, *f);
        return Finish(op, std::move(filters));
      }
      case LogicalOperatorType::kEmptyResult:
        return Status();
      default:
        break;
    }
    for (auto& child : op->children) FLUX_RETURN_IF_ERROR(Rewrite(child, {}));
    return Finish(op, std::move(filters));
  }

 private:
  // Conjuncts split at their ANDs, and ORs with common terms factored, so that each piece can
  // go down on its own.
  static BoundExprList Normalize(BoundExprList conjuncts) {
    BoundExprList flat;
    for (auto& c : conjuncts) FlattenConjunction(std::move(c), /*is_and=*/true, &flat);
    FactorOrConjuncts(flat);
    return flat;
  }

  // Puts the filters that could not go further down on top of `op`.
  Status Finish(LogicalOperatorPtr& op, BoundExprList filters) {
    if (filters.empty()) return Status();
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions = std::move(filters);
    filter->children.push_back(std::move(op));
    op = std::move(filter);
    return Status();
  }

  void Flatten(LogicalOperatorPtr op, std::vector<LogicalOperatorPtr>* leaves, BoundExprList* conditions) {
    bool inner_join = op->type == LogicalOperatorType::kJoin &&
                      op->As<LogicalJoin>().kind == JoinKind::kInner &&
                      op->As<LogicalJoin>().delim_index == kInvalidIndex;
    if (op->type == LogicalOperatorType::kCrossProduct || inner_join) {
      if (inner_join) {
        auto& join = op->As<LogicalJoin>();
        for (auto& c : join.conditions) {
          conditions->push_back(BoundExpression::Comparison(c.comparison, std::move(c.left), std::move(c.right)));
        }
        for (auto& e : join.expressions) conditions->push_back(std::move(e));
      }
      Flatten(std::move(op->children[0]), leaves, conditions);
      Flatten(std::move(op->children[1]), leaves, conditions);
      return;
    }
    if (op->type == LogicalOperatorType::kFilter) {
      // A filter between joins belongs to the join predicates.
      for (auto& e : op->expressions) conditions->push_back(std::move(e));
      Flatten(std::move(op->children[0]), leaves, conditions);
      return;
    }
    leaves->push_back(std::move(op));
  }

  // Turns a tree of inner joins / cross products plus predicates into filtered inputs joined in
  // the order join_order.h picks.
  Status RewriteInnerJoins(LogicalOperatorPtr& op, BoundExprList filters) {
    std::vector<LogicalOperatorPtr> leaves;
    Flatten(std::move(op), &leaves, &filters);
    std::vector<TableSet> leaf_tables;
    std::vector<BoundExprList> leaf_filters(leaves.size());
    BoundExprList constant_filters, join_filters;
    for (auto& leaf : leaves) leaf_tables.push_back(OutputTables(*leaf));
    for (auto& f : filters) {
      TableSet tables = TablesOf(*f);
      if (tables.empty()) {
        constant_filters.push_back(std::move(f));
        continue;
      }
      bool placed = false;
      for (size_t i = 0; i < leaves.size() && !placed; i++) {
        if (SubsetOf(tables, leaf_tables[i]) && !HasSideEffects(*f)) {
          leaf_filters[i].push_back(std::move(f));
          placed = true;
        }
      }
      if (!placed) join_filters.push_back(std::move(f));
    }
    // An OR over several inputs stays a join predicate, but what it implies about one input
    // filters that input before the join.
    for (const auto& f : join_filters) {
      for (size_t i = 0; i < leaves.size(); i++) {
        auto readable = [&](const BoundExpression& term) {
          TableSet tables = TablesOf(term);
          return !tables.empty() && SubsetOf(tables, leaf_tables[i]) && !HasSideEffects(term);
        };
        if (auto implied = DeriveImpliedPredicate(*f, readable)) {
          leaf_filters[i].push_back(std::move(implied));
        }
      }
    }
    for (size_t i = 0; i < leaves.size(); i++) {
      FLUX_RETURN_IF_ERROR(Rewrite(leaves[i], std::move(leaf_filters[i])));
    }
    LogicalOperatorPtr current = OrderInnerJoins(std::move(leaves), join_filters, estimator_);
    BoundExprList rest;
    for (auto& f : join_filters) {
      if (f) rest.push_back(std::move(f));
    }
    for (auto& f : constant_filters) rest.push_back(std::move(f));
    op = std::move(current);
    return Finish(op, std::move(rest));
  }

  Status RewriteJoin(LogicalOperatorPtr& op, BoundExprList filters) {
    auto& join = op->As<LogicalJoin>();
    TableSet left = OutputTables(*op->children[0]);
    TableSet right = OutputTables(*op->children[1]);
    // ON predicates: comparisons across sides become conditions; right-only ones of joins that
    // keep unmatched left rows can filter the right input first.
    BoundExprList residual = Normalize(std::move(join.expressions));
    join.expressions.clear();
    BoundExprList right_filters, left_filters, above;
    bool keeps_left = join.kind == JoinKind::kLeft || join.kind == JoinKind::kSemi ||
                      join.kind == JoinKind::kAnti || join.kind == JoinKind::kMark ||
                      join.kind == JoinKind::kSingle;
    for (auto& e : residual) {
      TableSet tables = TablesOf(*e);
      if (keeps_left && !tables.empty() && SubsetOf(tables, right) && !HasSideEffects(*e)) {
        right_filters.push_back(std::move(e));
      } else {
        AddJoinPredicate(join, std::move(e), left, right);
      }
    }
    for (auto& f : filters) {
      TableSet tables = TablesOf(*f);
      bool left_only = !tables.empty() && SubsetOf(tables, left) && !HasSideEffects(*f);
      bool right_only = !tables.empty() && SubsetOf(tables, right) && !HasSideEffects(*f);
      if (left_only && (keeps_left || join.kind == JoinKind::kInner)) {
        left_filters.push_back(std::move(f));
      } else if (right_only && join.kind == JoinKind::kRight) {
        right_filters.push_back(std::move(f));
      } else {
        above.push_back(std::move(f));
      }
    }
    FLUX_RETURN_IF_ERROR(Rewrite(op->children[0], std::move(left_filters)));
    FLUX_RETURN_IF_ERROR(Rewrite(op->children[1], std::move(right_filters)));
    return Finish(op, std::move(above));
  }

  Binder& binder_;
  CardinalityEstimator estimator_;
};

}  // namespace

Status PushDownFilters(LogicalOperatorPtr& plan, Binder& binder) {
  FilterPushdown pushdown(binder);
  return pushdown.Rewrite(plan, {});
}

}  // namespace fluxdb
