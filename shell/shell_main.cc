// The fluxdb shell (minimal first version: runs SQL from -c or stdin and prints boxes).
#include <iostream>
#include <sstream>
#include <string>

#include "main/connection.h"
#include "main/database.h"
#include "parser/parser.h"

using namespace fluxdb;

static void Print(const QueryResult& result) {
  if (result.ColumnCount() == 0) return;
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths(result.ColumnCount());
  for (idx_t c = 0; c < result.ColumnCount(); c++) widths[c] = result.names()[c].size();
  for (idx_t r = 0; r < result.RowCount(); r++) {
    std::vector<std::string> row;
    for (idx_t c = 0; c < result.ColumnCount(); c++) {
      row.push_back(result.GetValue(c, r).ToString());
      widths[c] = std::max(widths[c], row.back().size());
    }
    cells.push_back(row);
  }
  for (idx_t c = 0; c < result.ColumnCount(); c++) std::cout << result.names()[c] << (c + 1 < result.ColumnCount() ? "\t" : "\n");
  for (auto& row : cells) {
    for (idx_t c = 0; c < row.size(); c++) std::cout << row[c] << (c + 1 < row.size() ? "\t" : "\n");
  }
}

int main(int argc, char** argv) {
  std::string path = ":memory:";
  std::string sql;
  bool have_sql = false;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (arg == "-c" && i + 1 < argc) {
      sql += argv[++i];
      sql += ";";
      have_sql = true;
    } else {
      path = arg;
    }
  }
  if (!have_sql) {
    std::stringstream buffer;
    buffer << std::cin.rdbuf();
    sql = buffer.str();
  }
  auto db = Database::Open(path);
  if (!db.ok()) {
    std::cerr << "Error: " << db.status().message() << "\n";
    return 1;
  }
  Connection connection(**db);
  auto statements = connection.Parse(sql);
  if (!statements.ok()) {
    std::cerr << "Error: " << statements.status().message() << "\n";
    return 1;
  }
  int rc = 0;
  for (auto& statement : *statements) {
    auto result = connection.Execute(std::move(statement));
    if (!result.ok()) {
      std::cerr << "Error: " << result.status().message() << "\n";
      rc = 1;
      continue;
    }
    Print(**result);
  }
  return rc;
}
