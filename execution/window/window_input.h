// The materialized input of one window expression and the computation of its results.
#pragma once

#include <vector>

#include "common/chunk_collection.h"
#include "common/status.h"
#include "execution/execution_context.h"
#include "execution/expression/bound_expression.h"
#include "execution/sort/row_sorter.h"

namespace fluxdb {

/// Column layout of a window's stored rows: arguments, then partition keys, then order keys,
/// then (optional) the FILTER result and frame offsets.
struct WindowLayout {
  idx_t argument_count = 0;
  idx_t partition_count = 0;
  idx_t order_count = 0;
  bool has_filter = false;
  bool has_start_offset = false;
  bool has_end_offset = false;

  static WindowLayout For(const BoundExpression& window);
  /// The expressions to evaluate per input row, in layout order.
  static BoundExprList Expressions(const BoundExpression& window);
  idx_t partition_begin() const { return argument_count; }
  idx_t order_begin() const { return argument_count + partition_count; }
  idx_t filter_column() const { return order_begin() + order_count; }
  idx_t start_offset_column() const { return filter_column() + (has_filter ? 1 : 0); }
  idx_t end_offset_column() const { return start_offset_column() + (has_start_offset ? 1 : 0); }
};

/// Computes window `window` over `rows` (its layout) into `result` (one value per row, in the
/// rows' order; result has capacity >= row count). Stops with the error of
/// `context.CheckRunning()` when the query is interrupted or past its memory limit.
Status ComputeWindow(const ExecutionContext& context, const BoundExpression& window,
                     const ChunkCollection& rows, Vector& result);

}  // namespace fluxdb
