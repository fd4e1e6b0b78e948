// Binding of joins: ON, USING, NATURAL and CROSS. Inner joins become a cross product under a
// filter (the optimizer turns that into a hash join); outer joins keep their condition.
#include "catalog/catalog_entry.h"
#include "execution/cast/cast_rules.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/plan_helpers.h"

namespace fluxdb {

namespace {

JoinKind ToJoinKind(ast::JoinType type) {
  switch (type) {
    case ast::JoinType::kLeft:
      return JoinKind::kLeft;
    case ast::JoinType::kRight:
      return JoinKind::kRight;
    case ast::JoinType::kFull:
      return JoinKind::kFull;
    case ast::JoinType::kSemi:
      return JoinKind::kSemi;
    case ast::JoinType::kAnti:
      return JoinKind::kAnti;
    case ast::JoinType::kMark:
      return JoinKind::kMark;
    case ast::JoinType::kSingle:
      return JoinKind::kSingle;
    default:
      return JoinKind::kInner;
  }
}

// The alias of the (single) entry of `context` that has column `name`, resolving it.
StatusOr<std::optional<ResolvedColumn>> ResolveUsing(const BindContext& context,
                                                     const std::string& name, std::string* alias) {
  FLUX_ASSIGN_OR_RETURN(auto resolved, context.Resolve("", name));
  if (resolved) {
    for (const auto& entry : context.entries()) {
      for (const auto& column : entry.names) {
        if (NormalizeName(column) == NormalizeName(name)) *alias = entry.alias;
      }
    }
  }
  return resolved;
}

}  // namespace

StatusOr<LogicalOperatorPtr> Binder::BindJoin(const ast::JoinRef& ref) {
  // Each side binds into its own context so USING / NATURAL can tell them apart.
  BindContext outer = std::move(bind_context_);
  bind_context_ = BindContext();
  auto left_result = BindTableRef(*ref.left);
  BindContext left_context = std::move(bind_context_);
  bind_context_ = BindContext();
  if (!left_result.ok()) {
    bind_context_ = std::move(outer);
    return left_result.status();
  }
  auto right_result = BindTableRef(*ref.right);
  BindContext right_context = std::move(bind_context_);
  bind_context_ = std::move(outer);
  if (!right_result.ok()) return right_result.status();
  LogicalOperatorPtr left = std::move(left_result).value();
  LogicalOperatorPtr right = std::move(right_result).value();

  // USING (a, "A") names one column once.
  std::vector<std::string> using_columns;
  for (const auto& name : ref.using_columns) {
    bool seen = false;
    for (const auto& u : using_columns) seen |= NormalizeName(u) == NormalizeName(name);
    if (!seen) using_columns.push_back(name);
  }
  if (ref.natural) {
    for (const auto& name : left_context.AllColumnNames()) {
      bool seen = false;
      for (const auto& u : using_columns) seen |= NormalizeName(u) == NormalizeName(name);
      if (seen) continue;
      auto in_right = right_context.Resolve("", name);
      if (!in_right.ok()) {
        return BinderError("Column name \"", name,
                           "\" is ambiguous: it exists more than once on right side of join.");
      }
      if (in_right->has_value()) using_columns.push_back(name);
    }
    if (using_columns.empty()) {
      return BinderError(
          "No columns found to join on in NATURAL JOIN.\nUse CROSS JOIN if you intended for "
          "this to be a cross-product");
    }
  }
  JoinKind kind = ToJoinKind(ref.join_type);
  BoundExprList conditions;
  std::vector<UsingColumn> merged;
  for (const auto& name : using_columns) {
    std::string left_alias, right_alias;
    FLUX_ASSIGN_OR_RETURN(auto l, ResolveUsing(left_context, name, &left_alias));
    FLUX_ASSIGN_OR_RETURN(auto r, ResolveUsing(right_context, name, &right_alias));
    if (!l || !r) {
      return BinderError("Column \"", name, "\" does not exist on ", !l ? "left" : "right",
                         " side of join!");
    }
    // A side that merged the column already (a JOIN b USING (x) JOIN c USING (x)) hands its
    // copies over: the new merge hides them all.
    std::vector<std::string> hidden;
    for (BindContext* side : {&left_context, &right_context}) {
      auto previous = side->TakeUsingColumn(name);
      if (previous) {
        for (auto& alias : previous->hidden) hidden.push_back(std::move(alias));
      } else {
        hidden.push_back(side == &left_context ? left_alias : right_alias);
      }
    }
    ExpressionBinder binder(*this, ExpressionClause::kJoinCondition);
    auto common = CommonSuperType(l->expr->type, r->expr->type);
    if (!common) {
      return BinderError("Cannot compare values of type ", l->expr->type.ToString(), " and type ",
                         r->expr->type.ToString(), " in USING");
    }
    conditions.push_back(BoundExpression::Comparison(
        ComparisonType::kEqual, ExpressionBinder::AddCast(l->expr->Copy(), *common),
        ExpressionBinder::AddCast(r->expr->Copy(), *common)));
    UsingColumn column;
    column.name = l->name;
    column.hidden = std::move(hidden);
    if (kind == JoinKind::kRight) {
      column.expr = std::move(r->expr);
    } else if (kind == JoinKind::kFull) {
      auto coalesce = std::make_unique<BoundExpression>(BoundExprKind::kCoalesce, *common);
      coalesce->children.push_back(ExpressionBinder::AddCast(std::move(l->expr), *common));
      coalesce->children.push_back(ExpressionBinder::AddCast(std::move(r->expr), *common));
      column.expr = std::move(coalesce);
    } else {
      column.expr = std::move(l->expr);
    }
    merged.push_back(std::move(column));
  }

  FLUX_RETURN_IF_ERROR(bind_context_.Merge(std::move(left_context)));
  // A SEMI / ANTI / MARK join outputs only its left side: the right one is visible in ON alone.
  bool left_only = kind == JoinKind::kSemi || kind == JoinKind::kAnti || kind == JoinKind::kMark;
  size_t left_entries = bind_context_.entries().size();
  size_t left_using = bind_context_.using_column_count();
  FLUX_RETURN_IF_ERROR(bind_context_.Merge(std::move(right_context)));
  if (!left_only) {
    for (auto& column : merged) bind_context_.AddUsingColumn(std::move(column));
  }

  if (ref.condition) {
    ExpressionBinder binder(*this, ExpressionClause::kJoinCondition);
    FLUX_ASSIGN_OR_RETURN(auto condition, binder.BindCondition(*ref.condition));
    if (condition->Any(
            [](const BoundExpression& e) { return e.kind == BoundExprKind::kSubquery; })) {
      if (kind != JoinKind::kInner) {
        return NotImplementedError("subqueries in the ON clause of an outer join");
      }
    }
    conditions.push_back(std::move(condition));
  }
  if (left_only) bind_context_.Truncate(left_entries, left_using);

  if (ref.join_type == ast::JoinType::kCross || (kind == JoinKind::kInner && conditions.empty())) {
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children.push_back(std::move(left));
    cross->children.push_back(std::move(right));
    return LogicalOperatorPtr(std::move(cross));
  }
  if (kind == JoinKind::kInner) {
    LogicalOperatorPtr plan = std::make_unique<LogicalCrossProduct>();
    plan->children.push_back(std::move(left));
    plan->children.push_back(std::move(right));
    for (auto& condition : conditions) {
      FLUX_RETURN_IF_ERROR(PlanSubqueries(condition, plan));
      plan = MakeFilter(std::move(plan), std::move(condition));
    }
    return plan;
  }
  auto join = std::make_unique<LogicalJoin>(kind);
  if (kind == JoinKind::kMark) {
    // JOIN BY (TYPE mark): the marker column is __mark_join_marker, with IN's NULL semantics.
    if (conditions.empty()) return BinderError("A MARK join needs a join condition");
    join->mark_index = NewTableIndex();
    BindingEntry marker;
    marker.alias = "__mark_join";
    marker.table_index = join->mark_index;
    marker.names = {"__mark_join_marker"};
    marker.types = {LogicalType::Boolean()};
    marker.binding_columns = {0};
    FLUX_RETURN_IF_ERROR(bind_context_.AddEntry(std::move(marker)));
  }
  for (auto& condition : conditions) SplitConjunction(std::move(condition), &join->expressions);
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  return LogicalOperatorPtr(std::move(join));
}

}  // namespace fluxdb
