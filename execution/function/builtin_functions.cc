#include "execution/function/builtin_functions.h"

#include "execution/function/function_registry.h"

namespace fluxdb {

void RegisterBuiltinFunctions(FunctionRegistry& registry) {
  RegisterArithmeticFunctions(registry);
  RegisterStringOperators(registry);

  RegisterStringBasicFunctions(registry);
  RegisterStringSliceFunctions(registry);
  RegisterStringSearchFunctions(registry);
  RegisterStringConcatFunctions(registry);
  RegisterStringFormatFunctions(registry);
  RegisterStringRegexFunctions(registry);
  RegisterMd5Functions(registry);

  RegisterCoreAggregates(registry);
}

}  // namespace fluxdb
