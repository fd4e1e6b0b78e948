// Arithmetic operators: + - * / // % and unary -, for integers, DECIMAL and floating point.
//
// Integer arithmetic is checked: an overflow is an Out of Range error naming the operands, as in
// DuckDB. Integer division or modulo by zero gives NULL; floating point follows IEEE (inf, NaN)
// unless ieee_floating_point_ops is off, except `//`, which gives NULL too. `/` on integers is
// floating-point division unless the integer_division setting is on (the binder then binds `//`
// instead).
#include <cmath>
#include <limits>

#include "common/number_format.h"
#include "execution/cast/cast_kernels.h"
#include "execution/cast/cast_rules.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

template <typename T>
std::string NumberText(T v) {
  if constexpr (std::is_same_v<T, int128_t>) {
    return Int128ToString(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    return Value::Double(v).ToString();
  } else {
    return std::to_string(static_cast<int64_t>(v));
  }
}

// numeric_limits is not specialized for __int128 in strict modes; provide min for the checks.
template <typename T>
constexpr T MinOf() {
  if constexpr (std::is_same_v<T, int128_t>) {
    return static_cast<int128_t>(static_cast<uint128_t>(1) << 127);
  } else {
    return std::numeric_limits<T>::min();
  }
}

struct AddOp {
  static constexpr const char* kDecimalName = "addition";
  static constexpr const char* kName = "addition";
  static constexpr const char* kSymbol = "+";
  template <typename T>
  static bool Apply(T a, T b, T* out, bool*) {
    if constexpr (std::is_floating_point_v<T>) {
      *out = a + b;
      return true;
    } else {
      return !__builtin_add_overflow(a, b, out);
    }
  }
};

struct SubtractOp {
  static constexpr const char* kDecimalName = "subtract";
  static constexpr const char* kName = "subtraction";
  static constexpr const char* kSymbol = "-";
  template <typename T>
  static bool Apply(T a, T b, T* out, bool*) {
    if constexpr (std::is_floating_point_v<T>) {
      *out = a - b;
      return true;
    } else {
      return !__builtin_sub_overflow(a, b, out);
    }
  }
};

struct MultiplyOp {
  static constexpr const char* kDecimalName = "multiplication";
  static constexpr const char* kName = "multiplication";
  static constexpr const char* kSymbol = "*";
  template <typename T>
  static bool Apply(T a, T b, T* out, bool*) {
    if constexpr (std::is_floating_point_v<T>) {
      *out = a * b;
      return true;
    } else {
      return !__builtin_mul_overflow(a, b, out);
    }
  }
};

struct DivideOp {
  static constexpr const char* kDecimalName = "division";
  static constexpr const char* kName = "division";
  static constexpr const char* kSymbol = "/";
  template <typename T>
  static bool Apply(T a, T b, T* out, bool* is_null) {
    if constexpr (std::is_floating_point_v<T>) {
      *out = a / b;  // IEEE: x / 0 is +-inf or NaN, as in DuckDB
      return true;
    }
    if (b == 0) {
      *is_null = true;
      *out = 0;
      return true;
    }
    if constexpr (std::is_floating_point_v<T>) {
      *out = a / b;
    } else {
      if (b == -1 && a == MinOf<T>()) return false;
      *out = a / b;
    }
    return true;
  }
};

struct IntegerDivideOp {
  static constexpr const char* kDecimalName = "division";
  static constexpr const char* kName = "division";
  static constexpr const char* kSymbol = "//";
  template <typename T>
  static bool Apply(T a, T b, T* out, bool* is_null) {
    if (b == 0) {
      *is_null = true;
      *out = 0;
      return true;
    }
    if constexpr (std::is_floating_point_v<T>) {
      *out = std::trunc(a / b);
    } else {
      if (b == -1 && a == MinOf<T>()) return false;
      *out = a / b;
    }
    return true;
  }
};

struct ModuloOp {
  static constexpr const char* kDecimalName = "modulo";
  static constexpr const char* kName = "modulo";
  static constexpr const char* kSymbol = "%";
  template <typename T>
  static bool Apply(T a, T b, T* out, bool* is_null) {
    if constexpr (std::is_floating_point_v<T>) {
      *out = std::fmod(a, b);  // NaN for b = 0, as in DuckDB
      return true;
    }
    if (b == 0) {
      *is_null = true;
      *out = 0;
      return true;
    }
    if constexpr (std::is_floating_point_v<T>) {
      *out = std::fmod(a, b);
    } else {
      *out = (b == -1) ? 0 : a % b;
    }
    return true;
  }
};

// +, - and * of NULL-free integer or DECIMAL operands (flat, constant or selected, as a filter
// leaves them): a branch-free loop that only notes whether some value overflowed. Returns false if
// one did (or the operands do not qualify): the general loop then computes the vector again and
// reports the error.
enum class Operand { kFlat, kConstant, kSelected };

template <Operand kMode>
inline idx_t OperandIndex(const sel_t* sel, idx_t i) {
  if constexpr (kMode == Operand::kFlat) {
    return i;
  } else if constexpr (kMode == Operand::kConstant) {
    return 0;
  } else {
    return sel[i];
  }
}

// std::make_unsigned does not know __int128 in strict C++20.
template <typename T>
struct UnsignedOf {
  using type = std::make_unsigned_t<T>;
};
template <>
struct UnsignedOf<int128_t> {
  using type = uint128_t;
};

template <typename T, typename Op, bool kDecimal, Operand kLeft, Operand kRight>
bool PlainArithmeticLoop(const T* left, const sel_t* left_sel, const T* right,
                         const sel_t* right_sel, T* out, idx_t count, T limit) {
  // -limit < value < limit as one unsigned comparison: fewer live registers keep `bad` out of
  // memory (a spilled flag chains every iteration to the previous one's store).
  using U = typename UnsignedOf<T>::type;
  const U shift = static_cast<U>(limit) - 1;
  const U span = shift * 2;
  unsigned bad = 0;
  for (idx_t i = 0; i < count; i++) {
    T value;
    bad |= !Op::template Apply<T>(left[OperandIndex<kLeft>(left_sel, i)],
                                  right[OperandIndex<kRight>(right_sel, i)], &value, nullptr);
    if constexpr (kDecimal) bad |= static_cast<U>(static_cast<U>(value) + shift) > span;
    out[i] = value;
  }
  return bad == 0;
}

Operand OperandMode(const Vector& v) {
  switch (v.encoding()) {
    case VectorEncoding::kFlat:
      return Operand::kFlat;
    case VectorEncoding::kConstant:
      return Operand::kConstant;
    case VectorEncoding::kDictionary:
      break;
  }
  return Operand::kSelected;
}

template <typename T, typename Op, bool kDecimal, Operand kLeft>
bool PlainArithmeticRight(const T* l, const sel_t* ls, const UnifiedVector& ur, Operand right,
                          T* out, idx_t count, T limit) {
  const T* r = ur.values<T>();
  const sel_t* rs = ur.sel->data();
  switch (right) {
    case Operand::kFlat:
      return PlainArithmeticLoop<T, Op, kDecimal, kLeft, Operand::kFlat>(l, ls, r, rs, out, count,
                                                                         limit);
    case Operand::kConstant:
      if constexpr (kLeft == Operand::kConstant) return false;
      return PlainArithmeticLoop<T, Op, kDecimal, kLeft, Operand::kConstant>(l, ls, r, rs, out,
                                                                             count, limit);
    case Operand::kSelected:
      return PlainArithmeticLoop<T, Op, kDecimal, kLeft, Operand::kSelected>(l, ls, r, rs, out,
                                                                             count, limit);
  }
  return false;
}

template <typename T, typename Op, bool kDecimal>
bool PlainArithmetic(const Vector& left, const Vector& right, Vector& result, idx_t count,
                     T limit) {
  constexpr bool kNeverNull =
      std::is_same_v<Op, AddOp> || std::is_same_v<Op, SubtractOp> || std::is_same_v<Op, MultiplyOp>;
  if constexpr (!kNeverNull || !(std::is_integral_v<T> || std::is_same_v<T, int128_t>)) {
    return false;
  } else {
    UnifiedVector ul, ur;
    left.ToUnified(count, &ul);
    right.ToUnified(count, &ur);
    if (!ul.validity->AllValid() || !ur.validity->AllValid()) return false;
    Operand left_mode = OperandMode(left), right_mode = OperandMode(right);
    // A selection that is the identity (a flat vector's) reads as flat.
    if (left_mode == Operand::kSelected && ul.sel->IsIdentity()) left_mode = Operand::kFlat;
    if (right_mode == Operand::kSelected && ur.sel->IsIdentity()) right_mode = Operand::kFlat;
    const T* l = ul.values<T>();
    const sel_t* ls = ul.sel->data();
    T* out = result.data<T>();
    switch (left_mode) {
      case Operand::kFlat:
        return PlainArithmeticRight<T, Op, kDecimal, Operand::kFlat>(l, ls, ur, right_mode, out,
                                                                     count, limit);
      case Operand::kConstant:
        return PlainArithmeticRight<T, Op, kDecimal, Operand::kConstant>(l, ls, ur, right_mode, out,
                                                                         count, limit);
      case Operand::kSelected:
        return PlainArithmeticRight<T, Op, kDecimal, Operand::kSelected>(l, ls, ur, right_mode, out,
                                                                         count, limit);
    }
    return false;
  }
}

template <typename T, typename Op>
Status BinaryArithmetic(const DataChunk& args, ExpressionState& state, Vector& result) {
  T bad_left{}, bad_right{};
  const LogicalType& type = state.expr.type;
  bool is_decimal = type.id() == TypeId::kDecimal;
  int128_t limit = is_decimal ? PowerOfTen128(type.width()) : 0;
  // Unsigned types live in a wider physical type: their range is checked here.
  bool is_unsigned = type.IsUnsigned();
  if constexpr (std::is_integral_v<T> || std::is_same_v<T, int128_t>) {
    // A DECIMAL's limit 10^width fits its physical type.
    bool done = false;
    if (!is_unsigned && args.size() > 1) {
      done = is_decimal ? PlainArithmetic<T, Op, true>(args.column(0), args.column(1), result,
                                                       args.size(), static_cast<T>(limit))
                        : PlainArithmetic<T, Op, false>(args.column(0), args.column(1), result,
                                                        args.size(), T{});
    }
    if (done) return Status();
  }
  int128_t unsigned_max = is_unsigned ? static_cast<int128_t>(UnsignedMax(type.id())) : 0;
  bool ok = BinaryTryExecute<T, T, T>(
      args.column(0), args.column(1), result, args.size(), [&](T a, T b, T* out, bool* is_null) {
        bool fine = Op::template Apply<T>(a, b, out, is_null);
        if constexpr (!std::is_floating_point_v<T>) {
          if (fine && is_decimal &&
              (static_cast<int128_t>(*out) >= limit || static_cast<int128_t>(*out) <= -limit)) {
            fine = false;
          }
          if (fine && is_unsigned &&
              (static_cast<int128_t>(*out) < 0 || static_cast<int128_t>(*out) > unsigned_max)) {
            fine = false;
          }
        }
        if (!fine) {
          bad_left = a;
          bad_right = b;
        }
        return fine;
      });
  if (ok) return Status();
  if (is_decimal) {
    // DuckDB's wording: raw (unscaled) operands and the width of the physical type.
    const char* name = Op::kDecimalName;
    std::string operands = Concat(NumberText(static_cast<int128_t>(bad_left)), " ", Op::kSymbol,
                                  " ", NumberText(static_cast<int128_t>(bad_right)));
    if constexpr (std::is_same_v<T, int128_t>) {
      if (std::string_view(Op::kSymbol) == "*") {
        return OutOfRangeError("Overflow in ", name, " of DECIMAL(38) (", operands,
                               "). You might want to add an explicit cast to a decimal with a "
                               "smaller scale.");
      }
      return OutOfRangeError("Overflow in ", name, " of DECIMAL(38) (", operands, ");");
    } else {
      int physical_width = sizeof(T) == 2 ? 4 : sizeof(T) == 4 ? 9 : 18;
      return OutOfRangeError("Overflow in ", name, " of DECIMAL(", physical_width, ") (", operands,
                             "). You might want to add an explicit cast to a bigger decimal.");
    }
  }
  return OutOfRangeError("Overflow in ", Op::kName, " of ", cast_internal::CastTypeName(type), " (",
                         NumberText(bad_left), " ", Op::kSymbol, " ", NumberText(bad_right), ")!");
}

// FLOAT/DOUBLE `/` and `%`: a zero divisor gives what IEEE 754 gives (+-inf, NaN), or NULL
// when ieee_floating_point_ops is off. Without an execution context (plan-time constant
// folding) the setting is unknown, so a zero divisor fails there and the call is left to
// run-time evaluation.
template <typename T, bool kModulo>
Status FloatDivision(const DataChunk& args, ExpressionState& state, Vector& result) {
  const ExecutionSettings* settings = state.context != nullptr ? state.context->settings : nullptr;
  bool null_on_zero = settings != nullptr && !settings->IeeeDivision();
  bool ok = BinaryTryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(),
                                      [&](T a, T b, T* out, bool* is_null) {
                                        if (b == 0) {
                                          if (settings == nullptr) return false;
                                          if (null_on_zero) {
                                            *is_null = true;
                                            *out = 0;
                                            return true;
                                          }
                                        }
                                        *out = kModulo ? std::fmod(a, b) : a / b;
                                        return true;
                                      });
  if (ok) return Status();
  return InternalError("floating-point division by zero depends on ieee_floating_point_ops");
}

template <typename T>
Status Negate(const DataChunk& args, ExpressionState& state, Vector& result) {
  T bad{};
  bool ok = UnaryTryExecute<T, T>(args.column(0), result, args.size(), [&](T v, T* out) {
    if constexpr (!std::is_floating_point_v<T>) {
      if (v == MinOf<T>()) {
        bad = v;
        return false;
      }
    }
    *out = -v;
    return true;
  });
  if (ok) return Status();
  return OutOfRangeError("Overflow in negation of numeric value!");
}

Status Identity(const DataChunk& args, ExpressionState&, Vector& result) {
  result.Reference(args.column(0));
  return Status();
}

// Dispatches a decimal body on the result's physical type.
template <typename Op>
Status DecimalArithmetic(const DataChunk& args, ExpressionState& state, Vector& result) {
  switch (state.expr.type.physical()) {
    case PhysicalType::kInt16:
      return BinaryArithmetic<int16_t, Op>(args, state, result);
    case PhysicalType::kInt32:
      return BinaryArithmetic<int32_t, Op>(args, state, result);
    case PhysicalType::kInt64:
      return BinaryArithmetic<int64_t, Op>(args, state, result);
    default:
      return BinaryArithmetic<int128_t, Op>(args, state, result);
  }
}

Status DecimalNegate(const DataChunk& args, ExpressionState& state, Vector& result) {
  switch (state.expr.type.physical()) {
    case PhysicalType::kInt16:
      return Negate<int16_t>(args, state, result);
    case PhysicalType::kInt32:
      return Negate<int32_t>(args, state, result);
    case PhysicalType::kInt64:
      return Negate<int64_t>(args, state, result);
    default:
      return Negate<int128_t>(args, state, result);
  }
}

uint8_t ClampWidth(int width) { return static_cast<uint8_t>(width > 38 ? 38 : width); }

// Casts an argument to `type`. An integer the binder already cast to DECIMAL(w, 0) is cast
// from the integer directly, so an out-of-range value is reported as DuckDB does ("Could not
// cast value 10000 to DECIMAL(38,35)").
void CastArgument(BoundExprPtr& child, const LogicalType& type) {
  if (child->type == type) return;
  if (child->kind == BoundExprKind::kCast && !child->try_cast &&
      child->children[0]->type.IsIntegral() && child->type.id() == TypeId::kDecimal &&
      child->type.scale() == 0) {
    child = std::move(child->children[0]);
  }
  child = BoundExpression::Cast(std::move(child), type);
}

// Rewrites both arguments to `type` (the physical layout the body computes in).
void CastArguments(BoundExpression& expr, const LogicalType& left, const LogicalType& right) {
  CastArgument(expr.children[0], left);
  CastArgument(expr.children[1], right);
}

// DECIMAL + / - DECIMAL: the larger scale, one extra integral digit.
Status BindDecimalAddSubtract(BoundExpression& expr) {
  LogicalType a = DecimalForNumeric(expr.children[0]->type);
  LogicalType b = DecimalForNumeric(expr.children[1]->type);
  int scale = std::max(a.scale(), b.scale());
  int integral = std::max(a.width() - a.scale(), b.width() - b.scale());
  LogicalType result = LogicalType::Decimal(ClampWidth(integral + scale + 1), scale);
  CastArguments(expr, result, result);
  expr.type = result;
  return Status();
}

// DECIMAL * DECIMAL: scales add up, widths add up (capped at 38 and checked at run time).
Status BindDecimalMultiply(BoundExpression& expr) {
  LogicalType a = DecimalForNumeric(expr.children[0]->type);
  LogicalType b = DecimalForNumeric(expr.children[1]->type);
  int scale = a.scale() + b.scale();
  if (scale > 38) {
    return OutOfRangeError("Needed scale ", scale,
                           " to accurately represent the multiplication "
                           "result, but this is out of range of the DECIMAL type. Max scale is "
                           "38; could not perform an accurate multiplication. Either add a cast "
                           "to DOUBLE, or add an explicit cast to a decimal with a lower scale.");
  }
  int sum = a.width() + b.width();
  // As DuckDB: inputs that fit in 64 bits keep a 64-bit result (overflow is checked at run time).
  if (sum > kDecimalWidthInt64 && std::max(a.width(), b.width()) <= kDecimalWidthInt64 &&
      scale < kDecimalWidthInt64) {
    sum = kDecimalWidthInt64;
  }
  uint8_t width = ClampWidth(sum);
  if (width < scale) width = static_cast<uint8_t>(scale);
  // Compute in the result's physical type: widen each side, keeping its own scale.
  CastArguments(expr, LogicalType::Decimal(width, a.scale()),
                LogicalType::Decimal(width, b.scale()));
  expr.type = LogicalType::Decimal(width, static_cast<uint8_t>(scale));
  return Status();
}

// DECIMAL % DECIMAL: both at the larger scale.
Status BindDecimalModulo(BoundExpression& expr) {
  LogicalType a = DecimalForNumeric(expr.children[0]->type);
  LogicalType b = DecimalForNumeric(expr.children[1]->type);
  int scale = std::max(a.scale(), b.scale());
  int integral = std::max(a.width() - a.scale(), b.width() - b.scale());
  LogicalType result = LogicalType::Decimal(ClampWidth(integral + scale), scale);
  CastArguments(expr, result, result);
  expr.type = result;
  return Status();
}

Status BindDecimalNegate(BoundExpression& expr) {
  expr.type = expr.children[0]->type;
  return Status();
}

template <typename Op>
void AddNumericOverloads(FunctionRegistry& registry, const char* name, bool integers, bool floats) {
  auto add = [&](LogicalType type, ScalarFunctionBody body) {
    registry.AddScalar(ScalarFunction{name, {type, type}, type, body});
  };
  if (integers) {
    add(LogicalType::TinyInt(), BinaryArithmetic<int8_t, Op>);
    add(LogicalType::SmallInt(), BinaryArithmetic<int16_t, Op>);
    add(LogicalType::Integer(), BinaryArithmetic<int32_t, Op>);
    add(LogicalType::BigInt(), BinaryArithmetic<int64_t, Op>);
    add(LogicalType::HugeInt(), BinaryArithmetic<int128_t, Op>);
    add(LogicalType::UTinyInt(), BinaryArithmetic<int16_t, Op>);
    add(LogicalType::USmallInt(), BinaryArithmetic<int32_t, Op>);
    add(LogicalType::UInteger(), BinaryArithmetic<int64_t, Op>);
    add(LogicalType::UBigInt(), BinaryArithmetic<int128_t, Op>);
  }
  if (floats) {
    if constexpr (std::is_same_v<Op, DivideOp> || std::is_same_v<Op, ModuloOp>) {
      constexpr bool kModulo = std::is_same_v<Op, ModuloOp>;
      add(LogicalType::Float(), FloatDivision<float, kModulo>);
      add(LogicalType::Double(), FloatDivision<double, kModulo>);
    } else {
      add(LogicalType::Float(), BinaryArithmetic<float, Op>);
      add(LogicalType::Double(), BinaryArithmetic<double, Op>);
    }
  }
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& registry) {
  AddNumericOverloads<AddOp>(registry, "+", true, true);
  AddNumericOverloads<SubtractOp>(registry, "-", true, true);
  AddNumericOverloads<MultiplyOp>(registry, "*", true, true);
  AddNumericOverloads<DivideOp>(registry, "/", false, true);
  AddNumericOverloads<IntegerDivideOp>(registry, "//", true, true);
  AddNumericOverloads<ModuloOp>(registry, "%", true, true);

  ScalarFunction decimal_add{
      "+", {kAnyDecimal, kAnyDecimal}, kAnyDecimal, DecimalArithmetic<AddOp>};
  decimal_add.bind = BindDecimalAddSubtract;
  registry.AddScalar(decimal_add);
  ScalarFunction decimal_sub{
      "-", {kAnyDecimal, kAnyDecimal}, kAnyDecimal, DecimalArithmetic<SubtractOp>};
  decimal_sub.bind = BindDecimalAddSubtract;
  registry.AddScalar(decimal_sub);
  ScalarFunction decimal_mul{
      "*", {kAnyDecimal, kAnyDecimal}, kAnyDecimal, DecimalArithmetic<MultiplyOp>};
  decimal_mul.bind = BindDecimalMultiply;
  registry.AddScalar(decimal_mul);
  ScalarFunction decimal_mod{
      "%", {kAnyDecimal, kAnyDecimal}, kAnyDecimal, DecimalArithmetic<ModuloOp>};
  decimal_mod.bind = BindDecimalModulo;
  registry.AddScalar(decimal_mod);

  auto unary = [&](LogicalType type, ScalarFunctionBody negate) {
    registry.AddScalar(ScalarFunction{"-", {type}, type, negate});
    registry.AddScalar(ScalarFunction{"+", {type}, type, Identity});
  };
  unary(LogicalType::TinyInt(), Negate<int8_t>);
  unary(LogicalType::SmallInt(), Negate<int16_t>);
  unary(LogicalType::Integer(), Negate<int32_t>);
  unary(LogicalType::BigInt(), Negate<int64_t>);
  unary(LogicalType::HugeInt(), Negate<int128_t>);
  unary(LogicalType::Float(), Negate<float>);
  unary(LogicalType::Double(), Negate<double>);
  ScalarFunction decimal_negate{"-", {kAnyDecimal}, kAnyDecimal, DecimalNegate};
  decimal_negate.bind = BindDecimalNegate;
  registry.AddScalar(decimal_negate);
  ScalarFunction decimal_plus{"+", {kAnyDecimal}, kAnyDecimal, Identity};
  decimal_plus.bind = BindDecimalNegate;
  registry.AddScalar(decimal_plus);

  registry.AddAlias("add", "+");
  registry.AddAlias("subtract", "-");
  registry.AddAlias("multiply", "*");
  registry.AddAlias("divide", "/");
  registry.AddAlias("mod", "%");
}

}  // namespace fluxdb
