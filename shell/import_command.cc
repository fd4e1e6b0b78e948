#include "shell/import_command.h"

#include <sys/stat.h>

#include "catalog/catalog.h"
#include "main/database.h"
#include "shell/identifier.h"

namespace fluxdb::shell {

std::string ImportSql(const std::string& path, const std::string& table, bool table_exists,
                      bool header, char delimiter) {
  std::string quoted_path = QuoteLiteral(path);
  std::string delimiter_text = delimiter == '\0' ? "" : QuoteLiteral(std::string(1, delimiter));
  if (table_exists) {
    std::string options = Concat("HEADER ", header ? "true" : "false");
    if (!delimiter_text.empty()) options += Concat(", DELIMITER ", delimiter_text);
    return Concat("COPY ", QuoteIdentifier(table), " FROM ", quoted_path, " (", options, ")");
  }
  std::string options = Concat("header = ", header ? "true" : "false");
  if (!delimiter_text.empty()) options += Concat(", delim = ", delimiter_text);
  return Concat("CREATE TABLE ", QuoteIdentifier(table), " AS SELECT * FROM read_csv(", quoted_path,
                ", ", options, ")");
}

DotResult RunImportCommand(ShellState& state, const std::vector<std::string>& args) {
  bool header = true;
  char delimiter = '\0';
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); i++) {
    if (args[i] == "--no-header" || args[i] == "--noheader") {
      header = false;
    } else if (args[i] == "--csv") {
      delimiter = ',';
    } else if (args[i] == "--delimiter" && i + 1 < args.size() && args[i + 1].size() == 1) {
      delimiter = args[++i][0];
    } else if (args[i] == "--skip" && i + 1 < args.size() && args[i + 1] == "1") {
      i++;  // sqlite3's way to say that the first line is a header
    } else {
      positional.push_back(args[i]);
    }
  }
  if (positional.size() != 2) return DotUsage(state, "import");
  const std::string& path = positional[0];
  const std::string& table = positional[1];
  // The engine reads file patterns; a plain missing file gets a plain message.
  struct stat info {};
  if (path.find_first_of("*?[") == std::string::npos && stat(path.c_str(), &info) != 0) {
    return DotError(state, IOError("cannot open \"", path, "\""));
  }
  const CatalogEntry* entry = state.database().catalog().FindEntry("", table);
  bool exists = entry != nullptr && entry->kind() == CatalogEntryKind::kTable;
  auto result = state.Query(ImportSql(path, table, exists, header, delimiter));
  if (!result.ok()) return DotError(state, result.status());
  return {};
}

}  // namespace fluxdb::shell
