#include "execution/function/builtin_functions.h"

#include "execution/function/function_registry.h"

namespace fluxdb {

void RegisterBuiltinFunctions(FunctionRegistry& registry) {
  RegisterArithmeticFunctions(registry);
  RegisterStringOperators(registry);
  RegisterCoreAggregates(registry);
}

}  // namespace fluxdb
