#include "storage/chunk_statistics.h"

#include <cmath>
#include <cstring>

namespace fluxdb {

namespace {

template <typename T>
inline bool Less(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    // NaN sorts above everything, as in Value::Compare.
    if (std::isnan(a)) return false;
    return std::isnan(b) || a < b;
  } else if constexpr (std::is_same_v<T, Interval>) {
    auto key = [](const Interval& i) {
      return static_cast<int128_t>(i.months) * 30 * 86400000000LL +
             static_cast<int128_t>(i.days) * 86400000000LL + i.micros;
    };
    return key(a) < key(b);
  } else if constexpr (std::is_same_v<T, StringRef>) {
    return StringRef::Compare(a, b) < 0;
  } else {
    return a < b;
  }
}

}  // namespace

template <typename T>
void ChunkStatistics::UpdateTyped(const T* data, const ValidityMask* validity, idx_t offset,
                                  idx_t count) {
  row_count_ += count;
  bool all_valid = validity == nullptr || validity->AllValid();
  T lo, hi;
  bool any = false;
  if constexpr (std::is_same_v<T, StringRef>) {
    if (has_values_) {
      lo = StringRef(min_string_);
      hi = StringRef(max_string_);
      any = true;
    }
  } else {
    if (has_values_) {
      std::memcpy(&lo, min_, sizeof(T));
      std::memcpy(&hi, max_, sizeof(T));
      any = true;
    }
  }
  idx_t nulls = 0;
  if (all_valid && count > 0) {
    if (!any) {
      lo = hi = data[0];
      any = true;
    }
    for (idx_t i = 0; i < count; i++) {
      if (Less(data[i], lo)) lo = data[i];
      if (Less(hi, data[i])) hi = data[i];
    }
  } else {
    for (idx_t i = 0; i < count; i++) {
      if (!validity->IsValid(offset + i)) {
        nulls++;
        continue;
      }
      if (!any) {
        lo = hi = data[i];
        any = true;
        continue;
      }
      if (Less(data[i], lo)) lo = data[i];
      if (Less(hi, data[i])) hi = data[i];
    }
  }
  null_count_ += nulls;
  if (!any) return;
  has_values_ = true;
  if constexpr (std::is_same_v<T, StringRef>) {
    // Copy before assigning: lo/hi may point into the strings being replaced.
    std::string new_min(lo.view()), new_max(hi.view());
    min_string_ = std::move(new_min);
    max_string_ = std::move(new_max);
  } else {
    std::memcpy(min_, &lo, sizeof(T));
    std::memcpy(max_, &hi, sizeof(T));
  }
}

void ChunkStatistics::Update(const uint8_t* data, const ValidityMask* validity,
                             idx_t validity_offset, idx_t count) {
  DispatchPhysical(type_.physical(), [&]<typename T>() {
    UpdateTyped<T>(reinterpret_cast<const T*>(data), validity, validity_offset, count);
  });
}

void ChunkStatistics::Merge(const ChunkStatistics& other) {
  if (!other.has_values_) {
    null_count_ += other.null_count_;
    row_count_ += other.row_count_;
    return;
  }
  // Two values (other's min and max) fed through the typed update path.
  DispatchPhysical(type_.physical(), [&]<typename T>() {
    T values[2];
    if constexpr (std::is_same_v<T, StringRef>) {
      values[0] = StringRef(other.min_string_);
      values[1] = StringRef(other.max_string_);
    } else {
      std::memcpy(&values[0], other.min_, sizeof(T));
      std::memcpy(&values[1], other.max_, sizeof(T));
    }
    UpdateTyped<T>(values, nullptr, 0, 2);
  });
  row_count_ += other.row_count_ - 2;
  null_count_ += other.null_count_;
}

Value ChunkStatistics::Min() const {
  if (!has_values_) return Value(type_);
  return DispatchPhysical(type_.physical(), [&]<typename T>() {
    if constexpr (std::is_same_v<T, StringRef>) {
      return Value::FromPhysical<StringRef>(type_, StringRef(min_string_));
    } else {
      T v;
      std::memcpy(&v, min_, sizeof(T));
      return Value::FromPhysical<T>(type_, v);
    }
  });
}

Value ChunkStatistics::Max() const {
  if (!has_values_) return Value(type_);
  return DispatchPhysical(type_.physical(), [&]<typename T>() {
    if constexpr (std::is_same_v<T, StringRef>) {
      return Value::FromPhysical<StringRef>(type_, StringRef(max_string_));
    } else {
      T v;
      std::memcpy(&v, max_, sizeof(T));
      return Value::FromPhysical<T>(type_, v);
    }
  });
}

}  // namespace fluxdb
