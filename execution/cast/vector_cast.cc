#include "execution/cast/vector_cast.h"

#include "execution/cast/cast_kernels.h"

namespace fluxdb {

namespace {
bool IsNumeric(const LogicalType& type) {
  return type.IsNumeric() || type.id() == TypeId::kBoolean || type.id() == TypeId::kNull;
}
}  // namespace

Status CastVector(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& from = source.type();
  const LogicalType& to = result.type();
  if (from == to) {
    result.Reference(source);
    return Status();
  }
  if (from.id() == TypeId::kNull) {
    result.SetConstant(Value(to));
    return Status();
  }
  if (from.IsNested() || to.IsNested()) {
    return cast_internal::CastNested(source, result, count, try_cast);
  }
  if (to.id() == TypeId::kVarchar) return cast_internal::CastToVarchar(source, result, count);
  if (from.id() == TypeId::kVarchar) {
    return cast_internal::CastFromVarchar(source, result, count, try_cast);
  }
  if (IsNumeric(from) && IsNumeric(to)) {
    return cast_internal::CastNumeric(source, result, count, try_cast);
  }
  if (from.IsTemporal() && to.IsTemporal()) {
    return cast_internal::CastTemporal(source, result, count, try_cast);
  }
  if (from.id() == TypeId::kBlob && to.id() == TypeId::kVarchar) {
    return cast_internal::CastToVarchar(source, result, count);
  }
  return ConversionError("Unimplemented type for cast (", from.ToString(), " -> ", to.ToString(),
                         ")");
}

StatusOr<Value> CastValue(const Value& value, const LogicalType& target, bool try_cast) {
  if (value.type() == target) return value;
  if (value.is_null()) return Value(target);
  Vector source(value);
  Vector result(target, 1);
  FLUX_RETURN_IF_ERROR(CastVector(source, result, 1, try_cast));
  return result.GetValue(0);
}

std::string ValueToText(const Value& value) { return value.ToString(); }

}  // namespace fluxdb
