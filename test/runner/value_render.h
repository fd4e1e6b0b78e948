// Result values as text, the way each sqllogictest dialect writes them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/value.h"

namespace fluxdb::slt {

/// SQLite's reference runner: the query's type letter decides the form. 'I' is the value read as a
/// 64-bit integer (sqlite3_column_int64: reals truncate toward zero, text gives its leading integer
/// or 0), 'R' is "%.3f" of the value read as a double, 'T' is the text with non-printable bytes
/// shown as '@'. NULL is "NULL" and an empty 'T' value "(empty)".
std::string RenderSqliteValue(const Value& value, char type_letter);

/// DuckDB's runner: the value cast to VARCHAR, booleans as 1/0, NULL as "NULL", the empty string as
/// "(empty)" and NUL bytes as "\0".
std::string RenderDuckDbValue(const Value& value);

// The conversions behind RenderSqliteValue, exposed for tests.
int64_t SqliteIntegerOf(const Value& value);
double SqliteRealOf(const Value& value);
/// sqlite3_column_text of a non-NULL value (before "(empty)" and '@').
std::string SqliteTextOf(const Value& value);
/// SQLite's "%!.15g": 15 significant digits, always with a '.' or an exponent ("1.0", "1.0e+20").
std::string FormatSqliteReal(double value);
/// Leading integer of a text as sqlite3Atoi64 reads it ("  12abc" is 12, "x" is 0), saturating.
int64_t SqliteTextToInteger(std::string_view text);
/// Leading number of a text as sqlite3AtoF reads it ("1.5e2x" is 150, "x" is 0).
double SqliteTextToReal(std::string_view text);

}  // namespace fluxdb::slt
