// What the value of a LIMIT / OFFSET clause means: a row count, or (LIMIT p%) a percentage.
#pragma once

#include "common/status.h"
#include "common/value.h"

namespace fluxdb {

/// Rows of a LIMIT / OFFSET value computed at run time (a scalar subquery's result), as DuckDB
/// converts it: NULL is no limit (kNoLimit), a negative or non-numeric value an Invalid Input
/// Error.
StatusOr<idx_t> LimitRowCount(const Value& value);

/// The percentage of LIMIT p%: NULL is 100; outside [0, 100] an error (DuckDB's Out of Range
/// Error, but a Binder Error for a negative value computed at run time; `constant`: known when
/// binding).
StatusOr<double> LimitPercentage(const Value& value, bool constant);

}  // namespace fluxdb
