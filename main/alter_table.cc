// ALTER TABLE: renames, column defaults and NULL-ability change only the catalog record; adding,
// dropping and retyping columns rewrite the table into a new version (StorageManager::
// UpdateObject), which is transactional: a failed statement or a rollback keeps the old one.
#include <memory>
#include <set>

#include "catalog/catalog.h"
#include "execution/expression/expression_executor.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/statement_runners.h"
#include "main/table_definition.h"
#include "parser/ast_to_string.h"
#include "parser/sql_token.h"
#include "parser/type_name.h"
#include "planner/binder/bind_table_expression.h"
#include "planner/binder/binder.h"
#include "storage/data_table.h"
#include "storage/storage_manager.h"

namespace fluxdb {

namespace {

Status NoSuchColumn(const TableEntry& table, const std::string& column) {
  return BinderError("Table \"", table.name(), "\" does not have a column with name \"", column,
                     "\"");
}

// Stored SQL (CHECK constraints, CREATE INDEX text) names columns as identifier tokens: a rename
// rewrites those tokens. A word followed by '(' is a function, not a column. `from` is where
// column names may start (after the table name of CREATE INDEX).
StatusOr<std::string> RenameColumnInSql(const std::string& sql, size_t from,
                                        const std::string& old_name, const std::string& new_name) {
  FLUX_ASSIGN_OR_RETURN(std::vector<sql::Token> tokens, sql::ScanTokens(sql));
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < tokens.size(); i++) {
    const sql::Token& t = tokens[i];
    if (static_cast<size_t>(t.start) < from) continue;
    if (t.kind != sql::TokenKind::kWord && t.kind != sql::TokenKind::kQuotedIdent) continue;
    if (NormalizeName(t.word) != NormalizeName(old_name)) continue;
    if (i + 1 < tokens.size() && tokens[i + 1].IsPunct('(')) continue;
    out += sql.substr(copied, t.start - copied);
    out += ast::QuoteIdentifierIfNeeded(new_name);
    copied = t.end;
  }
  out += sql.substr(copied);
  return out;
}

// Whether stored SQL mentions the column (as RenameColumnInSql would rename it).
StatusOr<bool> MentionsColumn(const std::string& sql, size_t from, const std::string& column) {
  FLUX_ASSIGN_OR_RETURN(std::string renamed, RenameColumnInSql(sql, from, column, "\x01"));
  return renamed != sql;
}

// Where the column list of a CREATE INDEX text starts: its first '('.
size_t IndexColumnsStart(const std::string& sql) {
  size_t paren = sql.find('(');
  return paren == std::string::npos ? sql.size() : paren;
}

std::vector<IndexEntry*> TableIndexes(Catalog& catalog, const TableEntry& table) {
  std::vector<IndexEntry*> result;
  for (CatalogEntry* entry : catalog.Entries(CatalogEntryKind::kIndex)) {
    if (NormalizeName(entry->record().table_name) == NormalizeName(table.name()) &&
        NormalizeName(entry->schema_name()) == NormalizeName(table.schema_name())) {
      result.push_back(static_cast<IndexEntry*>(entry));
    }
  }
  return result;
}

StatusOr<bool> IndexUsesColumn(Catalog& catalog, const TableEntry& table,
                               const std::string& column) {
  for (IndexEntry* index : TableIndexes(catalog, table)) {
    const std::string& sql = index->record().sql;
    FLUX_ASSIGN_OR_RETURN(bool uses, MentionsColumn(sql, IndexColumnsStart(sql), column));
    if (uses) return true;
  }
  return false;
}

bool InKey(const CatalogRecord& record, uint32_t column) {
  for (uint32_t c : record.primary_key) {
    if (c == column) return true;
  }
  for (const auto& key : record.unique_keys) {
    for (uint32_t c : key) {
      if (c == column) return true;
    }
  }
  return false;
}

// The columns a CHECK constraint reads.
StatusOr<std::set<idx_t>> CheckColumns(ClientContext& context, const TableEntry& table,
                                       const std::string& sql) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  FLUX_ASSIGN_OR_RETURN(BoundExprPtr bound,
                        BindTableExpression(binder, table, sql, LogicalType::Boolean()));
  std::set<idx_t> columns;
  bound->Any([&](const BoundExpression& e) {
    if (e.kind == BoundExprKind::kReference) columns.insert(e.index);
    return false;
  });
  return columns;
}

// A column computed by a rewrite: `expression` over the old table's columns, evaluated per chunk
// with the statement's execution context (nextval, random ... see the statement's transaction).
TableRewrite::ColumnFunction ComputeColumn(ClientContext& context, BoundExprPtr expression) {
  auto shared = std::shared_ptr<BoundExpression>(std::move(expression));
  auto execution = std::make_shared<ExecutionContext>(context.MakeExecutionContext());
  auto executor = std::make_shared<ExpressionExecutor>(execution.get());
  executor->AddExpression(*shared);
  return [shared, execution, executor](const DataChunk& rows, Vector& result) {
    return executor->ExecuteExpression(0, rows, result);
  };
}

// SET NOT NULL holds only if no row the transaction sees is NULL in the column.
Status CheckNoNulls(ClientContext& context, const TableEntry& table, uint32_t column) {
  TableScanState state;
  table.storage().InitializeScan(context.transaction(), state, {column}, nullptr);
  DataChunk chunk;
  for (;;) {
    FLUX_ASSIGN_OR_RETURN(bool more, table.storage().Scan(state, chunk));
    if (!more) return Status();
    const Vector& values = chunk.column(0);
    for (idx_t i = 0; i < chunk.size(); i++) {
      if (values.GetValue(i).is_null()) {
        return ConstraintError("NOT NULL constraint failed: ", table.name(), ".",
                               table.columns()[column].name);
      }
    }
  }
}

struct AlterPlan {
  CatalogRecord record;
  std::unique_ptr<TableRewrite> rewrite;
  /// Indexes whose stored text changes with the table (renames).
  std::vector<std::pair<IndexEntry*, CatalogRecord>> indexes;
};

Status PlanRenameTable(Catalog& catalog, const TableEntry& table,
                       const ast::AlterTableStatement& statement, AlterPlan& plan) {
  CatalogEntry* existing = catalog.FindEntry(statement.schema, statement.new_name);
  if (existing != nullptr && existing != &table) {
    return CatalogError("Could not rename \"", table.name(), "\" to \"", statement.new_name,
                        "\": another entry with this name already exists!");
  }
  plan.record.name = statement.new_name;
  for (IndexEntry* index : TableIndexes(catalog, table)) {
    CatalogRecord record = index->record();
    record.table_name = statement.new_name;
    plan.indexes.emplace_back(index, std::move(record));
  }
  return Status();
}

Status PlanRenameColumn(Catalog& catalog, const TableEntry& table,
                        const ast::AlterTableStatement& statement, AlterPlan& plan) {
  auto index = table.ColumnIndex(statement.column);
  if (!index) return NoSuchColumn(table, statement.column);
  auto clash = table.ColumnIndex(statement.new_name);
  if (clash && *clash != *index) {
    return CatalogError("Column with name ", statement.new_name, " already exists!");
  }
  const std::string old_name = table.columns()[*index].name;
  plan.record.columns[*index].name = statement.new_name;
  for (std::string& check : plan.record.check_sql) {
    FLUX_ASSIGN_OR_RETURN(check, RenameColumnInSql(check, 0, old_name, statement.new_name));
  }
  for (IndexEntry* entry : TableIndexes(catalog, table)) {
    CatalogRecord record = entry->record();
    FLUX_ASSIGN_OR_RETURN(record.sql, RenameColumnInSql(record.sql, IndexColumnsStart(record.sql),
                                                        old_name, statement.new_name));
    if (record.sql != entry->record().sql) plan.indexes.emplace_back(entry, std::move(record));
  }
  return Status();
}

Status PlanAddColumn(ClientContext& context, const TableEntry& table,
                     const ast::AlterTableStatement& statement, AlterPlan& plan, bool& skip) {
  const ast::ColumnDefinition& definition = *statement.new_column;
  if (table.ColumnIndex(definition.name)) {
    if (statement.column_if_exists) {
      skip = true;
      return Status();
    }
    return CatalogError("Column with name ", definition.name, " already exists!");
  }
  if (definition.not_null || definition.primary_key || definition.unique || definition.check) {
    return ParserError("Adding columns with constraints not yet supported");
  }
  if (definition.type.array_bounds > 0) return NotImplementedError("array types are not supported");
  ColumnRecord column;
  column.name = definition.name;
  FLUX_ASSIGN_OR_RETURN(column.type, ast::ResolveTypeName(definition.type));
  if (definition.default_value) column.default_sql = definition.default_value->ToString();
  plan.record.columns.push_back(column);
  FLUX_RETURN_IF_ERROR(ValidateTableExpressions(context, plan.record));
  if (!column.default_sql.empty()) {
    // The rows there are take the default, evaluated per row (a volatile default differs).
    TableEntry scratch(plan.record, nullptr);
    BinderState state = context.MakeBinderState();
    Binder binder(state);
    FLUX_ASSIGN_OR_RETURN(BoundExprPtr value,
                          BindColumnDefault(binder, scratch, plan.record.columns.size() - 1));
    plan.rewrite = std::make_unique<TableRewrite>();
    plan.rewrite->columns.resize(plan.record.columns.size());
    plan.rewrite->columns.back() = ComputeColumn(context, std::move(value));
  }
  return Status();
}

Status PlanDropColumn(ClientContext& context, Catalog& catalog, const TableEntry& table,
                      const ast::AlterTableStatement& statement, AlterPlan& plan, bool& skip) {
  auto found = table.ColumnIndex(statement.column);
  if (!found) {
    if (statement.column_if_exists) {
      skip = true;
      return Status();
    }
    return NoSuchColumn(table, statement.column);
  }
  auto column = static_cast<uint32_t>(*found);
  const std::string& name = table.columns()[column].name;
  if (table.columns().size() == 1) {
    return CatalogError("Cannot drop column: table only has one column remaining!");
  }
  if (InKey(plan.record, column)) {
    return CatalogError("Cannot drop column \"", name,
                        "\" because there is a UNIQUE constraint that depends on it");
  }
  FLUX_ASSIGN_OR_RETURN(bool indexed, IndexUsesColumn(catalog, table, name));
  if (indexed) return CatalogError("Cannot drop this column: an index depends on it!");
  // A CHECK of this column alone goes with it; one that also reads other columns stops the drop.
  std::vector<std::string> checks;
  for (const std::string& check : plan.record.check_sql) {
    FLUX_ASSIGN_OR_RETURN(std::set<idx_t> columns, CheckColumns(context, table, check));
    if (!columns.contains(column)) {
      checks.push_back(check);
    } else if (columns.size() > 1) {
      return CatalogError("Cannot drop column \"", name,
                          "\" because there is a CHECK constraint that depends on it");
    }
  }
  plan.record.check_sql = std::move(checks);
  plan.record.columns.erase(plan.record.columns.begin() + column);
  auto shift = [column](std::vector<uint32_t>& key) {
    for (uint32_t& c : key) {
      if (c > column) c--;
    }
  };
  shift(plan.record.primary_key);
  for (auto& key : plan.record.unique_keys) shift(key);
  return Status();
}

Status PlanAlterType(ClientContext& context, Catalog& catalog, const TableEntry& table,
                     const ast::AlterTableStatement& statement, AlterPlan& plan) {
  auto found = table.ColumnIndex(statement.column);
  if (!found) return NoSuchColumn(table, statement.column);
  auto column = static_cast<uint32_t>(*found);
  const std::string& name = table.columns()[column].name;
  if (InKey(plan.record, column)) {
    return BinderError(
        "Cannot change the type of a column that has a UNIQUE or PRIMARY KEY "
        "constraint specified");
  }
  for (const std::string& check : plan.record.check_sql) {
    FLUX_ASSIGN_OR_RETURN(std::set<idx_t> columns, CheckColumns(context, table, check));
    if (columns.contains(column)) {
      return BinderError(
          "Cannot change the type of a column that has a CHECK constraint "
          "specified");
    }
  }
  FLUX_ASSIGN_OR_RETURN(bool indexed, IndexUsesColumn(catalog, table, name));
  if (indexed)
    return CatalogError("Cannot change the type of this column: an index depends on it!");
  if (statement.new_type.array_bounds > 0) {
    return NotImplementedError("array types are not supported");
  }
  FLUX_ASSIGN_OR_RETURN(LogicalType type, ast::ResolveTypeName(statement.new_type));
  plan.record.columns[column].type = type;
  // The default stays and must now convert to the new type.
  FLUX_RETURN_IF_ERROR(ValidateTableExpressions(context, plan.record));
  std::string source =
      statement.expression ? statement.expression->ToString() : ast::QuoteIdentifierIfNeeded(name);
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  FLUX_ASSIGN_OR_RETURN(BoundExprPtr value, BindTableExpression(binder, table, source, type));
  plan.rewrite = std::make_unique<TableRewrite>();
  plan.rewrite->columns.resize(plan.record.columns.size());
  plan.rewrite->columns[column] = ComputeColumn(context, std::move(value));
  return Status();
}

}  // namespace

ResultOr RunAlterTable(ClientContext& context, const ast::AlterTableStatement& statement) {
  Catalog& catalog = context.database().catalog();
  TableEntry* table = catalog.FindTable(statement.schema, statement.table);
  if (table == nullptr) {
    if (statement.if_exists) return EmptyResult();
    FLUX_RETURN_IF_ERROR(catalog.GetTable(statement.schema, statement.table).status());
  }
  AlterPlan plan;
  plan.record = table->record();
  bool skip = false;
  switch (statement.alter_kind) {
    case ast::AlterKind::kRenameTable:
      FLUX_RETURN_IF_ERROR(PlanRenameTable(catalog, *table, statement, plan));
      break;
    case ast::AlterKind::kRenameColumn:
      FLUX_RETURN_IF_ERROR(PlanRenameColumn(catalog, *table, statement, plan));
      break;
    case ast::AlterKind::kAddColumn:
      FLUX_RETURN_IF_ERROR(PlanAddColumn(context, *table, statement, plan, skip));
      break;
    case ast::AlterKind::kDropColumn:
      FLUX_RETURN_IF_ERROR(PlanDropColumn(context, catalog, *table, statement, plan, skip));
      break;
    case ast::AlterKind::kAlterColumnType:
      FLUX_RETURN_IF_ERROR(PlanAlterType(context, catalog, *table, statement, plan));
      break;
    case ast::AlterKind::kSetNotNull:
    case ast::AlterKind::kDropNotNull: {
      auto index = table->ColumnIndex(statement.column);
      if (!index) return NoSuchColumn(*table, statement.column);
      bool not_null = statement.alter_kind == ast::AlterKind::kSetNotNull;
      if (not_null) {
        FLUX_RETURN_IF_ERROR(CheckNoNulls(context, *table, static_cast<uint32_t>(*index)));
      }
      plan.record.columns[*index].not_null = not_null;
      break;
    }
    case ast::AlterKind::kSetDefault:
    case ast::AlterKind::kDropDefault: {
      auto index = table->ColumnIndex(statement.column);
      if (!index) return NoSuchColumn(*table, statement.column);
      plan.record.columns[*index].default_sql = statement.alter_kind == ast::AlterKind::kSetDefault
                                                    ? statement.expression->ToString()
                                                    : "";
      FLUX_RETURN_IF_ERROR(ValidateTableExpressions(context, plan.record));
      break;
    }
  }
  if (skip) return EmptyResult();
  for (auto& [index, record] : plan.indexes) {
    FLUX_RETURN_IF_ERROR(catalog.Alter(context.transaction(), *index, std::move(record)));
  }
  FLUX_RETURN_IF_ERROR(
      catalog.Alter(context.transaction(), *table, std::move(plan.record), plan.rewrite.get()));
  return EmptyResult();
}

}  // namespace fluxdb
