#include "planner/binder/bind_table_expression.h"

#include <functional>

#include "catalog/catalog_entry.h"
#include "parser/parser.h"
#include "planner/binder/expression_binder.h"

namespace fluxdb {

namespace {
// Turns column references of `table_index` into positional references.
void ToReferences(BoundExprPtr& expr, idx_t table_index) {
  if (expr->kind == BoundExprKind::kColumnRef && expr->binding.table_index == table_index) {
    std::string alias = expr->alias;
    expr = BoundExpression::Reference(expr->type, expr->binding.column_index);
    expr->alias = alias;
    return;
  }
  for (auto& child : expr->children) ToReferences(child, table_index);
}
}  // namespace

StatusOr<BoundExprPtr> BindTableExpression(Binder& binder, const TableEntry& table,
                                           const std::string& sql, LogicalType target) {
  FLUX_ASSIGN_OR_RETURN(auto statements, Parser::Parse(Concat("SELECT ", sql)));
  if (statements.size() != 1 || statements[0]->kind != ast::StatementKind::kSelect) {
    return BinderError("invalid stored expression: ", sql);
  }
  const auto& node = *statements[0]->As<ast::SelectStatement>().node;
  if (node.kind != ast::QueryNodeKind::kSelect || node.As<ast::SelectNode>().select_list.size() != 1) {
    return BinderError("invalid stored expression: ", sql);
  }
  Binder scope(binder.state(), nullptr);
  BindingEntry entry;
  entry.alias = table.name();
  entry.table_index = binder.NewTableIndex();
  for (idx_t i = 0; i < table.columns().size(); i++) {
    entry.names.push_back(table.columns()[i].name);
    entry.types.push_back(table.columns()[i].type);
    entry.binding_columns.push_back(i);
  }
  idx_t table_index = entry.table_index;
  FLUX_RETURN_IF_ERROR(scope.bind_context().AddEntry(std::move(entry)));
  ExpressionBinder expression_binder(scope, ExpressionClause::kCheck);
  FLUX_ASSIGN_OR_RETURN(auto bound,
                        expression_binder.Bind(*node.As<ast::SelectNode>().select_list[0]));
  if (bound->Any([](const BoundExpression& e) { return e.kind == BoundExprKind::kSubquery; })) {
    return BinderError("subqueries are not allowed in DEFAULT or CHECK expressions");
  }
  ToReferences(bound, table_index);
  if (target.IsValid()) bound = ExpressionBinder::AddCast(std::move(bound), target);
  return bound;
}

StatusOr<BoundExprPtr> BindColumnDefault(Binder& binder, const TableEntry& table, idx_t column) {
  const ColumnRecord& record = table.columns()[column];
  if (record.default_sql.empty()) return BoundExpression::Constant(Value(record.type));
  return BindTableExpression(binder, table, record.default_sql, record.type);
}

StatusOr<BoundExprList> BindTableChecks(Binder& binder, const TableEntry& table) {
  BoundExprList checks;
  for (const auto& sql : table.record().check_sql) {
    FLUX_ASSIGN_OR_RETURN(auto check, BindTableExpression(binder, table, sql, LogicalType::Boolean()));
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace fluxdb
