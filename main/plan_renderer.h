// Text and JSON renderings of physical plans for EXPLAIN [ANALYZE].
#pragma once

#include <string>

#include "execution/operator/physical_operator.h"

namespace fluxdb {

/// An indented tree, one operator per line with its details below it; with `analyze`, each
/// operator also shows rows out, time and its run-time details (chunks pruned ...).
std::string RenderPlanText(const PhysicalOperator& root, bool analyze);
std::string RenderPlanJson(const PhysicalOperator& root, bool analyze);

/// What EXPLAIN ANALYZE (and JSON profiling) reports about a whole query.
struct QueryProfileSummary {
  std::string query;  // the statement's text; may be empty
  double total_ms = 0;
  int64_t peak_memory_bytes = 0;
};
/// "Total time ... / Peak memory ..." followed by the analyzed plan.
std::string RenderAnalyzeText(const PhysicalOperator& root, const QueryProfileSummary& summary);
/// {"query":..., "total_time_ms":..., "peak_memory_bytes":..., "plan":{...}}: valid JSON. Table
/// scans carry their statistics as a "scan" object (chunks scanned / pruned by reason, pages read
/// from disk and from the cache, bytes read and decoded).
std::string RenderAnalyzeJson(const PhysicalOperator& root, const QueryProfileSummary& summary);

}  // namespace fluxdb
