// Tab completion for the interactive shell: SQL keywords, table, view and column names of the
// open database, and dot commands at the start of a line.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fluxdb::shell {

/// Names of the open database (tables, views, columns), asked for at each completion.
using NameSource = std::function<std::vector<std::string>()>;

struct Completion {
  /// Text to insert at the cursor (the longest common continuation; may be empty).
  std::string insert;
  /// The candidates, when more than one remains (to list them).
  std::vector<std::string> candidates;
};

/// Completes the word before `cursor` in `line`.
Completion Complete(std::string_view line, size_t cursor, const NameSource& names);

}  // namespace fluxdb::shell
