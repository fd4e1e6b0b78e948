#include "planner/binder/show_queries.h"

#include "catalog/catalog.h"
#include "catalog/catalog_entry.h"
#include "parser/parser.h"
#include "planner/binder/binder.h"

namespace fluxdb {

namespace {

std::string Quoted(const std::string& text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
  return out;
}

bool IsNumeric(const LogicalType& type) {
  return type.IsIntegral() || type.id() == TypeId::kFloat || type.id() == TypeId::kDouble ||
         type.id() == TypeId::kDecimal;
}

// The names and types of the query's columns.
StatusOr<BoundQuery> BindColumns(Binder& binder, const ast::QueryNode& query) {
  Binder child(binder.state());
  return child.BindQuery(query);
}

}  // namespace

std::unique_ptr<ast::QueryNode> SelectAllFrom(const std::string& schema, const std::string& name) {
  auto node = std::make_unique<ast::SelectNode>();
  node->select_list.push_back(std::make_unique<ast::StarExpr>());
  auto table = std::make_unique<ast::BaseTableRef>();
  table->schema = schema;
  table->table = name;
  node->from = std::move(table);
  return node;
}

StatusOr<DescribeResult> Describe(Binder& binder, const ast::ShowStatement& statement) {
  DescribeResult result;
  result.names = {"column_name", "column_type", "null", "key", "default", "extra"};
  Value null_text(LogicalType::Varchar());
  auto table = statement.query ? StatusOr<TableEntry*>(InternalError("no table"))
                               : binder.state().catalog.GetTable(statement.schema, statement.name);
  if (!table.ok()) {
    // A query, or a view: the columns of SELECT * FROM it.
    std::unique_ptr<ast::QueryNode> select_all;
    if (!statement.query) select_all = SelectAllFrom(statement.schema, statement.name);
    FLUX_ASSIGN_OR_RETURN(BoundQuery query,
                          BindColumns(binder, statement.query ? *statement.query : *select_all));
    for (idx_t i = 0; i < query.names.size(); i++) {
      result.rows.push_back({Value::Varchar(query.names[i]),
                             Value::Varchar(query.types[i].ToString()), Value::Varchar("YES"),
                             null_text, null_text, null_text});
    }
    return result;
  }
  TableEntry& entry = **table;
  for (idx_t i = 0; i < entry.columns().size(); i++) {
    const ColumnRecord& column = entry.columns()[i];
    bool key = false;
    for (uint32_t k : entry.record().primary_key) key |= k == i;
    result.rows.push_back(
        {Value::Varchar(column.name), Value::Varchar(column.type.ToString()),
         Value::Varchar(column.not_null ? "NO" : "YES"), key ? Value::Varchar("PRI") : null_text,
         column.default_sql.empty() ? null_text : Value::Varchar(column.default_sql), null_text});
  }
  return result;
}

StatusOr<std::unique_ptr<ast::QueryNode>> SummarizeQuery(Binder& binder,
                                                         const ast::ShowStatement& statement) {
  std::unique_ptr<ast::QueryNode> select_all;
  if (!statement.query) select_all = SelectAllFrom(statement.schema, statement.name);
  const ast::QueryNode& summarized = statement.query ? *statement.query : *select_all;
  FLUX_ASSIGN_OR_RETURN(BoundQuery columns, BindColumns(binder, summarized));
  std::string source = Concat("(", summarized.ToString(), ") AS __summarized");
  std::string sql;
  for (size_t i = 0; i < columns.names.size(); i++) {
    std::string column = Quoted(columns.names[i], '"');
    bool numeric = IsNumeric(columns.types[i]);
    auto numeric_only = [&](const std::string& expr) {
      return numeric ? Concat("CAST(", expr, " AS VARCHAR)") : std::string("CAST(NULL AS VARCHAR)");
    };
    if (i > 0) sql += " UNION ALL ";
    sql += Concat(
        "SELECT ", Quoted(columns.names[i], '\''), " AS column_name, ",
        Quoted(columns.types[i].ToString(), '\''), " AS column_type, CAST(min(", column,
        ") AS VARCHAR) AS min, CAST(max(", column, ") AS VARCHAR) AS max, approx_count_distinct(",
        column, ") AS approx_unique, ", numeric_only(Concat("avg(", column, ")")), " AS avg, ",
        numeric_only(Concat("stddev(", column, ")")), " AS std, ",
        numeric_only(Concat("approx_quantile(", column, ", 0.25)")), " AS q25, ",
        numeric_only(Concat("approx_quantile(", column, ", 0.5)")), " AS q50, ",
        numeric_only(Concat("approx_quantile(", column, ", 0.75)")), " AS q75, ",
        "count(*) AS count, CAST(CASE WHEN count(*) = 0 THEN NULL ELSE 100.0 * (count(*) - count(",
        column, ")) / count(*) END AS DECIMAL(9, 2)) AS null_percentage FROM ", source);
  }
  FLUX_ASSIGN_OR_RETURN(auto statements, Parser::Parse(sql));
  if (statements.size() != 1 || statements[0]->kind != ast::StatementKind::kSelect) {
    return InternalError("SUMMARIZE query does not parse to one SELECT");
  }
  return std::move(statements[0]->As<ast::SelectStatement>().node);
}

}  // namespace fluxdb
