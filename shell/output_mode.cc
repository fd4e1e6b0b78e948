#include "shell/output_mode.h"

#include <array>
#include <utility>

namespace fluxdb::shell {

namespace {

constexpr std::array<std::pair<std::string_view, OutputMode>, 9> kModes = {{
    {"box", OutputMode::kBox},
    {"table", OutputMode::kTable},
    {"csv", OutputMode::kCsv},
    {"tsv", OutputMode::kTsv},
    {"json", OutputMode::kJson},
    {"jsonlines", OutputMode::kJsonLines},
    {"markdown", OutputMode::kMarkdown},
    {"line", OutputMode::kLine},
    {"list", OutputMode::kList},
}};

constexpr std::array<std::pair<std::string_view, OutputMode>, 4> kAliases = {{
    {"duckbox", OutputMode::kBox},
    {"tabs", OutputMode::kTsv},
    {"ndjson", OutputMode::kJsonLines},
    {"md", OutputMode::kMarkdown},
}};

}  // namespace

std::optional<OutputMode> ParseOutputMode(std::string_view name) {
  for (const auto& [mode_name, mode] : kModes) {
    if (name == mode_name) return mode;
  }
  for (const auto& [alias, mode] : kAliases) {
    if (name == alias) return mode;
  }
  return std::nullopt;
}

std::string_view OutputModeName(OutputMode mode) {
  for (const auto& [name, m] : kModes) {
    if (m == mode) return name;
  }
  return "box";
}

std::string OutputModeNames() {
  std::string names;
  for (const auto& [name, mode] : kModes) {
    if (!names.empty()) names += "|";
    names += name;
  }
  return names;
}

}  // namespace fluxdb::shell
