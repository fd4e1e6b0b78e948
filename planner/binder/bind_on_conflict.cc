#include "planner/binder/bind_on_conflict.h"

#include <algorithm>

#include "catalog/catalog_entry.h"
#include "planner/binder/bind_table_expression.h"
#include "planner/binder/expression_binder.h"

namespace fluxdb {

namespace {

std::vector<std::vector<uint32_t>> KeysInOrder(const CatalogRecord& record) {
  std::vector<std::vector<uint32_t>> keys;
  if (!record.primary_key.empty()) keys.push_back(record.primary_key);
  for (const auto& key : record.unique_keys) keys.push_back(key);
  return keys;
}

BindingEntry RowBinding(const TableEntry& table, std::string alias, idx_t table_index) {
  BindingEntry entry;
  entry.alias = std::move(alias);
  entry.table_index = table_index;
  for (idx_t i = 0; i < table.columns().size(); i++) {
    entry.names.push_back(table.columns()[i].name);
    entry.types.push_back(table.columns()[i].type);
    entry.binding_columns.push_back(i);
  }
  return entry;
}

// The existing row's columns become references 0..n-1, the proposed row's n..2n-1.
void ToPairReferences(BoundExprPtr& expr, idx_t existing_index, idx_t excluded_index, idx_t n) {
  if (expr->kind == BoundExprKind::kColumnRef) {
    idx_t table_index = expr->binding.table_index;
    if (table_index == existing_index || table_index == excluded_index) {
      idx_t offset = table_index == excluded_index ? n : 0;
      expr = BoundExpression::Reference(expr->type, offset + expr->binding.column_index);
      return;
    }
  }
  for (auto& child : expr->children) ToPairReferences(child, existing_index, excluded_index, n);
}

}  // namespace

StatusOr<std::optional<idx_t>> BindConflictTarget(const TableEntry& table,
                                                  const ast::InsertStatement& statement) {
  auto keys = KeysInOrder(table.record());
  if (statement.conflict_columns.empty()) {
    if (statement.on_conflict != ast::OnConflict::kUpdate) return std::optional<idx_t>();
    if (keys.empty()) {
      return BinderError(
          "There are no UNIQUE/PRIMARY KEY constraints that refer to this table, "
          "specify ON CONFLICT columns manually");
    }
    if (keys.size() > 1) {
      return BinderError(
          "Conflict target has to be provided for a DO UPDATE operation when the "
          "table has multiple UNIQUE/PRIMARY KEY constraints");
    }
    return std::optional<idx_t>(0);
  }
  std::vector<uint32_t> target;
  for (const auto& name : statement.conflict_columns) {
    auto index = table.ColumnIndex(name);
    if (!index) {
      return BinderError("Table \"", table.name(), "\" does not have a column named \"", name,
                         "\"");
    }
    target.push_back(static_cast<uint32_t>(*index));
  }
  std::sort(target.begin(), target.end());
  target.erase(std::unique(target.begin(), target.end()), target.end());
  for (idx_t k = 0; k < keys.size(); k++) {
    std::vector<uint32_t> key = keys[k];
    std::sort(key.begin(), key.end());
    if (key == target) return std::optional<idx_t>(k);
  }
  return BinderError(
      "The specified columns as conflict target are not referenced by a "
      "UNIQUE/PRIMARY KEY CONSTRAINT or INDEX");
}

StatusOr<ConflictUpdate> BindConflictUpdate(Binder& binder, const TableEntry& table,
                                            const ast::InsertStatement& statement) {
  idx_t n = table.columns().size();
  // The proposed row lives in an outer scope, so that an unqualified name finds the existing
  // row's column first, as in DuckDB and PostgreSQL.
  Binder outer(binder.state(), nullptr);
  idx_t excluded_index = binder.NewTableIndex();
  FLUX_RETURN_IF_ERROR(
      outer.bind_context().AddEntry(RowBinding(table, "excluded", excluded_index)));
  Binder scope(binder.state(), &outer);
  idx_t existing_index = binder.NewTableIndex();
  FLUX_RETURN_IF_ERROR(scope.bind_context().AddEntry(
      RowBinding(table, statement.alias.empty() ? table.name() : statement.alias, existing_index)));

  auto bind = [&](const ast::ParsedExpression& parsed) -> StatusOr<BoundExprPtr> {
    ExpressionBinder expression_binder(scope, ExpressionClause::kUpdate);
    FLUX_ASSIGN_OR_RETURN(BoundExprPtr bound, expression_binder.Bind(parsed));
    if (bound->Any([](const BoundExpression& e) { return e.kind == BoundExprKind::kSubquery; })) {
      return BinderError("DO UPDATE SET clause cannot contain a subquery");
    }
    ToPairReferences(bound, existing_index, excluded_index, n);
    return bound;
  };

  ConflictUpdate update;
  for (idx_t c = 0; c < n; c++) {
    update.set.push_back(BoundExpression::Reference(table.columns()[c].type, c));
  }
  std::vector<bool> assigned(n, false);
  for (const ast::SetClause& clause : statement.conflict_set) {
    auto index = table.ColumnIndex(clause.column);
    if (!index) {
      return BinderError("Referenced update column ", clause.column, " not found in table!");
    }
    if (assigned[*index]) {
      return BinderError("Multiple assignments to same column \"", clause.column, "\"");
    }
    assigned[*index] = true;
    const LogicalType& type = table.columns()[*index].type;
    BoundExprPtr value;
    if (clause.value->kind == ast::ExprKind::kDefault) {
      FLUX_ASSIGN_OR_RETURN(value, BindColumnDefault(binder, table, *index));
    } else {
      FLUX_ASSIGN_OR_RETURN(value, bind(*clause.value));
    }
    update.set[*index] = ExpressionBinder::AddCast(std::move(value), type);
  }
  if (statement.conflict_where) {
    FLUX_ASSIGN_OR_RETURN(BoundExprPtr where, bind(*statement.conflict_where));
    update.where = ExpressionBinder::AddCast(std::move(where), LogicalType::Boolean());
  }
  return update;
}

}  // namespace fluxdb
