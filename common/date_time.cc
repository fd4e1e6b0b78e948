#include "common/date_time.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace fluxdb::date_time {

int64_t DaysFromCivil(int64_t y, int32_t m, int32_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                   // [0, 399]
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int32_t d = static_cast<int32_t>(doy - (153 * mp + 2) / 5 + 1);
  const int32_t m = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{static_cast<int32_t>(y + (m <= 2)), m, d};
}

bool IsLeapYear(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t DaysInMonth(int64_t year, int32_t month) {
  static constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool IsValidDate(int64_t year, int32_t month, int32_t day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

int32_t IsoDayOfWeek(int64_t days) {
  // 1970-01-01 was a Thursday (ISO 4).
  int64_t dow = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int32_t>(dow + 1);
}

namespace {

struct Cursor {
  std::string_view s;
  size_t pos = 0;
  bool AtEnd() const { return pos >= s.size(); }
  char Peek() const { return AtEnd() ? '\0' : s[pos]; }
  void SkipSpaces() {
    while (!AtEnd() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) pos++;
  }
  bool ReadNumber(int64_t* out, int max_digits) {
    size_t start = pos;
    int64_t value = 0;
    while (!AtEnd() && s[pos] >= '0' && s[pos] <= '9' && static_cast<int>(pos - start) < max_digits) {
      value = value * 10 + (s[pos] - '0');
      pos++;
    }
    *out = value;
    return pos > start;
  }
  bool Consume(char c) {
    if (Peek() != c) return false;
    pos++;
    return true;
  }
  bool ConsumeWord(std::string_view word) {
    if (s.substr(pos, word.size()) != word) return false;
    pos += word.size();
    return true;
  }
};

bool ParseDateParts(Cursor& c, int64_t* days) {
  bool negative = c.Consume('-');
  int64_t year, month, day;
  if (!c.ReadNumber(&year, 9)) return false;
  char sep = c.Peek();
  if (sep != '-' && sep != '/' && sep != '.') return false;
  c.pos++;
  if (!c.ReadNumber(&month, 2)) return false;
  if (!c.Consume(sep)) return false;
  if (!c.ReadNumber(&day, 2)) return false;
  // A trailing " (BC)" or " BC" means the year counts backwards; 1 BC is year 0.
  size_t save = c.pos;
  c.SkipSpaces();
  if (c.ConsumeWord("(BC)") || c.ConsumeWord("BC")) {
    if (negative || year == 0) return false;
    year = -(year - 1);
  } else {
    c.pos = save;
  }
  if (negative) year = -year;
  if (!IsValidDate(year, static_cast<int32_t>(month), static_cast<int32_t>(day))) return false;
  *days = DaysFromCivil(year, static_cast<int32_t>(month), static_cast<int32_t>(day));
  return true;
}

bool ParseTimeParts(Cursor& c, int64_t* micros) {
  int64_t hour, minute, second = 0, frac = 0;
  if (!c.ReadNumber(&hour, 2)) return false;
  if (!c.Consume(':')) return false;
  if (!c.ReadNumber(&minute, 2)) return false;
  if (c.Consume(':')) {
    if (!c.ReadNumber(&second, 2)) return false;
    if (c.Consume('.')) {
      int digits = 0;
      while (!c.AtEnd() && c.Peek() >= '0' && c.Peek() <= '9') {
        if (digits < 6) {
          frac = frac * 10 + (c.Peek() - '0');
          digits++;
        }
        c.pos++;
      }
      if (digits == 0) return false;
      for (; digits < 6; digits++) frac *= 10;
    }
  }
  if (hour > 24 || minute > 59 || second > 60) return false;
  if (hour == 24 && (minute != 0 || second != 0 || frac != 0)) return false;
  *micros = hour * kMicrosPerHour + minute * kMicrosPerMinute + second * kMicrosPerSecond + frac;
  return true;
}

// Accepts a trailing UTC offset ("+00", "+00:00", "Z") and applies it.
bool ParseOffset(Cursor& c, int64_t* offset_micros) {
  *offset_micros = 0;
  c.SkipSpaces();
  if (c.Consume('Z') || c.ConsumeWord("UTC")) return true;
  char sign = c.Peek();
  if (sign != '+' && sign != '-') return true;
  c.pos++;
  int64_t hours, minutes = 0;
  if (!c.ReadNumber(&hours, 2)) return false;
  if (c.Consume(':')) {
    if (!c.ReadNumber(&minutes, 2)) return false;
  } else {
    c.ReadNumber(&minutes, 2);
  }
  *offset_micros = (hours * kMicrosPerHour + minutes * kMicrosPerMinute) * (sign == '+' ? 1 : -1);
  return true;
}

}  // namespace

std::optional<int32_t> ParseDate(std::string_view text) {
  Cursor c{text};
  c.SkipSpaces();
  int64_t days;
  if (!ParseDateParts(c, &days)) return std::nullopt;
  c.SkipSpaces();
  if (!c.AtEnd()) return std::nullopt;
  if (days < kMinDate || days > kMaxDate) return std::nullopt;
  return static_cast<int32_t>(days);
}

std::optional<int64_t> ParseTime(std::string_view text) {
  Cursor c{text};
  c.SkipSpaces();
  int64_t micros;
  if (!ParseTimeParts(c, &micros)) return std::nullopt;
  c.SkipSpaces();
  if (!c.AtEnd()) return std::nullopt;
  return micros;
}

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  Cursor c{text};
  c.SkipSpaces();
  int64_t days;
  if (!ParseDateParts(c, &days)) return std::nullopt;
  int64_t time = 0;
  if (c.Consume('T') || c.Consume(' ')) {
    c.SkipSpaces();
    if (!c.AtEnd()) {
      if (!ParseTimeParts(c, &time)) return std::nullopt;
      int64_t offset;
      if (!ParseOffset(c, &offset)) return std::nullopt;
      time -= offset;
    }
  }
  c.SkipSpaces();
  if (!c.AtEnd()) return std::nullopt;
  int128_t result = static_cast<int128_t>(days) * kMicrosPerDay + time;
  if (result > INT64_MAX - 1 || result < INT64_MIN + 1) return std::nullopt;
  return static_cast<int64_t>(result);
}

std::string FormatDate(int32_t days) {
  if (days == kDateInfinity) return "infinity";
  if (days == -kDateInfinity) return "-infinity";
  CivilDate d = CivilFromDays(days);
  if (d.year <= 0) {
    return absl::StrFormat("%04d-%02d-%02d (BC)", -d.year + 1, d.month, d.day);
  }
  return absl::StrFormat("%04d-%02d-%02d", d.year, d.month, d.day);
}

CivilTime CivilFromTimeMicros(int64_t micros) {
  CivilTime t;
  t.hour = static_cast<int32_t>(micros / kMicrosPerHour);
  micros %= kMicrosPerHour;
  t.minute = static_cast<int32_t>(micros / kMicrosPerMinute);
  micros %= kMicrosPerMinute;
  t.second = static_cast<int32_t>(micros / kMicrosPerSecond);
  t.micros = static_cast<int32_t>(micros % kMicrosPerSecond);
  return t;
}

std::string FormatTime(int64_t micros) {
  CivilTime t = CivilFromTimeMicros(micros);
  std::string result = absl::StrFormat("%02d:%02d:%02d", t.hour, t.minute, t.second);
  if (t.micros != 0) {
    std::string frac = absl::StrFormat("%06d", t.micros);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    absl::StrAppend(&result, ".", frac);
  }
  return result;
}

void SplitTimestamp(int64_t micros, int32_t* days, int64_t* time_micros) {
  int64_t d = micros / kMicrosPerDay;
  int64_t t = micros % kMicrosPerDay;
  if (t < 0) {
    t += kMicrosPerDay;
    d -= 1;
  }
  *days = static_cast<int32_t>(d);
  *time_micros = t;
}

std::string FormatTimestamp(int64_t micros) {
  if (micros == kTimestampInfinity) return "infinity";
  if (micros == -kTimestampInfinity) return "-infinity";
  int32_t days;
  int64_t time;
  SplitTimestamp(micros, &days, &time);
  // DuckDB prints the era after the date: "0044-03-15 (BC) 10:00:00".
  return absl::StrCat(FormatDate(days), " ", FormatTime(time));
}

std::string FormatInterval(const Interval& interval) {
  std::string result;
  auto append = [&](int64_t value, const char* unit) {
    if (value == 0) return;
    if (!result.empty()) result += " ";
    absl::StrAppend(&result, value, " ", unit, (value == 1 || value == -1) ? "" : "s");
  };
  append(interval.months / 12, "year");
  append(interval.months % 12, "month");
  append(interval.days, "day");
  if (interval.micros != 0) {
    if (!result.empty()) result += " ";
    int64_t micros = interval.micros;
    if (micros < 0) {
      result += "-";
      micros = -micros;
    }
    int64_t hours = micros / kMicrosPerHour;
    micros %= kMicrosPerHour;
    absl::StrAppend(&result, absl::StrFormat("%02d:%02d:%02d", hours, micros / kMicrosPerMinute,
                                             (micros % kMicrosPerMinute) / kMicrosPerSecond));
    int64_t frac = micros % kMicrosPerSecond;
    if (frac != 0) {
      std::string f = absl::StrFormat("%06d", frac);
      while (!f.empty() && f.back() == '0') f.pop_back();
      absl::StrAppend(&result, ".", f);
    }
  }
  if (result.empty()) result = "00:00:00";
  return result;
}

}  // namespace fluxdb::date_time
