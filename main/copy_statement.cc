// COPY table FROM 'file' / COPY table|(query) TO 'file', CSV only (DuckDB's options and defaults).
//
// COPY FROM runs as INSERT INTO table [(columns)] SELECT * FROM read_csv('file', options...,
// columns = <the target columns>), so parsing is the parallel CSV reader straight into the
// columns' types, and defaults, constraints, the row count and the all-or-nothing transaction are
// INSERT's. COPY TO plans the query and puts a CSV-writing sink on top instead of the result
// collector, so rows stream to the file without being materialized.
#include "catalog/catalog.h"
#include "execution/pipeline/executor.h"
#include "execution/table_function/csv_options.h"
#include "execution/table_function/csv_writer.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/statement_runners.h"
#include "parser/parsed_expression.h"
#include "parser/query_node.h"
#include "parser/table_ref.h"
#include "planner/binder/binder.h"

namespace fluxdb {

namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// FORMAT given, or guessed from the file name as DuckDB does.
Status CheckFormat(const ast::CopyStatement& statement) {
  for (const auto& [name, value] : statement.options) {
    if (name == "format") return Status();
  }
  for (const char* suffix : {".parquet", ".json", ".ndjson", ".jsonl"}) {
    if (EndsWith(statement.path, suffix)) {
      return NotImplementedError("COPY of \"", statement.path,
                                 "\": only CSV files are supported (FORMAT csv)");
    }
  }
  return Status();
}

std::unique_ptr<ast::ParsedExpression> NamedArgument(std::string name, Value value) {
  auto expr = std::make_unique<ast::ConstantExpr>(std::move(value));
  expr->alias = std::move(name);
  return expr;
}

ResultOr RunCopyFrom(ClientContext& context, const ast::CopyStatement& statement) {
  FLUX_ASSIGN_OR_RETURN(TableEntry * table,
                        context.database().catalog().GetTable(statement.schema, statement.table));
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  if (statement.columns.empty()) {
    for (const ColumnRecord& column : table->columns()) {
      names.push_back(column.name);
      types.push_back(column.type);
    }
  } else {
    for (const std::string& name : statement.columns) {
      auto index = table->ColumnIndex(name);
      if (!index) {
        return BinderError("Table \"", table->name(), "\" does not have a column with name \"",
                           name, "\"");
      }
      names.push_back(table->columns()[*index].name);
      types.push_back(table->columns()[*index].type);
    }
  }
  // Check the options here, so errors name COPY's option rather than read_csv's.
  CsvOptions check;
  auto function = std::make_unique<ast::TableFunctionRef>();
  function->name = "read_csv";
  function->args.push_back(std::make_unique<ast::ConstantExpr>(Value::Varchar(statement.path)));
  for (const auto& [name, value] : statement.options) {
    if (name == "columns") return BinderError("COPY ... FROM does not take a columns option");
    FLUX_RETURN_IF_ERROR(check.Set(name, value, /*for_write=*/false));
    function->args.push_back(NamedArgument(name, value));
  }
  function->args.push_back(
      NamedArgument("columns", Value::Varchar(FormatCsvColumns(names, types))));

  auto select = std::make_unique<ast::SelectNode>();
  select->select_list.push_back(std::make_unique<ast::StarExpr>());
  select->from = std::move(function);
  ast::InsertStatement insert;
  insert.schema = statement.schema;
  insert.table = statement.table;
  insert.columns = statement.columns;
  insert.query = std::move(select);
  return RunInsert(context, insert);
}

ResultOr RunCopyTo(ClientContext& context, const ast::CopyStatement& statement) {
  CsvOptions options;
  options.header = true;  // DuckDB writes a header unless told not to
  for (const auto& [name, value] : statement.options) {
    FLUX_RETURN_IF_ERROR(options.Set(name, value, /*for_write=*/true));
  }
  if (options.quote != '\0' && !options.escape_set) options.escape = options.quote;

  std::unique_ptr<ast::SelectNode> table_query;
  const ast::QueryNode* node = statement.query.get();
  if (node == nullptr) {
    table_query = std::make_unique<ast::SelectNode>();
    if (statement.columns.empty()) {
      table_query->select_list.push_back(std::make_unique<ast::StarExpr>());
    } else {
      for (const std::string& column : statement.columns) {
        table_query->select_list.push_back(
            std::make_unique<ast::ColumnRefExpr>(std::vector<std::string>{column}));
      }
    }
    auto ref = std::make_unique<ast::BaseTableRef>();
    ref->schema = statement.schema;
    ref->table = statement.table;
    table_query->from = std::move(ref);
    node = table_query.get();
  }

  BinderState bind_state = context.MakeBinderState();
  Binder binder(bind_state);
  FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindQuery(*node));
  std::vector<std::string> names = query.names;
  std::vector<LogicalType> types = query.types;

  BinderState plan_state = context.MakeBinderState();
  Binder plan_binder(plan_state);
  plan_state.next_table_index = 1u << 30;  // as ClientContext::RunQuery
  FLUX_ASSIGN_OR_RETURN(auto root, context.PlanQuery(query, plan_binder));
  auto sink = std::make_unique<PhysicalCsvWrite>(types, names, options, statement.path,
                                                 context.settings().preserve_insertion_order);
  sink->children.push_back(std::move(root));
  ExecutionContext execution = context.MakeExecutionContext();
  idx_t rows = 0;
  {
    Executor executor(execution);
    FLUX_RETURN_IF_ERROR(executor.Execute(*sink));
    rows = sink->RowsWritten();
  }
  auto result =
      std::make_unique<QueryResult>(ResultKind::kChangedRows, std::vector<std::string>{"Count"},
                                    std::vector<LogicalType>{LogicalType::BigInt()});
  DataChunk chunk;
  chunk.Initialize({LogicalType::BigInt()});
  chunk.SetValue(0, 0, Value::BigInt(static_cast<int64_t>(rows)));
  chunk.SetCardinality(1);
  result->Append(std::move(chunk));
  return result;
}

}  // namespace

ResultOr RunCopy(ClientContext& context, const ast::CopyStatement& statement) {
  FLUX_RETURN_IF_ERROR(CheckFormat(statement));
  if (statement.is_from) return RunCopyFrom(context, statement);
  return RunCopyTo(context, statement);
}

}  // namespace fluxdb
