// Binding of INSERT, DELETE and UPDATE into plans that end in a LogicalDml.
#include <algorithm>

#include "catalog/catalog.h"
#include "planner/binder/bind_on_conflict.h"
#include "planner/binder/bind_table_expression.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/plan_helpers.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

StatusOr<TableEntry*> TargetTable(Binder& binder, const std::string& schema,
                                  const std::string& name) {
  CatalogEntry* entry = binder.state().catalog.FindEntry(schema, name);
  if (entry != nullptr && entry->kind() == CatalogEntryKind::kView) {
    return BinderError("Can only modify base table, \"", name, "\" is a view");
  }
  return binder.state().catalog.GetTable(schema, name);
}

// Maps the INSERT column list to table column indexes (all columns when empty).
StatusOr<std::vector<idx_t>> InsertColumns(const TableEntry& table,
                                           const std::vector<std::string>& names) {
  std::vector<idx_t> columns;
  if (names.empty()) {
    for (idx_t i = 0; i < table.columns().size(); i++) columns.push_back(i);
    return columns;
  }
  std::vector<bool> seen(table.columns().size(), false);
  for (const auto& name : names) {
    auto index = table.ColumnIndex(name);
    if (!index) {
      return BinderError("Table \"", table.name(), "\" does not have a column with name \"", name,
                         "\"");
    }
    if (seen[*index]) return BinderError("Duplicate column name \"", name, "\" in INSERT");
    seen[*index] = true;
    columns.push_back(*index);
  }
  return columns;
}

bool IsPlainValues(const ast::QueryNode& node) {
  if (node.kind != ast::QueryNodeKind::kSelect || !node.ctes.empty()) return false;
  const auto& select = node.As<ast::SelectNode>();
  return select.from && select.from->kind == ast::TableRefKind::kExpressionList &&
         select.select_list.size() == 1 && select.select_list[0]->kind == ast::ExprKind::kStar &&
         !select.where && select.group_by.empty() && !select.distinct &&
         select.modifiers.order_by.empty() && !select.modifiers.limit;
}

}  // namespace

StatusOr<BoundQuery> Binder::BindInsert(const ast::InsertStatement& statement) {
  FLUX_ASSIGN_OR_RETURN(TableEntry * table, TargetTable(*this, statement.schema, statement.table));
  ConflictAction on_conflict = ConflictAction::kError;
  std::optional<idx_t> conflict_key;
  if (statement.on_conflict != ast::OnConflict::kError) {
    FLUX_ASSIGN_OR_RETURN(conflict_key, BindConflictTarget(*table, statement));
    if (table->record().primary_key.empty() && table->record().unique_keys.empty()) {
      return BinderError(
          "There are no UNIQUE/PRIMARY KEY Indexes that refer to this table, ON "
          "CONFLICT is a no-op");
    }
    switch (statement.on_conflict) {
      case ast::OnConflict::kReplace:
        on_conflict = ConflictAction::kReplace;
        break;
      case ast::OnConflict::kUpdate:
        on_conflict = ConflictAction::kUpdate;
        break;
      default:
        on_conflict = ConflictAction::kIgnore;
        break;
    }
  }
  if (statement.by_name && !statement.columns.empty()) {
    return BinderError("INSERT BY NAME cannot be combined with an explicit column list");
  }
  if (statement.by_name && statement.query && IsPlainValues(*statement.query)) {
    return BinderError("INSERT BY NAME can only be used when inserting from a SELECT statement");
  }
  const auto& columns = table->columns();
  FLUX_ASSIGN_OR_RETURN(std::vector<idx_t> targets, InsertColumns(*table, statement.columns));

  // `source` produces one column per entry of `targets`, in that order.
  LogicalOperatorPtr source;
  if (statement.default_values) {
    targets.clear();
    source = std::make_unique<LogicalDummyScan>(NewTableIndex());
  } else if (IsPlainValues(*statement.query)) {
    const auto& values = statement.query->As<ast::SelectNode>().from->As<ast::ExpressionListRef>();
    std::vector<BoundExprList> rows;
    for (const auto& row : values.rows) {
      if (row.size() != targets.size()) {
        return BinderError("table \"", table->name(), "\" has ", targets.size(), " columns but ",
                           row.size(), " values were supplied");
      }
      BoundExprList bound_row;
      for (idx_t c = 0; c < row.size(); c++) {
        const LogicalType& type = columns[targets[c]].type;
        BoundExprPtr value;
        if (row[c]->kind == ast::ExprKind::kDefault) {
          FLUX_ASSIGN_OR_RETURN(value, BindColumnDefault(*this, *table, targets[c]));
        } else {
          ExpressionBinder binder(*this, ExpressionClause::kValues);
          FLUX_ASSIGN_OR_RETURN(value, binder.Bind(*row[c]));
        }
        bound_row.push_back(ExpressionBinder::AddCast(std::move(value), type));
      }
      rows.push_back(std::move(bound_row));
    }
    std::vector<LogicalType> types;
    for (idx_t t : targets) types.push_back(columns[t].type);
    source = std::make_unique<LogicalExpressionGet>(NewTableIndex(), types, std::move(rows));
  } else {
    Binder query_binder(state_, nullptr);
    FLUX_ASSIGN_OR_RETURN(BoundQuery query, query_binder.BindQuery(*statement.query));
    if (statement.by_name) {
      targets.clear();
      for (const auto& name : query.names) {
        auto index = table->ColumnIndex(name);
        if (!index) {
          return BinderError("Table \"", table->name(), "\" does not have a column with name \"",
                             name, "\"");
        }
        if (std::find(targets.begin(), targets.end(), *index) != targets.end()) {
          return BinderError("Duplicate column name \"", name, "\" in INSERT");
        }
        targets.push_back(*index);
      }
    }
    if (query.types.size() != targets.size()) {
      return BinderError("table \"", table->name(), "\" has ", targets.size(), " columns but ",
                         query.types.size(), " values were supplied");
    }
    source = std::move(query.plan);
  }

  // Project the source into table column order: cast given values, default the rest.
  BoundExprList source_refs = ColumnRefs(*source);
  BoundExprList row;
  for (idx_t c = 0; c < columns.size(); c++) {
    std::optional<idx_t> position;
    for (idx_t t = 0; t < targets.size(); t++) {
      if (targets[t] == c) position = t;
    }
    if (position) {
      row.push_back(ExpressionBinder::AddCast(source_refs[*position]->Copy(), columns[c].type));
    } else {
      FLUX_ASSIGN_OR_RETURN(auto value, BindColumnDefault(*this, *table, c));
      row.push_back(std::move(value));
    }
  }
  auto projection = std::make_unique<LogicalProjection>(NewTableIndex(), std::move(row));
  projection->children.push_back(std::move(source));
  auto insert = std::make_unique<LogicalDml>(LogicalOperatorType::kInsert, NewTableIndex(), *table);
  insert->on_conflict = on_conflict;
  insert->conflict_key = conflict_key;
  if (on_conflict == ConflictAction::kUpdate) {
    FLUX_ASSIGN_OR_RETURN(insert->conflict_update, BindConflictUpdate(*this, *table, statement));
  }
  FLUX_ASSIGN_OR_RETURN(insert->checks, BindTableChecks(*this, *table));
  insert->children.push_back(std::move(projection));
  if (!statement.returning.empty()) {
    // As DuckDB, RETURNING of an INSERT names the table, not its alias.
    return BindReturning(statement.returning, *table, "", std::move(insert));
  }
  BoundQuery result;
  result.names = {"Count"};
  result.types = {LogicalType::BigInt()};
  result.plan = std::move(insert);
  return result;
}

StatusOr<BoundQuery> Binder::BindDelete(const ast::DeleteStatement& statement) {
  FLUX_ASSIGN_OR_RETURN(TableEntry * table, TargetTable(*this, statement.schema, statement.table));
  ast::BaseTableRef ref;
  ref.schema = statement.schema;
  ref.table = statement.table;
  ref.alias = statement.alias;
  FLUX_ASSIGN_OR_RETURN(LogicalOperatorPtr plan, BindBaseTable(ref));
  idx_t table_index = plan->As<LogicalGet>().table_index;
  for (const auto& using_table : statement.using_tables) {
    FLUX_ASSIGN_OR_RETURN(auto other, BindTableRef(*using_table));
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children.push_back(std::move(plan));
    cross->children.push_back(std::move(other));
    plan = std::move(cross);
  }
  if (statement.where) {
    ExpressionBinder binder(*this, ExpressionClause::kWhere);
    FLUX_ASSIGN_OR_RETURN(auto condition, binder.BindCondition(*statement.where));
    FLUX_RETURN_IF_ERROR(PlanSubqueries(condition, plan));
    plan = MakeFilter(std::move(plan), std::move(condition));
  }
  BoundExprList row_id;
  row_id.push_back(BoundExpression::ColumnRef(LogicalType::BigInt(), {table_index, kRowIdBinding}));
  if (!statement.returning.empty()) {
    // The deleted rows' values travel with their row ids.
    const auto& columns = table->columns();
    for (idx_t c = 0; c < columns.size(); c++) {
      row_id.push_back(BoundExpression::ColumnRef(columns[c].type, {table_index, c}));
    }
  }
  auto projection = std::make_unique<LogicalProjection>(NewTableIndex(), std::move(row_id));
  projection->children.push_back(std::move(plan));
  auto del = std::make_unique<LogicalDml>(LogicalOperatorType::kDelete, NewTableIndex(), *table);
  del->children.push_back(std::move(projection));
  if (!statement.returning.empty()) {
    return BindReturning(statement.returning, *table, statement.alias, std::move(del));
  }
  BoundQuery result;
  result.names = {"Count"};
  result.types = {LogicalType::BigInt()};
  result.plan = std::move(del);
  return result;
}

StatusOr<BoundQuery> Binder::BindUpdate(const ast::UpdateStatement& statement) {
  FLUX_ASSIGN_OR_RETURN(TableEntry * table, TargetTable(*this, statement.schema, statement.table));
  ast::BaseTableRef ref;
  ref.schema = statement.schema;
  ref.table = statement.table;
  ref.alias = statement.alias;
  FLUX_ASSIGN_OR_RETURN(LogicalOperatorPtr plan, BindBaseTable(ref));
  idx_t table_index = plan->As<LogicalGet>().table_index;
  if (statement.from) {
    FLUX_ASSIGN_OR_RETURN(auto other, BindTableRef(*statement.from));
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children.push_back(std::move(plan));
    cross->children.push_back(std::move(other));
    plan = std::move(cross);
  }
  if (statement.where) {
    ExpressionBinder binder(*this, ExpressionClause::kWhere);
    FLUX_ASSIGN_OR_RETURN(auto condition, binder.BindCondition(*statement.where));
    FLUX_RETURN_IF_ERROR(PlanSubqueries(condition, plan));
    plan = MakeFilter(std::move(plan), std::move(condition));
  }
  const auto& columns = table->columns();
  std::vector<BoundExprPtr> new_values(columns.size());
  for (const auto& clause : statement.set) {
    auto index = table->ColumnIndex(clause.column);
    if (!index) {
      return BinderError("Referenced update column ", clause.column, " not found in table!");
    }
    // SET x = 1, x = 2: the rightmost assignment wins, as in SQLite.
    BoundExprPtr value;
    if (clause.value->kind == ast::ExprKind::kDefault) {
      FLUX_ASSIGN_OR_RETURN(value, BindColumnDefault(*this, *table, *index));
      // Defaults are bound over the table row (references); the UPDATE row comes from a scan.
      if (value->Any(
              [](const BoundExpression& e) { return e.kind == BoundExprKind::kReference; })) {
        return NotImplementedError("DEFAULT referring to columns in UPDATE");
      }
    } else {
      ExpressionBinder binder(*this, ExpressionClause::kUpdate);
      FLUX_ASSIGN_OR_RETURN(value, binder.Bind(*clause.value));
    }
    FLUX_RETURN_IF_ERROR(PlanSubqueries(value, plan));
    new_values[*index] = ExpressionBinder::AddCast(std::move(value), columns[*index].type);
  }
  BoundExprList row;
  row.push_back(BoundExpression::ColumnRef(LogicalType::BigInt(), {table_index, kRowIdBinding}));
  for (idx_t c = 0; c < columns.size(); c++) {
    if (new_values[c]) {
      row.push_back(std::move(new_values[c]));
    } else {
      row.push_back(BoundExpression::ColumnRef(columns[c].type, {table_index, c}));
    }
  }
  auto projection = std::make_unique<LogicalProjection>(NewTableIndex(), std::move(row));
  projection->children.push_back(std::move(plan));
  auto update = std::make_unique<LogicalDml>(LogicalOperatorType::kUpdate, NewTableIndex(), *table);
  FLUX_ASSIGN_OR_RETURN(update->checks, BindTableChecks(*this, *table));
  update->children.push_back(std::move(projection));
  if (!statement.returning.empty()) {
    return BindReturning(statement.returning, *table, statement.alias, std::move(update));
  }
  BoundQuery result;
  result.names = {"Count"};
  result.types = {LogicalType::BigInt()};
  result.plan = std::move(update);
  return result;
}

StatusOr<BoundQuery> Binder::BindReturning(const ast::ExprList& returning, TableEntry& table,
                                           const std::string& alias,
                                           std::unique_ptr<LogicalDml> dml) {
  const auto& columns = table.columns();
  BindingEntry entry;
  entry.alias = alias.empty() ? table.name() : alias;
  entry.table_index = dml->table_index;
  for (idx_t c = 0; c < columns.size(); c++) {
    dml->returning_types.push_back(columns[c].type);
    entry.names.push_back(columns[c].name);
    entry.types.push_back(columns[c].type);
    entry.binding_columns.push_back(c);
  }
  // A binder of its own: the statement's FROM items are not visible to RETURNING.
  Binder binder(state_, nullptr);
  FLUX_RETURN_IF_ERROR(binder.bind_context().AddEntry(std::move(entry)));
  LogicalOperatorPtr plan = std::move(dml);
  BoundQuery result;
  BoundExprList outputs;
  for (const auto& expr : returning) {
    if (expr->kind == ast::ExprKind::kStar) {
      FLUX_ASSIGN_OR_RETURN(auto expanded,
                            binder.bind_context().ExpandStar(expr->As<ast::StarExpr>().relation));
      for (auto& column : expanded) {
        result.names.push_back(column.name);
        outputs.push_back(std::move(column.expr));
      }
      continue;
    }
    if (ContainsAggregate(*expr)) {
      return BinderError("Aggregate functions are not supported here");
    }
    ExpressionBinder expression_binder(binder, ExpressionClause::kSelect);
    FLUX_ASSIGN_OR_RETURN(auto bound, expression_binder.Bind(*expr));
    if (bound->Any([](const BoundExpression& e) { return e.kind == BoundExprKind::kSubquery; })) {
      return BinderError("SUBQUERY is not supported in returning statements");
    }
    if (!expr->alias.empty()) {
      result.names.push_back(expr->alias);
    } else if (expr->kind == ast::ExprKind::kColumnRef) {
      result.names.push_back(expr->As<ast::ColumnRefExpr>().column_name());
    } else {
      result.names.push_back(expr->ToString());
    }
    outputs.push_back(std::move(bound));
  }
  for (const auto& output : outputs) result.types.push_back(output->type);
  auto projection = std::make_unique<LogicalProjection>(NewTableIndex(), std::move(outputs));
  projection->children.push_back(std::move(plan));
  result.plan = std::move(projection);
  return result;
}

}  // namespace fluxdb
