// Sorting materialized rows by key columns.
//
// Rows live in a ChunkCollection; key columns are compared with per-column typed comparators
// (one indirect call per key column per comparison, never per value boxing). Sorting is stable,
// so equal keys keep their input order.
#pragma once

#include <functional>
#include <vector>

#include "common/chunk_collection.h"

namespace fluxdb {

struct SortKey {
  idx_t column;        // column of the collection holding the key
  bool ascending = true;
  bool nulls_first = false;
};

/// A row of a ChunkCollection.
struct RowRef {
  uint32_t chunk;
  uint32_t row;
};

/// Rows of `rows` in sorted order; with `limit` set, only the first `limit` rows are ordered
/// (partial sort) and returned. A full sort of many rows asks `stopped` (when given) every
/// million rows or so, and returns early, in no particular order, once it answers true: the
/// caller checks why (an interrupt, the memory limit) and fails.
std::vector<RowRef> SortRows(const ChunkCollection& rows, const std::vector<SortKey>& keys,
                             idx_t limit = static_cast<idx_t>(-1),
                             const std::function<bool()>& stopped = {});

/// Compares rows of one collection by a fixed set of keys; built once, used many times.
class RowComparator {
 public:
  RowComparator(const ChunkCollection& rows, std::vector<SortKey> keys);
  int Compare(RowRef a, RowRef b) const;

 private:
  using ColumnCompare = int (*)(const Vector&, idx_t, const Vector&, idx_t);
  const ChunkCollection& rows_;
  std::vector<SortKey> keys_;
  std::vector<ColumnCompare> compare_;
};

/// Compares two rows by `keys` (-1, 0, 1).
int CompareRows(const ChunkCollection& a, RowRef ra, const ChunkCollection& b, RowRef rb,
                const std::vector<SortKey>& keys);

/// Copies the listed rows (columns [0, column_count)) into `out` in order.
void GatherRows(const ChunkCollection& rows, const std::vector<RowRef>& order, idx_t begin,
                idx_t end, idx_t column_count, ChunkCollection* out);

}  // namespace fluxdb
