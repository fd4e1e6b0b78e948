// CAST between any two types, a vector at a time.
#pragma once

#include "common/status.h"
#include "common/value.h"
#include "common/vector.h"

namespace fluxdb {

/// Casts the first `count` rows of `source` into `result` (whose type is the target type; a
/// writable flat vector). A value that does not convert is an error (Conversion Error / Out of
/// Range Error naming the value), or NULL when `try_cast`.
Status CastVector(const Vector& source, Vector& result, idx_t count, bool try_cast = false);

/// Casts one value (through a one-row vector, so the rules are the same).
StatusOr<Value> CastValue(const Value& value, const LogicalType& target, bool try_cast = false);

/// The text of one value as CAST(x AS VARCHAR) produces it.
std::string ValueToText(const Value& value);

}  // namespace fluxdb
