// .import [--no-header] [--delimiter C] FILE TABLE: loads a CSV file into a table. An existing
// table gets COPY TABLE FROM 'FILE'; a missing one is created from read_csv('FILE'), whose sniffer
// picks the column types.
#pragma once

#include <string>
#include <vector>

#include "shell/dot_commands.h"
#include "shell/shell_state.h"

namespace fluxdb::shell {

DotResult RunImportCommand(ShellState& state, const std::vector<std::string>& args);

/// The SQL .import runs: COPY into an existing table, CREATE TABLE AS read_csv otherwise.
std::string ImportSql(const std::string& path, const std::string& table, bool table_exists,
                      bool header, char delimiter);

}  // namespace fluxdb::shell
