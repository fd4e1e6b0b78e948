// Calendar arithmetic and text forms of DATE, TIME, TIMESTAMP and INTERVAL.
//
// DATE is days since 1970-01-01 (int32), TIME microseconds since midnight (int64), TIMESTAMP
// microseconds since 1970-01-01 00:00:00 (int64), all in the proleptic Gregorian calendar.
// Conversions use the days-from-civil algorithm (H. Hinnant), exact for every representable date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/types.h"

namespace fluxdb {

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

struct CivilDate {
  int32_t year;
  int32_t month;  // 1..12
  int32_t day;    // 1..31
};

struct CivilTime {
  int32_t hour;
  int32_t minute;
  int32_t second;
  int32_t micros;
};

namespace date_time {

int64_t DaysFromCivil(int64_t year, int32_t month, int32_t day);
CivilDate CivilFromDays(int64_t days);
bool IsLeapYear(int64_t year);
int32_t DaysInMonth(int64_t year, int32_t month);
bool IsValidDate(int64_t year, int32_t month, int32_t day);
/// ISO day of week: 1 = Monday .. 7 = Sunday.
int32_t IsoDayOfWeek(int64_t days);

/// DATE range accepted by FluxDB: 5877642-06-25 (BC) .. 5881580-07-10, as DuckDB.
inline constexpr int32_t kMinDate = -2147483646;
inline constexpr int32_t kMaxDate = 2147483646;
/// DuckDB's 'infinity' / '-infinity' dates and timestamps (negated for -infinity).
inline constexpr int32_t kDateInfinity = 2147483647;
inline constexpr int64_t kTimestampInfinity = 9223372036854775807LL;

/// Parses 'YYYY-MM-DD' (optionally followed by ' (BC)'); nullopt when malformed or out of range.
std::optional<int32_t> ParseDate(std::string_view text);
/// Parses 'HH:MM[:SS[.ffffff]]'.
std::optional<int64_t> ParseTime(std::string_view text);
/// Parses 'YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]]' or a bare date.
std::optional<int64_t> ParseTimestamp(std::string_view text);

std::string FormatDate(int32_t days);
std::string FormatTime(int64_t micros);
std::string FormatTimestamp(int64_t micros);
std::string FormatInterval(const Interval& interval);

/// Splits a timestamp into its date and time-of-day parts (floor division).
void SplitTimestamp(int64_t micros, int32_t* days, int64_t* time_micros);
CivilTime CivilFromTimeMicros(int64_t micros);

}  // namespace date_time
}  // namespace fluxdb
