// abs, sign, round, floor, ceil/ceiling, trunc and even over every numeric type.
//
// Integers keep their type (abs of the minimum value is an overflow error). DECIMALs keep their
// width: round(x) / floor / ceil / trunc give scale 0, round(x, n) with a constant n gives scale
// n (or keeps the type when n is at least the scale), as DuckDB does. Floating point rounds half
// away from zero.
#include <cmath>
#include <limits>

#include "common/number_format.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/constant_argument.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

template <typename T>
constexpr bool kIsInteger = std::is_integral_v<T> || std::is_same_v<T, int128_t>;

template <typename T>
T MinOf() {
  if constexpr (std::is_same_v<T, int128_t>) {
    return static_cast<int128_t>(static_cast<uint128_t>(1) << 127);
  } else {
    return std::numeric_limits<T>::min();
  }
}

template <typename T>
std::string IntegerText(T v) {
  if constexpr (std::is_same_v<T, int128_t>) {
    return Int128ToString(v);
  } else {
    return std::to_string(static_cast<int64_t>(v));
  }
}

template <typename T>
Status Abs(const DataChunk& args, ExpressionState&, Vector& result) {
  T bad{};
  bool ok = UnaryTryExecute<T, T>(args.column(0), result, args.size(), [&](T v, T* out) {
    if constexpr (kIsInteger<T>) {
      if (v == MinOf<T>()) {
        bad = v;
        return false;
      }
      *out = v < 0 ? static_cast<T>(-v) : v;
    } else {
      *out = std::fabs(v);
    }
    return true;
  });
  if (!ok) return OutOfRangeError("Overflow on abs(", IntegerText(bad), ")");
  return Status();
}

template <typename T>
Status Sign(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, int8_t>(args.column(0), result, args.size(),
                          [](T v) -> int8_t { return v > 0 ? 1 : (v < 0 ? -1 : 0); });
  return Status();
}

Status Identity(const DataChunk& args, ExpressionState&, Vector& result) {
  result.Reference(args.column(0));
  return Status();
}

enum class RoundMode : uint8_t { kRound, kFloor, kCeil, kTrunc };

template <typename T, RoundMode kMode>
T RoundFloat(T v) {
  switch (kMode) {
    case RoundMode::kRound:
      return std::round(v);
    case RoundMode::kFloor:
      return std::floor(v);
    case RoundMode::kCeil:
      return std::ceil(v);
    case RoundMode::kTrunc:
      return std::trunc(v);
  }
  return v;
}

template <typename T, RoundMode kMode>
Status RoundFloating(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, T>(args.column(0), result, args.size(),
                     [](T v) { return RoundFloat<T, kMode>(v); });
  return Status();
}

// round(x, n) / trunc(x, n) on floating point, as DuckDB computes it.
template <typename T, RoundMode kMode>
Status RoundFloatingPrecision(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<T, int32_t, T>(
      args.column(0), args.column(1), result, args.size(), [](T input, int32_t precision) -> T {
        if (precision < 0) {
          double modifier = std::pow(10.0, -precision);
          double r = RoundFloat<double, kMode>(input / modifier) * modifier;
          if (std::isinf(r) || std::isnan(r)) return 0;
          return static_cast<T>(r);
        }
        double modifier = std::pow(10.0, precision);
        double r = RoundFloat<double, kMode>(input * modifier) / modifier;
        if (std::isinf(r) || std::isnan(r)) return input;
        return static_cast<T>(r);
      });
  return Status();
}

// Divides by 10^digits with the rounding mode (digits > 0).
template <RoundMode kMode>
int128_t DivideRounded(int128_t value, int128_t divisor) {
  int128_t quotient = value / divisor;
  int128_t remainder = value % divisor;
  switch (kMode) {
    case RoundMode::kRound: {
      int128_t twice = remainder < 0 ? -remainder * 2 : remainder * 2;
      if (twice >= divisor) quotient += value < 0 ? -1 : 1;
      break;
    }
    case RoundMode::kFloor:
      if (remainder < 0) quotient -= 1;
      break;
    case RoundMode::kCeil:
      if (remainder > 0) quotient += 1;
      break;
    case RoundMode::kTrunc:
      break;
  }
  return quotient;
}

// round(i, n) / trunc(i, n) on integers: only a negative n changes the value.
template <typename T, RoundMode kMode>
Status RoundIntegerPrecision(const DataChunk& args, ExpressionState&, Vector& result) {
  T bad{};
  bool ok = BinaryTryExecute<T, int32_t, T>(
      args.column(0), args.column(1), result, args.size(),
      [&](T v, int32_t precision, T* out, bool*) {
        if (precision >= 0) {
          *out = v;
          return true;
        }
        if (precision <= -39) {
          *out = 0;
          return true;
        }
        int128_t power = PowerOfTen128(-precision);
        int128_t r = DivideRounded<kMode>(static_cast<int128_t>(v), power) * power;
        if constexpr (!std::is_same_v<T, int128_t>) {
          if (r > std::numeric_limits<T>::max() || r < std::numeric_limits<T>::min()) {
            bad = v;
            return false;
          }
        }
        *out = static_cast<T>(r);
        return true;
      });
  if (!ok) return OutOfRangeError("Overflow in round of ", IntegerText(bad));
  return Status();
}

// ---- DECIMAL ----

struct DecimalRoundData : FunctionData {
  int128_t divisor = 1;     // 10^(digits dropped)
  int128_t multiplier = 1;  // 10^(-n) for a negative n
  bool zero = false;        // every digit is dropped: the result is 0
  bool null = false;        // round(x, NULL)
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<DecimalRoundData>(*this);
  }
};

template <RoundMode kMode, typename T, typename R>
Status DecimalRoundTyped(const DecimalRoundData& data, const Vector& input, Vector& result,
                         idx_t count) {
  const LogicalType& type = result.type();
  int128_t limit = PowerOfTen128(type.width());
  T bad{};
  bool ok = UnaryTryExecute<T, R>(input, result, count, [&](T v, R* out) {
    if (data.zero) {
      *out = 0;
      return true;
    }
    int128_t r = DivideRounded<kMode>(static_cast<int128_t>(v), data.divisor);
    if (data.multiplier != 1) {
      // |r| < 10^38 / multiplier + 1, so r * multiplier only overflows the width check.
      if (r >= limit / data.multiplier + 1 || r <= -(limit / data.multiplier + 1)) {
        bad = v;
        return false;
      }
      r *= data.multiplier;
    }
    if (r >= limit || r <= -limit) {
      bad = v;
      return false;
    }
    *out = static_cast<R>(r);
    return true;
  });
  if (ok) return Status();
  return OutOfRangeError("Overflow in ROUND of ", input.type().ToString(), " (",
                         FormatDecimal(static_cast<int128_t>(bad), input.type().scale()), ")");
}

template <RoundMode kMode>
Status DecimalRound(const DataChunk& args, ExpressionState& state, Vector& result) {
  const auto& data = static_cast<const DecimalRoundData&>(*state.expr.bind_data);
  if (data.null) {
    result.SetConstant(Value(result.type()));
    return Status();
  }
  const Vector& input = args.column(0);
  if (data.divisor == 1 && data.multiplier == 1 && !data.zero &&
      input.type().physical() == result.type().physical()) {
    return Identity(args, state, result);
  }
  return DispatchPhysical(input.type().physical(), [&]<typename T>() -> Status {
    if constexpr (kIsInteger<T> && !std::is_same_v<T, bool>) {
      return DispatchPhysical(result.type().physical(), [&]<typename R>() -> Status {
        if constexpr (kIsInteger<R> && !std::is_same_v<R, bool>) {
          return DecimalRoundTyped<kMode, T, R>(data, input, result, args.size());
        } else {
          return InternalError("decimal with non-integer storage");
        }
      });
    } else {
      return InternalError("decimal with non-integer storage");
    }
  });
}

// round(x) / floor / ceil / trunc: DECIMAL(w, s) -> DECIMAL(w, 0).
Status BindDecimalToInteger(BoundExpression& expr) {
  const LogicalType& input = expr.children[0]->type;
  auto data = std::make_unique<DecimalRoundData>();
  data->divisor = PowerOfTen128(input.scale());
  expr.bind_data = std::move(data);
  expr.type = LogicalType::Decimal(input.width(), 0);
  return Status();
}

// round(x, n) with a constant n: scale n when it drops digits; a negative n rounds to tens,
// hundreds ..., widening by one digit when that can add a leading digit (as DuckDB).
Status BindDecimalRoundPrecision(BoundExpression& expr) {
  const LogicalType& input = expr.children[0]->type;
  FLUX_ASSIGN_OR_RETURN(auto precision, ConstantArgument(*expr.children[1]));
  if (!precision) {
    return BinderError("ROUND(DECIMAL, INTEGER) requires a constant precision");
  }
  auto data = std::make_unique<DecimalRoundData>();
  int scale = input.scale();
  if (precision->is_null()) {
    data->null = true;
    expr.type = input;
    expr.bind_data = std::move(data);
    return Status();
  }
  int64_t n = precision->GetInt64();
  if (n >= scale) {
    expr.type = input;
  } else if (n >= 0) {
    data->divisor = PowerOfTen128(scale - static_cast<int>(n));
    expr.type = LogicalType::Decimal(input.width(), static_cast<uint8_t>(n));
  } else {
    int64_t drop = scale - n;
    int width = std::max<int>(input.width(), input.width() - scale + 1);
    expr.type = LogicalType::Decimal(static_cast<uint8_t>(std::min(width, 38)), 0);
    if (drop > 38) {
      data->zero = true;
    } else {
      data->divisor = PowerOfTen128(static_cast<int>(drop));
      data->multiplier = PowerOfTen128(static_cast<int>(-n));
    }
  }
  expr.bind_data = std::move(data);
  return Status();
}

Status BindKeepType(BoundExpression& expr) {
  expr.type = expr.children[0]->type;
  return Status();
}

template <typename T>
Status DecimalAbsSign(const DataChunk& args, ExpressionState& state, Vector& result, bool sign) {
  if (sign) return Sign<T>(args, state, result);
  return Abs<T>(args, state, result);
}

template <bool kSign>
Status DecimalAbsOrSign(const DataChunk& args, ExpressionState& state, Vector& result) {
  switch (args.column(0).type().physical()) {
    case PhysicalType::kInt16:
      return DecimalAbsSign<int16_t>(args, state, result, kSign);
    case PhysicalType::kInt32:
      return DecimalAbsSign<int32_t>(args, state, result, kSign);
    case PhysicalType::kInt64:
      return DecimalAbsSign<int64_t>(args, state, result, kSign);
    default:
      return DecimalAbsSign<int128_t>(args, state, result, kSign);
  }
}

// round_even(x, n): half to even at n decimals (through DOUBLE, as DuckDB).
Status RoundEven(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<double, int32_t, double>(args.column(0), args.column(1), result, args.size(),
                                         [](double v, int32_t precision) {
                                           double modifier = std::pow(10.0, precision);
                                           double r = std::nearbyint(v * modifier) / modifier;
                                           return std::isfinite(r) ? r : v;
                                         });
  return Status();
}

Status SignBit(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<double, bool>(args.column(0), result, args.size(),
                             [](double v) { return std::signbit(v); });
  return Status();
}

Status Even(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<double, double>(args.column(0), result, args.size(), [](double v) {
    double magnitude = std::ceil(std::fabs(v));
    if (std::fmod(magnitude, 2.0) != 0) magnitude += 1;
    return v < 0 ? -magnitude : magnitude;
  });
  return Status();
}

template <typename T>
void AddIntegerOverloads(FunctionRegistry& registry, LogicalType type) {
  const LogicalType integer = LogicalType::Integer();
  registry.AddScalar(ScalarFunction{"abs", {type}, type, Abs<T>});
  registry.AddScalar(ScalarFunction{"sign", {type}, LogicalType::TinyInt(), Sign<T>});
  registry.AddScalar(ScalarFunction{"round", {type}, type, Identity});
  registry.AddScalar(ScalarFunction{"trunc", {type}, type, Identity});
  registry.AddScalar(
      ScalarFunction{"round", {type, integer}, type, RoundIntegerPrecision<T, RoundMode::kRound>});
  registry.AddScalar(
      ScalarFunction{"trunc", {type, integer}, type, RoundIntegerPrecision<T, RoundMode::kTrunc>});
  // DuckDB has no integer floor/ceil: integers go through DOUBLE.
  registry.AddScalar(ScalarFunction{"floor",
                                    {type},
                                    LogicalType::Double(),
                                    [](const DataChunk& args, ExpressionState&, Vector& result) {
                                      UnaryExecute<T, double>(
                                          args.column(0), result, args.size(),
                                          [](T v) { return static_cast<double>(v); });
                                      return Status();
                                    }});
  registry.AddScalar(ScalarFunction{"ceil",
                                    {type},
                                    LogicalType::Double(),
                                    [](const DataChunk& args, ExpressionState&, Vector& result) {
                                      UnaryExecute<T, double>(
                                          args.column(0), result, args.size(),
                                          [](T v) { return static_cast<double>(v); });
                                      return Status();
                                    }});
}

template <typename T>
void AddFloatOverloads(FunctionRegistry& registry, LogicalType type) {
  const LogicalType integer = LogicalType::Integer();
  registry.AddScalar(ScalarFunction{"abs", {type}, type, Abs<T>});
  registry.AddScalar(ScalarFunction{"sign", {type}, LogicalType::TinyInt(), Sign<T>});
  registry.AddScalar(ScalarFunction{"round", {type}, type, RoundFloating<T, RoundMode::kRound>});
  registry.AddScalar(ScalarFunction{"floor", {type}, type, RoundFloating<T, RoundMode::kFloor>});
  registry.AddScalar(ScalarFunction{"ceil", {type}, type, RoundFloating<T, RoundMode::kCeil>});
  registry.AddScalar(ScalarFunction{"trunc", {type}, type, RoundFloating<T, RoundMode::kTrunc>});
  registry.AddScalar(
      ScalarFunction{"round", {type, integer}, type, RoundFloatingPrecision<T, RoundMode::kRound>});
  registry.AddScalar(
      ScalarFunction{"trunc", {type, integer}, type, RoundFloatingPrecision<T, RoundMode::kTrunc>});
}

void AddDecimal(FunctionRegistry& registry, const char* name, std::vector<LogicalType> arguments,
                LogicalType result, ScalarFunctionBody body, ScalarFunctionBind bind) {
  ScalarFunction f{name, std::move(arguments), result, body};
  f.bind = bind;
  registry.AddScalar(f);
}

}  // namespace

void RegisterMathRoundingFunctions(FunctionRegistry& registry) {
  AddIntegerOverloads<int8_t>(registry, LogicalType::TinyInt());
  AddIntegerOverloads<int16_t>(registry, LogicalType::SmallInt());
  AddIntegerOverloads<int32_t>(registry, LogicalType::Integer());
  AddIntegerOverloads<int64_t>(registry, LogicalType::BigInt());
  AddIntegerOverloads<int128_t>(registry, LogicalType::HugeInt());
  AddFloatOverloads<float>(registry, LogicalType::Float());
  AddFloatOverloads<double>(registry, LogicalType::Double());

  AddDecimal(registry, "abs", {kAnyDecimal}, kAnyDecimal, DecimalAbsOrSign<false>, BindKeepType);
  AddDecimal(registry, "sign", {kAnyDecimal}, LogicalType::TinyInt(), DecimalAbsOrSign<true>,
             nullptr);
  AddDecimal(registry, "round", {kAnyDecimal}, kAnyDecimal, DecimalRound<RoundMode::kRound>,
             BindDecimalToInteger);
  AddDecimal(registry, "floor", {kAnyDecimal}, kAnyDecimal, DecimalRound<RoundMode::kFloor>,
             BindDecimalToInteger);
  AddDecimal(registry, "ceil", {kAnyDecimal}, kAnyDecimal, DecimalRound<RoundMode::kCeil>,
             BindDecimalToInteger);
  AddDecimal(registry, "trunc", {kAnyDecimal}, kAnyDecimal, DecimalRound<RoundMode::kTrunc>,
             BindDecimalToInteger);
  AddDecimal(registry, "round", {kAnyDecimal, LogicalType::Integer()}, kAnyDecimal,
             DecimalRound<RoundMode::kRound>, BindDecimalRoundPrecision);
  AddDecimal(registry, "trunc", {kAnyDecimal, LogicalType::Integer()}, kAnyDecimal,
             DecimalRound<RoundMode::kTrunc>, BindDecimalRoundPrecision);
  registry.AddAlias("ceiling", "ceil");
  registry.AddAlias("@", "abs");

  registry.AddScalar(ScalarFunction{"even", {LogicalType::Double()}, LogicalType::Double(), Even});
  registry.AddScalar(ScalarFunction{"round_even",
                                    {LogicalType::Double(), LogicalType::Integer()},
                                    LogicalType::Double(),
                                    RoundEven});
  registry.AddAlias("roundbankers", "round_even");
  registry.AddScalar(
      ScalarFunction{"signbit", {LogicalType::Double()}, LogicalType::Boolean(), SignBit});
}

}  // namespace fluxdb
