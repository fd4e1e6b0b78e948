// Text forms of numbers, matching what DuckDB prints when casting to VARCHAR.
#pragma once

#include <string>

#include "common/types.h"

namespace fluxdb {

std::string Int128ToString(int128_t value);
std::string Uint128ToString(uint128_t value);
/// A DECIMAL's raw scaled integer as text: FormatDecimal(1250, 2) == "12.50".
std::string FormatDecimal(int128_t raw, uint8_t scale);
/// Shortest text that reads back to the same double; fixed notation for exponents in [-4, 16),
/// scientific otherwise ("1e+20"), ".0" appended to integral values; "inf", "-inf", "nan".
std::string FormatDouble(double value);
std::string FormatFloat(float value);

/// 10^n for n in [0, 38].
int128_t PowerOfTen128(int n);

}  // namespace fluxdb
