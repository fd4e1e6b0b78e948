// Tables are described through SQL (SHOW TABLES, DESCRIBE). The engine has no SQL yet that shows
// a view's query, an index or a CHECK constraint, so those come from the catalog entries.
#include "shell/schema_commands.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "main/database.h"
#include "shell/identifier.h"

namespace fluxdb::shell {

namespace {

/// Table and view names (SHOW TABLES), filtered by a LIKE pattern when one is given.
StatusOr<std::vector<std::string>> RelationNames(ShellState& state, const std::string& pattern) {
  FLUX_ASSIGN_OR_RETURN(auto result, state.Query("SHOW TABLES"));
  std::vector<std::string> names;
  for (idx_t row = 0; row < result->RowCount(); row++) {
    std::string name = result->GetValue(0, row).ToString();
    if (pattern.empty() || LikeMatch(pattern, name)) names.push_back(name);
  }
  return names;
}

std::string TrimStatement(std::string sql) {
  while (!sql.empty() &&
         (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) {
    sql.pop_back();
  }
  size_t begin = sql.find_first_not_of(" \t\r\n");
  return begin == std::string::npos ? "" : sql.substr(begin);
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (const auto& name : names) {
    if (!joined.empty()) joined += ", ";
    joined += QuoteIdentifier(name);
  }
  return joined;
}

StatusOr<std::string> CreateTableStatement(ShellState& state, const std::string& name,
                                           const CatalogEntry* entry) {
  FLUX_ASSIGN_OR_RETURN(auto columns, state.Query("DESCRIBE " + QuoteIdentifier(name)));
  // DESCRIBE: column_name, column_type, null, key, default, extra.
  std::vector<std::string> key_columns;
  for (idx_t row = 0; row < columns->RowCount(); row++) {
    if (columns->GetValue(3, row).ToString() == "PRI") {
      key_columns.push_back(columns->GetValue(0, row).ToString());
    }
  }
  std::string sql = Concat("CREATE TABLE ", QuoteIdentifier(name), "(");
  for (idx_t row = 0; row < columns->RowCount(); row++) {
    if (row > 0) sql += ", ";
    std::string column = columns->GetValue(0, row).ToString();
    sql += Concat(QuoteIdentifier(column), " ", columns->GetValue(1, row).ToString());
    bool single_key = key_columns.size() == 1 && key_columns[0] == column;
    if (single_key) {
      sql += " PRIMARY KEY";
    } else if (columns->GetValue(2, row).ToString() == "NO") {
      sql += " NOT NULL";
    }
    Value default_value = columns->GetValue(4, row);
    if (!default_value.is_null()) sql += Concat(" DEFAULT ", default_value.ToString());
  }
  if (key_columns.size() > 1) sql += Concat(", PRIMARY KEY(", JoinNames(key_columns), ")");
  if (entry != nullptr) {
    for (const std::string& check : entry->record().check_sql)
      sql += Concat(", CHECK(", check, ")");
  }
  sql += ");\n";
  return sql;
}

}  // namespace

StatusOr<std::string> CreateStatements(ShellState& state, const std::string& name) {
  Catalog& catalog = state.database().catalog();
  const CatalogEntry* entry = catalog.FindEntry("", name);
  std::string sql;
  if (entry != nullptr && entry->kind() == CatalogEntryKind::kView) {
    const auto& aliases = entry->record().column_aliases;
    sql = Concat("CREATE VIEW ", QuoteIdentifier(name),
                 aliases.empty() ? "" : Concat("(", JoinNames(aliases), ")"), " AS ",
                 TrimStatement(entry->record().sql), ";\n");
    return sql;
  }
  FLUX_ASSIGN_OR_RETURN(sql, CreateTableStatement(state, name, entry));
  for (const CatalogEntry* index : catalog.Entries(CatalogEntryKind::kIndex)) {
    if (NormalizeName(index->record().table_name) == NormalizeName(name)) {
      sql += TrimStatement(index->record().sql) + ";\n";
    }
  }
  return sql;
}

DotResult RunTablesCommand(ShellState& state, const std::vector<std::string>& args) {
  auto names = RelationNames(state, args.empty() ? "" : args[0]);
  if (!names.ok()) return DotError(state, names.status());
  if (names->empty()) return {};
  size_t width = 0;
  for (const auto& name : *names) width = std::max(width, name.size());
  int terminal = state.out().TerminalWidth();
  size_t line_width = terminal > 0 ? static_cast<size_t>(terminal) : 80;
  // Names run down the columns, like sqlite3's .tables.
  size_t columns = std::max<size_t>(1, line_width / (width + 2));
  size_t rows = (names->size() + columns - 1) / columns;
  std::string text;
  for (size_t r = 0; r < rows; r++) {
    std::string line;
    for (size_t i = r; i < names->size(); i += rows) {
      if (i != r) line += "  ";
      line += (*names)[i];
      line.append(width - (*names)[i].size(), ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + "\n";
  }
  state.out().Write(text);
  return {};
}

DotResult RunSchemaCommand(ShellState& state, const std::vector<std::string>& args) {
  auto names = RelationNames(state, args.empty() ? "" : args[0]);
  if (!names.ok()) return DotError(state, names.status());
  // Tables before views, so that the output can be run to recreate the schema.
  Catalog& catalog = state.database().catalog();
  std::string tables, views;
  for (const auto& name : *names) {
    auto sql = CreateStatements(state, name);
    if (!sql.ok()) return DotError(state, sql.status());
    const CatalogEntry* entry = catalog.FindEntry("", name);
    (entry != nullptr && entry->kind() == CatalogEntryKind::kView ? views : tables) += *sql;
  }
  std::string text = tables + views;
  state.out().Write(text);
  return {};
}

DotResult RunDescribeCommand(ShellState& state, const std::vector<std::string>& args) {
  if (args.size() != 1) return DotUsage(state, "describe");
  std::string name = QuoteIdentifier(args[0]);
  const CatalogEntry* entry = state.database().catalog().FindEntry("", args[0]);
  bool view = entry != nullptr && entry->kind() == CatalogEntryKind::kView;
  // DESCRIBE takes a table; a view is described through a query on it.
  auto result = state.Query(view ? "DESCRIBE SELECT * FROM " + name : "DESCRIBE " + name);
  if (!result.ok()) return DotError(state, result.status());
  state.Render(**result);
  state.out().Flush();
  return {};
}

}  // namespace fluxdb::shell
