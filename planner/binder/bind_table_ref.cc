// Binding of FROM items: tables, views, CTEs, joins, subqueries, table functions, VALUES.
#include "catalog/catalog.h"
#include "catalog/name_suggestion.h"
#include "execution/expression/expression_executor.h"
#include "parser/parser.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"
#include "planner/binder/plan_helpers.h"
#include "planner/binder/show_queries.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {
constexpr int kMaxViewDepth = 32;

Status ApplyColumnAliases(const std::vector<std::string>& aliases, std::vector<std::string>& names,
                          std::string_view what) {
  if (aliases.size() > names.size()) {
    return BinderError(what, " has ", names.size(), " columns available but ", aliases.size(),
                       " columns specified");
  }
  for (idx_t i = 0; i < aliases.size(); i++) names[i] = aliases[i];
  return Status();
}
}  // namespace

StatusOr<LogicalOperatorPtr> Binder::BindTableRef(const ast::TableRef& ref) {
  switch (ref.kind) {
    case ast::TableRefKind::kEmpty:
      return LogicalOperatorPtr(std::make_unique<LogicalDummyScan>(NewTableIndex()));
    case ast::TableRefKind::kBaseTable:
      return BindBaseTable(ref.As<ast::BaseTableRef>());
    case ast::TableRefKind::kJoin:
      return BindJoin(ref.As<ast::JoinRef>());
    case ast::TableRefKind::kSubquery:
      return BindSubqueryRef(ref.As<ast::SubqueryRef>());
    case ast::TableRefKind::kTableFunction:
      return BindTableFunction(ref.As<ast::TableFunctionRef>());
    case ast::TableRefKind::kExpressionList:
      return BindExpressionList(ref.As<ast::ExpressionListRef>());
  }
  return InternalError("unknown table reference");
}

StatusOr<LogicalOperatorPtr> Binder::BindBaseTable(const ast::BaseTableRef& ref) {
  if (ref.schema.empty()) {
    if (const ast::CommonTableExpr* cte = FindCte(ref.table)) return BindCteReference(*cte, ref);
  }
  CatalogEntry* entry = state_.catalog.FindEntry(ref.schema, ref.table);
  std::string alias = ref.alias.empty() ? ref.table : ref.alias;
  if (entry == nullptr && NormalizeName(ref.schema) == "information_schema") {
    // information_schema.tables / .columns are the table functions information_schema_<name>.
    ast::TableFunctionRef function;
    function.name = Concat("information_schema_", NormalizeName(ref.table));
    function.alias = alias;
    function.column_aliases = ref.column_aliases;
    if (LookupTableFunction(function.name) != nullptr) return BindTableFunction(function);
  }
  if (entry == nullptr && (ref.schema.empty() || NormalizeName(ref.schema) == "main") &&
      NormalizeName(ref.table).starts_with("duckdb_")) {
    // DuckDB's catalog views (duckdb_tables ...) are its table functions of the same name.
    ast::TableFunctionRef function;
    function.name = NormalizeName(ref.table);
    function.alias = alias;
    function.column_aliases = ref.column_aliases;
    if (LookupTableFunction(function.name) != nullptr) return BindTableFunction(function);
  }
  if (entry == nullptr) {
    std::string message = Concat("Table with name ", ref.table, " does not exist!");
    std::string suggestion = ClosestName(ref.table, state_.catalog.RelationNames());
    if (!suggestion.empty()) message = Concat(message, "\nDid you mean \"", suggestion, "\"?");
    return CatalogError(message);
  }
  if (entry->kind() == CatalogEntryKind::kView) {
    const auto& view = static_cast<const ViewEntry&>(*entry);
    if (state_.view_depth >= kMaxViewDepth) {
      return BinderError("View \"", view.name(), "\" is nested too deeply (recursive view?)");
    }
    FLUX_ASSIGN_OR_RETURN(auto statements, Parser::Parse(view.sql()));
    if (statements.size() != 1 || statements[0]->kind != ast::StatementKind::kSelect) {
      return BinderError("View \"", view.name(), "\" does not hold a single SELECT");
    }
    state_.view_depth++;
    Binder view_binder(state_, nullptr);
    auto bound = view_binder.BindQuery(*statements[0]->As<ast::SelectStatement>().node);
    state_.view_depth--;
    if (!bound.ok()) return bound.status();
    BoundQuery query = std::move(bound).value();
    std::vector<std::string> names = query.names;
    FLUX_RETURN_IF_ERROR(ApplyColumnAliases(view.column_aliases(), names, "View"));
    FLUX_RETURN_IF_ERROR(ApplyColumnAliases(ref.column_aliases, names, "View"));
    LogicalOperatorPtr plan = EnsureSingleTableIndex(*this, std::move(query.plan));
    FLUX_RETURN_IF_ERROR(AddPlanBinding(alias, *plan, std::move(names)));
    return plan;
  }
  if (entry->kind() != CatalogEntryKind::kTable) {
    return CatalogError("Table with name ", ref.table, " does not exist!");
  }
  auto& table = static_cast<TableEntry&>(*entry);
  auto get = std::make_unique<LogicalGet>(NewTableIndex(), table);
  get->base_cardinality = table.storage().RowCount(state_.transaction);
  BindingEntry binding;
  binding.alias = alias;
  binding.table_index = get->table_index;
  binding.table = &table;
  for (idx_t i = 0; i < table.columns().size(); i++) {
    get->column_ids.push_back(static_cast<uint32_t>(i));
    binding.names.push_back(table.columns()[i].name);
    binding.types.push_back(table.columns()[i].type);
    binding.binding_columns.push_back(i);
  }
  // The row id is always offered; column pruning drops it unless something reads it.
  get->column_ids.push_back(kRowIdColumn);
  FLUX_RETURN_IF_ERROR(ApplyColumnAliases(ref.column_aliases, binding.names, "Table"));
  FLUX_RETURN_IF_ERROR(bind_context_.AddEntry(std::move(binding)));
  return LogicalOperatorPtr(std::move(get));
}

StatusOr<LogicalOperatorPtr> Binder::BindCteReference(const ast::CommonTableExpr& cte,
                                                      const ast::BaseTableRef& ref) {
  if (state_.view_depth >= kMaxViewDepth) {
    return BinderError("CTE \"", cte.name, "\" is nested too deeply (recursive CTE?)");
  }
  state_.view_depth++;
  Binder cte_binder(state_, this);
  auto bound = cte_binder.BindQuery(*cte.query);
  state_.view_depth--;
  if (!bound.ok()) return bound.status();
  BoundQuery query = std::move(bound).value();
  if (!cte_binder.correlated_columns().empty()) {
    for (const auto& column : cte_binder.correlated_columns()) AddCorrelatedColumn(column);
  }
  std::vector<std::string> names = query.names;
  FLUX_RETURN_IF_ERROR(ApplyColumnAliases(cte.column_aliases, names, "CTE"));
  FLUX_RETURN_IF_ERROR(ApplyColumnAliases(ref.column_aliases, names, "CTE"));
  LogicalOperatorPtr plan = EnsureSingleTableIndex(*this, std::move(query.plan));
  FLUX_RETURN_IF_ERROR(AddPlanBinding(ref.alias.empty() ? cte.name : ref.alias, *plan, std::move(names)));
  return plan;
}

StatusOr<LogicalOperatorPtr> Binder::BindSubqueryRef(const ast::SubqueryRef& ref) {
  Binder child(state_, this);
  FLUX_ASSIGN_OR_RETURN(BoundQuery query, child.BindQuery(*ref.query));
  for (const auto& column : child.correlated_columns()) {
    // A derived table may read enclosing queries' columns, but not its own FROM siblings.
    bool from_sibling = false;
    for (const auto& entry : bind_context_.entries()) {
      from_sibling |= entry.table_index == column.binding.table_index;
    }
    if (from_sibling) return NotImplementedError("LATERAL joins are not supported");
    AddCorrelatedColumn(column);
  }
  std::vector<std::string> names = query.names;
  FLUX_RETURN_IF_ERROR(ApplyColumnAliases(ref.column_aliases, names, "Subquery"));
  LogicalOperatorPtr plan = EnsureSingleTableIndex(*this, std::move(query.plan));
  std::string alias = ref.alias;
  if (alias.empty()) alias = Concat("unnamed_subquery", NewTableIndex());
  FLUX_RETURN_IF_ERROR(AddPlanBinding(alias, *plan, std::move(names)));
  return plan;
}

StatusOr<LogicalOperatorPtr> Binder::BindShowRef(const ast::TableFunctionRef& ref) {
  if (ref.args.size() != 1 || ref.args[0]->kind != ast::ExprKind::kConstant) {
    return InternalError(kShowTableFunction, " takes the statement's text");
  }
  FLUX_ASSIGN_OR_RETURN(auto statements,
                        Parser::Parse(ref.args[0]->As<ast::ConstantExpr>().value.GetString()));
  if (statements.size() != 1 || statements[0]->kind != ast::StatementKind::kShow) {
    return ParserError("only DESCRIBE and SUMMARIZE can be used as a table");
  }
  const auto& show = statements[0]->As<ast::ShowStatement>();
  std::string alias = ref.alias.empty() ? Concat("unnamed_subquery", NewTableIndex()) : ref.alias;
  if (show.show_kind == ast::ShowStatement::Kind::kSummarize) {
    FLUX_ASSIGN_OR_RETURN(auto query, SummarizeQuery(*this, show));
    ast::SubqueryRef subquery(std::move(query));
    subquery.alias = alias;
    subquery.column_aliases = ref.column_aliases;
    return BindSubqueryRef(subquery);
  }
  if (show.show_kind != ast::ShowStatement::Kind::kDescribe) {
    return NotImplementedError("this SHOW form as a table");
  }
  FLUX_ASSIGN_OR_RETURN(DescribeResult described, Describe(*this, show));
  std::vector<LogicalType> types(described.names.size(), LogicalType::Varchar());
  std::vector<BoundExprList> rows;
  for (auto& row : described.rows) {
    BoundExprList bound;
    for (auto& value : row) bound.push_back(BoundExpression::Constant(std::move(value)));
    rows.push_back(std::move(bound));
  }
  LogicalOperatorPtr plan;
  if (rows.empty()) {
    auto empty = std::make_unique<LogicalEmptyResult>(std::vector<ColumnBinding>{}, types);
    idx_t index = NewTableIndex();
    for (idx_t i = 0; i < types.size(); i++) empty->bindings.push_back({index, i});
    plan = std::move(empty);
  } else {
    plan = std::make_unique<LogicalExpressionGet>(NewTableIndex(), types, std::move(rows));
  }
  std::vector<std::string> names = described.names;
  FLUX_RETURN_IF_ERROR(ApplyColumnAliases(ref.column_aliases, names, "Subquery"));
  FLUX_RETURN_IF_ERROR(AddPlanBinding(alias, *plan, std::move(names)));
  return plan;
}

StatusOr<LogicalOperatorPtr> Binder::BindTableFunction(const ast::TableFunctionRef& ref) {
  if (ref.name == kShowTableFunction) return BindShowRef(ref);
  const TableFunction* function = LookupTableFunction(ref.name);
  if (function == nullptr) {
    std::string message = Concat("Table Function with name ", ref.name, " does not exist!");
    std::string suggestion = ClosestName(ref.name, TableFunctionNames());
    if (!suggestion.empty()) message = Concat(message, "\nDid you mean \"", suggestion, "\"?");
    return CatalogError(message);
  }
  TableFunctionBindInput input;
  input.catalog = &state_.catalog;
  input.storage = &state_.storage;
  input.settings = &state_.settings;
  for (const auto& arg : ref.args) {
    ExpressionBinder binder(*this, ExpressionClause::kConstant);
    FLUX_ASSIGN_OR_RETURN(auto bound, binder.Bind(*arg));
    FLUX_ASSIGN_OR_RETURN(Value value, ExpressionExecutor::EvaluateScalar(*bound));
    if (!arg->alias.empty()) {
      input.named.emplace_back(NormalizeName(arg->alias), std::move(value));
    } else {
      input.arguments.push_back(std::move(value));
    }
  }
  if (input.arguments.size() < function->min_arguments ||
      input.arguments.size() > function->max_arguments) {
    return BinderError("Table function ", ref.name, " takes ", function->min_arguments,
                       function->min_arguments == function->max_arguments
                           ? std::string()
                           : Concat(" to ", function->max_arguments),
                       " arguments, got ", input.arguments.size());
  }
  FLUX_ASSIGN_OR_RETURN(TableFunctionBindResult bind, function->bind(input));
  std::vector<std::string> names = bind.names;
  FLUX_RETURN_IF_ERROR(ApplyColumnAliases(ref.column_aliases, names, "Table function"));
  auto get = std::make_unique<LogicalTableFunction>(NewTableIndex(), *function, std::move(bind));
  FLUX_RETURN_IF_ERROR(AddPlanBinding(ref.alias.empty() ? ref.name : ref.alias, *get, std::move(names)));
  return LogicalOperatorPtr(std::move(get));
}

StatusOr<LogicalOperatorPtr> Binder::BindExpressionList(const ast::ExpressionListRef& ref) {
  if (ref.rows.empty()) return BinderError("VALUES list is empty");
  idx_t width = ref.rows[0].size();
  std::vector<BoundExprList> rows;
  for (const auto& row : ref.rows) {
    if (row.size() != width) return BinderError("VALUES lists must all be the same length");
    BoundExprList bound_row;
    for (const auto& expr : row) {
      ExpressionBinder binder(*this, ExpressionClause::kValues);
      FLUX_ASSIGN_OR_RETURN(auto bound, binder.Bind(*expr));
      bound_row.push_back(std::move(bound));
    }
    rows.push_back(std::move(bound_row));
  }
  std::vector<LogicalType> types;
  for (idx_t c = 0; c < width; c++) {
    BoundExprList column;
    for (auto& row : rows) column.push_back(row[c]->Copy());
    FLUX_ASSIGN_OR_RETURN(LogicalType type, UnifyTypes(column, "VALUES list"));
    if (type.id() == TypeId::kNull) type = LogicalType::Integer();
    types.push_back(type);
    for (auto& row : rows) row[c] = ExpressionBinder::AddCast(std::move(row[c]), type);
  }
  auto get = std::make_unique<LogicalExpressionGet>(NewTableIndex(), types, std::move(rows));
  std::vector<std::string> names;
  for (idx_t c = 0; c < width; c++) names.push_back(Concat("col", c));
  FLUX_RETURN_IF_ERROR(ApplyColumnAliases(ref.column_aliases, names, "VALUES list"));
  std::string alias = ref.alias.empty() ? "valueslist" : ref.alias;
  FLUX_RETURN_IF_ERROR(AddPlanBinding(alias, *get, std::move(names)));
  return LogicalOperatorPtr(std::move(get));
}

}  // namespace fluxdb
