// Parsing SQL text into typed values (casts from VARCHAR, CSV loading).
//
// All parsers accept leading and trailing whitespace and reject anything else that does not
// belong to the value. They return false instead of failing, so TRY_CAST costs no error object.
#pragma once

#include <string_view>

#include "common/types.h"

namespace fluxdb {

/// Integers in [min, max] of T ("+12", "-7"); no fraction, no exponent.
template <typename T>
bool TryParseInteger(std::string_view text, T* out);
bool TryParseInt128(std::string_view text, int128_t* out);
/// CAST(text AS integer type) as DuckDB: TryParseInteger's forms, plus a fraction or exponent
/// (rounded half away from zero: '2.5' -> 3), 0x hexadecimal and '_' between digits.
template <typename T>
bool TryCastTextToInteger(std::string_view text, T* out);
/// CAST(text AS unsigned integer type): TryCastTextToInteger's forms, into [0, max] (max may be
/// up to 2^128 - 1).
bool TryCastTextToUnsigned(std::string_view text, uint128_t max, uint128_t* out);
/// Decimal or scientific notation, "inf", "infinity", "nan" (any case), '_' between digits;
/// values beyond DOUBLE's range are +-infinity, as in DuckDB.
bool TryParseDouble(std::string_view text, double* out);
/// Exact decimal text into a value scaled by 10^scale (rounded half away from zero beyond
/// `scale` digits); false if it needs more than `width` digits.
bool TryParseDecimal(std::string_view text, uint8_t width, uint8_t scale, int128_t* out);
/// true/t/yes/y/1 and false/f/no/n/0, any case, no surrounding spaces (DuckDB).
bool TryParseBoolean(std::string_view text, bool* out);
/// PostgreSQL interval text: "1 day", "2 hours 3 minutes", "1 year 2 mons", "-1 week",
/// "01:02:03", "1 day 02:00:00", "P1D"-style ISO is not supported.
bool TryParseInterval(std::string_view text, Interval* out);

}  // namespace fluxdb
