// Features FluxDB deliberately does not have. A corpus file that needs one is skipped with the
// reason rather than failed: it tests something FluxDB does not claim to do, and a failure would
// hide the files that do fail for a fixable cause.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fluxdb::slt {

/// The skip reason when `error_message` (a statement's error) says the statement needs a feature
/// FluxDB deliberately lacks; nullopt for every other error.
std::optional<std::string> DeliberatelyUnsupported(std::string_view error_message);

}  // namespace fluxdb::slt
