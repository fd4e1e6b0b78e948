// The OVER (...) part of a bound window expression.
#pragma once

#include <memory>
#include <vector>

#include "execution/expression/bound_expression.h"

namespace fluxdb {

enum class FrameUnitKind : uint8_t { kRows, kRange, kGroups };
enum class FrameBoundType : uint8_t {
  kUnboundedPreceding,
  kOffsetPreceding,
  kCurrentRow,
  kOffsetFollowing,
  kUnboundedFollowing,
};

struct BoundOrderBy {
  BoundExprPtr expr;
  bool ascending = true;
  bool nulls_first = false;
  BoundOrderBy Copy() const { return BoundOrderBy{expr->Copy(), ascending, nulls_first}; }
};

struct WindowFrameSpec {
  BoundExprList partitions;
  std::vector<BoundOrderBy> orders;
  FrameUnitKind unit = FrameUnitKind::kRange;
  FrameBoundType start = FrameBoundType::kUnboundedPreceding;
  FrameBoundType end = FrameBoundType::kCurrentRow;
  BoundExprPtr start_offset;  // kOffsetPreceding / kOffsetFollowing
  BoundExprPtr end_offset;
  /// True when no frame was written: RANGE UNBOUNDED PRECEDING .. CURRENT ROW with ORDER BY,
  /// the whole partition without.
  bool default_frame = true;
  bool ignore_nulls = false;

  std::shared_ptr<WindowFrameSpec> Copy() const;
};

}  // namespace fluxdb
