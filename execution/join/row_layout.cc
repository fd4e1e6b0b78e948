#include "execution/join/row_layout.h"

#include <algorithm>

namespace fluxdb {

RowLayout::RowLayout(std::vector<LogicalType> types, idx_t header_bytes, idx_t trailer_bytes)
    : types_(std::move(types)) {
  idx_t offset = header_bytes;
  for (const auto& type : types_) {
    // Values are read with memcpy, so alignment only keeps a value inside as few cache lines
    // as possible.
    idx_t size = std::max<idx_t>(1, type.physical_size());
    idx_t align = std::min<idx_t>(size, 8);
    offset = (offset + align - 1) / align * align;
    offsets_.push_back(offset);
    offset += size;
  }
  validity_ = offset;
  trailer_ = validity_ + types_.size();
  width_ = (trailer_ + trailer_bytes + 7) / 8 * 8;
}

namespace {

template <typename T>
bool ScatterTyped(const RowLayout& layout, idx_t c, const Vector& source, idx_t count,
                  uint8_t* const* rows, StringHeap* heap) {
  const idx_t offset = layout.offset(c);
  const idx_t valid_offset = layout.validity_offset(c);
  UnifiedVector u;
  source.ToUnified(count, &u);
  const T* values = u.values<T>();
  bool any_null = false;
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    uint8_t* row = rows[i];
    if (!u.validity->IsValid(idx)) {
      StoreValue<T>(row + offset, T{});
      row[valid_offset] = 0;
      any_null = true;
      continue;
    }
    row[valid_offset] = 1;
    if constexpr (std::is_same_v<T, StringRef>) {
      const StringRef& s = values[idx];
      StoreValue<StringRef>(row + offset, s.IsInlined() ? s : heap->Add(s.view()));
    } else {
      StoreValue<T>(row + offset, values[idx]);
    }
  }
  return any_null;
}

template <typename T>
void GatherTyped(const RowLayout& layout, idx_t c, const uint8_t* const* rows, idx_t count,
                 Vector& target, bool column_has_nulls, bool rows_may_be_null) {
  const idx_t offset = layout.offset(c);
  const idx_t valid_offset = layout.validity_offset(c);
  T* dst = target.data<T>();
  if (!column_has_nulls && !rows_may_be_null) {
    for (idx_t i = 0; i < count; i++) dst[i] = LoadValue<T>(rows[i] + offset);
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    const uint8_t* row = rows[i];
    if (row == nullptr || row[valid_offset] == 0) {
      dst[i] = T{};
      target.validity().SetInvalid(i);
    } else {
      dst[i] = LoadValue<T>(row + offset);
    }
  }
}

}  // namespace

bool ScatterColumn(const RowLayout& layout, idx_t c, const Vector& source, idx_t count,
                   uint8_t* const* rows, StringHeap* heap) {
  return DispatchPhysical(layout.types()[c].physical(), [&]<typename T>() {
    return ScatterTyped<T>(layout, c, source, count, rows, heap);
  });
}

void GatherColumn(const RowLayout& layout, idx_t c, const uint8_t* const* rows, idx_t count,
                  Vector& target, bool column_has_nulls, bool rows_may_be_null) {
  DispatchPhysical(layout.types()[c].physical(), [&]<typename T>() {
    GatherTyped<T>(layout, c, rows, count, target, column_has_nulls, rows_may_be_null);
  });
}

}  // namespace fluxdb
