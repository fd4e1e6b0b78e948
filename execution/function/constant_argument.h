// Bind-time constant arguments (a regex pattern, a quantile fraction, a format string ...).
//
// The binder wraps literals in casts to the overload's parameter types, so "is this argument a
// constant" means "is it foldable", not "is it a kConstant node".
#pragma once

#include <optional>

#include "common/status.h"
#include "common/value.h"
#include "execution/expression/bound_expression.h"

namespace fluxdb {

/// The argument's value when it is a constant expression (evaluated now); nullopt when it
/// depends on the rows. Errors come from evaluating it (a cast that fails).
StatusOr<std::optional<Value>> ConstantArgument(const BoundExpression& arg);

}  // namespace fluxdb
