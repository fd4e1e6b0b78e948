// CREATE / DROP / ALTER: schema changes go through the catalog (and so into storage and the
// WAL) inside the statement's transaction.
#include "catalog/catalog.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/statement_runners.h"
#include "main/table_definition.h"
#include "parser/sql_token.h"
#include "parser/type_name.h"
#include "planner/binder/bind_table_expression.h"
#include "planner/binder/binder.h"

namespace fluxdb {

namespace {

std::string SchemaOrDefault(const std::string& schema) {
  return schema.empty() ? kDefaultSchema : schema;
}

}  // namespace

Status ValidateTableExpressions(ClientContext& context, const CatalogRecord& record) {
  TableEntry scratch(record, nullptr);
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  for (idx_t c = 0; c < record.columns.size(); c++) {
    if (record.columns[c].default_sql.empty()) continue;
    auto bound = BindColumnDefault(binder, scratch, c);
    if (!bound.ok()) return bound.status();
    if ((*bound)->Any(
            [](const BoundExpression& e) { return e.kind == BoundExprKind::kReference; })) {
      return BinderError("DEFAULT value of column \"", record.columns[c].name,
                         "\" cannot refer to columns");
    }
  }
  FLUX_RETURN_IF_ERROR(BindTableChecks(binder, scratch).status());
  return Status();
}

namespace {

StatusOr<uint32_t> ColumnPosition(const CatalogRecord& record, const std::string& name) {
  for (uint32_t i = 0; i < record.columns.size(); i++) {
    if (NormalizeName(record.columns[i].name) == NormalizeName(name)) return i;
  }
  return BinderError("column \"", name, "\" named in key does not exist");
}

}  // namespace

ResultOr RunCreateTable(ClientContext& context, const ast::CreateTableStatement& statement) {
  Catalog& catalog = context.database().catalog();
  CatalogRecord record;
  record.kind = CatalogRecordKind::kTable;
  record.schema_name = SchemaOrDefault(statement.schema);
  record.name = statement.table;
  if (statement.if_not_exists && catalog.FindEntry(statement.schema, statement.table) != nullptr) {
    return EmptyResult();
  }

  if (statement.as_query) {
    BinderState state = context.MakeBinderState();
    Binder binder(state);
    FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindQuery(*statement.as_query));
    for (idx_t i = 0; i < query.names.size(); i++) {
      ColumnRecord column;
      column.name = query.names[i];
      column.type = query.types[i].id() == TypeId::kNull ? LogicalType::Integer() : query.types[i];
      for (const auto& existing : record.columns) {
        if (NormalizeName(existing.name) == NormalizeName(column.name)) {
          return CatalogError("Column with name ", column.name, " already exists!");
        }
      }
      record.columns.push_back(column);
    }
    FLUX_RETURN_IF_ERROR(catalog.Create(context.transaction(), CatalogEntryKind::kTable, record,
                                        statement.if_not_exists, statement.or_replace));
    TableEntry* table = catalog.FindTable(statement.schema, statement.table);
    if (table == nullptr) return InternalError("table vanished after CREATE");
    auto insert =
        std::make_unique<LogicalDml>(LogicalOperatorType::kInsert, binder.NewTableIndex(), *table);
    // Casts from the query's types (e.g. a NULL column) to the table's.
    BoundExprList row;
    auto bindings = query.plan->GetColumnBindings();
    for (idx_t i = 0; i < bindings.size(); i++) {
      auto ref = BoundExpression::ColumnRef(query.types[i], bindings[i]);
      row.push_back(query.types[i] == record.columns[i].type
                        ? std::move(ref)
                        : BoundExpression::Cast(std::move(ref), record.columns[i].type));
    }
    auto projection = std::make_unique<LogicalProjection>(binder.NewTableIndex(), std::move(row));
    projection->children.push_back(std::move(query.plan));
    insert->children.push_back(std::move(projection));
    BoundQuery insert_query;
    insert_query.plan = std::move(insert);
    insert_query.names = {"Count"};
    insert_query.types = {LogicalType::BigInt()};
    FLUX_RETURN_IF_ERROR(
        context.RunQuery(std::move(insert_query), ResultKind::kChangedRows).status());
    return EmptyResult();
  }

  for (const auto& definition : statement.columns) {
    for (const auto& existing : record.columns) {
      if (NormalizeName(existing.name) == NormalizeName(definition.name)) {
        return CatalogError("Column with name ", definition.name, " already exists!");
      }
    }
    ColumnRecord column;
    column.name = definition.name;
    FLUX_ASSIGN_OR_RETURN(column.type, ast::ResolveTypeName(definition.type));
    column.not_null = definition.not_null || definition.primary_key;
    if (definition.default_value) column.default_sql = definition.default_value->ToString();
    uint32_t position = static_cast<uint32_t>(record.columns.size());
    if (definition.primary_key) {
      if (!record.primary_key.empty()) {
        return ParserError("multiple primary keys for table \"", statement.table,
                           "\" are not allowed");
      }
      record.primary_key = {position};
    }
    if (definition.unique) record.unique_keys.push_back({position});
    if (definition.check) record.check_sql.push_back(definition.check_text);
    record.columns.push_back(std::move(column));
  }
  if (record.columns.empty()) return ParserError("Table must have at least one column!");
  for (const auto& constraint : statement.constraints) {
    switch (constraint.kind) {
      case ast::ConstraintKind::kPrimaryKey: {
        if (!record.primary_key.empty()) {
          return ParserError("multiple primary keys for table \"", statement.table,
                             "\" are not allowed");
        }
        for (const auto& name : constraint.columns) {
          FLUX_ASSIGN_OR_RETURN(uint32_t position, ColumnPosition(record, name));
          record.primary_key.push_back(position);
          record.columns[position].not_null = true;
        }
        break;
      }
      case ast::ConstraintKind::kUnique: {
        std::vector<uint32_t> key;
        for (const auto& name : constraint.columns) {
          FLUX_ASSIGN_OR_RETURN(uint32_t position, ColumnPosition(record, name));
          key.push_back(position);
        }
        record.unique_keys.push_back(std::move(key));
        break;
      }
      case ast::ConstraintKind::kCheck:
        record.check_sql.push_back(constraint.check_text);
        break;
      case ast::ConstraintKind::kNotNull:
        for (const auto& name : constraint.columns) {
          FLUX_ASSIGN_OR_RETURN(uint32_t position, ColumnPosition(record, name));
          record.columns[position].not_null = true;
        }
        break;
      case ast::ConstraintKind::kForeignKey:
        return NotImplementedError("FOREIGN KEY constraints are not supported");
    }
  }
  FLUX_RETURN_IF_ERROR(ValidateTableExpressions(context, record));
  FLUX_RETURN_IF_ERROR(catalog.Create(context.transaction(), CatalogEntryKind::kTable,
                                      std::move(record), statement.if_not_exists,
                                      statement.or_replace));
  return EmptyResult();
}

ResultOr RunCreateView(ClientContext& context, const ast::CreateViewStatement& statement) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindQuery(*statement.query));
  if (statement.column_aliases.size() > query.names.size()) {
    return BinderError("view has ", query.names.size(), " columns but ",
                       statement.column_aliases.size(), " column names were given");
  }
  CatalogRecord record;
  record.kind = CatalogRecordKind::kView;
  record.schema_name = SchemaOrDefault(statement.schema);
  record.name = statement.view;
  record.sql = statement.query_text;
  record.column_aliases = statement.column_aliases;
  FLUX_RETURN_IF_ERROR(context.database().catalog().Create(
      context.transaction(), CatalogEntryKind::kView, std::move(record), statement.if_not_exists,
      statement.or_replace));
  return EmptyResult();
}

ResultOr RunCreateSchema(ClientContext& context, const ast::CreateSchemaStatement& statement) {
  CatalogRecord record;
  record.kind = CatalogRecordKind::kSchema;
  record.name = statement.schema;
  record.schema_name = statement.schema;
  FLUX_RETURN_IF_ERROR(
      context.database().catalog().Create(context.transaction(), CatalogEntryKind::kSchema,
                                          std::move(record), statement.if_not_exists, false));
  return EmptyResult();
}

ResultOr RunCreateIndex(ClientContext& context, const ast::CreateIndexStatement& statement) {
  Catalog& catalog = context.database().catalog();
  FLUX_ASSIGN_OR_RETURN(TableEntry * table, catalog.GetTable(statement.schema, statement.table));
  if (statement.unique) {
    return NotImplementedError("UNIQUE indexes are not supported (FluxDB has no index structures)");
  }
  // Validate the indexed expressions against the table.
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  for (const auto& expr : statement.expressions) {
    FLUX_RETURN_IF_ERROR(
        BindTableExpression(binder, *table, expr->ToString(), LogicalType::Invalid()).status());
  }
  CatalogRecord record;
  record.kind = CatalogRecordKind::kIndex;
  record.schema_name = SchemaOrDefault(statement.schema);
  record.name = statement.index;
  record.table_name = table->name();
  record.sql = statement.text;
  FLUX_RETURN_IF_ERROR(catalog.Create(context.transaction(), CatalogEntryKind::kIndex,
                                      std::move(record), statement.if_not_exists, false));
  return EmptyResult();
}

ResultOr RunCreateSequence(ClientContext& context, const ast::CreateSequenceStatement& statement) {
  CatalogRecord record;
  record.kind = CatalogRecordKind::kSequence;
  record.schema_name = SchemaOrDefault(statement.schema);
  record.name = statement.name;
  SequenceRecord& sequence = record.sequence;
  sequence.increment = statement.increment;
  sequence.cycle = statement.cycle;
  // DuckDB's (and PostgreSQL's) defaults: an ascending sequence counts up from 1, a descending
  // one down from -1.
  bool ascending = statement.increment > 0;
  sequence.min_value = statement.min_value.value_or(ascending ? 1 : INT64_MIN);
  sequence.max_value = statement.max_value.value_or(ascending ? INT64_MAX : -1);
  sequence.start = statement.start.value_or(ascending ? sequence.min_value : sequence.max_value);
  FLUX_RETURN_IF_ERROR(context.database().catalog().CreateSequence(
      context.transaction(), std::move(record), statement.if_not_exists, statement.or_replace));
  return EmptyResult();
}

namespace {

// Whether a DEFAULT's SQL takes values from `sequence`: nextval / currval of its name.
StatusOr<bool> DefaultUsesSequence(const std::string& sql, const SequenceEntry& sequence) {
  FLUX_ASSIGN_OR_RETURN(std::vector<sql::Token> tokens, sql::ScanTokens(sql));
  for (size_t i = 0; i + 2 < tokens.size(); i++) {
    if (!(tokens[i].Is("nextval") || tokens[i].Is("currval")) || !tokens[i + 1].IsPunct('(') ||
        tokens[i + 2].kind != sql::TokenKind::kString) {
      continue;
    }
    std::string_view name(tokens[i + 2].word);
    if (name.size() >= 2 && name.front() == '\'' && name.back() == '\'') {
      name = name.substr(1, name.size() - 2);
    }
    std::string_view schema = kDefaultSchema;
    if (size_t dot = name.rfind('.'); dot != std::string_view::npos) {
      schema = name.substr(0, dot);
      if (size_t first = schema.rfind('.'); first != std::string_view::npos) {
        schema = schema.substr(first + 1);
      }
      name = name.substr(dot + 1);
    }
    if (NormalizeName(name) == NormalizeName(sequence.name()) &&
        NormalizeName(schema) == NormalizeName(sequence.schema_name())) {
      return true;
    }
  }
  return false;
}

// DROP SEQUENCE: a table whose DEFAULT uses the sequence stops it, or, with CASCADE, goes
// with it (as in DuckDB).
Status DropSequence(ClientContext& context, const ast::DropStatement& statement) {
  Catalog& catalog = context.database().catalog();
  SequenceEntry* sequence = catalog.FindSequence(statement.schema, statement.name);
  if (sequence != nullptr) {
    for (CatalogEntry* entry : catalog.Entries(CatalogEntryKind::kTable)) {
      bool uses = false;
      for (const ColumnRecord& column : entry->record().columns) {
        if (column.default_sql.empty()) continue;
        FLUX_ASSIGN_OR_RETURN(bool found, DefaultUsesSequence(column.default_sql, *sequence));
        uses |= found;
      }
      if (!uses) continue;
      if (!statement.cascade) {
        return Status(absl::StatusCode::kFailedPrecondition,
                      Concat("Dependency Error: Cannot drop entry \"", sequence->name(),
                             "\" because there are entries that depend on it.\ntable \"",
                             entry->name(), "\" depends on index \"", sequence->name(),
                             "\".\nUse DROP...CASCADE to drop all dependents."));
      }
      FLUX_RETURN_IF_ERROR(catalog.Drop(context.transaction(), CatalogEntryKind::kTable,
                                        entry->schema_name(), entry->name(), true, true));
    }
  }
  return catalog.DropSequence(context.transaction(), statement.schema, statement.name,
                              statement.if_exists);
}

}  // namespace

ResultOr RunDrop(ClientContext& context, const ast::DropStatement& statement) {
  if (statement.object_kind == ast::ObjectKind::kSequence) {
    FLUX_RETURN_IF_ERROR(DropSequence(context, statement));
    return EmptyResult();
  }
  CatalogEntryKind kind;
  switch (statement.object_kind) {
    case ast::ObjectKind::kTable:
      kind = CatalogEntryKind::kTable;
      break;
    case ast::ObjectKind::kView:
      kind = CatalogEntryKind::kView;
      break;
    case ast::ObjectKind::kSchema:
      kind = CatalogEntryKind::kSchema;
      break;
    case ast::ObjectKind::kIndex:
      kind = CatalogEntryKind::kIndex;
      break;
    default:
      return NotImplementedError("DROP of this kind of object is not supported");
  }
  FLUX_RETURN_IF_ERROR(context.database().catalog().Drop(context.transaction(), kind,
                                                         statement.schema, statement.name,
                                                         statement.if_exists, statement.cascade));
  return EmptyResult();
}

}  // namespace fluxdb

namespace fluxdb {

ResultOr RunReindex(ClientContext& context, const ast::ReindexStatement& statement) {
  if (statement.name.empty()) return EmptyResult();
  CatalogEntry* entry = context.database().catalog().FindEntry("", statement.name);
  if (entry == nullptr || entry->kind() == CatalogEntryKind::kView) {
    return CatalogError("Index or table with name ", statement.name, " does not exist!");
  }
  return EmptyResult();
}

}  // namespace fluxdb
