// DatePart: the field names of date_part / date_trunc / date_diff ('year', 'month', 'dow' ...)
// and the calendar arithmetic behind them, shared by the date/time function files.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/date_time.h"
#include "common/status.h"
#include "common/types.h"

namespace fluxdb {

enum class DatePart : uint8_t {
  kYear,
  kMonth,
  kDay,
  kDecade,
  kCentury,
  kMillennium,
  kMicrosecond,
  kMillisecond,
  kSecond,
  kMinute,
  kHour,
  kEpoch,
  kDayOfWeek,     // 0 = Sunday
  kIsoDayOfWeek,  // 1 = Monday .. 7 = Sunday
  kWeek,          // ISO week
  kDayOfYear,
  kQuarter,
  kYearWeek,  // ISO year * 100 + ISO week
  kIsoYear,
  kEra,
  kJulian,
  kTimezone,
  kTimezoneHour,
  kTimezoneMinute,
};
inline constexpr int kDatePartCount = static_cast<int>(DatePart::kTimezoneMinute) + 1;

/// The part a specifier names (case-insensitive, with DuckDB's aliases), or nullopt.
std::optional<DatePart> ParseDatePart(std::string_view specifier);
/// Like ParseDatePart, but an unknown name is DuckDB's Conversion Error.
StatusOr<DatePart> ParseDatePartOrError(std::string_view specifier);
/// DuckDB's name of a part for error messages ("year", "dow" ...).
const char* DatePartName(DatePart part);
/// epoch and julian are DOUBLE; every other part is BIGINT.
inline bool DatePartIsDouble(DatePart part) {
  return part == DatePart::kEpoch || part == DatePart::kJulian;
}

namespace date_part {

/// Fields of DATE values (days since 1970-01-01). Parts of the time of day are 0.
int64_t FromDate(DatePart part, int32_t days);
/// Fields of TIMESTAMP values (micros since 1970-01-01).
int64_t FromTimestamp(DatePart part, int64_t micros);
/// Fields of TIME values; false for date fields (which a TIME does not have).
bool FromTime(DatePart part, int64_t micros, int64_t* out);
/// Fields of INTERVALs; false for the fields an interval does not have (dow, week ...).
bool FromInterval(DatePart part, const Interval& interval, int64_t* out);

double EpochFromDate(int32_t days);
double EpochFromTimestamp(int64_t micros);
/// Seconds in an interval, a year counting 365.25 days and a month 30 (DuckDB's epoch).
double EpochFromInterval(const Interval& interval);
double JulianFromDate(int32_t days);
double JulianFromTimestamp(int64_t micros);

/// ISO 8601 week number (1..53) and the ISO year it belongs to.
int32_t IsoWeek(int64_t days, int32_t* iso_year);
int32_t DayOfYear(int64_t days);
/// Floor division, for dates before 1970.
inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// Adds `months` calendar months to a date, clamping the day to the end of the month.
int64_t AddMonths(int32_t days, int64_t months);
/// TIMESTAMP + INTERVAL (months by the calendar, then days, then microseconds).
int64_t AddInterval(int64_t timestamp, const Interval& interval);

}  // namespace date_part
}  // namespace fluxdb
