// Binding of a SELECT block: FROM, WHERE, GROUP BY, aggregates, HAVING, windows, QUALIFY,
// the select list, DISTINCT, ORDER BY and LIMIT, into the plan
//   get -> filter -> aggregate -> filter -> window -> filter -> projection -> distinct ->
//   order -> limit -> projection (drops ORDER BY-only columns)
#include <algorithm>

#include "catalog/catalog_entry.h"
#include "execution/expression/window_spec.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/expression_simplifier.h"
#include "planner/binder/plan_helpers.h"

namespace fluxdb {

namespace {

struct SelectItem {
  const ast::ParsedExpression* expr = nullptr;  // null when expanded from *
  BoundExprPtr expanded;                        // a column from *
  std::string name;
};

std::string DefaultName(const ast::ParsedExpression& expr) {
  if (!expr.alias.empty()) return expr.alias;
  if (expr.kind == ast::ExprKind::kColumnRef) return expr.As<ast::ColumnRefExpr>().column_name();
  return expr.ToString();
}

bool NameMatches(std::string_view a, std::string_view b) {
  return NormalizeName(a) == NormalizeName(b);
}

std::optional<int64_t> ConstantPosition(const ast::ParsedExpression& expr) {
  if (expr.kind == ast::ExprKind::kPositionalRef) return expr.As<ast::PositionalRefExpr>().index;
  if (expr.kind != ast::ExprKind::kConstant) return std::nullopt;
  const Value& v = expr.As<ast::ConstantExpr>().value;
  if (v.is_null() || !v.type().IsIntegral()) return std::nullopt;
  return v.GetInt64();
}

}  // namespace

StatusOr<BoundQuery> Binder::BindSelectNode(const ast::SelectNode& node) {
  // FROM
  FLUX_ASSIGN_OR_RETURN(LogicalOperatorPtr plan, BindTableRef(*node.from));

  // WHERE
  if (node.where) {
    // WHERE COLUMNS('x') > 0 holds when it holds for every column COLUMNS stands for.
    const ast::ParsedExpression* where = node.where.get();
    FLUX_ASSIGN_OR_RETURN(auto written_out, ExpandColumns(*node.where));
    ast::ExprPtr conjunction;
    if (written_out) {
      ast::ExprList terms;
      for (auto& term : *written_out) {
        term.expr->alias.clear();
        terms.push_back(std::move(term.expr));
      }
      conjunction = std::make_unique<ast::ConjunctionExpr>(true, std::move(terms));
      where = conjunction.get();
    }
    ExpressionBinder where_binder(*this, ExpressionClause::kWhere);
    FLUX_ASSIGN_OR_RETURN(auto condition, where_binder.BindCondition(*where));
    SimplifyExpression(condition);
    FLUX_RETURN_IF_ERROR(PlanSubqueries(condition, plan));
    plan = MakeFilter(std::move(plan), std::move(condition));
  }

  // The select list with * and COLUMNS(...) expanded.
  std::vector<SelectItem> items;
  std::vector<ast::ExprPtr> expanded;  // select-list expressions written out per column
  for (const auto& expr : node.select_list) {
    if (expr->kind == ast::ExprKind::kStar) {
      FLUX_ASSIGN_OR_RETURN(auto columns, StarColumns(expr->As<ast::StarExpr>()));
      for (auto& column : columns) {
        if (column.replacement != nullptr) {
          items.push_back(SelectItem{column.replacement, nullptr, column.name});
        } else {
          items.push_back(SelectItem{nullptr, std::move(column.column.expr), column.name});
        }
      }
      continue;
    }
    FLUX_ASSIGN_OR_RETURN(auto written_out, ExpandColumns(*expr));
    if (!written_out) {
      items.push_back(SelectItem{expr.get(), nullptr, DefaultName(*expr)});
      continue;
    }
    for (auto& one : *written_out) {
      expanded.push_back(std::move(one.expr));
      items.push_back(SelectItem{expanded.back().get(), nullptr, std::move(one.name)});
    }
  }
  if (items.empty()) return BinderError("SELECT list is empty");

  AggregateCollector aggregates;
  aggregates.group_index = NewTableIndex();
  aggregates.aggregate_index = NewTableIndex();
  WindowCollector windows;
  windows.window_index = NewTableIndex();
  bool has_aggregate = false;
  for (const auto& item : items) has_aggregate |= item.expr && ContainsAggregate(*item.expr);
  if (node.having && ContainsAggregate(*node.having)) has_aggregate = true;
  for (const auto& order : node.modifiers.order_by) has_aggregate |= ContainsAggregate(*order.expr);
  aggregates.is_aggregate_query =
      has_aggregate || !node.group_by.empty() || node.group_by_all || node.having != nullptr;

  // Binds select item `i` in a given clause (GROUP BY on an alias or position).
  auto bind_item = [&](idx_t i, ExpressionBinder& binder) -> StatusOr<BoundExprPtr> {
    if (items[i].expanded) return items[i].expanded->Copy();
    return binder.Bind(*items[i].expr);
  };

  // GROUP BY
  if (node.group_by_all) {
    for (idx_t i = 0; i < items.size(); i++) {
      if (items[i].expr && ContainsAggregate(*items[i].expr)) continue;
      ExpressionBinder group_binder(*this, ExpressionClause::kGroupBy);
      FLUX_ASSIGN_OR_RETURN(auto bound, bind_item(i, group_binder));
      aggregates.groups.push_back(std::move(bound));
    }
  }
  for (const auto& group : node.group_by) {
    ExpressionBinder group_binder(*this, ExpressionClause::kGroupBy);
    BoundExprPtr bound;
    if (auto position = ConstantPosition(*group)) {
      if (*position < 1 || *position > static_cast<int64_t>(items.size())) {
        return BinderError("GROUP BY term out of range - should be between 1 and ", items.size());
      }
      if (items[*position - 1].expr && ContainsAggregate(*items[*position - 1].expr)) {
        return BinderError("GROUP BY clause cannot contain aggregates!");
      }
      FLUX_ASSIGN_OR_RETURN(bound, bind_item(*position - 1, group_binder));
    } else {
      group_binder.fallback_hook =
          [&](const ast::ColumnRefExpr& ref) -> StatusOr<std::optional<BoundExprPtr>> {
        for (idx_t i = 0; i < items.size(); i++) {
          if (items[i].expr && !items[i].expr->alias.empty() &&
              NameMatches(items[i].expr->alias, ref.column_name())) {
            if (group->kind != ast::ExprKind::kColumnRef) {
              return BinderError("Alias with name \"", ref.column_name(),
                                 "\" exists, but aliases cannot be used as part of an expression "
                                 "in the GROUP BY");
            }
            ExpressionBinder inner(*this, ExpressionClause::kGroupBy);
            FLUX_ASSIGN_OR_RETURN(auto b, inner.Bind(*items[i].expr));
            return std::optional<BoundExprPtr>(std::move(b));
          }
        }
        return std::optional<BoundExprPtr>();
      };
      FLUX_ASSIGN_OR_RETURN(bound, group_binder.Bind(*group));
    }
    aggregates.groups.push_back(std::move(bound));
  }
  // Group expressions are matched against simplified select expressions: simplify them alike.
  for (auto& group : aggregates.groups) SimplifyExpression(group);

  std::vector<idx_t> post_aggregate = {windows.window_index};
  auto make_select_binder = [&](ExpressionClause clause) {
    ExpressionBinder binder(*this, clause);
    binder.aggregates = &aggregates;
    binder.windows = &windows;
    return binder;
  };

  // SELECT list
  BoundExprList select_exprs;
  std::vector<std::string> names;
  for (idx_t i = 0; i < items.size(); i++) {
    ExpressionBinder select_binder = make_select_binder(ExpressionClause::kSelect);
    // A name the FROM clause lacks may be the alias of an earlier item (SELECT 1 AS a, a + 1).
    select_binder.fallback_hook =
        [&, i](const ast::ColumnRefExpr& ref) -> StatusOr<std::optional<BoundExprPtr>> {
      if (ref.names.size() != 1) return std::optional<BoundExprPtr>();
      for (idx_t j = i; j-- > 0;) {
        if (items[j].expr != nullptr && !items[j].expr->alias.empty() &&
            NameMatches(items[j].expr->alias, ref.column_name())) {
          return std::optional<BoundExprPtr>(select_exprs[j]->Copy());
        }
      }
      return std::optional<BoundExprPtr>();
    };
    FLUX_ASSIGN_OR_RETURN(auto bound, bind_item(i, select_binder));
    // A column reference is named as the column is (SELECT col1 FROM t("COL1") gives COL1).
    if (items[i].expr != nullptr && items[i].expr->kind == ast::ExprKind::kColumnRef &&
        items[i].expr->alias.empty() && bound->kind == BoundExprKind::kColumnRef &&
        !bound->alias.empty() && NameMatches(bound->alias, items[i].name)) {
      items[i].name = bound->alias;
    }
    if (aggregates.is_aggregate_query) {
      FLUX_RETURN_IF_ERROR(aggregates.Rewrite(bound, post_aggregate));
    } else {
      SimplifyExpression(bound);
    }
    if (bound->type.id() == TypeId::kNull) {
      bound = ExpressionBinder::AddCast(std::move(bound), LogicalType::Integer());
      // DuckDB shows an untyped NULL column as INTEGER.
    }
    select_exprs.push_back(std::move(bound));
    names.push_back(items[i].name);
  }

  // Select aliases usable by name in HAVING, QUALIFY and ORDER BY.
  auto alias_to_item = [&](std::string_view name) -> std::optional<idx_t> {
    for (idx_t i = 0; i < items.size(); i++) {
      bool has_alias = items[i].expr != nullptr && !items[i].expr->alias.empty();
      if (has_alias && NameMatches(items[i].expr->alias, name)) return i;
    }
    return std::nullopt;
  };

  // HAVING
  BoundExprPtr having;
  if (node.having) {
    ExpressionBinder having_binder = make_select_binder(ExpressionClause::kHaving);
    having_binder.fallback_hook =
        [&](const ast::ColumnRefExpr& ref) -> StatusOr<std::optional<BoundExprPtr>> {
      if (auto i = alias_to_item(ref.column_name())) {
        return std::optional<BoundExprPtr>(select_exprs[*i]->Copy());
      }
      return std::optional<BoundExprPtr>();
    };
    FLUX_ASSIGN_OR_RETURN(having, having_binder.BindCondition(*node.having));
    Status rewritten = aggregates.Rewrite(having, post_aggregate);
    if (!rewritten.ok()) {
      // A name that is both an ungrouped column and a select alias means the alias, as in
      // DuckDB: SELECT sum(a) AS a ... GROUP BY b HAVING a > 0.
      having_binder.alias_hook = having_binder.fallback_hook;
      auto retried = having_binder.BindCondition(*node.having);
      if (retried.ok()) {
        having = std::move(retried).value();
        rewritten = aggregates.Rewrite(having, post_aggregate);
      }
    }
    FLUX_RETURN_IF_ERROR(rewritten);
  }

  // QUALIFY
  BoundExprPtr qualify;
  if (node.qualify) {
    ExpressionBinder qualify_binder = make_select_binder(ExpressionClause::kQualify);
    qualify_binder.fallback_hook =
        [&](const ast::ColumnRefExpr& ref) -> StatusOr<std::optional<BoundExprPtr>> {
      if (auto i = alias_to_item(ref.column_name())) {
        return std::optional<BoundExprPtr>(select_exprs[*i]->Copy());
      }
      return std::optional<BoundExprPtr>();
    };
    FLUX_ASSIGN_OR_RETURN(qualify, qualify_binder.BindCondition(*node.qualify));
    if (aggregates.is_aggregate_query)
      FLUX_RETURN_IF_ERROR(aggregates.Rewrite(qualify, post_aggregate));
  }

  // ORDER BY and DISTINCT ON: each item is a select column (by position, alias or equal
  // expression) or a hidden extra projection column.
  struct OrderItem {
    idx_t column;
    bool ascending;
    bool nulls_first;
  };
  std::vector<OrderItem> order_items;
  BoundExprList hidden;
  const auto& modifiers = node.modifiers;
  auto nulls_first_for = [&](bool ascending, ast::NullOrder nulls) {
    if (nulls == ast::NullOrder::kDefault) return DefaultNullsFirst(ascending);
    return nulls == ast::NullOrder::kNullsFirst;
  };
  // The column of `expr`; nullopt for a non-integer literal, which orders nothing.
  auto bind_target = [&](const ast::ParsedExpression& expr,
                         const char* clause) -> StatusOr<std::optional<idx_t>> {
    if (auto position = ConstantPosition(expr)) {
      if (*position < 1 || *position > static_cast<int64_t>(items.size())) {
        return BinderError("ORDER term out of range - should be between 1 and ", items.size());
      }
      return std::optional<idx_t>(*position - 1);
    }
    if (expr.kind == ast::ExprKind::kConstant) {
      FLUX_RETURN_IF_ERROR(CheckNonIntegerLiteral(clause));
      return std::optional<idx_t>();
    }
    if (expr.kind == ast::ExprKind::kColumnRef) {
      const auto& ref = expr.As<ast::ColumnRefExpr>();
      if (ref.names.size() == 1) {
        if (auto match = alias_to_item(ref.column_name())) return std::optional<idx_t>(*match);
      }
    }
    ExpressionBinder order_binder = make_select_binder(ExpressionClause::kOrderBy);
    order_binder.fallback_hook =
        [&](const ast::ColumnRefExpr& ref) -> StatusOr<std::optional<BoundExprPtr>> {
      for (idx_t i = 0; i < items.size(); i++) {
        if (NameMatches(items[i].name, ref.column_name())) {
          return std::optional<BoundExprPtr>(select_exprs[i]->Copy());
        }
      }
      return std::optional<BoundExprPtr>();
    };
    FLUX_ASSIGN_OR_RETURN(auto bound, order_binder.Bind(expr));
    if (aggregates.is_aggregate_query) {
      FLUX_RETURN_IF_ERROR(aggregates.Rewrite(bound, post_aggregate));
    }
    for (idx_t i = 0; i < select_exprs.size(); i++) {
      if (select_exprs[i]->Equals(*bound)) return std::optional<idx_t>(i);
    }
    for (idx_t i = 0; i < hidden.size(); i++) {
      if (hidden[i]->Equals(*bound)) return std::optional<idx_t>(select_exprs.size() + i);
    }
    hidden.push_back(std::move(bound));
    return std::optional<idx_t>(select_exprs.size() + hidden.size() - 1);
  };
  if (modifiers.order_by_all) {
    for (idx_t i = 0; i < items.size(); i++) {
      order_items.push_back(
          {i, modifiers.order_by_all_ascending,
           nulls_first_for(modifiers.order_by_all_ascending, modifiers.order_by_all_nulls)});
    }
  }
  for (const auto& order : modifiers.order_by) {
    FLUX_ASSIGN_OR_RETURN(std::optional<idx_t> column, bind_target(*order.expr, "ORDER BY"));
    if (!column) continue;  // ORDER BY 'literal' orders nothing
    order_items.push_back(
        {*column, order.ascending, nulls_first_for(order.ascending, order.nulls)});
  }
  // DISTINCT ON (...) keeps the first row of each group in ORDER BY order. SELECT DISTINCT
  // ordered by a column it does not select is DISTINCT ON all its columns, as in DuckDB.
  std::vector<idx_t> distinct_on;
  for (const auto& expr : node.distinct_on) {
    // DISTINCT ON (COLUMNS('key')) is DISTINCT ON each column it stands for.
    std::vector<ast::ExprPtr> targets;
    if (expr->kind == ast::ExprKind::kStar) {
      FLUX_ASSIGN_OR_RETURN(auto columns, StarColumns(expr->As<ast::StarExpr>()));
      for (const auto& column : columns) targets.push_back(StarColumnExpression(column));
    } else {
      FLUX_ASSIGN_OR_RETURN(auto written_out, ExpandColumns(*expr));
      if (!written_out) {
        targets.push_back(expr->Copy());
      } else {
        for (auto& one : *written_out) targets.push_back(std::move(one.expr));
      }
    }
    for (const auto& target : targets) {
      FLUX_ASSIGN_OR_RETURN(std::optional<idx_t> column, bind_target(*target, "DISTINCT ON"));
      if (column &&
          std::find(distinct_on.begin(), distinct_on.end(), *column) == distinct_on.end()) {
        distinct_on.push_back(*column);
      }
    }
  }
  bool distinct_on_rows = !node.distinct_on.empty();
  if (node.distinct && node.distinct_on.empty() && !hidden.empty()) {
    distinct_on_rows = true;
    for (idx_t i = 0; i < select_exprs.size(); i++) distinct_on.push_back(i);
  }

  // Window expressions of an aggregate query read the aggregate's output.
  if (aggregates.is_aggregate_query) {
    for (auto& window : windows.windows) {
      for (auto& child : window->children)
        FLUX_RETURN_IF_ERROR(aggregates.Rewrite(child, post_aggregate));
      for (auto& partition : window->window->partitions) {
        FLUX_RETURN_IF_ERROR(aggregates.Rewrite(partition, post_aggregate));
      }
      for (auto& order : window->window->orders) {
        FLUX_RETURN_IF_ERROR(aggregates.Rewrite(order.expr, post_aggregate));
      }
    }
  }

  // Build the plan.
  if (aggregates.is_aggregate_query) {
    for (auto& group : aggregates.groups) FLUX_RETURN_IF_ERROR(PlanSubqueries(group, plan));
    for (auto& aggregate : aggregates.aggregates) {
      for (auto& child : aggregate->children) FLUX_RETURN_IF_ERROR(PlanSubqueries(child, plan));
      if (aggregate->filter) FLUX_RETURN_IF_ERROR(PlanSubqueries(aggregate->filter, plan));
    }
    auto aggregate =
        std::make_unique<LogicalAggregate>(aggregates.group_index, aggregates.aggregate_index);
    aggregate->groups = std::move(aggregates.groups);
    aggregate->expressions = std::move(aggregates.aggregates);
    aggregate->children.push_back(std::move(plan));
    plan = std::move(aggregate);
  }
  if (having) {
    FLUX_RETURN_IF_ERROR(PlanSubqueries(having, plan));
    plan = MakeFilter(std::move(plan), std::move(having));
  }
  if (!windows.windows.empty()) {
    for (auto& window : windows.windows) {
      for (auto& child : window->children) FLUX_RETURN_IF_ERROR(PlanSubqueries(child, plan));
    }
    auto window = std::make_unique<LogicalWindow>(windows.window_index);
    window->expressions = std::move(windows.windows);
    window->children.push_back(std::move(plan));
    plan = std::move(window);
  }
  if (qualify) {
    FLUX_RETURN_IF_ERROR(PlanSubqueries(qualify, plan));
    plan = MakeFilter(std::move(plan), std::move(qualify));
  }
  idx_t visible = select_exprs.size();
  BoundExprList projected;
  for (auto& expr : select_exprs) {
    FLUX_RETURN_IF_ERROR(PlanSubqueries(expr, plan));
    projected.push_back(std::move(expr));
  }
  for (auto& expr : hidden) {
    FLUX_RETURN_IF_ERROR(PlanSubqueries(expr, plan));
    projected.push_back(std::move(expr));
  }
  idx_t projection_index = NewTableIndex();
  auto projection = std::make_unique<LogicalProjection>(projection_index, std::move(projected));
  projection->children.push_back(std::move(plan));
  plan = std::move(projection);

  if (distinct_on_rows) {
    // ROW_NUMBER() OVER (PARTITION BY the DISTINCT ON columns ORDER BY the query's order) = 1.
    std::vector<LogicalType> types = plan->GetTypes();
    auto bindings = plan->GetColumnBindings();
    auto row_number =
        std::make_unique<BoundExpression>(BoundExprKind::kWindow, LogicalType::BigInt());
    row_number->function_name = "row_number";
    row_number->window = std::make_shared<WindowFrameSpec>();
    for (idx_t column : distinct_on) {
      row_number->window->partitions.push_back(
          BoundExpression::ColumnRef(types[column], bindings[column]));
    }
    for (const auto& item : order_items) {
      row_number->window->orders.push_back(
          BoundOrderBy{BoundExpression::ColumnRef(types[item.column], bindings[item.column]),
                       item.ascending, item.nulls_first});
    }
    auto window = std::make_unique<LogicalWindow>(NewTableIndex());
    ColumnBinding number{window->window_index, 0};
    window->expressions.push_back(std::move(row_number));
    window->children.push_back(std::move(plan));
    plan = MakeFilter(
        std::move(window),
        BoundExpression::Comparison(ComparisonType::kEqual,
                                    BoundExpression::ColumnRef(LogicalType::BigInt(), number),
                                    BoundExpression::Constant(Value::BigInt(1))));
  } else if (node.distinct) {
    auto distinct = std::make_unique<LogicalAggregate>(NewTableIndex(), NewTableIndex());
    distinct->groups = ColumnRefs(*plan);
    distinct->children.push_back(std::move(plan));
    plan = std::move(distinct);
  }

  BoundQuery query;
  std::vector<LogicalType> all_types = plan->GetTypes();
  auto bindings = plan->GetColumnBindings();
  if (!order_items.empty()) {
    auto order = std::make_unique<LogicalOrder>();
    for (const auto& item : order_items) {
      order->orders.push_back(
          BoundOrderBy{BoundExpression::ColumnRef(all_types[item.column], bindings[item.column]),
                       item.ascending, item.nulls_first});
    }
    order->children.push_back(std::move(plan));
    plan = std::move(order);
  }
  FLUX_RETURN_IF_ERROR(BindLimit(modifiers, plan));
  // Drop ORDER BY-only columns, the row number of DISTINCT ON and LIMIT subqueries' values.
  if (plan->GetColumnBindings().size() != visible) {
    BoundExprList visible_refs;
    for (idx_t i = 0; i < visible; i++) {
      visible_refs.push_back(BoundExpression::ColumnRef(all_types[i], bindings[i]));
    }
    auto strip = std::make_unique<LogicalProjection>(NewTableIndex(), std::move(visible_refs));
    strip->children.push_back(std::move(plan));
    plan = std::move(strip);
  }
  query.types = plan->GetTypes();
  query.names = std::move(names);
  query.plan = std::move(plan);
  return query;
}

}  // namespace fluxdb
