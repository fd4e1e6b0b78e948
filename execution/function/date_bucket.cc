// time_bucket(width, ts [, offset | origin]): the start of the width-sized bucket holding ts.
//
// Widths in days/microseconds count from 2000-01-03 (a Monday) by default, month widths from
// 2000-01; an INTERVAL third argument shifts the buckets, a TIMESTAMP/DATE one is the origin.
// DATE inputs give DATE results. As DuckDB.
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/date_part.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

using date_part::FloorDiv;

constexpr int64_t kDefaultOrigin = 946857600000000LL;  // 2000-01-03 00:00:00
constexpr int64_t kDefaultMonthOrigin = 2000 * 12;     // 2000-01 as a month index

int64_t MonthIndex(int64_t micros) {
  int32_t days;
  int64_t time;
  date_time::SplitTimestamp(micros, &days, &time);
  CivilDate c = date_time::CivilFromDays(days);
  return static_cast<int64_t>(c.year) * 12 + (c.month - 1);
}

int64_t MonthStart(int64_t month_index) {
  int64_t year = FloorDiv(month_index, 12);
  int32_t month = static_cast<int32_t>(month_index - year * 12) + 1;
  return date_time::DaysFromCivil(year, month, 1) * kMicrosPerDay;
}

Status CheckWidth(const Interval& width) {
  if (width.months != 0 && (width.days != 0 || width.micros != 0)) {
    return NotImplementedError("Month intervals cannot have day or time component");
  }
  if (width.months < 0 || (width.months == 0 && width.days * kMicrosPerDay + width.micros <= 0)) {
    return NotImplementedError("Period must be greater than 0");
  }
  return Status();
}

// The bucket start of `ts`; `origin` is a timestamp (micro widths) or ignored in favour of
// `origin_month` (month widths).
int64_t Bucket(const Interval& width, int64_t ts, int64_t origin, int64_t origin_month) {
  if (width.months != 0) {
    int64_t months = MonthIndex(ts) - origin_month;
    return MonthStart(origin_month + FloorDiv(months, width.months) * width.months);
  }
  int64_t w = width.days * kMicrosPerDay + width.micros;
  return origin + FloorDiv(ts - origin, w) * w;
}

enum class Third : uint8_t { kNone, kOffset, kOrigin };

template <bool kDate, Third kThird>
Status TimeBucketBody(const DataChunk& args, ExpressionState&, Vector& result) {
  const idx_t count = args.size();
  idx_t columns = args.ColumnCount();
  bool constant = true;
  for (idx_t c = 0; c < columns; c++) {
    constant = constant && args.column(c).encoding() == VectorEncoding::kConstant;
  }
  idx_t n = constant ? 1 : count;
  UnifiedVector uw, ut, ux;
  args.column(0).ToUnified(n, &uw);
  args.column(1).ToUnified(n, &ut);
  if (kThird != Third::kNone) args.column(2).ToUnified(n, &ux);
  using Out = std::conditional_t<kDate, int32_t, int64_t>;
  Out* out = result.data<Out>();
  for (idx_t i = 0; i < n; i++) {
    bool valid = uw.IsValid(i) && ut.IsValid(i) && (kThird == Third::kNone || ux.IsValid(i));
    if (!valid) {
      result.validity().SetInvalid(i);
      out[i] = 0;
      continue;
    }
    const Interval& width = uw.values<Interval>()[uw.index(i)];
    FLUX_RETURN_IF_ERROR(CheckWidth(width));
    int64_t ts;
    if constexpr (kDate) {
      ts = static_cast<int64_t>(ut.values<int32_t>()[ut.index(i)]) * kMicrosPerDay;
    } else {
      ts = ut.values<int64_t>()[ut.index(i)];
    }
    int64_t origin = kDefaultOrigin, origin_month = kDefaultMonthOrigin, shift = 0;
    if constexpr (kThird == Third::kOffset) {
      const Interval& offset = ux.values<Interval>()[ux.index(i)];
      shift = offset.days * kMicrosPerDay + offset.micros;
    } else if constexpr (kThird == Third::kOrigin) {
      if constexpr (kDate) {
        origin = static_cast<int64_t>(ux.values<int32_t>()[ux.index(i)]) * kMicrosPerDay;
      } else {
        origin = ux.values<int64_t>()[ux.index(i)];
      }
      origin_month = MonthIndex(origin);
    }
    int64_t bucket = Bucket(width, ts - shift, origin, origin_month) + shift;
    if constexpr (kDate) {
      out[i] = static_cast<int32_t>(FloorDiv(bucket, kMicrosPerDay));
    } else {
      out[i] = bucket;
    }
  }
  if (constant) result.MarkConstant();
  return Status();
}

}  // namespace

void RegisterDateBucketFunctions(FunctionRegistry& registry) {
  const LogicalType interval = LogicalType::IntervalType();
  const LogicalType date = LogicalType::Date();
  const LogicalType timestamp = LogicalType::Timestamp();
  auto add = [&](std::vector<LogicalType> arguments, LogicalType result, ScalarFunctionBody body) {
    registry.AddScalar(ScalarFunction{"time_bucket", std::move(arguments), result, body});
  };
  add({interval, timestamp}, timestamp, TimeBucketBody<false, Third::kNone>);
  add({interval, date}, date, TimeBucketBody<true, Third::kNone>);
  add({interval, timestamp, interval}, timestamp, TimeBucketBody<false, Third::kOffset>);
  add({interval, date, interval}, date, TimeBucketBody<true, Third::kOffset>);
  add({interval, timestamp, timestamp}, timestamp, TimeBucketBody<false, Third::kOrigin>);
  add({interval, date, date}, date, TimeBucketBody<true, Third::kOrigin>);
}

}  // namespace fluxdb
