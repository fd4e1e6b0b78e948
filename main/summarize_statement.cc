// SUMMARIZE: one row per column of a table or query, computed by a generated query (one
// aggregate SELECT per column, UNION ALL), so that it runs like any other query.
#include <string>

#include "main/client_context.h"
#include "main/statement_runners.h"
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

ResultOr RunSummarize(ClientContext& context, const ast::ShowStatement& statement) {
  std::unique_ptr<ast::QueryNode> select_all;
  if (!statement.query) select_all = SelectAllFrom(statement.schema, statement.name);
  const ast::QueryNode& summarized = statement.query ? *statement.query : *select_all;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  {
    BinderState state = context.MakeBinderState();
    Binder binder(state);
    FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindQuery(summarized));
    names = std::move(query.names);
    types = std::move(query.types);
  }
  std::string source = Concat("(", summarized.ToString(), ") AS __summarized");
  std::string sql;
  for (size_t i = 0; i < names.size(); i++) {
    std::string column = Quoted(names[i], '"');
    bool numeric = IsNumeric(types[i]);
    auto numeric_only = [&](const std::string& expr) {
      return numeric ? Concat("CAST(", expr, " AS VARCHAR)") : std::string("CAST(NULL AS VARCHAR)");
    };
    if (i > 0) sql += " UNION ALL ";
    sql += Concat(
        "SELECT ", Quoted(names[i], '\''), " AS column_name, ", Quoted(types[i].ToString(), '\''),
        " AS column_type, CAST(min(", column, ") AS VARCHAR) AS min, CAST(max(", column,
        ") AS VARCHAR) AS max, approx_count_distinct(", column, ") AS approx_unique, ",
        numeric_only(Concat("avg(", column, ")")), " AS avg, ",
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
  return RunSelect(context, statements[0]->As<ast::SelectStatement>());
}

}  // namespace fluxdb
