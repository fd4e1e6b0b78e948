// .import [--no-header] [--delimiter C] FILE TABLE: loads a CSV file into a table, creating the
// table (with column types sniffed from the data) when it does not exist.
//
// The engine has no COPY ... FROM yet, so the shell parses the CSV itself and inserts the rows
// with multi-row INSERT statements inside one transaction.
#pragma once

#include <string>
#include <vector>

#include "shell/csv_reader.h"
#include "shell/dot_commands.h"
#include "shell/shell_state.h"

namespace fluxdb::shell {

DotResult RunImportCommand(ShellState& state, const std::vector<std::string>& args);

/// The narrowest of BIGINT, DOUBLE, DATE, TIMESTAMP, BOOLEAN and VARCHAR that holds every
/// non-empty value of column `column` of `records`.
std::string SniffColumnType(const std::vector<CsvRecord>& records, size_t first_row, size_t column);

}  // namespace fluxdb::shell
