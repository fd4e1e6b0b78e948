// Internal: the cast kernels behind CastVector, one file per source family.
#pragma once

#include <string>

#include "common/status.h"
#include "common/vector.h"

namespace fluxdb::cast_internal {

/// Runs `op(source_value, &target_value) -> bool` over every valid row; on a false return the row
/// becomes NULL (try_cast) or the function fails with `error(row)`.
template <typename S, typename T, typename Op, typename ErrorFn>
Status CastLoop(const Vector& source, Vector& result, idx_t count, bool try_cast, Op&& op,
                ErrorFn&& error) {
  bool constant = source.encoding() == VectorEncoding::kConstant;
  idx_t n = constant ? (count == 0 ? 0 : 1) : count;
  UnifiedVector u;
  source.ToUnified(n, &u);
  const S* in = u.values<S>();
  T* out = result.data<T>();
  for (idx_t i = 0; i < n; i++) {
    idx_t idx = u.index(i);
    if (!u.validity->IsValid(idx)) {
      result.validity().SetInvalid(i);
      out[i] = T{};
      continue;
    }
    if (!op(in[idx], &out[i])) {
      if (!try_cast) return error(in[idx]);
      result.validity().SetInvalid(i);
      out[i] = T{};
    }
  }
  if (constant && count > 0) result.MarkConstant();
  return Status();
}

/// Name DuckDB uses for a type in cast errors (INT32, DOUBLE, DATE, DECIMAL(4,1) ...).
std::string CastTypeName(const LogicalType& type);

Status CastToVarchar(const Vector& source, Vector& result, idx_t count);
Status CastFromVarchar(const Vector& source, Vector& result, idx_t count, bool try_cast);
Status CastNumeric(const Vector& source, Vector& result, idx_t count, bool try_cast);
Status CastTemporal(const Vector& source, Vector& result, idx_t count, bool try_cast);
/// LIST / STRUCT to and from VARCHAR and between nested types (element by element).
Status CastNested(const Vector& source, Vector& result, idx_t count, bool try_cast);

}  // namespace fluxdb::cast_internal
