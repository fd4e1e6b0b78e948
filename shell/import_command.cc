#include "shell/import_command.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "main/client_context.h"
#include "shell/identifier.h"

namespace fluxdb::shell {

namespace {

// Rows per INSERT statement.
constexpr size_t kBatchRows = 1000;

bool IsBigInt(const std::string& s) {
  int64_t value = 0;
  const char* begin = s.data() + (!s.empty() && s[0] == '+' ? 1 : 0);
  auto [end, error] = std::from_chars(begin, s.data() + s.size(), value);
  return error == std::errc() && end == s.data() + s.size() && begin != end;
}

bool IsDouble(const std::string& s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  bool digit = false;
  for (char c : s) digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (!digit) return false;
  char* end = nullptr;
  double value = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(value);
}

bool Digits(const std::string& s, size_t at, size_t count) {
  if (at + count > s.size()) return false;
  for (size_t i = at; i < at + count; i++) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// YYYY-MM-DD
bool IsDate(const std::string& s) {
  return s.size() == 10 && Digits(s, 0, 4) && s[4] == '-' && Digits(s, 5, 2) && s[7] == '-' &&
         Digits(s, 8, 2);
}

// YYYY-MM-DD HH:MM:SS[.ffffff] (or with a T)
bool IsTimestamp(const std::string& s) {
  if (s.size() < 19 || !IsDate(s.substr(0, 10)) || (s[10] != ' ' && s[10] != 'T')) return false;
  if (!(Digits(s, 11, 2) && s[13] == ':' && Digits(s, 14, 2) && s[16] == ':' && Digits(s, 17, 2))) {
    return false;
  }
  if (s.size() == 19) return true;
  return s[19] == '.' && s.size() > 20 && Digits(s, 20, s.size() - 20);
}

bool IsBoolean(const std::string& s) {
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "true" || lower == "false";
}

bool IsNull(const CsvField& field) { return !field.quoted && field.text.empty(); }

}  // namespace

std::string SniffColumnType(const std::vector<CsvRecord>& records, size_t first_row,
                            size_t column) {
  bool bigint = true, dbl = true, date = true, timestamp = true, boolean = true, any = false;
  for (size_t r = first_row; r < records.size(); r++) {
    if (column >= records[r].size() || IsNull(records[r][column])) continue;
    const std::string& s = records[r][column].text;
    any = true;
    bigint = bigint && IsBigInt(s);
    dbl = dbl && IsDouble(s);
    date = date && IsDate(s);
    timestamp = timestamp && IsTimestamp(s);
    boolean = boolean && IsBoolean(s);
    if (!bigint && !dbl && !date && !timestamp && !boolean) break;
  }
  if (!any) return "VARCHAR";
  if (bigint) return "BIGINT";
  if (dbl) return "DOUBLE";
  if (date) return "DATE";
  if (timestamp) return "TIMESTAMP";
  if (boolean) return "BOOLEAN";
  return "VARCHAR";
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
      i++;  // sqlite3's way to say the first line is a header
    } else {
      positional.push_back(args[i]);
    }
  }
  if (positional.size() != 2) return DotUsage(state, "import");
  const std::string& path = positional[0];
  const std::string& table = positional[1];

  auto text = ReadFile(path);
  if (!text.ok()) return DotError(state, text.status());
  if (delimiter == '\0') delimiter = SniffDelimiter(*text);
  auto records = ParseCsv(*text, delimiter);
  if (!records.ok())
    return DotError(state, InvalidInputError(path, ": ", records.status().message()));
  if (records->empty()) return DotError(state, InvalidInputError(path, " is empty"));

  const size_t first_row = header ? 1 : 0;
  size_t column_count = (*records)[0].size();
  std::string quoted_table = QuoteIdentifier(table);
  bool explicit_transaction = state.connection().context().in_explicit_transaction();
  auto run = [&](const std::string& sql) -> Status { return state.Query(sql).status(); };

  std::vector<bool> is_text(column_count, true);
  auto existing = state.Query("DESCRIBE " + quoted_table);
  if (existing.ok()) {
    if ((*existing)->RowCount() != column_count) {
      return DotError(state, InvalidInputError(table, " has ", (*existing)->RowCount(),
                                               " columns but ", path, " has ", column_count));
    }
    for (size_t c = 0; c < column_count; c++) {
      is_text[c] = (*existing)->GetValue(1, c).ToString() == "VARCHAR";
    }
  } else {
    std::string create = Concat("CREATE TABLE ", quoted_table, "(");
    for (size_t c = 0; c < column_count; c++) {
      std::string name = header ? (*records)[0][c].text : Concat("column", c);
      if (name.empty()) name = Concat("column", c);
      std::string type = SniffColumnType(*records, first_row, c);
      is_text[c] = type == "VARCHAR";
      create += Concat(c > 0 ? ", " : "", QuoteIdentifier(name), " ", type);
    }
    create += ")";
    if (!explicit_transaction) {
      if (Status s = run("BEGIN TRANSACTION"); !s.ok()) return DotError(state, s);
    }
    if (Status s = run(create); !s.ok()) {
      if (!explicit_transaction) (void)run("ROLLBACK");
      return DotError(state, s);
    }
  }
  if (!explicit_transaction && existing.ok()) {
    if (Status s = run("BEGIN TRANSACTION"); !s.ok()) return DotError(state, s);
  }

  std::string insert;
  size_t batch = 0;
  auto flush = [&]() -> Status {
    if (batch == 0) return Status();
    Status s = run(insert);
    insert.clear();
    batch = 0;
    return s;
  };
  for (size_t r = first_row; r < records->size(); r++) {
    const CsvRecord& record = (*records)[r];
    if (record.size() == 1 && IsNull(record[0]) && column_count > 1) continue;  // a blank line
    if (record.size() != column_count) {
      if (!explicit_transaction) (void)run("ROLLBACK");
      return DotError(state, InvalidInputError(path, ": record ", r + 1, " has ", record.size(),
                                               " fields, expected ", column_count));
    }
    insert += batch == 0 ? Concat("INSERT INTO ", quoted_table, " VALUES (") : ", (";
    for (size_t c = 0; c < column_count; c++) {
      if (c > 0) insert += ", ";
      const CsvField& field = record[c];
      bool null = IsNull(field) || (field.text.empty() && !is_text[c]);
      insert += null ? "NULL" : QuoteLiteral(field.text);
    }
    insert += ")";
    if (++batch == kBatchRows) {
      if (Status s = flush(); !s.ok()) {
        if (!explicit_transaction) (void)run("ROLLBACK");
        return DotError(state, s);
      }
    }
  }
  if (Status s = flush(); !s.ok()) {
    if (!explicit_transaction) (void)run("ROLLBACK");
    return DotError(state, s);
  }
  if (!explicit_transaction) {
    if (Status s = run("COMMIT"); !s.ok()) return DotError(state, s);
  }
  return {};
}

}  // namespace fluxdb::shell
