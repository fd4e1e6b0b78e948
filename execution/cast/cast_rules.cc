#include "execution/cast/cast_rules.h"

#include <algorithm>

namespace fluxdb {

namespace {
// Rank of the numeric types in DuckDB's implicit widening order.
int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
      return 1;
    case TypeId::kSmallInt:
      return 2;
    case TypeId::kInteger:
      return 3;
    case TypeId::kBigInt:
      return 4;
    case TypeId::kHugeInt:
      return 5;
    case TypeId::kDecimal:
      return 6;
    case TypeId::kFloat:
      return 7;
    case TypeId::kDouble:
      return 8;
    default:
      return 0;
  }
}
// DuckDB's cost of widening a number to `to` (TargetTypeCost): the cost depends on the target
// only, so FLOAT + INTEGER stays FLOAT (110 < 102 + 102) while INTEGER / INTEGER becomes DOUBLE
// (102 + 102 < 110 + 110), and integers prefer DOUBLE (102) over DECIMAL (104).
int NumericTargetCost(TypeId to) {
  switch (to) {
    case TypeId::kInteger:
      return 103;
    case TypeId::kBigInt:
      return 101;
    case TypeId::kDouble:
      return 102;
    case TypeId::kHugeInt:
      return 120;
    case TypeId::kDecimal:
      return 104;
    default:  // SMALLINT, FLOAT, ...
      return 110;
  }
}
}  // namespace

uint8_t IntegerDigits(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
      return 3;
    case TypeId::kSmallInt:
      return 5;
    case TypeId::kInteger:
      return 10;
    case TypeId::kBigInt:
      return 19;
    case TypeId::kHugeInt:
      return 38;
    case TypeId::kBoolean:
      return 1;
    default:
      return 0;
  }
}

LogicalType DecimalForNumeric(const LogicalType& type) {
  if (type.id() == TypeId::kDecimal) return type;
  return LogicalType::Decimal(IntegerDigits(type.id()), 0);
}

int ImplicitCastCost(const LogicalType& from, const LogicalType& to, bool from_literal) {
  if (from == to) return 0;
  if (to.id() == TypeId::kInvalid) return 0;  // "any" argument
  if (from.id() == TypeId::kNull) return 1;
  if (to.id() == TypeId::kDecimal && to.width() == 0) {  // "any decimal" argument
    if (from.id() == TypeId::kDecimal) return 0;
    if (from.IsIntegral()) return NumericTargetCost(TypeId::kDecimal);
    return -1;
  }
  if (from_literal && from.id() == TypeId::kVarchar) return to.id() == TypeId::kVarchar ? 0 : 5;
  int from_rank = NumericRank(from.id());
  int to_rank = NumericRank(to.id());
  if (from_rank > 0 && to_rank > 0) {
    if (to.id() == TypeId::kDecimal) {
      if (from.id() == TypeId::kDecimal) {
        // Only widen: both the integral digits and the scale must fit.
        if (to.scale() >= from.scale() && to.width() - to.scale() >= from.width() - from.scale()) {
          return 5;
        }
        return -1;
      }
      if (!from.IsIntegral()) return -1;
      return to.width() - to.scale() >= IntegerDigits(from.id()) ? NumericTargetCost(to.id()) : -1;
    }
    if (to_rank <= from_rank) return -1;
    return NumericTargetCost(to.id());
  }
  if (from.id() == TypeId::kDate && to.id() == TypeId::kTimestamp) return 10;
  if (from.id() == TypeId::kBlob && to.id() == TypeId::kVarchar) return -1;
  return -1;
}

std::optional<LogicalType> CommonSuperType(const LogicalType& a, const LogicalType& b,
                                           bool a_literal, bool b_literal) {
  if (a == b) return a;
  if (a.id() == TypeId::kNull) return b;
  if (b.id() == TypeId::kNull) return a;
  if (a_literal && a.id() == TypeId::kVarchar) return b;
  if (b_literal && b.id() == TypeId::kVarchar) return a;
  int ra = NumericRank(a.id()), rb = NumericRank(b.id());
  if (ra > 0 && rb > 0) {
    if (a.id() == TypeId::kDouble || b.id() == TypeId::kDouble) return LogicalType::Double();
    if (a.id() == TypeId::kFloat || b.id() == TypeId::kFloat) return LogicalType::Float();
    if (a.id() == TypeId::kDecimal || b.id() == TypeId::kDecimal) {
      LogicalType da = DecimalForNumeric(a), db = DecimalForNumeric(b);
      int scale = std::max(da.scale(), db.scale());
      int integral = std::max(da.width() - da.scale(), db.width() - db.scale());
      if (integral + scale > kDecimalMaxWidth) return LogicalType::Double();
      return LogicalType::Decimal(static_cast<uint8_t>(integral + scale),
                                  static_cast<uint8_t>(scale));
    }
    return ra > rb ? a : b;
  }
  if ((a.id() == TypeId::kDate && b.id() == TypeId::kTimestamp) ||
      (a.id() == TypeId::kTimestamp && b.id() == TypeId::kDate)) {
    return LogicalType::Timestamp();
  }
  if (a.id() == TypeId::kVarchar && b.id() == TypeId::kBlob) return LogicalType::Blob();
  if (a.id() == TypeId::kBlob && b.id() == TypeId::kVarchar) return LogicalType::Blob();
  return std::nullopt;
}

bool CanCastExplicitly(const LogicalType& from, const LogicalType& to) {
  if (from == to || from.id() == TypeId::kNull) return true;
  if (to.id() == TypeId::kVarchar || from.id() == TypeId::kVarchar) return true;
  bool from_num = from.IsNumeric() || from.id() == TypeId::kBoolean;
  bool to_num = to.IsNumeric() || to.id() == TypeId::kBoolean;
  if (from_num && to_num) return true;
  auto temporal = [](TypeId id) {
    return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTime;
  };
  if (temporal(from.id()) && temporal(to.id())) {
    return !(from.id() == TypeId::kDate && to.id() == TypeId::kTime) &&
           !(from.id() == TypeId::kTime && to.id() == TypeId::kDate);
  }
  return false;
}

}  // namespace fluxdb
