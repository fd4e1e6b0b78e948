// "Did you mean ...?" for unknown names: the closest candidates by edit distance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fluxdb {

/// Levenshtein distance, case-insensitive.
size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `name` if it is close enough to be a plausible typo, else "".
std::string ClosestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace fluxdb
