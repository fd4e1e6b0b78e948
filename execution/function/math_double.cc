// Floating-point math: sqrt, cbrt, exp, ln, log/log10/log2, power (and ** / ^), the
// trigonometric functions, pi, degrees, radians, isnan/isinf/isfinite.
//
// Domain errors are raised as in DuckDB (square root or logarithm of a negative number, asin
// outside [-1, 1]); overflows to infinity are not errors.
#include <cmath>
#include <numbers>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

using UnaryDouble = double (*)(double);

template <UnaryDouble kOp>
Status Apply(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<double, double>(args.column(0), result, args.size(),
                               [](double v) { return kOp(v); });
  return Status();
}

double Cbrt(double v) { return std::cbrt(v); }
double Exp(double v) { return std::exp(v); }
double Sin(double v) { return std::sin(v); }
double Cos(double v) { return std::cos(v); }
double Tan(double v) { return std::tan(v); }
double Atan(double v) { return std::atan(v); }
double Cot(double v) { return 1.0 / std::tan(v); }
double Sinh(double v) { return std::sinh(v); }
double Cosh(double v) { return std::cosh(v); }
double Tanh(double v) { return std::tanh(v); }
double Asinh(double v) { return std::asinh(v); }
double Acosh(double v) { return std::acosh(v); }
double Atanh(double v) { return std::atanh(v); }
double Degrees(double v) { return v * (180.0 / std::numbers::pi); }
double Radians(double v) { return v * (std::numbers::pi / 180.0); }

Status SqrtBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<double, double>(args.column(0), result, args.size(),
                                            [](double v, double* out) {
                                              if (v < 0) return false;
                                              *out = std::sqrt(v);
                                              return true;
                                            });
  if (!ok) return OutOfRangeError("cannot take square root of a negative number");
  return Status();
}

template <UnaryDouble kLog>
Status LogBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool zero = false;
  bool ok = UnaryTryExecute<double, double>(args.column(0), result, args.size(),
                                            [&](double v, double* out) {
                                              if (v <= 0) {
                                                zero = v == 0;
                                                return false;
                                              }
                                              *out = kLog(v);
                                              return true;
                                            });
  if (ok) return Status();
  if (zero) return OutOfRangeError("cannot take logarithm of zero");
  return OutOfRangeError("cannot take logarithm of a negative number");
}

double Ln(double v) { return std::log(v); }
double Log10(double v) { return std::log10(v); }
double Log2(double v) { return std::log2(v); }

// log(b, x): logarithm of x to base b.
Status LogBaseBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool zero = false;
  bool ok =
      BinaryTryExecute<double, double, double>(args.column(0), args.column(1), result, args.size(),
                                               [&](double base, double v, double* out, bool*) {
                                                 if (v <= 0 || base <= 0) {
                                                   zero = v == 0 || base == 0;
                                                   return false;
                                                 }
                                                 *out = std::log(v) / std::log(base);
                                                 return true;
                                               });
  if (ok) return Status();
  if (zero) return OutOfRangeError("cannot take logarithm of zero");
  return OutOfRangeError("cannot take logarithm of a negative number");
}

// A finite argument outside [-1, 1] is an error; infinities and NaN give NaN (IEEE).
template <bool kAsin>
Status ArcBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<double, double>(args.column(0), result, args.size(),
                                            [](double v, double* out) {
                                              if (std::isfinite(v) && (v < -1 || v > 1)) {
                                                return false;
                                              }
                                              *out = kAsin ? std::asin(v) : std::acos(v);
                                              return true;
                                            });
  if (!ok) return InvalidInputError(kAsin ? "ASIN" : "ACOS", " is undefined outside [-1,1]");
  return Status();
}

Status GammaBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<double, double>(args.column(0), result, args.size(),
                                            [](double v, double* out) {
                                              if (v == 0) return false;
                                              *out = std::tgamma(v);
                                              return true;
                                            });
  if (!ok) return OutOfRangeError("cannot take gamma of zero");
  return Status();
}

Status LgammaBody(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<double, double>(args.column(0), result, args.size(),
                                            [](double v, double* out) {
                                              if (v == 0) return false;
                                              *out = std::lgamma(v);
                                              return true;
                                            });
  if (!ok) return OutOfRangeError("cannot take log gamma of zero");
  return Status();
}

template <typename T>
Status NextAfterBody(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<T, T, T>(args.column(0), args.column(1), result, args.size(),
                         [](T from, T to) { return std::nextafter(from, to); });
  return Status();
}

Status PowerBody(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<double, double, double>(args.column(0), args.column(1), result, args.size(),
                                        [](double a, double b) { return std::pow(a, b); });
  return Status();
}

Status Atan2Body(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<double, double, double>(args.column(0), args.column(1), result, args.size(),
                                        [](double y, double x) { return std::atan2(y, x); });
  return Status();
}

Status PiBody(const DataChunk&, ExpressionState&, Vector& result) {
  result.SetConstant(Value::Double(std::numbers::pi));
  return Status();
}

template <typename T, int kWhich>
Status Classify(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, bool>(args.column(0), result, args.size(), [](T v) {
    if (kWhich == 0) return std::isnan(v);
    if (kWhich == 1) return std::isinf(v);
    return std::isfinite(v);
  });
  return Status();
}

void AddUnary(FunctionRegistry& registry, const char* name, ScalarFunctionBody body) {
  registry.AddScalar(ScalarFunction{name, {LogicalType::Double()}, LogicalType::Double(), body});
}

}  // namespace

void RegisterMathDoubleFunctions(FunctionRegistry& registry) {
  const LogicalType d = LogicalType::Double();
  AddUnary(registry, "sqrt", SqrtBody);
  AddUnary(registry, "cbrt", Apply<Cbrt>);
  AddUnary(registry, "exp", Apply<Exp>);
  AddUnary(registry, "ln", LogBody<Ln>);
  AddUnary(registry, "log10", LogBody<Log10>);
  AddUnary(registry, "log", LogBody<Log10>);
  AddUnary(registry, "log2", LogBody<Log2>);
  registry.AddScalar(ScalarFunction{"log", {d, d}, d, LogBaseBody});
  AddUnary(registry, "sin", Apply<Sin>);
  AddUnary(registry, "cos", Apply<Cos>);
  AddUnary(registry, "tan", Apply<Tan>);
  AddUnary(registry, "cot", Apply<Cot>);
  AddUnary(registry, "asin", ArcBody<true>);
  AddUnary(registry, "acos", ArcBody<false>);
  AddUnary(registry, "atan", Apply<Atan>);
  AddUnary(registry, "sinh", Apply<Sinh>);
  AddUnary(registry, "cosh", Apply<Cosh>);
  AddUnary(registry, "tanh", Apply<Tanh>);
  AddUnary(registry, "asinh", Apply<Asinh>);
  AddUnary(registry, "degrees", Apply<Degrees>);
  AddUnary(registry, "radians", Apply<Radians>);
  AddUnary(registry, "acosh", Apply<Acosh>);
  AddUnary(registry, "atanh", Apply<Atanh>);
  AddUnary(registry, "gamma", GammaBody);
  AddUnary(registry, "lgamma", LgammaBody);
  registry.AddScalar(ScalarFunction{"nextafter", {d, d}, d, NextAfterBody<double>});
  registry.AddScalar(ScalarFunction{"nextafter",
                                    {LogicalType::Float(), LogicalType::Float()},
                                    LogicalType::Float(),
                                    NextAfterBody<float>});
  registry.AddScalar(ScalarFunction{"atan2", {d, d}, d, Atan2Body});
  registry.AddScalar(ScalarFunction{"power", {d, d}, d, PowerBody});
  registry.AddAlias("pow", "power");
  registry.AddAlias("**", "power");
  registry.AddAlias("^", "power");
  registry.AddScalar(ScalarFunction{"pi", {}, d, PiBody});
  registry.AddScalar(
      ScalarFunction{"isnan", {LogicalType::Float()}, LogicalType::Boolean(), Classify<float, 0>});
  registry.AddScalar(ScalarFunction{"isnan", {d}, LogicalType::Boolean(), Classify<double, 0>});
  registry.AddScalar(
      ScalarFunction{"isinf", {LogicalType::Float()}, LogicalType::Boolean(), Classify<float, 1>});
  registry.AddScalar(ScalarFunction{"isinf", {d}, LogicalType::Boolean(), Classify<double, 1>});
  registry.AddScalar(ScalarFunction{
      "isfinite", {LogicalType::Float()}, LogicalType::Boolean(), Classify<float, 2>});
  registry.AddScalar(ScalarFunction{"isfinite", {d}, LogicalType::Boolean(), Classify<double, 2>});
}

}  // namespace fluxdb
