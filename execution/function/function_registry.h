// FunctionRegistry: every built-in scalar, aggregate and window function, by name.
//
// Built once (thread-safe static) from the plain registration functions listed in
// builtin_functions.cc — "where is f hooked up" is one grep there.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "execution/aggregate/aggregate_function.h"
#include "execution/function/scalar_function.h"

namespace fluxdb {

class FunctionRegistry {
 public:
  static const FunctionRegistry& Get();

  /// Overloads of a scalar function (lower-case name), or null.
  const std::vector<ScalarFunction>* LookupScalar(std::string_view name) const;
  /// Overloads of an aggregate function, or null.
  const std::vector<AggregateFunction>* LookupAggregate(std::string_view name) const;
  /// Functions that exist only as window functions (row_number, rank, lag ...).
  bool IsWindowOnly(std::string_view name) const;
  /// Every function name, for "did you mean" suggestions.
  std::vector<std::string> AllNames() const;

  // Registration (used by builtin_functions.cc and tests).
  void AddScalar(ScalarFunction function);
  /// Registers `alias` as another name for every overload of `name`.
  void AddAlias(std::string_view alias, std::string_view name);
  void AddAggregate(AggregateFunction function);
  void AddAggregateAlias(std::string_view alias, std::string_view name);
  void AddWindowOnly(std::string_view name);

 private:
  absl::flat_hash_map<std::string, std::vector<ScalarFunction>> scalars_;
  absl::flat_hash_map<std::string, std::vector<AggregateFunction>> aggregates_;
  absl::flat_hash_map<std::string, bool> window_only_;
};

}  // namespace fluxdb
