// Filters pushed into a table scan, used to skip whole column chunks by their statistics.
//
// The planner translates the conjuncts of a WHERE clause that compare a column with constants into
// ColumnFilters. The scan checks each against a chunk's zone map (min, max, null count) before
// reading any page. A filter only ever prunes: the rows of chunks that are read are still checked
// by the Filter operator above, so pruning never changes a result.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/value.h"

namespace fluxdb {

enum class ColumnFilterOp : uint8_t {
  kEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kIsNull,
  kIsNotNull,
  kInList,  // values
  kPrefix,  // VARCHAR LIKE 'abc%': constant is the prefix
};

/// Why a chunk was skipped; reported per reason by EXPLAIN ANALYZE.
enum class PruneReason : uint8_t { kMinMax = 0, kInList = 1, kPrefix = 2, kJoinFilter = 3 };
inline constexpr int kPruneReasonCount = 4;
const char* PruneReasonName(PruneReason reason);

struct ColumnFilter {
  uint32_t column_index;  // index into the table's columns
  ColumnFilterOp op;
  Value constant;                             // same type as the column
  std::vector<Value> values;                  // kInList
  PruneReason reason = PruneReason::kMinMax;  // kJoinFilter for filters made at run time
  std::string ToString(const std::string& column_name) const;
};

/// A conjunction of column filters. Shared by pointer so that a hash join can add filters made
/// from its build side after the probe-side scan was planned (before it starts).
struct TableFilterSet {
  std::vector<ColumnFilter> filters;
};

}  // namespace fluxdb
