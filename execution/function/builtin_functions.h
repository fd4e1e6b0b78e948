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
void RegisterStringBasicFunctions(FunctionRegistry& registry);       // length lower repeat ...
void RegisterStringSliceFunctions(FunctionRegistry& registry);       // substring lpad trim ...
void RegisterStringSearchFunctions(FunctionRegistry& registry);      // strpos replace ...
void RegisterStringConcatFunctions(FunctionRegistry& registry);      // concat concat_ws
void RegisterStringFormatFunctions(FunctionRegistry& registry);      // format printf
void RegisterStringRegexFunctions(FunctionRegistry& registry);       // regexp_* ~ !~
void RegisterMd5Functions(FunctionRegistry& registry);               // md5
void RegisterShaFunctions(FunctionRegistry& registry);               // sha1 sha256
void RegisterStringEncodeFunctions(FunctionRegistry& registry);      // hex unhex base64 bin
void RegisterStringSimilarityFunctions(FunctionRegistry& registry);  // levenshtein jaccard

// Numbers.
void RegisterMathRoundingFunctions(FunctionRegistry& registry);  // abs sign round floor ...
void RegisterMathDoubleFunctions(FunctionRegistry& registry);    // sqrt ln power sin ...
void RegisterMathIntegerFunctions(FunctionRegistry& registry);   // gcd factorial & | << ...
void RegisterRandomFunctions(FunctionRegistry& registry);        // random
void RegisterSequenceFunctions(FunctionRegistry& registry);      // nextval currval

// Dates and times.
void RegisterDatePartFunctions(FunctionRegistry& registry);        // date_part year month ...
void RegisterDateArithmeticFunctions(FunctionRegistry& registry);  // + - * / age to_days ...
void RegisterDateTruncDiffFunctions(FunctionRegistry& registry);   // date_trunc date_diff ...
void RegisterDateConstructFunctions(FunctionRegistry& registry);   // make_date now last_day ...
void RegisterStrftimeFunctions(FunctionRegistry& registry);        // strftime strptime
void RegisterDateBucketFunctions(FunctionRegistry& registry);      // time_bucket

// Any type.
void RegisterGreatestLeastFunctions(FunctionRegistry& registry);  // greatest least
void RegisterMiscFunctions(FunctionRegistry& registry);           // typeof ifnull hash error
void RegisterListFunctions(FunctionRegistry& registry);  // list_value list_extract struct_pack ...

// Aggregates.
void RegisterCoreAggregates(FunctionRegistry& registry);            // count sum avg min max
void RegisterStatisticsAggregates(FunctionRegistry& registry);      // stddev corr regr_* ...
void RegisterQuantileAggregates(FunctionRegistry& registry);        // median quantile mad ...
void RegisterFirstLastAggregates(FunctionRegistry& registry);       // first last arg_min ...
void RegisterBitwiseBooleanAggregates(FunctionRegistry& registry);  // bool_and bit_or count_if
void RegisterKahanProductAggregates(FunctionRegistry& registry);    // fsum favg product geomean
void RegisterValueCountAggregates(FunctionRegistry& registry);  // mode entropy
void RegisterApproxCountDistinct(FunctionRegistry& registry);   // approx_count_distinct
void RegisterDecimalAverageAggregate(FunctionRegistry& registry);  // decimal_average
void RegisterStringAggregates(FunctionRegistry& registry);         // string_agg
void RegisterListAggregates(FunctionRegistry& registry);  // list arg_max(x, v, n) min(x, n)

}  // namespace fluxdb
