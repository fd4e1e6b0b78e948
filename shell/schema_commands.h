// .tables, .schema and .describe: what the database holds.
#pragma once

#include <string>
#include <vector>

#include "shell/dot_commands.h"
#include "shell/shell_state.h"

namespace fluxdb::shell {

/// .tables [PATTERN]: names of tables and views, in columns.
DotResult RunTablesCommand(ShellState& state, const std::vector<std::string>& args);
/// .schema [PATTERN]: CREATE statements of tables, views and indexes.
DotResult RunSchemaCommand(ShellState& state, const std::vector<std::string>& args);
/// .describe TABLE: the columns of a table or view.
DotResult RunDescribeCommand(ShellState& state, const std::vector<std::string>& args);

/// The CREATE statement(s) of table or view `name`, each ending with ";\n".
StatusOr<std::string> CreateStatements(ShellState& state, const std::string& name);

}  // namespace fluxdb::shell
