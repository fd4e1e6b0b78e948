// Which casts happen implicitly, at what cost, and what type two types meet in.
//
// The rules follow DuckDB: integers widen to larger integers, to DECIMALs that hold them and to
// floating point; DECIMAL widens to DOUBLE; DATE to TIMESTAMP; a string literal (a VARCHAR
// constant in the query text) converts to whatever it is compared with or passed to; NULL
// converts to anything. Everything else needs an explicit CAST.
#pragma once

#include <optional>

#include "common/types.h"

namespace fluxdb {

/// Cost of casting `from` to `to` implicitly (0 = same type), or -1 when not allowed.
/// `from_literal` marks a string literal, which may become any type.
int ImplicitCastCost(const LogicalType& from, const LogicalType& to, bool from_literal = false);

/// The type both `a` and `b` convert to for comparison, CASE, UNION, IN lists ...; nullopt when
/// there is none without an explicit cast. Literal flags as above.
std::optional<LogicalType> CommonSuperType(const LogicalType& a, const LogicalType& b,
                                           bool a_literal = false, bool b_literal = false);

/// Digits needed for any value of an integer type (TINYINT 3, ... HUGEINT 38).
uint8_t IntegerDigits(TypeId id);
/// The DECIMAL that holds every value of an integral type or the type itself if DECIMAL.
LogicalType DecimalForNumeric(const LogicalType& type);

/// True if CAST(from AS to) is defined at all (it may still fail for a value).
bool CanCastExplicitly(const LogicalType& from, const LogicalType& to);

}  // namespace fluxdb
