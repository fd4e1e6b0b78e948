#include "execution/cast/cast_rules.h"

#include <algorithm>

namespace fluxdb {

namespace {
// Rank of the numeric kinds in DuckDB's implicit widening order: integers (among themselves
// see IntegerWidens), then DECIMAL, FLOAT, DOUBLE.
int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
    case TypeId::kHugeInt:
    case TypeId::kUTinyInt:
    case TypeId::kUSmallInt:
    case TypeId::kUInteger:
    case TypeId::kUBigInt:
    case TypeId::kUHugeInt:
      return 1;
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

// Bits of an integer type.
int IntegerBits(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
    case TypeId::kUTinyInt:
      return 8;
    case TypeId::kSmallInt:
    case TypeId::kUSmallInt:
      return 16;
    case TypeId::kInteger:
    case TypeId::kUInteger:
      return 32;
    case TypeId::kBigInt:
    case TypeId::kUBigInt:
      return 64;
    default:  // HUGEINT, UHUGEINT
      return 128;
  }
}

bool IsUnsignedId(TypeId id) { return LogicalType(id).IsUnsigned(); }

// Whether every value of integer type `from` fits integer type `to` (DuckDB's implicit integer
// casts): a signed type never widens to an unsigned one.
bool IntegerWidens(TypeId from, TypeId to) {
  if (from == to) return true;
  if (!IsUnsignedId(from) && IsUnsignedId(to)) return false;
  return IntegerBits(to) > IntegerBits(from);
}

// The smallest signed integer type holding every value of the signed `s` and the unsigned `u`
// (TINYINT and UTINYINT meet in SMALLINT); nullopt past HUGEINT.
std::optional<LogicalType> SignedCover(TypeId s, TypeId u) {
  int bits = std::max(IntegerBits(s), IntegerBits(u) * 2);
  switch (bits) {
    case 16:
      return LogicalType::SmallInt();
    case 32:
      return LogicalType::Integer();
    case 64:
      return LogicalType::BigInt();
    case 128:
      return LogicalType::HugeInt();
    default:
      return std::nullopt;
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
    default:  // SMALLINT, FLOAT, the unsigned types ...
      return 110;
  }
}
}  // namespace

uint8_t IntegerDigits(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
    case TypeId::kUTinyInt:
      return 3;
    case TypeId::kSmallInt:
    case TypeId::kUSmallInt:
      return 5;
    case TypeId::kInteger:
    case TypeId::kUInteger:
      return 10;
    case TypeId::kBigInt:
      return 19;
    case TypeId::kUBigInt:
      return 20;
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
  // UHUGEINT's 39 digits exceed every DECIMAL; its values beyond 38 digits fail the cast.
  if (type.id() == TypeId::kUHugeInt) return LogicalType::Decimal(kDecimalMaxWidth, 0);
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
    if (from_rank == 1 && to_rank == 1) {
      return IntegerWidens(from.id(), to.id()) ? NumericTargetCost(to.id()) : -1;
    }
    if (to_rank <= from_rank) return -1;
    return NumericTargetCost(to.id());
  }
  if (from.id() == TypeId::kDate && to.id() == TypeId::kTimestamp) return 10;
  if (from.id() == TypeId::kBlob && to.id() == TypeId::kVarchar) return -1;
  // A list converts implicitly when its elements do (INTEGER[] -> BIGINT[]); an untyped empty
  // list ([] is "NULL"[]) converts to every list.
  if (from.id() == TypeId::kList && to.id() == TypeId::kList) {
    int cost = ImplicitCastCost(from.child(), to.child());
    return cost < 0 ? -1 : cost + 1;
  }
  if (from.id() == TypeId::kStruct && to.id() == TypeId::kStruct &&
      from.fields().size() == to.fields().size()) {
    int total = 1;
    for (size_t i = 0; i < from.fields().size(); i++) {
      if (from.fields()[i].first != to.fields()[i].first) return -1;
      int cost = ImplicitCastCost(from.fields()[i].second, to.fields()[i].second);
      if (cost < 0) return -1;
      total += cost;
    }
    return total;
  }
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
      if (a.id() == TypeId::kUHugeInt || b.id() == TypeId::kUHugeInt) return LogicalType::Double();
      LogicalType da = DecimalForNumeric(a), db = DecimalForNumeric(b);
      int scale = std::max(da.scale(), db.scale());
      int integral = std::max(da.width() - da.scale(), db.width() - db.scale());
      if (integral + scale > kDecimalMaxWidth) return LogicalType::Double();
      return LogicalType::Decimal(static_cast<uint8_t>(integral + scale),
                                  static_cast<uint8_t>(scale));
    }
    // Two integer types.
    if (IntegerWidens(a.id(), b.id())) return b;
    if (IntegerWidens(b.id(), a.id())) return a;
    // One signed, one unsigned, neither holding the other: the signed type holding both.
    TypeId s = IsUnsignedId(a.id()) ? b.id() : a.id();
    TypeId u = IsUnsignedId(a.id()) ? a.id() : b.id();
    auto cover = SignedCover(s, u);
    return cover ? *cover : LogicalType::Double();
  }
  if ((a.id() == TypeId::kDate && b.id() == TypeId::kTimestamp) ||
      (a.id() == TypeId::kTimestamp && b.id() == TypeId::kDate)) {
    return LogicalType::Timestamp();
  }
  if (a.id() == TypeId::kVarchar && b.id() == TypeId::kBlob) return LogicalType::Blob();
  if (a.id() == TypeId::kBlob && b.id() == TypeId::kVarchar) return LogicalType::Blob();
  if (a.id() == TypeId::kList && b.id() == TypeId::kList) {
    auto child = CommonSuperType(a.child(), b.child());
    if (!child) return std::nullopt;
    return LogicalType::List(*child);
  }
  if (a.id() == TypeId::kStruct && b.id() == TypeId::kStruct &&
      a.fields().size() == b.fields().size()) {
    StructFields fields;
    for (size_t i = 0; i < a.fields().size(); i++) {
      if (a.fields()[i].first != b.fields()[i].first) return std::nullopt;
      auto field = CommonSuperType(a.fields()[i].second, b.fields()[i].second);
      if (!field) return std::nullopt;
      fields.emplace_back(a.fields()[i].first, *field);
    }
    return LogicalType::Struct(fields);
  }
  return std::nullopt;
}

bool CanCastExplicitly(const LogicalType& from, const LogicalType& to) {
  if (from == to || from.id() == TypeId::kNull) return true;
  if (to.id() == TypeId::kVarchar || from.id() == TypeId::kVarchar) return true;
  if (from.id() == TypeId::kList && to.id() == TypeId::kList) {
    return CanCastExplicitly(from.child(), to.child());
  }
  if (from.id() == TypeId::kStruct && to.id() == TypeId::kStruct) {
    if (from.fields().size() != to.fields().size()) return false;
    for (size_t i = 0; i < from.fields().size(); i++) {
      if (!CanCastExplicitly(from.fields()[i].second, to.fields()[i].second)) return false;
    }
    return true;
  }
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
