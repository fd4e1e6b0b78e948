#include "test/runner/unsupported_feature.h"

namespace fluxdb::slt {

namespace {

struct UnsupportedFeature {
  std::string_view error_fragment;  // in FluxDB's "Not implemented Error" for the feature
  std::string_view reason;
};

// Keep this list short: an entry is a design decision (written down in docs/ARCHITECTURE.md),
// not a way to make a failing file disappear.
constexpr UnsupportedFeature kUnsupportedFeatures[] = {
    {"triggers are not supported",
     "needs triggers, which FluxDB (an analytical engine, like DuckDB) deliberately lacks"},
};

}  // namespace

std::optional<std::string> DeliberatelyUnsupported(std::string_view error_message) {
  if (!error_message.starts_with("Not implemented Error: ")) return std::nullopt;
  for (const UnsupportedFeature& feature : kUnsupportedFeatures) {
    if (error_message.find(feature.error_fragment) != std::string_view::npos) {
      return std::string(feature.reason);
    }
  }
  return std::nullopt;
}

}  // namespace fluxdb::slt
