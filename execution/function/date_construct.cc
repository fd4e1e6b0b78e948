// Building and naming dates: make_date, make_time, make_timestamp, to_timestamp, epoch_ms/us/ns,
// last_day, dayname, monthname, and the clock functions current_date, current_time,
// current_timestamp (now()), today().
//
// The clock functions read ExecutionContext::transaction_start_micros, so they are constant
// within a transaction, as in DuckDB. They are not volatile (filters on them can still be pushed
// down), but they refuse to run without an execution context: plan-time constant folding, which
// has none, then leaves them alone, so a plan never carries a time from another transaction.
#include <cmath>

#include "execution/cast/vector_cast.h"
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

constexpr const char* kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

Status MakeDate(const DataChunk& args, ExpressionState&, Vector& result) {
  int64_t by = 0, bm = 0, bd = 0;
  bool ok = TernaryTryExecute<int64_t, int64_t, int64_t, int32_t>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](int64_t y, int64_t m, int64_t d, int32_t* out) {
        if (y < -5877641 || y > 5881580 || m < 1 || m > 12 ||
            !date_time::IsValidDate(y, static_cast<int32_t>(m), static_cast<int32_t>(d))) {
          by = y;
          bm = m;
          bd = d;
          return false;
        }
        *out = static_cast<int32_t>(
            date_time::DaysFromCivil(y, static_cast<int32_t>(m), static_cast<int32_t>(d)));
        return true;
      });
  if (!ok) return ConversionError("Date out of range: ", by, "-", bm, "-", bd);
  return Status();
}

bool TimeMicros(int64_t h, int64_t m, double s, int64_t* out) {
  if (h < 0 || h > 24 || m < 0 || m >= 60 || !(s >= 0) || s > 60) return false;
  int64_t micros = h * kMicrosPerHour + m * kMicrosPerMinute +
                   static_cast<int64_t>(std::llround(s * kMicrosPerSecond));
  if (micros > kMicrosPerDay) return false;
  *out = micros;
  return true;
}

Status MakeTime(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = TernaryTryExecute<int64_t, int64_t, double, int64_t>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [](int64_t h, int64_t m, double s, int64_t* out) { return TimeMicros(h, m, s, out); });
  if (!ok) return ConversionError("Time out of range");
  return Status();
}

Status MakeTimestamp(const DataChunk& args, ExpressionState&, Vector& result) {
  const idx_t count = args.size();
  UnifiedVector u[6];
  bool constant = true;
  for (int c = 0; c < 6; c++) {
    constant = constant && args.column(c).encoding() == VectorEncoding::kConstant;
  }
  idx_t n = constant ? 1 : count;
  for (int c = 0; c < 6; c++) args.column(c).ToUnified(n, &u[c]);
  int64_t* out = result.data<int64_t>();
  for (idx_t i = 0; i < n; i++) {
    bool null = false;
    for (int c = 0; c < 6; c++) null = null || !u[c].IsValid(i);
    if (null) {
      result.validity().SetInvalid(i);
      out[i] = 0;
      continue;
    }
    int64_t y = u[0].values<int64_t>()[u[0].index(i)];
    int64_t mo = u[1].values<int64_t>()[u[1].index(i)];
    int64_t d = u[2].values<int64_t>()[u[2].index(i)];
    int64_t h = u[3].values<int64_t>()[u[3].index(i)];
    int64_t mi = u[4].values<int64_t>()[u[4].index(i)];
    double s = u[5].values<double>()[u[5].index(i)];
    int64_t time;
    if (y < -290307 || y > 294247 || mo < 1 || mo > 12 ||
        !date_time::IsValidDate(y, static_cast<int32_t>(mo), static_cast<int32_t>(d)) ||
        !TimeMicros(h, mi, s, &time)) {
      return ConversionError("Timestamp out of range: ", y, "-", mo, "-", d, " ", h, ":", mi, ":",
                             s);
    }
    out[i] = date_time::DaysFromCivil(y, static_cast<int32_t>(mo), static_cast<int32_t>(d)) *
                 kMicrosPerDay +
             time;
  }
  if (constant) result.MarkConstant();
  return Status();
}

Status TimestampFromMicros(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<int64_t, int64_t>(args.column(0), result, args.size(), [](int64_t v) { return v; });
  return Status();
}

Status TimestampFromMillis(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<int64_t, int64_t>(
      args.column(0), result, args.size(),
      [](int64_t ms, int64_t* out) { return !__builtin_mul_overflow(ms, 1000, out); });
  return ok ? Status() : OutOfRangeError("Epoch milliseconds out of range for TIMESTAMP");
}

Status ToTimestamp(const DataChunk& args, ExpressionState&, Vector& result) {
  double bad = 0;
  bool ok = UnaryTryExecute<double, int64_t>(
      args.column(0), result, args.size(), [&](double s, int64_t* out) {
        double micros = std::round(s * kMicrosPerSecond);
        if (!std::isfinite(micros) || micros >= 9.2e18 || micros <= -9.2e18) {
          bad = s;
          return false;
        }
        *out = static_cast<int64_t>(micros);
        return true;
      });
  if (!ok) {
    return OutOfRangeError("Could not convert epoch seconds ", Value::Double(bad).ToString(),
                           " to TIMESTAMP");
  }
  return Status();
}

template <int64_t kDivisor>
Status EpochUnits(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<int64_t, int64_t>(args.column(0), result, args.size(), [](int64_t micros) {
    if constexpr (kDivisor == 1) {
      return micros;
    } else {
      return date_part::FloorDiv(micros, kDivisor);
    }
  });
  return Status();
}

Status EpochNanos(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<int64_t, int64_t>(
      args.column(0), result, args.size(),
      [](int64_t micros, int64_t* out) { return !__builtin_mul_overflow(micros, 1000, out); });
  return ok ? Status() : OutOfRangeError("Could not convert Timestamp(US) to Timestamp(NS)");
}

int32_t DateOf(int64_t micros) {
  int32_t days;
  int64_t time;
  date_time::SplitTimestamp(micros, &days, &time);
  return days;
}

int32_t LastDay(int32_t days) {
  CivilDate c = date_time::CivilFromDays(days);
  return static_cast<int32_t>(
      date_time::DaysFromCivil(c.year, c.month, date_time::DaysInMonth(c.year, c.month)));
}

template <bool kTimestampInput>
Status LastDayBody(const DataChunk& args, ExpressionState&, Vector& result) {
  if constexpr (kTimestampInput) {
    UnaryExecute<int64_t, int32_t>(args.column(0), result, args.size(),
                                   [](int64_t t) { return LastDay(DateOf(t)); });
  } else {
    UnaryExecute<int32_t, int32_t>(args.column(0), result, args.size(), LastDay);
  }
  return Status();
}

template <bool kTimestampInput, bool kDay>
Status NameBody(const DataChunk& args, ExpressionState&, Vector& result) {
  auto name = [](int32_t days) {
    const char* text = kDay ? kDayNames[date_time::IsoDayOfWeek(days) % 7]
                            : kMonthNames[date_time::CivilFromDays(days).month - 1];
    return StringRef(std::string_view(text));  // at most 9 bytes: inlined
  };
  if constexpr (kTimestampInput) {
    UnaryExecute<int64_t, StringRef>(args.column(0), result, args.size(),
                                     [&](int64_t t) { return name(DateOf(t)); });
  } else {
    UnaryExecute<int32_t, StringRef>(args.column(0), result, args.size(), name);
  }
  return Status();
}

// ---- clock ----

Status NeedsContext(const ExpressionState& state) {
  if (state.context == nullptr) {
    return InternalError(state.expr.function_name, "() needs the transaction's start time");
  }
  return Status();
}

Status CurrentTimestamp(const DataChunk&, ExpressionState& state, Vector& result) {
  FLUX_RETURN_IF_ERROR(NeedsContext(state));
  result.SetConstant(Value::Timestamp(state.context->transaction_start_micros));
  return Status();
}

Status CurrentDate(const DataChunk&, ExpressionState& state, Vector& result) {
  FLUX_RETURN_IF_ERROR(NeedsContext(state));
  result.SetConstant(Value::Date(DateOf(state.context->transaction_start_micros)));
  return Status();
}

Status CurrentTime(const DataChunk&, ExpressionState& state, Vector& result) {
  FLUX_RETURN_IF_ERROR(NeedsContext(state));
  int32_t days;
  int64_t time;
  date_time::SplitTimestamp(state.context->transaction_start_micros, &days, &time);
  result.SetConstant(Value::Time(time));
  return Status();
}

// date(x): CAST(x AS DATE), for DuckDB's DATE('2021-03-01').
Status DateCast(const DataChunk& args, ExpressionState&, Vector& result) {
  return CastVector(args.column(0), result, args.size());
}

void Add(FunctionRegistry& registry, const char* name, std::vector<LogicalType> arguments,
         LogicalType result, ScalarFunctionBody body) {
  registry.AddScalar(ScalarFunction{name, std::move(arguments), result, body});
}

}  // namespace

void RegisterDateConstructFunctions(FunctionRegistry& registry) {
  const LogicalType big = LogicalType::BigInt();
  const LogicalType dbl = LogicalType::Double();
  const LogicalType text = LogicalType::Varchar();
  Add(registry, "make_date", {big, big, big}, kDate, MakeDate);
  Add(registry, "make_time", {big, big, dbl}, kTime, MakeTime);
  Add(registry, "make_timestamp", {big, big, big, big, big, dbl}, kTimestamp, MakeTimestamp);
  Add(registry, "make_timestamp", {big}, kTimestamp, TimestampFromMicros);
  Add(registry, "to_timestamp", {dbl}, kTimestamp, ToTimestamp);
  Add(registry, "epoch_ms", {big}, kTimestamp, TimestampFromMillis);
  Add(registry, "epoch_ms", {kTimestamp}, big, EpochUnits<1000>);
  Add(registry, "epoch_us", {kTimestamp}, big, EpochUnits<1>);
  Add(registry, "epoch_ns", {kTimestamp}, big, EpochNanos);
  Add(registry, "last_day", {kDate}, kDate, LastDayBody<false>);
  Add(registry, "last_day", {kTimestamp}, kDate, LastDayBody<true>);
  Add(registry, "dayname", {kDate}, text, NameBody<false, true>);
  Add(registry, "dayname", {kTimestamp}, text, NameBody<true, true>);
  Add(registry, "monthname", {kDate}, text, NameBody<false, false>);
  Add(registry, "monthname", {kTimestamp}, text, NameBody<true, false>);

  Add(registry, "date", {text}, kDate, DateCast);
  Add(registry, "date", {kTimestamp}, kDate, DateCast);

  Add(registry, "current_timestamp", {}, kTimestamp, CurrentTimestamp);
  registry.AddAlias("now", "current_timestamp");
  registry.AddAlias("get_current_timestamp", "current_timestamp");
  registry.AddAlias("transaction_timestamp", "current_timestamp");
  registry.AddAlias("localtimestamp", "current_timestamp");
  Add(registry, "current_date", {}, kDate, CurrentDate);
  registry.AddAlias("today", "current_date");
  Add(registry, "current_time", {}, kTime, CurrentTime);
  registry.AddAlias("localtime", "current_time");
}

}  // namespace fluxdb
