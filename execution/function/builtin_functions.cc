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
  RegisterShaFunctions(registry);
  RegisterStringEncodeFunctions(registry);
  RegisterStringSimilarityFunctions(registry);

  RegisterMathRoundingFunctions(registry);
  RegisterMathDoubleFunctions(registry);
  RegisterMathIntegerFunctions(registry);
  RegisterRandomFunctions(registry);
  RegisterSequenceFunctions(registry);

  RegisterDatePartFunctions(registry);
  RegisterDateArithmeticFunctions(registry);
  RegisterDateTruncDiffFunctions(registry);
  RegisterDateConstructFunctions(registry);
  RegisterStrftimeFunctions(registry);
  RegisterDateBucketFunctions(registry);

  RegisterGreatestLeastFunctions(registry);
  RegisterMiscFunctions(registry);
  RegisterListFunctions(registry);

  RegisterCoreAggregates(registry);
  RegisterStatisticsAggregates(registry);
  RegisterQuantileAggregates(registry);
  RegisterFirstLastAggregates(registry);
  RegisterBitwiseBooleanAggregates(registry);
  RegisterKahanProductAggregates(registry);
  RegisterValueCountAggregates(registry);
  RegisterApproxCountDistinct(registry);
  RegisterDecimalAverageAggregate(registry);
  RegisterStringAggregates(registry);
  RegisterListAggregates(registry);
}

}  // namespace fluxdb
