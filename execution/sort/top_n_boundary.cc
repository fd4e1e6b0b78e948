#include "execution/sort/top_n_boundary.h"

#include <algorithm>

#include "execution/function/comparison_kernels.h"

namespace fluxdb {

namespace {

// Three-way comparison as CompareValues, inlined for the types it is plain for.
template <typename T>
inline int ThreeWay(const T& a, const T& b) {
  if constexpr (std::is_integral_v<T> || std::is_same_v<T, int128_t>) {
    return (a > b) - (a < b);
  } else if constexpr (std::is_same_v<T, StringRef>) {
    return StringRef::Compare(a, b);
  } else {
    return CompareValues<T>(a, b);
  }
}

// Splits the rows `undecided[0..count)` by key `key`: rows before the boundary value go to
// `before`, rows equal to it back to `undecided` (returned count); rows after it are dropped.
template <typename T>
idx_t SplitByKey(const UnifiedVector& u, const Vector& boundary, const SortKey& key,
                 sel_t* undecided, idx_t count, sel_t* before, idx_t* before_count) {
  const T* values = u.values<T>();
  const bool bound_valid = boundary.validity().IsValid(0);
  const T bound = boundary.data<T>()[0];
  idx_t ties = 0;
  idx_t kept = *before_count;
  for (idx_t j = 0; j < count; j++) {
    sel_t row = undecided[j];
    idx_t idx = u.index(row);
    bool valid = u.validity->IsValid(idx);
    int c;
    if (valid && bound_valid) {
      c = ThreeWay<T>(values[idx], bound);
      if (!key.ascending) c = -c;
    } else if (valid == bound_valid) {
      c = 0;
    } else {
      // NULL placement is independent of the direction (as RowComparator).
      c = (!valid == key.nulls_first) ? -1 : 1;
    }
    before[kept] = row;
    kept += c < 0;
    undecided[ties] = row;
    ties += c == 0;
  }
  *before_count = kept;
  return ties;
}

}  // namespace

void TopNBoundary::Set(const ChunkCollection& rows, RowRef row, idx_t first_key) {
  values_.clear();
  sel_t index = row.row;
  SelectionVector sel(&index);
  for (const SortKey& key : keys_) {
    const Vector& source = rows.chunk(row.chunk).column(first_key + key.column);
    Vector value(source.type(), 1);
    value.CopyRows(source, sel, 1, 0);
    values_.push_back(std::move(value));
  }
}

idx_t TopNBoundary::Filter(const DataChunk& chunk, idx_t count, SelectionVector& sel) const {
  sel_t undecided[kVectorSize];
  for (idx_t i = 0; i < count; i++) undecided[i] = static_cast<sel_t>(i);
  idx_t undecided_count = count;
  idx_t before = 0;
  sel_t* out = sel.data();
  for (idx_t k = 0; k < keys_.size() && undecided_count > 0; k++) {
    const Vector& column = chunk.column(keys_[k].column);
    UnifiedVector u;
    column.ToUnified(count, &u);
    undecided_count = DispatchPhysical(column.type().physical(), [&]<typename T>() {
      return SplitByKey<T>(u, values_[k], keys_[k], undecided, undecided_count, out, &before);
    });
  }
  // Rows decided by a later key come after those decided by an earlier one: restore input
  // order, which the stable sort relies on.
  std::sort(out, out + before);
  return before;
}

}  // namespace fluxdb
