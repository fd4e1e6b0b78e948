// Floating-point math: sqrt, cbrt, exp, ln, log/log10/log2, power (and ** / ^), the
// trigonometric functions, pi, degrees, radians, isnan/isinf/isfinite.
//
// Domain errors are raised as in DuckDB (square root or logarithm of a negative number, asin
// outside [-1, 1] ...; more of them with ieee_floating_point_ops off, none with it on: see
// DomainMode); overflows to infinity are not errors.
#include <cmath>
#include <numbers>
#include <optional>

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
double Asin(double v) { return std::asin(v); }
double Acos(double v) { return std::acos(v); }
double Sqrt(double v) { return std::sqrt(v); }
double Ln(double v) { return std::log(v); }
double Log10(double v) { return std::log10(v); }
double Log2(double v) { return std::log2(v); }
double Gamma(double v) { return std::tgamma(v); }
double Lgamma(double v) { return std::lgamma(v); }
double Degrees(double v) { return v * (180.0 / std::numbers::pi); }
double Radians(double v) { return v * (std::numbers::pi / 180.0); }

// How arguments outside a function's domain are treated (ieee_floating_point_ops):
// - kIeee (set to true): the function returns what IEEE 754 arithmetic gives (NaN, +-inf), as
//   newer DuckDB does by default.
// - kStrict (set to false): every such argument is an error, as in DuckDB 1.5.
// - kClassic (not set): the errors DuckDB has always raised (square root or logarithm of a
//   negative number, asin of 2, gamma of 0) but IEEE values where the corpus' DuckDB gives them
//   by default (sin of inf, atanh of 2, cot of 0).
// Without an execution context (plan-time constant folding) the setting is unknown: kStrict
// makes every disputed call fail there, which leaves it to run-time evaluation.
enum class DomainMode : uint8_t { kIeee, kClassic, kStrict };

DomainMode ModeOf(const ExpressionState& state) {
  if (state.context == nullptr || state.context->settings == nullptr) return DomainMode::kStrict;
  const std::optional<bool>& ieee = state.context->settings->ieee_floating_point_ops;
  if (!ieee.has_value()) return DomainMode::kClassic;
  return *ieee ? DomainMode::kIeee : DomainMode::kStrict;
}

// Whether an argument is inside a function's domain (`strict`: kStrict's wider checks); if not,
// the error is written.
using DomainCheck = bool (*)(double, bool strict, Status*);

bool SqrtDomain(double v, bool, Status* error) {
  if (v >= 0 || std::isnan(v)) return true;
  *error = OutOfRangeError("cannot take square root of a negative number");
  return false;
}
bool LogDomain(double v, bool, Status* error) {
  if (v > 0 || std::isnan(v)) return true;
  *error = OutOfRangeError(v == 0 ? "cannot take logarithm of zero"
                                  : "cannot take logarithm of a negative number");
  return false;
}
// sin, cos, tan and the arc functions at an infinity.
bool InfiniteDomain(double v, bool strict, Status* error) {
  if (!strict || !std::isinf(v)) return true;
  *error = OutOfRangeError("input value ", v < 0 ? "-inf" : "inf",
                           " is out of range for numeric function");
  return false;
}
bool CotDomain(double v, bool strict, Status* error) {
  if (strict && v == 0) {
    *error = OutOfRangeError("input value ", std::signbit(v) ? "-" : "", "0.000000",
                             " is out of range for numeric function cotangent");
    return false;
  }
  return InfiniteDomain(v, strict, error);
}
template <bool kAsin>
bool ArcDomain(double v, bool strict, Status* error) {
  if (std::isinf(v)) return InfiniteDomain(v, strict, error);
  if (!(v < -1 || v > 1)) return true;
  *error = InvalidInputError(kAsin ? "ASIN" : "ACOS", " is undefined outside [-1,1]");
  return false;
}
bool AtanhDomain(double v, bool strict, Status* error) {
  if (!strict || !(v < -1 || v > 1)) return true;
  *error = InvalidInputError("ATANH is undefined outside [-1,1]");
  return false;
}
bool GammaDomain(double v, bool, Status* error) {
  if (v != 0) return true;
  *error = OutOfRangeError("cannot take gamma of zero");
  return false;
}
bool LgammaDomain(double v, bool, Status* error) {
  if (v != 0) return true;
  *error = OutOfRangeError("cannot take log gamma of zero");
  return false;
}

// kOp over the argument, where kCheck rejects arguments outside the domain.
template <UnaryDouble kOp, DomainCheck kCheck>
Status DomainBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  DomainMode mode = ModeOf(state);
  bool strict = mode == DomainMode::kStrict;
  Status error;
  bool ok = UnaryTryExecute<double, double>(
      args.column(0), result, args.size(), [&](double v, double* out) {
        if (mode != DomainMode::kIeee && !kCheck(v, strict, &error)) {
          return false;
        }
        *out = kOp(v);
        return true;
      });
  return ok ? Status() : error;
}

// log(b, x): logarithm of x to base b.
Status LogBaseBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  DomainMode mode = ModeOf(state);
  Status error;
  bool ok = BinaryTryExecute<double, double, double>(
      args.column(0), args.column(1), result, args.size(),
      [&](double base, double v, double* out, bool*) {
        if (mode != DomainMode::kIeee) {
          if (!LogDomain(v, false, &error) || !LogDomain(base, false, &error)) {
            return false;
          }
          if (mode == DomainMode::kStrict && base == 1) {
            // sic: DuckDB's spelling.
            error = OutOfRangeError("divison by zero in based logarithm");
            return false;
          }
        }
        *out = std::log(v) / std::log(base);
        return true;
      });
  return ok ? Status() : error;
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
  AddUnary(registry, "sqrt", DomainBody<Sqrt, SqrtDomain>);
  AddUnary(registry, "cbrt", Apply<Cbrt>);
  AddUnary(registry, "exp", Apply<Exp>);
  AddUnary(registry, "ln", DomainBody<Ln, LogDomain>);
  AddUnary(registry, "log10", DomainBody<Log10, LogDomain>);
  AddUnary(registry, "log", DomainBody<Log10, LogDomain>);
  AddUnary(registry, "log2", DomainBody<Log2, LogDomain>);
  registry.AddScalar(ScalarFunction{"log", {d, d}, d, LogBaseBody});
  AddUnary(registry, "sin", DomainBody<Sin, InfiniteDomain>);
  AddUnary(registry, "cos", DomainBody<Cos, InfiniteDomain>);
  AddUnary(registry, "tan", DomainBody<Tan, InfiniteDomain>);
  AddUnary(registry, "cot", DomainBody<Cot, CotDomain>);
  AddUnary(registry, "asin", DomainBody<Asin, ArcDomain<true>>);
  AddUnary(registry, "acos", DomainBody<Acos, ArcDomain<false>>);
  AddUnary(registry, "atan", Apply<Atan>);
  AddUnary(registry, "sinh", Apply<Sinh>);
  AddUnary(registry, "cosh", Apply<Cosh>);
  AddUnary(registry, "tanh", Apply<Tanh>);
  AddUnary(registry, "asinh", Apply<Asinh>);
  AddUnary(registry, "degrees", Apply<Degrees>);
  AddUnary(registry, "radians", Apply<Radians>);
  AddUnary(registry, "acosh", Apply<Acosh>);
  AddUnary(registry, "atanh", DomainBody<Atanh, AtanhDomain>);
  AddUnary(registry, "gamma", DomainBody<Gamma, GammaDomain>);
  AddUnary(registry, "lgamma", DomainBody<Lgamma, LgammaDomain>);
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
