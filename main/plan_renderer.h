// Text and JSON renderings of physical plans for EXPLAIN [ANALYZE].
#pragma once

#include <string>

#include "execution/operator/physical_operator.h"

namespace fluxdb {

/// An indented tree, one operator per line with its details below it; with `analyze`, each
/// operator also shows rows out, time and its run-time details (chunks pruned ...).
std::string RenderPlanText(const PhysicalOperator& root, bool analyze);
std::string RenderPlanJson(const PhysicalOperator& root, bool analyze);

}  // namespace fluxdb
