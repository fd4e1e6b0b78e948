// Registration entry points of the built-in function families, one per file.
#pragma once

namespace fluxdb {

class FunctionRegistry;

/// Registers every family below.
void RegisterBuiltinFunctions(FunctionRegistry& registry);

// Operators.
void RegisterArithmeticFunctions(FunctionRegistry& registry);  // + - * / // % unary -
void RegisterStringOperators(FunctionRegistry& registry);      // || and LIKE family

// Strings.
void RegisterStringBasicFunctions(FunctionRegistry& registry);   // length lower upper repeat ...
void RegisterStringSliceFunctions(FunctionRegistry& registry);   // substring left lpad trim ...
void RegisterStringSearchFunctions(FunctionRegistry& registry);  // strpos contains replace ...
void RegisterStringConcatFunctions(FunctionRegistry& registry);  // concat concat_ws
void RegisterStringFormatFunctions(FunctionRegistry& registry);  // format printf
void RegisterStringRegexFunctions(FunctionRegistry& registry);   // regexp_* ~ !~
void RegisterMd5Functions(FunctionRegistry& registry);           // md5

// Numbers.
void RegisterMathRoundingFunctions(FunctionRegistry& registry);  // abs sign round floor ceil ...
void RegisterMathDoubleFunctions(FunctionRegistry& registry);    // sqrt ln power sin ...
void RegisterMathIntegerFunctions(FunctionRegistry& registry);   // gcd factorial & | << ...
void RegisterRandomFunctions(FunctionRegistry& registry);        // random

// Dates and times.
void RegisterDatePartFunctions(FunctionRegistry& registry);        // date_part year month ...
void RegisterDateArithmeticFunctions(FunctionRegistry& registry);  // date/interval + - * / age
void RegisterDateTruncDiffFunctions(FunctionRegistry& registry);   // date_trunc date_diff date_sub
void RegisterDateConstructFunctions(FunctionRegistry& registry);   // make_date now last_day ...
void RegisterStrftimeFunctions(FunctionRegistry& registry);        // strftime strptime

// Any type.
void RegisterGreatestLeastFunctions(FunctionRegistry& registry);  // greatest least
void RegisterMiscFunctions(FunctionRegistry& registry);           // typeof ifnull hash error

// Aggregates.
void RegisterCoreAggregates(FunctionRegistry& registry);            // count sum avg min max
void RegisterStatisticsAggregates(FunctionRegistry& registry);      // stddev var corr ...
void RegisterQuantileAggregates(FunctionRegistry& registry);        // median quantile_cont ...
void RegisterFirstLastAggregates(FunctionRegistry& registry);       // first last arg_min ...
void RegisterBitwiseBooleanAggregates(FunctionRegistry& registry);  // bool_and bit_or count_if
void RegisterKahanProductAggregates(FunctionRegistry& registry);    // fsum favg product
void RegisterValueCountAggregates(
    FunctionRegistry& registry);  // mode entropy approx_count_distinct
void RegisterDecimalAverageAggregate(FunctionRegistry& registry);  // decimal_average
void RegisterStringAggregates(FunctionRegistry& registry);         // string_agg

}  // namespace fluxdb
