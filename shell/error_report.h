// How the shell prints a failed statement: DuckDB's "<Class> Error: message", and for an error at
// a known position in the statement, the line of the statement with a caret under the position.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace fluxdb::shell {

/// The text to print for `status`, a failure of statement `sql`; ends with a newline.
std::string FormatError(const Status& status, std::string_view sql);

/// "\n\nLINE n: <line>\n<spaces>^": the line of `sql` holding byte `offset`, with a caret under it.
std::string ErrorLineContext(std::string_view sql, size_t offset);

}  // namespace fluxdb::shell
