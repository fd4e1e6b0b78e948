// strftime(x, format) / strftime(format, x) and strptime(text, format) / try_strptime with
// DuckDB's % specifiers:
//   %a %A weekday name, %w weekday (0 = Sunday), %u ISO weekday, %d %-d day, %b %h %B month name,
//   %m %-m month, %y %-y two-digit year, %Y year, %G ISO year, %H %-H %I %-I hour, %p AM/PM,
//   %M %-M minute, %S %-S second, %f microseconds, %g milliseconds, %n nanoseconds, %z offset
//   (+00), %Z zone name (empty), %j %-j day of year, %U %W week of year, %V ISO week,
//   %c %x %X date-time / date / time, %% a percent sign.
// A constant format is parsed once at bind time.
#include <string>
#include <vector>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/constant_argument.h"
#include "execution/function/date_part.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

constexpr const char* kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

// One element of a parsed format: a literal or a specifier character ('-' prefixed ones are
// stored with `no_padding`).
struct FormatItem {
  char specifier = 0;  // 0: literal
  bool no_padding = false;
  std::string literal;
};

Status ParseFormat(std::string_view format, std::vector<FormatItem>* items) {
  items->clear();
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) {
      FormatItem item;
      item.literal = literal;
      items->push_back(std::move(item));
      literal.clear();
    }
  };
  static constexpr std::string_view kKnown = "aAwudbhBmyYGHIpMSfgnzZjUWVcxX";
  static constexpr std::string_view kUnpadded = "dmyHIMSj";
  for (size_t i = 0; i < format.size(); i++) {
    if (format[i] != '%') {
      literal += format[i];
      continue;
    }
    if (i + 1 >= format.size()) {
      return InvalidInputError("Failed to parse format specifier ", format,
                               ": Trailing format character %");
    }
    char c = format[++i];
    if (c == '%') {
      literal += '%';
      continue;
    }
    bool no_padding = false;
    if (c == '-' && i + 1 < format.size() &&
        kUnpadded.find(format[i + 1]) != std::string_view::npos) {
      no_padding = true;
      c = format[++i];
    }
    if (kKnown.find(c) == std::string_view::npos) {
      return InvalidInputError("Failed to parse format specifier ", format,
                               ": Unrecognized format for strftime/strptime: %", std::string(1, c));
    }
    flush();
    if (c == 'c' || c == 'x' || c == 'X') {
      std::vector<FormatItem> expanded;
      FLUX_RETURN_IF_ERROR(ParseFormat(c == 'c'   ? "%Y-%m-%d %H:%M:%S"
                                       : c == 'x' ? "%Y-%m-%d"
                                                  : "%H:%M:%S",
                                       &expanded));
      items->insert(items->end(), expanded.begin(), expanded.end());
      continue;
    }
    FormatItem item;
    item.specifier = c;
    item.no_padding = no_padding;
    items->push_back(item);
  }
  flush();
  return Status();
}

// Appends v in decimal, zero-padded to `width` digits unless no_padding (no snprintf: this runs
// per field per row).
void AppendNumber(std::string* out, int64_t v, int width, bool no_padding) {
  char buffer[24];
  int n = 0;
  uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  do {
    buffer[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (v < 0) out->push_back('-');
  if (!no_padding) {
    for (int k = n; k < width; k++) out->push_back('0');
  }
  while (n > 0) out->push_back(buffer[--n]);
}

void Format(const std::vector<FormatItem>& items, int64_t micros, std::string* out) {
  out->clear();
  int32_t days;
  int64_t time;
  date_time::SplitTimestamp(micros, &days, &time);
  CivilDate c = date_time::CivilFromDays(days);
  CivilTime t = date_time::CivilFromTimeMicros(time);
  int weekday = date_time::IsoDayOfWeek(days) % 7;  // 0 = Sunday
  for (const auto& item : items) {
    if (item.specifier == 0) {
      out->append(item.literal);
      continue;
    }
    bool np = item.no_padding;
    switch (item.specifier) {
      case 'a':
        out->append(kDayNames[weekday], 3);
        break;
      case 'A':
        out->append(kDayNames[weekday]);
        break;
      case 'w':
        AppendNumber(out, weekday, 0, true);
        break;
      case 'u':
        AppendNumber(out, weekday == 0 ? 7 : weekday, 0, true);
        break;
      case 'd':
        AppendNumber(out, c.day, 2, np);
        break;
      case 'b':
      case 'h':
        out->append(kMonthNames[c.month - 1], 3);
        break;
      case 'B':
        out->append(kMonthNames[c.month - 1]);
        break;
      case 'm':
        AppendNumber(out, c.month, 2, np);
        break;
      case 'y':
        AppendNumber(out, ((c.year % 100) + 100) % 100, 2, np);
        break;
      case 'Y':
        if (c.year < 0) {
          AppendNumber(out, c.year, 0, true);
        } else {
          AppendNumber(out, c.year, 4, false);
        }
        break;
      case 'G': {
        int32_t iso_year;
        date_part::IsoWeek(days, &iso_year);
        AppendNumber(out, iso_year, iso_year < 0 ? 0 : 4, iso_year < 0);
        break;
      }
      case 'H':
        AppendNumber(out, t.hour, 2, np);
        break;
      case 'I': {
        int h = t.hour % 12;
        AppendNumber(out, h == 0 ? 12 : h, 2, np);
        break;
      }
      case 'p':
        out->append(t.hour < 12 ? "AM" : "PM");
        break;
      case 'M':
        AppendNumber(out, t.minute, 2, np);
        break;
      case 'S':
        AppendNumber(out, t.second, 2, np);
        break;
      case 'f':
      case 'n':
        AppendNumber(out, t.micros, 6, false);
        break;
      case 'g':
        AppendNumber(out, t.micros / 1000, 3, false);
        break;
      case 'z':
        out->append("+00");
        break;
      case 'Z':
        break;
      case 'j':
        AppendNumber(out, date_part::DayOfYear(days), 3, np);
        break;
      case 'U':
        AppendNumber(out, (date_part::DayOfYear(days) - 1 + 7 - weekday) / 7, 2, false);
        break;
      case 'W':
        AppendNumber(out, (date_part::DayOfYear(days) - 1 + 7 - (weekday + 6) % 7) / 7, 2, false);
        break;
      case 'V':
        AppendNumber(out, date_part::IsoWeek(days, nullptr), 2, false);
        break;
      default:
        break;
    }
  }
}

struct FormatData : FunctionData {
  bool constant = false;
  std::vector<FormatItem> items;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<FormatData>(*this);
  }
};

// Binds a format argument at `index`, which must be a constant (as in DuckDB): parsed now.
Status BindFormatArgument(BoundExpression& expr, idx_t index, const char* name) {
  auto data = std::make_unique<FormatData>();
  FLUX_ASSIGN_OR_RETURN(auto format, ConstantArgument(*expr.children[index]));
  if (!format) return InvalidInputError(name, " format must be a constant");
  if (!format->is_null()) {
    FLUX_RETURN_IF_ERROR(ParseFormat(format->GetString(), &data->items));
    data->constant = true;
  }
  expr.bind_data = std::move(data);
  return Status();
}

template <idx_t kFormatIndex>
Status BindStrftime(BoundExpression& expr) {
  return BindFormatArgument(expr, kFormatIndex, "strftime");
}

Status BindStrptime(BoundExpression& expr) { return BindFormatArgument(expr, 1, "strptime"); }

// strftime over a DATE (T = int32_t) or TIMESTAMP (int64_t) column.
template <typename T, bool kFormatFirst>
Status StrftimeBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const auto& data = static_cast<const FormatData&>(*state.expr.bind_data);
  const Vector& value = args.column(kFormatFirst ? 1 : 0);
  const Vector& format = args.column(kFormatFirst ? 0 : 1);
  std::string buffer;
  std::vector<FormatItem> items;
  Status status;
  auto micros_of = [](T v) -> int64_t {
    if constexpr (std::is_same_v<T, int32_t>) {
      return static_cast<int64_t>(v) * kMicrosPerDay;
    } else {
      return v;
    }
  };
  BinaryExecute<T, StringRef, StringRef>(value, format, result, args.size(),
                                         [&](T v, const StringRef& f) {
                                           const std::vector<FormatItem>* use = &data.items;
                                           if (!data.constant) {
                                             Status s = ParseFormat(f.view(), &items);
                                             if (!s.ok()) {
                                               if (status.ok()) status = s;
                                               return StringRef();
                                             }
                                             use = &items;
                                           }
                                           Format(*use, micros_of(v), &buffer);
                                           return result.AddString(buffer);
                                         });
  return status;
}

// ---- strptime ----

bool ParseNumber(std::string_view s, size_t* pos, int max_digits, int64_t* out) {
  size_t start = *pos;
  bool negative = false;
  if (*pos < s.size() && (s[*pos] == '-' || s[*pos] == '+') && max_digits > 4) {
    negative = s[*pos] == '-';
    (*pos)++;
  }
  int64_t v = 0;
  int digits = 0;
  while (*pos < s.size() && digits < max_digits && s[*pos] >= '0' && s[*pos] <= '9') {
    v = v * 10 + (s[*pos] - '0');
    (*pos)++;
    digits++;
  }
  if (digits == 0) {
    *pos = start;
    return false;
  }
  *out = negative ? -v : v;
  return true;
}

bool MatchName(std::string_view s, size_t* pos, const char* const* names, int count,
               bool abbreviated, int* index) {
  for (int i = 0; i < count; i++) {
    std::string_view name = names[i];
    if (abbreviated) name = name.substr(0, 3);
    if (s.size() - *pos >= name.size()) {
      bool equal = true;
      for (size_t k = 0; k < name.size() && equal; k++) {
        equal = std::tolower(static_cast<unsigned char>(s[*pos + k])) ==
                std::tolower(static_cast<unsigned char>(name[k]));
      }
      if (equal) {
        *pos += name.size();
        *index = i;
        return true;
      }
    }
  }
  return false;
}

// Parses `text` with `items`; on failure `error` says why and `error_pos` where.
bool Parse(const std::vector<FormatItem>& items, std::string_view text, int64_t* out,
           std::string* error, size_t* error_pos) {
  int64_t year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0;
  int64_t offset_minutes = 0;
  bool pm = false, has_ampm = false;
  int64_t day_of_year = -1;
  size_t pos = 0;
  auto fail = [&](const char* why) {
    *error = why;
    *error_pos = pos;
    return false;
  };
  for (size_t k = 0; k < items.size(); k++) {
    const FormatItem& item = items[k];
    // A number directly followed by another number ("%Y%m%d") takes its usual width only.
    bool packed = k + 1 < items.size() && items[k + 1].specifier != 0;
    if (item.specifier == 0) {
      for (char ch : item.literal) {
        if (std::isspace(static_cast<unsigned char>(ch))) {
          while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) pos++;
          continue;
        }
        if (pos >= text.size() || text[pos] != ch) return fail("Literal does not match");
        pos++;
      }
      continue;
    }
    int64_t v = 0;
    int index = 0;
    switch (item.specifier) {
      case 'a':
      case 'A':
        if (!MatchName(text, &pos, kDayNames, 7, item.specifier == 'a', &index)) {
          return fail("Expected a weekday name");
        }
        break;
      case 'b':
      case 'h':
      case 'B':
        if (!MatchName(text, &pos, kMonthNames, 12, item.specifier != 'B', &index)) {
          return fail("Expected a month name");
        }
        month = index + 1;
        break;
      case 'w':
      case 'u':
        if (!ParseNumber(text, &pos, 1, &v)) return fail("Expected a number");
        break;
      case 'd':
        if (!ParseNumber(text, &pos, 2, &day)) return fail("Expected a number");
        if (day < 1 || day > 31) return fail("Day out of range, expected a value between 1 and 31");
        break;
      case 'm':
        if (!ParseNumber(text, &pos, 2, &month)) return fail("Expected a number");
        if (month < 1 || month > 12) {
          return fail("Month out of range, expected a value between 1 and 12");
        }
        break;
      case 'y':
        if (!ParseNumber(text, &pos, 2, &v)) return fail("Expected a number");
        year = v >= 69 ? 1900 + v : 2000 + v;
        break;
      case 'Y':
      case 'G':
        if (!ParseNumber(text, &pos, packed ? 4 : 9, &year)) return fail("Expected a number");
        break;
      case 'H':
      case 'I':
        if (!ParseNumber(text, &pos, 2, &hour)) return fail("Expected a number");
        if (hour > 23) return fail("Hour out of range, expected a value between 0 and 23");
        break;
      case 'p': {
        if (text.size() - pos < 2) return fail("Expected AM/PM");
        char a = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos])));
        char b = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos + 1])));
        if ((a != 'A' && a != 'P') || b != 'M') return fail("Expected AM/PM");
        pm = a == 'P';
        has_ampm = true;
        pos += 2;
        break;
      }
      case 'M':
        if (!ParseNumber(text, &pos, 2, &minute)) return fail("Expected a number");
        if (minute > 59) return fail("Minutes out of range, expected a value between 0 and 59");
        break;
      case 'S':
        if (!ParseNumber(text, &pos, 2, &second)) return fail("Expected a number");
        if (second > 60) return fail("Seconds out of range, expected a value between 0 and 60");
        break;
      case 'f':
      case 'g':
      case 'n': {
        size_t start = pos;
        int max = item.specifier == 'g' ? 3 : item.specifier == 'f' ? 6 : 9;
        if (!ParseNumber(text, &pos, max, &v)) return fail("Expected a number");
        int digits = static_cast<int>(pos - start);
        // Scale to microseconds.
        for (int k = digits; k < 6; k++) v *= 10;
        for (int k = 6; k < digits; k++) v /= 10;
        micros = v;
        break;
      }
      case 'z': {
        if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
          pos++;
          break;
        }
        if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
          return fail("Expected +HH[MM] or -HH[MM]");
        }
        bool negative = text[pos] == '-';
        pos++;
        int64_t hh = 0, mm = 0;
        if (!ParseNumber(text, &pos, 2, &hh)) return fail("Expected +HH[MM] or -HH[MM]");
        if (pos < text.size() && text[pos] == ':') pos++;
        ParseNumber(text, &pos, 2, &mm);
        offset_minutes = (negative ? -1 : 1) * (hh * 60 + mm);
        break;
      }
      case 'Z':
        while (pos < text.size() && !std::isspace(static_cast<unsigned char>(text[pos]))) pos++;
        break;
      case 'j':
        if (!ParseNumber(text, &pos, 3, &day_of_year)) return fail("Expected a number");
        if (day_of_year < 1 || day_of_year > 366) {
          return fail("Day of year out of range, expected a value between 1 and 366");
        }
        break;
      case 'U':
      case 'W':
      case 'V':
        if (!ParseNumber(text, &pos, 2, &v)) return fail("Expected a number");
        break;
      default:
        return fail("Unsupported specifier");
    }
  }
  if (pos < text.size()) return fail("Full specifier did not match: trailing characters");
  if (has_ampm) {
    if (hour < 1 || hour > 12) return fail("Hour out of range, expected a value between 1 and 12");
    hour = hour % 12 + (pm ? 12 : 0);
  }
  int64_t days;
  if (day_of_year > 0) {
    days = date_time::DaysFromCivil(year, 1, 1) + day_of_year - 1;
  } else {
    if (!date_time::IsValidDate(year, static_cast<int32_t>(month), static_cast<int32_t>(day))) {
      return fail("Date out of range");
    }
    days = date_time::DaysFromCivil(year, static_cast<int32_t>(month), static_cast<int32_t>(day));
  }
  *out = days * kMicrosPerDay + hour * kMicrosPerHour + minute * kMicrosPerMinute +
         second * kMicrosPerSecond + micros - offset_minutes * kMicrosPerMinute;
  return true;
}

template <bool kTry>
Status StrptimeBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const auto& data = static_cast<const FormatData&>(*state.expr.bind_data);
  std::vector<FormatItem> items;
  std::string error;
  size_t error_pos = 0;
  Status status;
  bool ok = BinaryTryExecute<StringRef, StringRef, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [&](const StringRef& text, const StringRef& format, int64_t* out, bool* is_null) {
        const std::vector<FormatItem>* use = &data.items;
        if (!data.constant) {
          Status s = ParseFormat(format.view(), &items);
          if (!s.ok()) {
            status = s;
            return false;
          }
          use = &items;
        }
        if (Parse(*use, text.view(), out, &error, &error_pos)) return true;
        if (kTry) {
          *is_null = true;
          *out = 0;
          return true;
        }
        status =
            InvalidInputError("Could not parse string \"", text.view(),
                              "\" according to format specifier \"", format.view(), "\"\n",
                              text.view(), "\n", std::string(error_pos, ' '), "^\nError: ", error);
        return false;
      });
  if (!ok) return status;
  return Status();
}

}  // namespace

void RegisterStrftimeFunctions(FunctionRegistry& registry) {
  const LogicalType text = LogicalType::Varchar();
  auto add = [&](const char* name, std::vector<LogicalType> arguments, LogicalType result,
                 ScalarFunctionBody body, ScalarFunctionBind bind) {
    ScalarFunction f{name, std::move(arguments), result, body};
    f.bind = bind;
    registry.AddScalar(f);
  };
  add("strftime", {LogicalType::Date(), text}, text, StrftimeBody<int32_t, false>, BindStrftime<1>);
  add("strftime", {LogicalType::Timestamp(), text}, text, StrftimeBody<int64_t, false>,
      BindStrftime<1>);
  add("strftime", {text, LogicalType::Date()}, text, StrftimeBody<int32_t, true>, BindStrftime<0>);
  add("strftime", {text, LogicalType::Timestamp()}, text, StrftimeBody<int64_t, true>,
      BindStrftime<0>);
  add("strptime", {text, text}, LogicalType::Timestamp(), StrptimeBody<false>, BindStrptime);
  add("try_strptime", {text, text}, LogicalType::Timestamp(), StrptimeBody<true>, BindStrptime);
}

}  // namespace fluxdb
