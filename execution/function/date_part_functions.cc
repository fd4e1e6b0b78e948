// date_part(part, x) (EXTRACT(part FROM x)) and its shorthands year(x), month(x), dayofweek(x),
// epoch(x) ... for DATE, TIMESTAMP, TIME and INTERVAL.
//
// Every part is a BIGINT except epoch and julian, which are DOUBLE (DuckDB). A constant part
// is resolved at bind time, which also decides the result type; a part that varies per row is
// parsed per row and gives BIGINT.
#include <cmath>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/constant_argument.h"
#include "execution/function/date_part.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

enum class Input : uint8_t { kDate, kTimestamp, kTime, kInterval };

const char* InputName(Input input) {
  switch (input) {
    case Input::kDate:
      return "date";
    case Input::kTimestamp:
      return "timestamp";
    case Input::kTime:
      return "time";
    case Input::kInterval:
      return "interval";
  }
  return "";
}

Status Unsupported(Input input, DatePart part) {
  return NotImplementedError("\"", InputName(input), "\" units \"", DatePartName(part),
                             "\" not recognized");
}

bool Supports(Input input, DatePart part) {
  int64_t ignored;
  switch (input) {
    case Input::kDate:
    case Input::kTimestamp:
      return part != DatePart::kTimezone && part != DatePart::kTimezoneHour &&
             part != DatePart::kTimezoneMinute;
    case Input::kTime:
      return date_part::FromTime(part, 0, &ignored);
    case Input::kInterval:
      return part != DatePart::kJulian && date_part::FromInterval(part, Interval{}, &ignored);
  }
  return false;
}

// Writes part `part` of every row of `input` to `result` (BIGINT or DOUBLE per DatePartIsDouble).
template <Input kInput>
Status Extract(DatePart part, const Vector& input, Vector& result, idx_t count) {
  if (!Supports(kInput, part)) return Unsupported(kInput, part);
  if (DatePartIsDouble(part)) {
    bool julian = part == DatePart::kJulian;
    if constexpr (kInput == Input::kDate) {
      UnaryExecute<int32_t, double>(input, result, count, [&](int32_t d) {
        return julian ? date_part::JulianFromDate(d) : date_part::EpochFromDate(d);
      });
    } else if constexpr (kInput == Input::kTimestamp) {
      UnaryExecute<int64_t, double>(input, result, count, [&](int64_t t) {
        return julian ? date_part::JulianFromTimestamp(t) : date_part::EpochFromTimestamp(t);
      });
    } else if constexpr (kInput == Input::kTime) {
      UnaryExecute<int64_t, double>(input, result, count, [](int64_t t) {
        return static_cast<double>(t) / static_cast<double>(kMicrosPerSecond);
      });
    } else {
      UnaryExecute<Interval, double>(
          input, result, count, [](const Interval& v) { return date_part::EpochFromInterval(v); });
    }
    return Status();
  }
  if constexpr (kInput == Input::kDate) {
    UnaryExecute<int32_t, int64_t>(input, result, count,
                                   [&](int32_t d) { return date_part::FromDate(part, d); });
  } else if constexpr (kInput == Input::kTimestamp) {
    UnaryExecute<int64_t, int64_t>(input, result, count,
                                   [&](int64_t t) { return date_part::FromTimestamp(part, t); });
  } else if constexpr (kInput == Input::kTime) {
    UnaryExecute<int64_t, int64_t>(input, result, count, [&](int64_t t) {
      int64_t out = 0;
      date_part::FromTime(part, t, &out);
      return out;
    });
  } else {
    UnaryExecute<Interval, int64_t>(input, result, count, [&](const Interval& v) {
      int64_t out = 0;
      date_part::FromInterval(part, v, &out);
      return out;
    });
  }
  return Status();
}

struct DatePartData : FunctionData {
  DatePart part;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<DatePartData>(*this);
  }
};

template <Input kInput>
Status BindDatePart(BoundExpression& expr) {
  FLUX_ASSIGN_OR_RETURN(auto specifier, ConstantArgument(*expr.children[0]));
  if (!specifier || specifier->is_null()) return Status();
  FLUX_ASSIGN_OR_RETURN(DatePart part, ParseDatePartOrError(specifier->GetString()));
  if (!Supports(kInput, part)) return Unsupported(kInput, part);
  auto data = std::make_unique<DatePartData>();
  data->part = part;
  expr.bind_data = std::move(data);
  expr.type = DatePartIsDouble(part) ? LogicalType::Double() : LogicalType::BigInt();
  return Status();
}

template <Input kInput>
Status DatePartBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  if (state.expr.bind_data) {
    const auto& data = static_cast<const DatePartData&>(*state.expr.bind_data);
    if (args.column(0).IsConstantNull()) {
      result.SetConstant(Value(result.type()));
      return Status();
    }
    return Extract<kInput>(data.part, args.column(1), result, args.size());
  }
  // The part varies per row: parse it per row, BIGINT result.
  Status status;
  const idx_t count = args.size();
  UnifiedVector spec, input;
  args.column(0).ToUnified(count, &spec);
  args.column(1).ToUnified(count, &input);
  int64_t* out = result.data<int64_t>();
  for (idx_t i = 0; i < count; i++) {
    idx_t si = spec.index(i), ii = input.index(i);
    if (!spec.validity->IsValid(si) || !input.validity->IsValid(ii)) {
      result.validity().SetInvalid(i);
      out[i] = 0;
      continue;
    }
    FLUX_ASSIGN_OR_RETURN(DatePart part, ParseDatePartOrError(spec.values<StringRef>()[si].view()));
    if (!Supports(kInput, part)) return Unsupported(kInput, part);
    if constexpr (kInput == Input::kDate) {
      int32_t d = input.values<int32_t>()[ii];
      out[i] =
          part == DatePart::kEpoch ? static_cast<int64_t>(d) * 86400 : date_part::FromDate(part, d);
    } else if constexpr (kInput == Input::kTimestamp) {
      out[i] = date_part::FromTimestamp(part, input.values<int64_t>()[ii]);
    } else if constexpr (kInput == Input::kTime) {
      date_part::FromTime(part, input.values<int64_t>()[ii], &out[i]);
    } else {
      date_part::FromInterval(part, input.values<Interval>()[ii], &out[i]);
    }
  }
  return status;
}

template <DatePart kPart, Input kInput>
Status ShorthandBody(const DataChunk& args, ExpressionState&, Vector& result) {
  return Extract<kInput>(kPart, args.column(0), result, args.size());
}

LogicalType InputType(Input input) {
  switch (input) {
    case Input::kDate:
      return LogicalType::Date();
    case Input::kTimestamp:
      return LogicalType::Timestamp();
    case Input::kTime:
      return LogicalType::Time();
    case Input::kInterval:
      return LogicalType::IntervalType();
  }
  return LogicalType::Invalid();
}

template <DatePart kPart>
void AddShorthand(FunctionRegistry& registry, const char* name) {
  LogicalType type = DatePartIsDouble(kPart) ? LogicalType::Double() : LogicalType::BigInt();
  registry.AddScalar(
      ScalarFunction{name, {LogicalType::Date()}, type, ShorthandBody<kPart, Input::kDate>});
  registry.AddScalar(ScalarFunction{
      name, {LogicalType::Timestamp()}, type, ShorthandBody<kPart, Input::kTimestamp>});
  if (Supports(Input::kTime, kPart)) {
    registry.AddScalar(
        ScalarFunction{name, {LogicalType::Time()}, type, ShorthandBody<kPart, Input::kTime>});
  }
  if (Supports(Input::kInterval, kPart)) {
    registry.AddScalar(ScalarFunction{
        name, {LogicalType::IntervalType()}, type, ShorthandBody<kPart, Input::kInterval>});
  }
}

template <Input kInput>
void AddDatePart(FunctionRegistry& registry) {
  ScalarFunction f{"date_part",
                   {LogicalType::Varchar(), InputType(kInput)},
                   LogicalType::BigInt(),
                   DatePartBody<kInput>};
  f.bind = BindDatePart<kInput>;
  registry.AddScalar(f);
}

}  // namespace

void RegisterDatePartFunctions(FunctionRegistry& registry) {
  AddDatePart<Input::kDate>(registry);
  AddDatePart<Input::kTimestamp>(registry);
  AddDatePart<Input::kTime>(registry);
  AddDatePart<Input::kInterval>(registry);
  registry.AddAlias("datepart", "date_part");

  AddShorthand<DatePart::kYear>(registry, "year");
  AddShorthand<DatePart::kMonth>(registry, "month");
  AddShorthand<DatePart::kDay>(registry, "day");
  AddShorthand<DatePart::kDay>(registry, "dayofmonth");
  AddShorthand<DatePart::kDecade>(registry, "decade");
  AddShorthand<DatePart::kCentury>(registry, "century");
  AddShorthand<DatePart::kMillennium>(registry, "millennium");
  AddShorthand<DatePart::kQuarter>(registry, "quarter");
  AddShorthand<DatePart::kDayOfWeek>(registry, "dayofweek");
  AddShorthand<DatePart::kDayOfWeek>(registry, "weekday");
  AddShorthand<DatePart::kIsoDayOfWeek>(registry, "isodow");
  AddShorthand<DatePart::kDayOfYear>(registry, "dayofyear");
  AddShorthand<DatePart::kWeek>(registry, "week");
  AddShorthand<DatePart::kWeek>(registry, "weekofyear");
  AddShorthand<DatePart::kYearWeek>(registry, "yearweek");
  AddShorthand<DatePart::kIsoYear>(registry, "isoyear");
  AddShorthand<DatePart::kEra>(registry, "era");
  AddShorthand<DatePart::kHour>(registry, "hour");
  AddShorthand<DatePart::kMinute>(registry, "minute");
  AddShorthand<DatePart::kSecond>(registry, "second");
  AddShorthand<DatePart::kMillisecond>(registry, "millisecond");
  AddShorthand<DatePart::kMicrosecond>(registry, "microsecond");
  AddShorthand<DatePart::kEpoch>(registry, "epoch");
  AddShorthand<DatePart::kJulian>(registry, "julian");
}

}  // namespace fluxdb
