// Runs one statement on a thread of its own while the shell's main thread watches it: a Ctrl-C
// becomes Connection::Interrupt, and a statement running longer than two seconds gets a progress
// bar.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "main/connection.h"
#include "main/query_result.h"

namespace fluxdb::shell {

/// Runs `sql` (one statement) on `connection`. `show_progress`: draw the progress bar on stderr.
StatusOr<std::unique_ptr<QueryResult>> RunQuery(Connection& connection, const std::string& sql,
                                                bool show_progress);

}  // namespace fluxdb::shell
