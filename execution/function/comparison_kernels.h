// Vectorized comparisons: as boolean vectors (projections) and as selections (filters).
#pragma once

#include "common/status.h"
#include "common/vector.h"
#include "execution/expression/bound_expression.h"

namespace fluxdb {

/// result (BOOLEAN) = left op right, NULL where either side is NULL (except for the DISTINCT
/// comparisons, which treat NULL as a value and never return NULL).
Status CompareVectors(ComparisonType type, const Vector& left, const Vector& right, idx_t count,
                      Vector& result);

/// Writes to `true_sel` the rows in [0, count) where left op right is TRUE; returns how many.
idx_t SelectComparison(ComparisonType type, const Vector& left, const Vector& right, idx_t count,
                       SelectionVector& true_sel);

/// Three-way comparison of single physical values with FluxDB's ordering rules (NaN above all
/// numbers, strings bytewise, intervals normalized to 30-day months).
template <typename T>
int CompareValues(const T& a, const T& b);

}  // namespace fluxdb
