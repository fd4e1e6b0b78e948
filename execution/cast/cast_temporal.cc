// Casts among DATE, TIME and TIMESTAMP.
#include "common/date_time.h"
#include "execution/cast/cast_kernels.h"

namespace fluxdb::cast_internal {

Status CastTemporal(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  TypeId from = source.type().id();
  TypeId to = result.type().id();
  auto unsupported = [&]() {
    return ConversionError("Unimplemented type for cast (", source.type().ToString(), " -> ",
                           result.type().ToString(), ")");
  };
  if (from == TypeId::kDate && to == TypeId::kTimestamp) {
    return CastLoop<int32_t, int64_t>(
        source, result, count, try_cast,
        [](int32_t days, int64_t* out) {
          *out = static_cast<int64_t>(days) * kMicrosPerDay;
          return true;
        },
        [](int32_t) { return Status(); });
  }
  if (from == TypeId::kTimestamp && to == TypeId::kDate) {
    return CastLoop<int64_t, int32_t>(
        source, result, count, try_cast,
        [](int64_t micros, int32_t* out) {
          int64_t time;
          date_time::SplitTimestamp(micros, out, &time);
          return true;
        },
        [](int64_t) { return Status(); });
  }
  if (from == TypeId::kTimestamp && to == TypeId::kTime) {
    return CastLoop<int64_t, int64_t>(
        source, result, count, try_cast,
        [](int64_t micros, int64_t* out) {
          int32_t days;
          date_time::SplitTimestamp(micros, &days, out);
          return true;
        },
        [](int64_t) { return Status(); });
  }
  return unsupported();
}

}  // namespace fluxdb::cast_internal
