// Registration entry points of the built-in function families, one per file.
#pragma once

namespace fluxdb {

class FunctionRegistry;

/// Registers every family below.
void RegisterBuiltinFunctions(FunctionRegistry& registry);

void RegisterArithmeticFunctions(FunctionRegistry& registry);    // + - * / // % unary -
void RegisterStringOperators(FunctionRegistry& registry);        // || and LIKE family
void RegisterCoreAggregates(FunctionRegistry& registry);         // count sum avg min max

}  // namespace fluxdb
