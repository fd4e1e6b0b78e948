#include "execution/function/date_part.h"

#include <cctype>
#include <string>

namespace fluxdb {

namespace {

struct PartName {
  const char* name;
  DatePart part;
};

constexpr PartName kPartNames[] = {
    {"year", DatePart::kYear},
    {"y", DatePart::kYear},
    {"yr", DatePart::kYear},
    {"yrs", DatePart::kYear},
    {"years", DatePart::kYear},
    {"month", DatePart::kMonth},
    {"mon", DatePart::kMonth},
    {"mons", DatePart::kMonth},
    {"months", DatePart::kMonth},
    {"day", DatePart::kDay},
    {"d", DatePart::kDay},
    {"days", DatePart::kDay},
    {"dayofmonth", DatePart::kDay},
    {"decade", DatePart::kDecade},
    {"dec", DatePart::kDecade},
    {"decades", DatePart::kDecade},
    {"decs", DatePart::kDecade},
    {"century", DatePart::kCentury},
    {"cent", DatePart::kCentury},
    {"centuries", DatePart::kCentury},
    {"c", DatePart::kCentury},
    {"millennium", DatePart::kMillennium},
    {"mil", DatePart::kMillennium},
    {"millenniums", DatePart::kMillennium},
    {"millennia", DatePart::kMillennium},
    {"mils", DatePart::kMillennium},
    {"millenium", DatePart::kMillennium},
    {"microsecond", DatePart::kMicrosecond},
    {"microseconds", DatePart::kMicrosecond},
    {"us", DatePart::kMicrosecond},
    {"usec", DatePart::kMicrosecond},
    {"usecs", DatePart::kMicrosecond},
    {"usecond", DatePart::kMicrosecond},
    {"useconds", DatePart::kMicrosecond},
    {"millisecond", DatePart::kMillisecond},
    {"milliseconds", DatePart::kMillisecond},
    {"ms", DatePart::kMillisecond},
    {"msec", DatePart::kMillisecond},
    {"msecs", DatePart::kMillisecond},
    {"msecond", DatePart::kMillisecond},
    {"mseconds", DatePart::kMillisecond},
    {"second", DatePart::kSecond},
    {"seconds", DatePart::kSecond},
    {"s", DatePart::kSecond},
    {"sec", DatePart::kSecond},
    {"secs", DatePart::kSecond},
    {"minute", DatePart::kMinute},
    {"minutes", DatePart::kMinute},
    {"m", DatePart::kMinute},
    {"min", DatePart::kMinute},
    {"mins", DatePart::kMinute},
    {"hour", DatePart::kHour},
    {"hours", DatePart::kHour},
    {"h", DatePart::kHour},
    {"hr", DatePart::kHour},
    {"hrs", DatePart::kHour},
    {"epoch", DatePart::kEpoch},
    {"dow", DatePart::kDayOfWeek},
    {"dayofweek", DatePart::kDayOfWeek},
    {"weekday", DatePart::kDayOfWeek},
    {"isodow", DatePart::kIsoDayOfWeek},
    {"week", DatePart::kWeek},
    {"weeks", DatePart::kWeek},
    {"w", DatePart::kWeek},
    {"weekofyear", DatePart::kWeek},
    {"doy", DatePart::kDayOfYear},
    {"dayofyear", DatePart::kDayOfYear},
    {"quarter", DatePart::kQuarter},
    {"quarters", DatePart::kQuarter},
    {"yearweek", DatePart::kYearWeek},
    {"isoyear", DatePart::kIsoYear},
    {"era", DatePart::kEra},
    {"julian", DatePart::kJulian},
    {"timezone", DatePart::kTimezone},
    {"timezone_hour", DatePart::kTimezoneHour},
    {"timezone_minute", DatePart::kTimezoneMinute},
};

constexpr const char* kCanonicalNames[kDatePartCount] = {
    "year",         "month",        "day",     "decade",   "century",       "millennium",
    "microseconds", "milliseconds", "seconds", "minute",   "hour",          "epoch",
    "dow",          "isodow",       "week",    "doy",      "quarter",       "yearweek",
    "isoyear",      "era",          "julian",  "timezone", "timezone_hour", "timezone_minute"};

int64_t Decade(int64_t year) { return year / 10; }
int64_t Century(int64_t year) { return year > 0 ? (year - 1) / 100 + 1 : year / 100 - 1; }
int64_t Millennium(int64_t year) { return year > 0 ? (year - 1) / 1000 + 1 : year / 1000 - 1; }

}  // namespace

std::optional<DatePart> ParseDatePart(std::string_view specifier) {
  std::string lower;
  lower.reserve(specifier.size());
  for (char c : specifier) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& entry : kPartNames) {
    if (lower == entry.name) return entry.part;
  }
  return std::nullopt;
}

StatusOr<DatePart> ParseDatePartOrError(std::string_view specifier) {
  auto part = ParseDatePart(specifier);
  if (!part) return ConversionError("extract specifier \"", specifier, "\" not recognized");
  return *part;
}

const char* DatePartName(DatePart part) { return kCanonicalNames[static_cast<int>(part)]; }

namespace date_part {

int32_t DayOfYear(int64_t days) {
  CivilDate c = date_time::CivilFromDays(days);
  return static_cast<int32_t>(days - date_time::DaysFromCivil(c.year, 1, 1) + 1);
}

int32_t IsoWeek(int64_t days, int32_t* iso_year) {
  // The week belongs to the year of its Thursday.
  int64_t thursday = days - date_time::IsoDayOfWeek(days) + 4;
  CivilDate c = date_time::CivilFromDays(thursday);
  if (iso_year != nullptr) *iso_year = c.year;
  int64_t doy = thursday - date_time::DaysFromCivil(c.year, 1, 1);
  return static_cast<int32_t>(doy / 7 + 1);
}

int64_t FromDate(DatePart part, int32_t days) {
  switch (part) {
    case DatePart::kYear:
      return date_time::CivilFromDays(days).year;
    case DatePart::kMonth:
      return date_time::CivilFromDays(days).month;
    case DatePart::kDay:
      return date_time::CivilFromDays(days).day;
    case DatePart::kDecade:
      return Decade(date_time::CivilFromDays(days).year);
    case DatePart::kCentury:
      return Century(date_time::CivilFromDays(days).year);
    case DatePart::kMillennium:
      return Millennium(date_time::CivilFromDays(days).year);
    case DatePart::kQuarter:
      return (date_time::CivilFromDays(days).month - 1) / 3 + 1;
    case DatePart::kDayOfWeek:
      return date_time::IsoDayOfWeek(days) % 7;
    case DatePart::kIsoDayOfWeek:
      return date_time::IsoDayOfWeek(days);
    case DatePart::kDayOfYear:
      return DayOfYear(days);
    case DatePart::kWeek:
      return IsoWeek(days, nullptr);
    case DatePart::kIsoYear: {
      int32_t year;
      IsoWeek(days, &year);
      return year;
    }
    case DatePart::kYearWeek: {
      int32_t year;
      int32_t week = IsoWeek(days, &year);
      return year < 0 ? static_cast<int64_t>(year) * 100 - week
                      : static_cast<int64_t>(year) * 100 + week;
    }
    case DatePart::kEra:
      return date_time::CivilFromDays(days).year > 0 ? 1 : 0;
    case DatePart::kEpoch:
      return static_cast<int64_t>(days) * 86400;
    case DatePart::kJulian:
      return static_cast<int64_t>(days) + 2440588;
    default:  // time-of-day fields and time zones: 0 for a DATE
      return 0;
  }
}

int64_t FromTimestamp(DatePart part, int64_t micros) {
  int32_t days;
  int64_t time;
  date_time::SplitTimestamp(micros, &days, &time);
  switch (part) {
    case DatePart::kMicrosecond:
    case DatePart::kMillisecond:
    case DatePart::kSecond:
    case DatePart::kMinute:
    case DatePart::kHour: {
      int64_t out = 0;
      FromTime(part, time, &out);
      return out;
    }
    case DatePart::kEpoch:
      return FloorDiv(micros, kMicrosPerSecond);
    default:
      return FromDate(part, days);
  }
}

bool FromTime(DatePart part, int64_t micros, int64_t* out) {
  switch (part) {
    case DatePart::kMicrosecond:
      *out = micros % kMicrosPerMinute;
      return true;
    case DatePart::kMillisecond:
      *out = micros % kMicrosPerMinute / 1000;
      return true;
    case DatePart::kSecond:
      *out = micros % kMicrosPerMinute / kMicrosPerSecond;
      return true;
    case DatePart::kMinute:
      *out = micros % kMicrosPerHour / kMicrosPerMinute;
      return true;
    case DatePart::kHour:
      *out = micros / kMicrosPerHour;
      return true;
    case DatePart::kEpoch:
      *out = micros / kMicrosPerSecond;
      return true;
    case DatePart::kTimezone:
    case DatePart::kTimezoneHour:
    case DatePart::kTimezoneMinute:
      *out = 0;
      return true;
    default:
      return false;
  }
}

bool FromInterval(DatePart part, const Interval& v, int64_t* out) {
  int64_t years = v.months / 12;
  switch (part) {
    case DatePart::kYear:
      *out = years;
      return true;
    case DatePart::kMonth:
      *out = v.months % 12;
      return true;
    case DatePart::kDay:
      *out = v.days;
      return true;
    case DatePart::kDecade:
      *out = years / 10;
      return true;
    case DatePart::kCentury:
      *out = years / 100;
      return true;
    case DatePart::kMillennium:
      *out = years / 1000;
      return true;
    case DatePart::kQuarter:
      *out = v.months % 12 / 3 + 1;
      return true;
    case DatePart::kMicrosecond:
      *out = v.micros % kMicrosPerMinute;
      return true;
    case DatePart::kMillisecond:
      *out = v.micros % kMicrosPerMinute / 1000;
      return true;
    case DatePart::kSecond:
      *out = v.micros % kMicrosPerMinute / kMicrosPerSecond;
      return true;
    case DatePart::kMinute:
      *out = v.micros % kMicrosPerHour / kMicrosPerMinute;
      return true;
    case DatePart::kHour:
      *out = v.micros / kMicrosPerHour;
      return true;
    case DatePart::kEpoch:
      *out = static_cast<int64_t>(EpochFromInterval(v));
      return true;
    default:
      return false;
  }
}

double EpochFromDate(int32_t days) { return static_cast<double>(days) * 86400.0; }
double EpochFromTimestamp(int64_t micros) {
  return static_cast<double>(micros) / static_cast<double>(kMicrosPerSecond);
}
double EpochFromInterval(const Interval& v) {
  int64_t years = v.months / 12;
  int64_t months = v.months % 12;
  double days = static_cast<double>(years) * 365.25 + static_cast<double>(months) * 30.0 +
                static_cast<double>(v.days);
  return days * 86400.0 + static_cast<double>(v.micros) / static_cast<double>(kMicrosPerSecond);
}

double JulianFromDate(int32_t days) { return static_cast<double>(days) + 2440588.0; }
double JulianFromTimestamp(int64_t micros) {
  int32_t days;
  int64_t time;
  date_time::SplitTimestamp(micros, &days, &time);
  return JulianFromDate(days) + static_cast<double>(time) / static_cast<double>(kMicrosPerDay);
}

int64_t AddMonths(int32_t days, int64_t months) {
  CivilDate c = date_time::CivilFromDays(days);
  int64_t total = static_cast<int64_t>(c.year) * 12 + (c.month - 1) + months;
  int64_t year = FloorDiv(total, 12);
  int32_t month = static_cast<int32_t>(total - year * 12) + 1;
  int32_t day = std::min(c.day, date_time::DaysInMonth(year, month));
  return date_time::DaysFromCivil(year, month, day);
}

int64_t AddInterval(int64_t timestamp, const Interval& interval) {
  if (interval.months != 0) {
    int32_t days;
    int64_t time;
    date_time::SplitTimestamp(timestamp, &days, &time);
    timestamp = AddMonths(days, interval.months) * kMicrosPerDay + time;
  }
  return timestamp + static_cast<int64_t>(interval.days) * kMicrosPerDay + interval.micros;
}

}  // namespace date_part
}  // namespace fluxdb
