#include "execution/sort/row_sorter.h"

#include <algorithm>

#include "execution/function/comparison_kernels.h"

namespace fluxdb {

namespace {

using ColumnCompare = int (*)(const Vector&, idx_t, const Vector&, idx_t);

template <typename T>
int CompareCell(const Vector& a, idx_t ia, const Vector& b, idx_t ib) {
  return CompareValues<T>(a.data<T>()[ia], b.data<T>()[ib]);
}

ColumnCompare ComparatorFor(PhysicalType type) {
  return DispatchPhysical(type, [&]<typename T>() -> ColumnCompare { return CompareCell<T>; });
}

struct PreparedKey {
  SortKey key;
  ColumnCompare compare;
};

std::vector<PreparedKey> Prepare(const ChunkCollection& rows, const std::vector<SortKey>& keys) {
  std::vector<PreparedKey> prepared;
  for (const auto& key : keys) {
    prepared.push_back({key, ComparatorFor(rows.types()[key.column].physical())});
  }
  return prepared;
}

inline int CompareWith(const std::vector<PreparedKey>& keys, const ChunkCollection& a, RowRef ra,
                       const ChunkCollection& b, RowRef rb) {
  for (const auto& k : keys) {
    const Vector& va = a.chunk(ra.chunk).column(k.key.column);
    const Vector& vb = b.chunk(rb.chunk).column(k.key.column);
    bool a_valid = va.validity().IsValid(ra.row);
    bool b_valid = vb.validity().IsValid(rb.row);
    if (!a_valid || !b_valid) {
      if (a_valid == b_valid) continue;
      // NULL placement is independent of the direction.
      return (!a_valid == k.key.nulls_first) ? -1 : 1;
    }
    int c = k.compare(va, ra.row, vb, rb.row);
    if (c != 0) return k.key.ascending ? c : -c;
  }
  return 0;
}

}  // namespace

RowComparator::RowComparator(const ChunkCollection& rows, std::vector<SortKey> keys)
    : rows_(rows), keys_(std::move(keys)) {
  for (const auto& key : keys_) compare_.push_back(ComparatorFor(rows.types()[key.column].physical()));
}

int RowComparator::Compare(RowRef a, RowRef b) const {
  for (idx_t k = 0; k < keys_.size(); k++) {
    const SortKey& key = keys_[k];
    const Vector& va = rows_.chunk(a.chunk).column(key.column);
    const Vector& vb = rows_.chunk(b.chunk).column(key.column);
    bool a_valid = va.validity().IsValid(a.row);
    bool b_valid = vb.validity().IsValid(b.row);
    if (!a_valid || !b_valid) {
      if (a_valid == b_valid) continue;
      return (!a_valid == key.nulls_first) ? -1 : 1;
    }
    int c = compare_[k](va, a.row, vb, b.row);
    if (c != 0) return key.ascending ? c : -c;
  }
  return 0;
}

int CompareRows(const ChunkCollection& a, RowRef ra, const ChunkCollection& b, RowRef rb,
                const std::vector<SortKey>& keys) {
  return CompareWith(Prepare(a, keys), a, ra, b, rb);
}

std::vector<RowRef> SortRows(const ChunkCollection& rows, const std::vector<SortKey>& keys,
                             idx_t limit, const std::function<bool()>& stopped) {
  std::vector<RowRef> order;
  order.reserve(rows.row_count());
  for (idx_t c = 0; c < rows.chunk_count(); c++) {
    for (idx_t r = 0; r < rows.chunk(c).size(); r++) {
      order.push_back(RowRef{static_cast<uint32_t>(c), static_cast<uint32_t>(r)});
    }
  }
  auto prepared = Prepare(rows, keys);
  auto less = [&](const RowRef& x, const RowRef& y) {
    int c = CompareWith(prepared, rows, x, rows, y);
    if (c != 0) return c < 0;
    // Ties keep input order (stable), which partial_sort does not do on its own.
    return x.chunk != y.chunk ? x.chunk < y.chunk : x.row < y.row;
  };
  if (limit < order.size()) {
    std::partial_sort(order.begin(), order.begin() + limit, order.end(), less);
    order.resize(limit);
    return order;
  }
  constexpr idx_t kBlock = idx_t{1} << 20;
  if (!stopped || order.size() <= kBlock) {
    std::sort(order.begin(), order.end(), less);
    return order;
  }
  // Sorted blocks merged pairwise, with a look at `stopped` between steps: one std::sort of
  // tens of millions of rows cannot be interrupted for many seconds.
  for (idx_t begin = 0; begin < order.size(); begin += kBlock) {
    if (stopped()) return order;
    std::sort(order.begin() + begin, order.begin() + std::min(begin + kBlock, order.size()), less);
  }
  MemoryCharge buffer_memory;
  buffer_memory.Set(order.size() * sizeof(RowRef));
  std::vector<RowRef> buffer(order.size());
  const idx_t n = order.size();
  for (idx_t width = kBlock; width < n; width *= 2) {
    for (idx_t lo = 0; lo < n; lo += 2 * width) {
      if (stopped()) return order;  // a pass writes to `buffer`: `order` is still whole
      idx_t mid = std::min(lo + width, n);
      idx_t hi = std::min(lo + 2 * width, n);
      std::merge(order.begin() + lo, order.begin() + mid, order.begin() + mid, order.begin() + hi,
                 buffer.begin() + lo, less);
    }
    order.swap(buffer);
  }
  return order;
}

void GatherRows(const ChunkCollection& rows, const std::vector<RowRef>& order, idx_t begin,
                idx_t end, idx_t column_count, ChunkCollection* out) {
  std::vector<LogicalType> types(rows.types().begin(), rows.types().begin() + column_count);
  DataChunk buffer;
  buffer.Initialize(types);
  for (idx_t i = begin; i < end;) {
    buffer.Reset();
    idx_t n = std::min<idx_t>(kVectorSize, end - i);
    for (idx_t c = 0; c < column_count; c++) {
      Vector& target = buffer.column(c);
      DispatchPhysical(types[c].physical(), [&]<typename T>() {
        T* dst = target.data<T>();
        for (idx_t j = 0; j < n; j++) {
          const RowRef& ref = order[i + j];
          const Vector& source = rows.chunk(ref.chunk).column(c);
          if (!source.validity().IsValid(ref.row)) {
            target.validity().SetInvalid(j);
            dst[j] = T{};
            continue;
          }
          const T& value = source.data<T>()[ref.row];
          if constexpr (std::is_same_v<T, StringRef>) {
            dst[j] = value.IsInlined() ? value : target.AddString(value.view());
          } else {
            dst[j] = value;
          }
        }
      });
    }
    buffer.SetCardinality(n);
    out->Append(buffer);
    i += n;
  }
}

}  // namespace fluxdb
