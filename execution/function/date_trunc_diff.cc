// date_trunc(part, x), date_diff(part, a, b) (boundaries crossed) and date_sub(part, a, b)
// (complete units elapsed) on DATE, TIMESTAMP and TIME.
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/date_part.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

using date_part::FloorDiv;

int64_t StartOfDay(int32_t days) { return static_cast<int64_t>(days) * kMicrosPerDay; }

int32_t DateOf(int64_t micros, int64_t* time = nullptr) {
  int32_t days;
  int64_t t;
  date_time::SplitTimestamp(micros, &days, &t);
  if (time != nullptr) *time = t;
  return days;
}

// Truncates a timestamp to the start of its `part`; false for parts that cannot truncate.
bool Truncate(DatePart part, int64_t micros, int64_t* out) {
  int64_t time;
  int32_t days = DateOf(micros, &time);
  CivilDate c = date_time::CivilFromDays(days);
  auto year_start = [](int64_t year) { return StartOfDay(date_time::DaysFromCivil(year, 1, 1)); };
  switch (part) {
    case DatePart::kMillennium:
      *out = year_start(FloorDiv(c.year, 1000) * 1000);
      return true;
    case DatePart::kCentury:
      *out = year_start(FloorDiv(c.year, 100) * 100);
      return true;
    case DatePart::kDecade:
      *out = year_start(FloorDiv(c.year, 10) * 10);
      return true;
    case DatePart::kYear:
      *out = year_start(c.year);
      return true;
    case DatePart::kQuarter:
      *out = StartOfDay(date_time::DaysFromCivil(c.year, (c.month - 1) / 3 * 3 + 1, 1));
      return true;
    case DatePart::kMonth:
      *out = StartOfDay(date_time::DaysFromCivil(c.year, c.month, 1));
      return true;
    case DatePart::kWeek:
    case DatePart::kYearWeek:
      *out = StartOfDay(days - (date_time::IsoDayOfWeek(days) - 1));
      return true;
    case DatePart::kIsoYear: {
      int32_t iso_year;
      date_part::IsoWeek(days, &iso_year);
      // Monday of ISO week 1: the week holding January 4th.
      int64_t jan4 = date_time::DaysFromCivil(iso_year, 1, 4);
      *out = StartOfDay(static_cast<int32_t>(jan4 - (date_time::IsoDayOfWeek(jan4) - 1)));
      return true;
    }
    case DatePart::kDay:
    case DatePart::kDayOfWeek:
    case DatePart::kIsoDayOfWeek:
    case DatePart::kDayOfYear:
    case DatePart::kJulian:
      *out = StartOfDay(days);
      return true;
    case DatePart::kHour:
      *out = micros - time % kMicrosPerHour;
      return true;
    case DatePart::kMinute:
      *out = micros - time % kMicrosPerMinute;
      return true;
    case DatePart::kSecond:
    case DatePart::kEpoch:
      *out = micros - time % kMicrosPerSecond;
      return true;
    case DatePart::kMillisecond:
      *out = micros - time % 1000;
      return true;
    case DatePart::kMicrosecond:
      *out = micros;
      return true;
    default:
      return false;
  }
}

Status TruncateError(DatePart part) {
  return NotImplementedError("Specifier type not implemented for DATETRUNC: ", DatePartName(part));
}

// Reads the part of row i (constant parts are parsed once).
class PartColumn {
 public:
  explicit PartColumn(const Vector& v, idx_t count) {
    v.ToUnified(count, &u_);
    constant_ = v.encoding() == VectorEncoding::kConstant;
  }
  bool IsValid(idx_t i) const { return u_.IsValid(i); }
  StatusOr<DatePart> Get(idx_t i) {
    std::string_view text = u_.values<StringRef>()[u_.index(i)].view();
    if (constant_ && parsed_) return part_;
    FLUX_ASSIGN_OR_RETURN(part_, ParseDatePartOrError(text));
    parsed_ = true;
    return part_;
  }

 private:
  UnifiedVector u_;
  bool constant_ = false;
  bool parsed_ = false;
  DatePart part_ = DatePart::kYear;
};

template <typename T>
Status DateTruncBody(const DataChunk& args, ExpressionState&, Vector& result) {
  const idx_t count = args.size();
  bool constant = args.column(0).encoding() == VectorEncoding::kConstant &&
                  args.column(1).encoding() == VectorEncoding::kConstant;
  idx_t n = constant ? 1 : count;
  PartColumn parts(args.column(0), n);
  UnifiedVector input;
  args.column(1).ToUnified(n, &input);
  int64_t* out = result.data<int64_t>();
  for (idx_t i = 0; i < n; i++) {
    idx_t ii = input.index(i);
    if (!parts.IsValid(i) || !input.validity->IsValid(ii)) {
      result.validity().SetInvalid(i);
      out[i] = 0;
      continue;
    }
    FLUX_ASSIGN_OR_RETURN(DatePart part, parts.Get(i));
    int64_t micros;
    if constexpr (std::is_same_v<T, int32_t>) {
      micros = StartOfDay(input.values<int32_t>()[ii]);
    } else {
      micros = input.values<int64_t>()[ii];
    }
    if (!Truncate(part, micros, &out[i])) return TruncateError(part);
  }
  if (constant) result.MarkConstant();
  return Status();
}

// ---- date_diff / date_sub ----

int64_t MonthIndex(int64_t micros) {
  CivilDate c = date_time::CivilFromDays(DateOf(micros));
  return static_cast<int64_t>(c.year) * 12 + (c.month - 1);
}

int64_t YearOf(int64_t micros) { return date_time::CivilFromDays(DateOf(micros)).year; }

bool Diff(DatePart part, int64_t a, int64_t b, int64_t* out) {
  switch (part) {
    case DatePart::kYear:
      *out = YearOf(b) - YearOf(a);
      return true;
    case DatePart::kMonth:
      *out = MonthIndex(b) - MonthIndex(a);
      return true;
    case DatePart::kQuarter:
      *out = FloorDiv(MonthIndex(b), 3) - FloorDiv(MonthIndex(a), 3);
      return true;
    case DatePart::kDecade:
      *out = YearOf(b) / 10 - YearOf(a) / 10;
      return true;
    case DatePart::kCentury:
      *out = YearOf(b) / 100 - YearOf(a) / 100;
      return true;
    case DatePart::kMillennium:
      *out = YearOf(b) / 1000 - YearOf(a) / 1000;
      return true;
    case DatePart::kIsoYear: {
      int32_t ya, yb;
      date_part::IsoWeek(DateOf(a), &ya);
      date_part::IsoWeek(DateOf(b), &yb);
      *out = yb - ya;
      return true;
    }
    case DatePart::kDay:
    case DatePart::kDayOfWeek:
    case DatePart::kIsoDayOfWeek:
    case DatePart::kDayOfYear:
    case DatePart::kJulian:
      *out = static_cast<int64_t>(DateOf(b)) - DateOf(a);
      return true;
    case DatePart::kWeek:
    case DatePart::kYearWeek:
      *out = (static_cast<int64_t>(DateOf(b)) - DateOf(a)) / 7;
      return true;
    case DatePart::kHour:
      *out = b / kMicrosPerHour - a / kMicrosPerHour;
      return true;
    case DatePart::kMinute:
      *out = b / kMicrosPerMinute - a / kMicrosPerMinute;
      return true;
    case DatePart::kSecond:
    case DatePart::kEpoch:
      *out = b / kMicrosPerSecond - a / kMicrosPerSecond;
      return true;
    case DatePart::kMillisecond:
      *out = b / 1000 - a / 1000;
      return true;
    case DatePart::kMicrosecond:
      *out = b - a;
      return true;
    default:
      return false;
  }
}

// Complete months from a to b (a <= b), as DuckDB's date_sub: the end of a shorter month counts
// as reaching a later day of the month.
int64_t CompleteMonths(int64_t a, int64_t b) {
  if (a > b) return -CompleteMonths(b, a);
  int64_t time_a, time_b;
  int32_t da = DateOf(a, &time_a), db = DateOf(b, &time_b);
  CivilDate ca = date_time::CivilFromDays(da), cb = date_time::CivilFromDays(db);
  int32_t end_days = date_time::DaysInMonth(cb.year, cb.month);
  int32_t start_day = ca.day;
  if (cb.day == end_days && (start_day > end_days || (start_day == end_days && time_a < time_b))) {
    start_day = end_days;
  }
  int64_t months = (static_cast<int64_t>(cb.year) - ca.year) * 12 + (cb.month - ca.month);
  if (cb.day < start_day || (cb.day == start_day && time_b < time_a)) months--;
  return months;
}

bool Sub(DatePart part, int64_t a, int64_t b, int64_t* out) {
  switch (part) {
    case DatePart::kYear:
    case DatePart::kIsoYear:
      *out = CompleteMonths(a, b) / 12;
      return true;
    case DatePart::kMonth:
      *out = CompleteMonths(a, b);
      return true;
    case DatePart::kQuarter:
      *out = CompleteMonths(a, b) / 3;
      return true;
    case DatePart::kDecade:
      *out = CompleteMonths(a, b) / 120;
      return true;
    case DatePart::kCentury:
      *out = CompleteMonths(a, b) / 1200;
      return true;
    case DatePart::kMillennium:
      *out = CompleteMonths(a, b) / 12000;
      return true;
    case DatePart::kDay:
    case DatePart::kDayOfWeek:
    case DatePart::kIsoDayOfWeek:
    case DatePart::kDayOfYear:
    case DatePart::kJulian:
      *out = (b - a) / kMicrosPerDay;
      return true;
    case DatePart::kWeek:
    case DatePart::kYearWeek:
      *out = (b - a) / (7 * kMicrosPerDay);
      return true;
    case DatePart::kHour:
      *out = (b - a) / kMicrosPerHour;
      return true;
    case DatePart::kMinute:
      *out = (b - a) / kMicrosPerMinute;
      return true;
    case DatePart::kSecond:
    case DatePart::kEpoch:
      *out = (b - a) / kMicrosPerSecond;
      return true;
    case DatePart::kMillisecond:
      *out = (b - a) / 1000;
      return true;
    case DatePart::kMicrosecond:
      *out = b - a;
      return true;
    default:
      return false;
  }
}

bool IsTimeOfDayPart(DatePart part) {
  switch (part) {
    case DatePart::kHour:
    case DatePart::kMinute:
    case DatePart::kSecond:
    case DatePart::kEpoch:
    case DatePart::kMillisecond:
    case DatePart::kMicrosecond:
      return true;
    default:
      return false;
  }
}

enum class Input : uint8_t { kDate, kTimestamp, kTime };

template <Input kInput, bool kSub>
Status DiffBody(const DataChunk& args, ExpressionState&, Vector& result) {
  const idx_t count = args.size();
  bool constant = true;
  for (idx_t c = 0; c < 3; c++) {
    constant = constant && args.column(c).encoding() == VectorEncoding::kConstant;
  }
  idx_t n = constant ? 1 : count;
  PartColumn parts(args.column(0), n);
  UnifiedVector ua, ub;
  args.column(1).ToUnified(n, &ua);
  args.column(2).ToUnified(n, &ub);
  int64_t* out = result.data<int64_t>();
  for (idx_t i = 0; i < n; i++) {
    idx_t ai = ua.index(i), bi = ub.index(i);
    if (!parts.IsValid(i) || !ua.validity->IsValid(ai) || !ub.validity->IsValid(bi)) {
      result.validity().SetInvalid(i);
      out[i] = 0;
      continue;
    }
    FLUX_ASSIGN_OR_RETURN(DatePart part, parts.Get(i));
    int64_t a, b;
    if constexpr (kInput == Input::kDate) {
      a = StartOfDay(ua.values<int32_t>()[ai]);
      b = StartOfDay(ub.values<int32_t>()[bi]);
    } else {
      a = ua.values<int64_t>()[ai];
      b = ub.values<int64_t>()[bi];
    }
    if (kInput == Input::kTime && !IsTimeOfDayPart(part)) {
      return NotImplementedError("\"time\" units \"", DatePartName(part), "\" not recognized");
    }
    bool ok = kSub ? Sub(part, a, b, &out[i]) : Diff(part, a, b, &out[i]);
    if (!ok) {
      return NotImplementedError("Specifier type not implemented for ",
                                 kSub ? "DATESUB" : "DATEDIFF", ": ", DatePartName(part));
    }
  }
  if (constant) result.MarkConstant();
  return Status();
}

}  // namespace

void RegisterDateTruncDiffFunctions(FunctionRegistry& registry) {
  const LogicalType text = LogicalType::Varchar();
  const LogicalType big = LogicalType::BigInt();
  const LogicalType date = LogicalType::Date();
  const LogicalType timestamp = LogicalType::Timestamp();
  const LogicalType time = LogicalType::Time();
  registry.AddScalar(ScalarFunction{"date_trunc", {text, date}, timestamp, DateTruncBody<int32_t>});
  registry.AddScalar(
      ScalarFunction{"date_trunc", {text, timestamp}, timestamp, DateTruncBody<int64_t>});
  registry.AddAlias("datetrunc", "date_trunc");
  registry.AddScalar(
      ScalarFunction{"date_diff", {text, date, date}, big, DiffBody<Input::kDate, false>});
  registry.AddScalar(ScalarFunction{
      "date_diff", {text, timestamp, timestamp}, big, DiffBody<Input::kTimestamp, false>});
  registry.AddScalar(
      ScalarFunction{"date_diff", {text, time, time}, big, DiffBody<Input::kTime, false>});
  registry.AddAlias("datediff", "date_diff");
  registry.AddScalar(
      ScalarFunction{"date_sub", {text, date, date}, big, DiffBody<Input::kDate, true>});
  registry.AddScalar(ScalarFunction{
      "date_sub", {text, timestamp, timestamp}, big, DiffBody<Input::kTimestamp, true>});
  registry.AddScalar(
      ScalarFunction{"date_sub", {text, time, time}, big, DiffBody<Input::kTime, true>});
  registry.AddAlias("datesub", "date_sub");
}

}  // namespace fluxdb
