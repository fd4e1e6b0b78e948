// Registration entry points of the built-in function families, one per file.
#pragma once

namespace fluxdb {

class FunctionRegistry;

/// Registers every family below.
void RegisterBuiltinFunctions(FunctionRegistry& registry);

// Operators.
void RegisterArithmeticFunctions(FunctionRegistry& registry);    // + - * / // % unary -
void RegisterStringOperators(FunctionRegistry& registry);        // || and LIKE family

// Strings.
void RegisterStringBasicFunctions(FunctionRegistry& registry);   // length lower upper repeat ...
void RegisterStringSliceFunctions(FunctionRegistry& registry);   // substring left lpad trim ...
void RegisterStringSearchFunctions(FunctionRegistry& registry);  // strpos contains replace ...
void RegisterStringConcatFunctions(FunctionRegistry& registry);  // concat concat_ws
void RegisterStringFormatFunctions(FunctionRegistry& registry);  // format printf
void RegisterStringRegexFunctions(FunctionRegistry& registry);   // regexp_* ~ !~
void RegisterMd5Functions(FunctionRegistry& registry);           // md5

// Aggregates.
void RegisterCoreAggregates(FunctionRegistry& registry);         // count sum avg min max

}  // namespace fluxdb
