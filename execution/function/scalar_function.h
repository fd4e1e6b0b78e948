// ScalarFunction: a named, typed vector function (f(x), x + y, lower(s) ...).
//
// Overloads are plain structs in a static registry (function_registry.cc). The binder picks the
// overload with the cheapest implicit casts, casts the arguments to its `arguments` types and
// calls `bind` (if set) which may refine the return type (DECIMAL scales) or precompute
// FunctionData. At run time `body` is called once per chunk with the evaluated arguments.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "execution/expression/bound_expression.h"

namespace fluxdb {

struct ExpressionState;

/// Per-thread mutable state of one function call site (e.g. a cache).
struct FunctionLocalState {
  virtual ~FunctionLocalState() = default;
};

/// Writes `args.size()` results into `result` (a writable flat vector; the body may instead
/// make it constant or reference an argument).
using ScalarFunctionBody = Status (*)(const DataChunk& args, ExpressionState& state,
                                      Vector& result);
/// Called once at bind time with the bound call (function, arguments cast to the overload's
/// types); may change expr.type and the arguments, and set expr.bind_data.
using ScalarFunctionBind = Status (*)(BoundExpression& expr);
using FunctionInitLocal = std::unique_ptr<FunctionLocalState> (*)(const BoundExpression& expr);

/// How a function treats NULL arguments.
enum class NullHandling : uint8_t {
  kPropagate,  // any NULL argument -> NULL result (the kernel helpers do this)
  kSpecial,    // the body handles NULLs itself (coalesce-like, concat, ...)
};

/// An argument type of TypeId::kInvalid in `arguments` accepts any type unchanged; a DECIMAL
/// with width 0 accepts any DECIMAL unchanged.
struct ScalarFunction {
  std::string name;
  std::vector<LogicalType> arguments;
  LogicalType return_type;
  ScalarFunctionBody body = nullptr;
  /// Extra arguments may follow, of type `varargs` (kAnyType: any type, left unchanged).
  bool has_varargs = false;
  LogicalType varargs = LogicalType::Invalid();
  ScalarFunctionBind bind = nullptr;
  FunctionInitLocal init_local = nullptr;
  NullHandling null_handling = NullHandling::kPropagate;
  /// Result may differ between calls with equal arguments (random(), now()): never folded.
  bool is_volatile = false;
  /// try(x): a row whose argument fails to evaluate (overflow, failed cast ...) gets NULL
  /// instead of failing the query (the ExpressionExecutor handles it).
  bool catch_errors = false;
  /// DuckDB rejects a call that two overloads fit equally cheaply ("Could not choose a best
  /// candidate function"). FluxDB's casts tie far more often (a NULL or a string literal costs
  /// the same to every type) and it takes the first registered overload instead, which other
  /// functions rely on. Overloads that set this keep DuckDB's rule among themselves, except
  /// where only NULL arguments tie (registration order then plays DuckDB's type preference).
  bool ambiguous_if_tied = false;
};

/// Any type / any decimal placeholders for `arguments`.
inline constexpr LogicalType kAnyType = LogicalType::Invalid();
inline constexpr LogicalType kAnyDecimal = LogicalType::Decimal(0, 0);

}  // namespace fluxdb
