#include "common/value.h"

#include <cmath>

#include "absl/strings/str_replace.h"
#include "common/blob_text.h"
#include "common/date_time.h"
#include "common/nested_value.h"
#include "common/number_format.h"
#include "common/uuid.h"

namespace fluxdb {

#define FLUX_VALUE_CTOR(Name, TypeExpr, Field, Arg)  \
  Value Value::Name(Arg v) {                          \
    Value result(TypeExpr);                           \
    result.is_null_ = false;                          \
    result.Field = v;                                 \
    return result;                                    \
  }
FLUX_VALUE_CTOR(Boolean, LogicalType::Boolean(), integer_, bool)
FLUX_VALUE_CTOR(TinyInt, LogicalType::TinyInt(), integer_, int8_t)
FLUX_VALUE_CTOR(SmallInt, LogicalType::SmallInt(), integer_, int16_t)
FLUX_VALUE_CTOR(Integer, LogicalType::Integer(), integer_, int32_t)
FLUX_VALUE_CTOR(BigInt, LogicalType::BigInt(), integer_, int64_t)
FLUX_VALUE_CTOR(HugeInt, LogicalType::HugeInt(), integer_, int128_t)
FLUX_VALUE_CTOR(Float, LogicalType::Float(), floating_, float)
FLUX_VALUE_CTOR(Double, LogicalType::Double(), floating_, double)
FLUX_VALUE_CTOR(Date, LogicalType::Date(), integer_, int32_t)
FLUX_VALUE_CTOR(Time, LogicalType::Time(), integer_, int64_t)
FLUX_VALUE_CTOR(Timestamp, LogicalType::Timestamp(), integer_, int64_t)
FLUX_VALUE_CTOR(IntervalValue, LogicalType::IntervalType(), interval_, Interval)
#undef FLUX_VALUE_CTOR

Value Value::Decimal(int128_t raw, uint8_t width, uint8_t scale) {
  Value result(LogicalType::Decimal(width, scale));
  result.is_null_ = false;
  result.integer_ = raw;
  return result;
}

Value Value::Varchar(std::string_view v) {
  Value result(LogicalType::Varchar());
  result.is_null_ = false;
  result.string_ = std::string(v);
  return result;
}

Value Value::Blob(std::string_view v) {
  Value result(LogicalType::Blob());
  result.is_null_ = false;
  result.string_ = std::string(v);
  return result;
}

Value Value::List(const LogicalType& child, const std::vector<Value>& elements) {
  Value result(LogicalType::List(child));
  result.is_null_ = false;
  result.string_ = EncodeList(child, elements);
  return result;
}

Value Value::Struct(const LogicalType& type, const std::vector<Value>& fields) {
  Value result(type);
  result.is_null_ = false;
  result.string_ = EncodeStruct(type, fields);
  return result;
}

std::vector<Value> Value::Children() const {
  if (is_null_ || !type_.IsNested()) return {};
  return DecodeNested(type_, string_);
}

template <typename T>
Value Value::FromPhysical(LogicalType type, T v) {
  Value result(type);
  result.is_null_ = false;
  if constexpr (std::is_same_v<T, StringRef>) {
    result.string_ = v.ToString();
  } else if constexpr (std::is_same_v<T, Interval>) {
    result.interval_ = v;
  } else if constexpr (std::is_floating_point_v<T>) {
    result.floating_ = v;
  } else {
    result.integer_ = static_cast<int128_t>(v);
  }
  return result;
}

template <typename T>
T Value::GetPhysical() const {
  if constexpr (std::is_same_v<T, StringRef>) {
    return StringRef(string_);
  } else if constexpr (std::is_same_v<T, Interval>) {
    return interval_;
  } else if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(floating_);
  } else {
    return static_cast<T>(integer_);
  }
}

#define FLUX_INSTANTIATE(T)                                  \
  template Value Value::FromPhysical<T>(LogicalType, T);     \
  template T Value::GetPhysical<T>() const;
FLUX_INSTANTIATE(bool)
FLUX_INSTANTIATE(int8_t)
FLUX_INSTANTIATE(int16_t)
FLUX_INSTANTIATE(int32_t)
FLUX_INSTANTIATE(int64_t)
FLUX_INSTANTIATE(int128_t)
FLUX_INSTANTIATE(float)
FLUX_INSTANTIATE(double)
FLUX_INSTANTIATE(StringRef)
FLUX_INSTANTIATE(Interval)
#undef FLUX_INSTANTIATE

std::string Value::ToString() const {
  if (is_null_) return "NULL";
  switch (type_.id()) {
    case TypeId::kBoolean:
      return integer_ ? "true" : "false";
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
    case TypeId::kHugeInt:
    case TypeId::kUTinyInt:
    case TypeId::kUSmallInt:
    case TypeId::kUInteger:
    case TypeId::kUBigInt:
      return Int128ToString(integer_);
    case TypeId::kUHugeInt:
      return Uint128ToString(DecodeUHugeInt(integer_));
    case TypeId::kUuid:
      return UuidToString(integer_);
    case TypeId::kFloat:
      return FormatFloat(static_cast<float>(floating_));
    case TypeId::kDouble:
      return FormatDouble(floating_);
    case TypeId::kDecimal:
      return FormatDecimal(integer_, type_.scale());
    case TypeId::kVarchar:
      return string_;
    case TypeId::kBlob:
      return BlobToText(string_);
    case TypeId::kDate:
      return date_time::FormatDate(static_cast<int32_t>(integer_));
    case TypeId::kTime:
      return date_time::FormatTime(static_cast<int64_t>(integer_));
    case TypeId::kTimestamp:
      return date_time::FormatTimestamp(static_cast<int64_t>(integer_));
    case TypeId::kInterval:
      return date_time::FormatInterval(interval_);
    case TypeId::kList:
    case TypeId::kStruct:
      return NestedToString(type_, string_);
    case TypeId::kNull:
    case TypeId::kInvalid:
      break;
  }
  return "NULL";
}

std::string Value::ToSQLString() const {
  if (is_null_) return "NULL";
  switch (type_.id()) {
    case TypeId::kVarchar:
      return "'" + absl::StrReplaceAll(string_, {{"'", "''"}}) + "'";
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kInterval:
    case TypeId::kBlob:
      return type_.ToString() + " '" + ToString() + "'";
    case TypeId::kList:
    case TypeId::kStruct:
      return NestedToSQLString(type_, string_);
    default:
      return ToString();
  }
}

bool Value::operator==(const Value& other) const {
  if (type_ != other.type_ || is_null_ != other.is_null_) return false;
  if (is_null_) return true;
  return Compare(*this, other) == 0;
}

int Value::Compare(const Value& a, const Value& b) {
  switch (a.type_.physical()) {
    case PhysicalType::kFloat:
    case PhysicalType::kDouble: {
      // NaN sorts above every other value, as in DuckDB and PostgreSQL.
      bool a_nan = std::isnan(a.floating_), b_nan = std::isnan(b.floating_);
      if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
      return a.floating_ < b.floating_ ? -1 : (a.floating_ > b.floating_ ? 1 : 0);
    }
    case PhysicalType::kString:
      return StringRef::Compare(StringRef(a.string_), StringRef(b.string_));
    case PhysicalType::kInterval: {
      auto key = [](const Interval& i) {
        return static_cast<int128_t>(i.months) * 30 * kMicrosPerDay +
               static_cast<int128_t>(i.days) * kMicrosPerDay + i.micros;
      };
      int128_t x = key(a.interval_), y = key(b.interval_);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    default:
      return a.integer_ < b.integer_ ? -1 : (a.integer_ > b.integer_ ? 1 : 0);
  }
}

}  // namespace fluxdb
