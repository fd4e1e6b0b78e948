// + and - on dates, times, timestamps and intervals, * and / of intervals by numbers, unary -
// of intervals, and date_add / age.
//
//   DATE ± INTEGER -> DATE            DATE - DATE -> BIGINT (days)
//   DATE ± INTERVAL -> TIMESTAMP      DATE + TIME -> TIMESTAMP
//   TIMESTAMP ± INTERVAL -> TIMESTAMP TIMESTAMP - TIMESTAMP -> INTERVAL (days and micros)
//   TIME ± INTERVAL -> TIME (wraps around midnight)
//   INTERVAL ± INTERVAL, INTERVAL * / number -> INTERVAL
// Results outside the DATE / TIMESTAMP range are Out of Range errors.
#include <cmath>
#include <limits>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/date_part.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

const LogicalType kDate = LogicalType::Date();
const LogicalType kTime = LogicalType::Time();
const LogicalType kTimestamp = LogicalType::Timestamp();
const LogicalType kInterval = LogicalType::IntervalType();

// Largest timestamp DuckDB accepts (294247-01-10 04:00:54.775806).
constexpr int64_t kMaxTimestamp = 9223372036854775806LL;
constexpr int64_t kMinTimestamp = -9223372022400000000LL;

bool ValidDate(int64_t days) { return days >= date_time::kMinDate && days <= date_time::kMaxDate; }

Status DateOutOfRange() { return OutOfRangeError("Date out of range"); }
Status TimestampOutOfRange() { return OutOfRangeError("Timestamp out of range"); }

template <bool kAdd>
Status DateInteger(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<int32_t, int32_t, int32_t>(
      args.column(0), args.column(1), result, args.size(),
      [](int32_t d, int32_t n, int32_t* out, bool*) {
        int64_t r = kAdd ? static_cast<int64_t>(d) + n : static_cast<int64_t>(d) - n;
        if (!ValidDate(r)) return false;
        *out = static_cast<int32_t>(r);
        return true;
      });
  return ok ? Status() : DateOutOfRange();
}

Status IntegerPlusDate(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<int32_t, int32_t, int32_t>(
      args.column(0), args.column(1), result, args.size(),
      [](int32_t n, int32_t d, int32_t* out, bool*) {
        int64_t r = static_cast<int64_t>(d) + n;
        if (!ValidDate(r)) return false;
        *out = static_cast<int32_t>(r);
        return true;
      });
  return ok ? Status() : DateOutOfRange();
}

Status DateMinusDate(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int32_t, int32_t, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](int32_t a, int32_t b) { return static_cast<int64_t>(a) - b; });
  return Status();
}

// -v, unless a field holds its type's smallest value, which has no negation
// (to_microseconds(-9223372036854775808) is a valid interval).
bool Negate(const Interval& v, Interval* out) {
  if (v.months == std::numeric_limits<int32_t>::min() ||
      v.days == std::numeric_limits<int32_t>::min() ||
      v.micros == std::numeric_limits<int64_t>::min()) {
    return false;
  }
  *out = Interval{-v.months, -v.days, -v.micros};
  return true;
}

bool AddToTimestamp(int64_t ts, const Interval& v, int64_t* out) {
  if (ts == date_time::kTimestampInfinity || ts == -date_time::kTimestampInfinity) {
    *out = ts;  // infinity +- anything stays infinite
    return true;
  }
  int64_t r = ts;
  if (v.months != 0) {
    int32_t days;
    int64_t time;
    date_time::SplitTimestamp(ts, &days, &time);
    int64_t shifted = date_part::AddMonths(days, v.months);
    if (!ValidDate(shifted) || __builtin_mul_overflow(shifted, kMicrosPerDay, &r) ||
        __builtin_add_overflow(r, time, &r)) {
      return false;
    }
  }
  int64_t day_micros;
  if (__builtin_mul_overflow(static_cast<int64_t>(v.days), kMicrosPerDay, &day_micros) ||
      __builtin_add_overflow(r, day_micros, &r) || __builtin_add_overflow(r, v.micros, &r)) {
    return false;
  }
  if (r > kMaxTimestamp || r < kMinTimestamp) return false;
  *out = r;
  return true;
}

template <bool kAdd>
Status TimestampInterval(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<int64_t, Interval, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](int64_t ts, const Interval& v, int64_t* out, bool*) {
        Interval delta = v;
        if (!kAdd && !Negate(v, &delta)) return false;
        return AddToTimestamp(ts, delta, out);
      });
  return ok ? Status() : TimestampOutOfRange();
}

Status IntervalPlusTimestamp(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<Interval, int64_t, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](const Interval& v, int64_t ts, int64_t* out, bool*) {
        return AddToTimestamp(ts, v, out);
      });
  return ok ? Status() : TimestampOutOfRange();
}

template <bool kAdd>
Status DateInterval(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<int32_t, Interval, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](int32_t d, const Interval& v, int64_t* out, bool*) {
        Interval delta = v;
        if (!kAdd && !Negate(v, &delta)) return false;
        return AddToTimestamp(static_cast<int64_t>(d) * kMicrosPerDay, delta, out);
      });
  return ok ? Status() : TimestampOutOfRange();
}

Status IntervalPlusDate(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<Interval, int32_t, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](const Interval& v, int32_t d, int64_t* out, bool*) {
        return AddToTimestamp(static_cast<int64_t>(d) * kMicrosPerDay, v, out);
      });
  return ok ? Status() : TimestampOutOfRange();
}

Interval FromMicros(int64_t delta) {
  Interval r;
  r.days = static_cast<int32_t>(delta / kMicrosPerDay);
  r.micros = delta % kMicrosPerDay;
  return r;
}

Status TimestampMinusTimestamp(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<int64_t, int64_t, Interval>(
      args.column(0), args.column(1), result, args.size(),
      [](int64_t a, int64_t b, Interval* out, bool*) {
        int64_t delta;
        if (__builtin_sub_overflow(a, b, &delta)) return false;
        *out = FromMicros(delta);
        return true;
      });
  return ok ? Status() : OutOfRangeError("Overflow in subtraction of TIMESTAMP");
}

int64_t WrapTime(int64_t micros) {
  micros %= kMicrosPerDay;
  return micros < 0 ? micros + kMicrosPerDay : micros;
}

template <bool kAdd>
Status TimeInterval(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int64_t, Interval, int64_t>(args.column(0), args.column(1), result, args.size(),
                                            [](int64_t t, const Interval& v) {
                                              int64_t delta = v.micros % kMicrosPerDay;
                                              return WrapTime(kAdd ? t + delta : t - delta);
                                            });
  return Status();
}

Status IntervalPlusTime(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<Interval, int64_t, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](const Interval& v, int64_t t) { return WrapTime(t + v.micros % kMicrosPerDay); });
  return Status();
}

Status TimeMinusTime(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int64_t, int64_t, Interval>(args.column(0), args.column(1), result, args.size(),
                                            [](int64_t a, int64_t b) {
                                              return Interval{0, 0, a - b};
                                            });
  return Status();
}

template <bool kDateFirst>
Status DatePlusTime(const DataChunk& args, ExpressionState&, Vector& result) {
  const Vector& date = args.column(kDateFirst ? 0 : 1);
  const Vector& time = args.column(kDateFirst ? 1 : 0);
  BinaryExecute<int32_t, int64_t, int64_t>(
      date, time, result, args.size(),
      [](int32_t d, int64_t t) { return static_cast<int64_t>(d) * kMicrosPerDay + t; });
  return Status();
}

template <bool kAdd>
Status IntervalInterval(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<Interval, Interval, Interval>(
      args.column(0), args.column(1), result, args.size(),
      [](const Interval& a, const Interval& b, Interval* out, bool*) {
        bool overflow = kAdd ? __builtin_add_overflow(a.months, b.months, &out->months) ||
                                   __builtin_add_overflow(a.days, b.days, &out->days) ||
                                   __builtin_add_overflow(a.micros, b.micros, &out->micros)
                             : __builtin_sub_overflow(a.months, b.months, &out->months) ||
                                   __builtin_sub_overflow(a.days, b.days, &out->days) ||
                                   __builtin_sub_overflow(a.micros, b.micros, &out->micros);
        return !overflow;
      });
  return ok ? Status()
            : OutOfRangeError("Interval value out of range in ", kAdd ? "addition" : "subtraction");
}

Status IntervalNegate(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<Interval, Interval>(args.column(0), result, args.size(), Negate);
  return ok ? Status() : OutOfRangeError("Overflow in negation of numeric value!");
}

bool MultiplyInterval(const Interval& v, int64_t n, Interval* out) {
  int64_t months, days;
  if (__builtin_mul_overflow(static_cast<int64_t>(v.months), n, &months) ||
      __builtin_mul_overflow(static_cast<int64_t>(v.days), n, &days) ||
      __builtin_mul_overflow(v.micros, n, &out->micros)) {
    return false;
  }
  if (months > std::numeric_limits<int32_t>::max() ||
      months < std::numeric_limits<int32_t>::min() || days > std::numeric_limits<int32_t>::max() ||
      days < std::numeric_limits<int32_t>::min()) {
    return false;
  }
  out->months = static_cast<int32_t>(months);
  out->days = static_cast<int32_t>(days);
  return true;
}

// Fractions of months become days (30 per month) and fractions of days become microseconds.
bool ScaleInterval(const Interval& v, double f, Interval* out) {
  double months = v.months * f;
  double whole_months = std::trunc(months);
  double days = v.days * f + (months - whole_months) * 30.0;
  double whole_days = std::trunc(days);
  double micros = static_cast<double>(v.micros) * f + (days - whole_days) * kMicrosPerDay;
  if (!std::isfinite(micros) || std::fabs(whole_months) > 2147483647.0 ||
      std::fabs(whole_days) > 2147483647.0 || std::fabs(micros) > 9.2e18) {
    return false;
  }
  out->months = static_cast<int32_t>(whole_months);
  out->days = static_cast<int32_t>(whole_days);
  out->micros = static_cast<int64_t>(std::llround(micros));
  return true;
}

Status IntervalTimesInteger(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<Interval, int64_t, Interval>(
      args.column(0), args.column(1), result, args.size(),
      [](const Interval& v, int64_t n, Interval* out, bool*) {
        return MultiplyInterval(v, n, out);
      });
  return ok ? Status() : OutOfRangeError("Interval value out of range in multiplication");
}

Status IntegerTimesInterval(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<int64_t, Interval, Interval>(
      args.column(0), args.column(1), result, args.size(),
      [](int64_t n, const Interval& v, Interval* out, bool*) {
        return MultiplyInterval(v, n, out);
      });
  return ok ? Status() : OutOfRangeError("Interval value out of range in multiplication");
}

Status IntervalTimesDouble(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<Interval, double, Interval>(
      args.column(0), args.column(1), result, args.size(),
      [](const Interval& v, double f, Interval* out, bool*) { return ScaleInterval(v, f, out); });
  return ok ? Status() : OutOfRangeError("Interval value out of range in multiplication");
}

Status DoubleTimesInterval(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<double, Interval, Interval>(
      args.column(0), args.column(1), result, args.size(),
      [](double f, const Interval& v, Interval* out, bool*) { return ScaleInterval(v, f, out); });
  return ok ? Status() : OutOfRangeError("Interval value out of range in multiplication");
}

Status IntervalDivideDouble(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = BinaryTryExecute<Interval, double, Interval>(
      args.column(0), args.column(1), result, args.size(),
      [](const Interval& v, double f, Interval* out, bool* is_null) {
        if (f == 0) {
          *is_null = true;
          *out = Interval{};
          return true;
        }
        return ScaleInterval(v, 1.0 / f, out);
      });
  return ok ? Status() : OutOfRangeError("Interval value out of range in division");
}

// age(a, b): the difference in years, months and days like PostgreSQL's age().
Interval Age(int64_t a, int64_t b) {
  bool negative = a < b;
  if (negative) std::swap(a, b);
  int32_t da, db;
  int64_t ta, tb;
  date_time::SplitTimestamp(a, &da, &ta);
  date_time::SplitTimestamp(b, &db, &tb);
  CivilDate ca = date_time::CivilFromDays(da), cb = date_time::CivilFromDays(db);
  int64_t months = (static_cast<int64_t>(ca.year) - cb.year) * 12 + (ca.month - cb.month);
  int64_t days = ca.day - cb.day;
  int64_t micros = ta - tb;
  if (micros < 0) {
    micros += kMicrosPerDay;
    days--;
  }
  if (days < 0) {
    // Borrow the length of the earlier date's month, as PostgreSQL and DuckDB do.
    days += date_time::DaysInMonth(cb.year, cb.month);
    months--;
  }
  // Far from the fields' limits, so the negation cannot fail.
  Interval r{static_cast<int32_t>(months), static_cast<int32_t>(days), micros};
  if (negative) Negate(r, &r);
  return r;
}

Status AgeBody(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<int64_t, int64_t, Interval>(args.column(0), args.column(1), result, args.size(),
                                            Age);
  return Status();
}

Status AgeFromNow(const DataChunk& args, ExpressionState& state, Vector& result) {
  if (state.context == nullptr) {
    return InternalError("age(timestamp) needs the transaction start time");
  }
  // Relative to midnight of the current date, as DuckDB does.
  int32_t today;
  int64_t time;
  date_time::SplitTimestamp(state.context->transaction_start_micros, &today, &time);
  int64_t midnight = static_cast<int64_t>(today) * kMicrosPerDay;
  UnaryExecute<int64_t, Interval>(args.column(0), result, args.size(),
                                  [&](int64_t ts) { return Age(midnight, ts); });
  return Status();
}

// to_years(n), to_days(n), to_seconds(x) ...: an INTERVAL of n units (INTERVAL (n) DAY).
template <int64_t kMonths, int64_t kDays>
Status ToCalendarInterval(const DataChunk& args, ExpressionState&, Vector& result) {
  int32_t bad = 0;
  bool ok = UnaryTryExecute<int32_t, Interval>(
      args.column(0), result, args.size(), [&](int32_t n, Interval* out) {
        int64_t v = static_cast<int64_t>(n) * (kMonths != 0 ? kMonths : kDays);
        if (v > std::numeric_limits<int32_t>::max() || v < std::numeric_limits<int32_t>::min()) {
          bad = n;
          return false;
        }
        *out = kMonths != 0 ? Interval{static_cast<int32_t>(v), 0, 0}
                            : Interval{0, static_cast<int32_t>(v), 0};
        return true;
      });
  if (ok) return Status();
  const char* unit = kMonths == 12      ? "years"
                     : kMonths == 120   ? "decades"
                     : kMonths == 1200  ? "centuries"
                     : kMonths == 12000 ? "millennia"
                     : kMonths == 1     ? "months"
                     : kDays == 7       ? "weeks"
                                        : "days";
  return OutOfRangeError("Interval value ", bad, " ", unit, " out of range");
}

template <int64_t kMicrosPerUnit>
Status ToTimeInterval(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<int64_t, Interval>(
      args.column(0), result, args.size(), [](int64_t n, Interval* out) {
        *out = Interval{};
        return !__builtin_mul_overflow(n, kMicrosPerUnit, &out->micros);
      });
  return ok ? Status() : OutOfRangeError("Interval value out of range");
}

template <int64_t kMicrosPerUnit>
Status ToFractionalInterval(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<double, Interval>(
      args.column(0), result, args.size(), [](double v, Interval* out) {
        double micros = std::round(v * static_cast<double>(kMicrosPerUnit));
        if (!std::isfinite(micros) || std::fabs(micros) >= 9.2e18) return false;
        *out = Interval{0, 0, static_cast<int64_t>(micros)};
        return true;
      });
  return ok ? Status() : OutOfRangeError("Interval value out of range");
}

void Add(FunctionRegistry& registry, const char* name, std::vector<LogicalType> arguments,
         LogicalType result, ScalarFunctionBody body) {
  registry.AddScalar(ScalarFunction{name, std::move(arguments), result, body});
}

}  // namespace

void RegisterDateArithmeticFunctions(FunctionRegistry& registry) {
  const LogicalType integer = LogicalType::Integer();
  const LogicalType big = LogicalType::BigInt();
  const LogicalType dbl = LogicalType::Double();
  Add(registry, "+", {kDate, integer}, kDate, DateInteger<true>);
  Add(registry, "+", {integer, kDate}, kDate, IntegerPlusDate);
  Add(registry, "-", {kDate, integer}, kDate, DateInteger<false>);
  Add(registry, "-", {kDate, kDate}, big, DateMinusDate);
  Add(registry, "+", {kDate, kInterval}, kTimestamp, DateInterval<true>);
  Add(registry, "+", {kInterval, kDate}, kTimestamp, IntervalPlusDate);
  Add(registry, "-", {kDate, kInterval}, kTimestamp, DateInterval<false>);
  Add(registry, "+", {kDate, kTime}, kTimestamp, DatePlusTime<true>);
  Add(registry, "+", {kTime, kDate}, kTimestamp, DatePlusTime<false>);
  Add(registry, "+", {kTimestamp, kInterval}, kTimestamp, TimestampInterval<true>);
  Add(registry, "+", {kInterval, kTimestamp}, kTimestamp, IntervalPlusTimestamp);
  Add(registry, "-", {kTimestamp, kInterval}, kTimestamp, TimestampInterval<false>);
  Add(registry, "-", {kTimestamp, kTimestamp}, kInterval, TimestampMinusTimestamp);
  Add(registry, "+", {kTime, kInterval}, kTime, TimeInterval<true>);
  Add(registry, "+", {kInterval, kTime}, kTime, IntervalPlusTime);
  Add(registry, "-", {kTime, kInterval}, kTime, TimeInterval<false>);
  Add(registry, "-", {kTime, kTime}, kInterval, TimeMinusTime);
  Add(registry, "+", {kInterval, kInterval}, kInterval, IntervalInterval<true>);
  Add(registry, "-", {kInterval, kInterval}, kInterval, IntervalInterval<false>);
  Add(registry, "-", {kInterval}, kInterval, IntervalNegate);
  Add(registry, "*", {kInterval, big}, kInterval, IntervalTimesInteger);
  Add(registry, "*", {big, kInterval}, kInterval, IntegerTimesInterval);
  Add(registry, "*", {kInterval, dbl}, kInterval, IntervalTimesDouble);
  Add(registry, "*", {dbl, kInterval}, kInterval, DoubleTimesInterval);
  Add(registry, "/", {kInterval, dbl}, kInterval, IntervalDivideDouble);
  Add(registry, "date_add", {kDate, kInterval}, kTimestamp, DateInterval<true>);
  Add(registry, "date_add", {kTimestamp, kInterval}, kTimestamp, TimestampInterval<true>);
  Add(registry, "age", {kTimestamp, kTimestamp}, kInterval, AgeBody);
  Add(registry, "age", {kTimestamp}, kInterval, AgeFromNow);

  Add(registry, "to_millennia", {integer}, kInterval, ToCalendarInterval<12000, 0>);
  Add(registry, "to_centuries", {integer}, kInterval, ToCalendarInterval<1200, 0>);
  Add(registry, "to_decades", {integer}, kInterval, ToCalendarInterval<120, 0>);
  Add(registry, "to_years", {integer}, kInterval, ToCalendarInterval<12, 0>);
  Add(registry, "to_quarters", {integer}, kInterval, ToCalendarInterval<3, 0>);
  Add(registry, "to_months", {integer}, kInterval, ToCalendarInterval<1, 0>);
  Add(registry, "to_weeks", {integer}, kInterval, ToCalendarInterval<0, 7>);
  Add(registry, "to_days", {integer}, kInterval, ToCalendarInterval<0, 1>);
  Add(registry, "to_hours", {big}, kInterval, ToTimeInterval<kMicrosPerHour>);
  Add(registry, "to_minutes", {big}, kInterval, ToTimeInterval<kMicrosPerMinute>);
  Add(registry, "to_seconds", {dbl}, kInterval, ToFractionalInterval<kMicrosPerSecond>);
  Add(registry, "to_milliseconds", {dbl}, kInterval, ToFractionalInterval<1000>);
  Add(registry, "to_microseconds", {big}, kInterval, ToTimeInterval<1>);
}

}  // namespace fluxdb
