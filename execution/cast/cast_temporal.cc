// Casts among DATE, TIME and TIMESTAMP.
#include "common/date_time.h"
#include "execution/cast/cast_kernels.h"

namespace fluxdb::cast_internal {

namespace {
// The first microsecond of 290309-12-22 (BC), DuckDB's smallest TIMESTAMP.
constexpr int64_t kMinTimestamp = -9223372022400000000LL;
}  // namespace

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
          if (days == date_time::kDateInfinity || days == -date_time::kDateInfinity) {
            *out = days > 0 ? date_time::kTimestampInfinity : -date_time::kTimestampInfinity;
            return true;
          }
          // TIMESTAMP covers 290309-12-22 (BC) .. 294247-01-10 04:00:54.775806.
          if (__builtin_mul_overflow(static_cast<int64_t>(days), kMicrosPerDay, out)) return false;
          return *out < date_time::kTimestampInfinity && *out >= kMinTimestamp;
        },
        [](int32_t days) {
          return ConversionError("Type INT32 with value ", date_time::FormatDate(days),
                                 " can't be cast to the destination type INT64");
        });
  }
  if (from == TypeId::kTimestamp && to == TypeId::kDate) {
    return CastLoop<int64_t, int32_t>(
        source, result, count, try_cast,
        [](int64_t micros, int32_t* out) {
          if (micros == date_time::kTimestampInfinity || micros == -date_time::kTimestampInfinity) {
            *out = micros > 0 ? date_time::kDateInfinity : -date_time::kDateInfinity;
            return true;
          }
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
