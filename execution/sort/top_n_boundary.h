// TopNBoundary: the sort keys of the last row a top-N currently keeps.
//
// Once a top-N holds N rows, a new row can only enter if it sorts before the N-th; the boundary
// lets TOP_N drop, with one typed comparison loop per key column over a whole chunk, every row
// that cannot, before it is copied anywhere. A row equal to the boundary is dropped too: it
// comes later in the input, and the sort is stable.
#pragma once

#include <vector>

#include "common/chunk_collection.h"
#include "execution/sort/row_sorter.h"

namespace fluxdb {

class TopNBoundary {
 public:
  /// `keys[k].column` is the column of key k in the chunks given to Set and Filter.
  explicit TopNBoundary(std::vector<SortKey> keys) : keys_(std::move(keys)) {}

  bool is_set() const { return !values_.empty(); }
  /// The boundary becomes row `row` of `rows`, whose key k is column `first_key + keys[k].column`.
  void Set(const ChunkCollection& rows, RowRef row, idx_t first_key);
  /// Writes to `sel`, in ascending order, the rows [0, count) of `chunk` that sort strictly
  /// before the boundary; returns how many.
  idx_t Filter(const DataChunk& chunk, idx_t count, SelectionVector& sel) const;

 private:
  std::vector<SortKey> keys_;
  std::vector<Vector> values_;  // one row per key
};

}  // namespace fluxdb
