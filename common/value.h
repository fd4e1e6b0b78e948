// Value: one SQL value of any type, boxed.
//
// Values are for constants, statistics, parameters and results at the edges of the engine; hot
// loops never box values, they run over vector arrays.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"

namespace fluxdb {

class Value {
 public:
  /// The untyped NULL.
  Value() : type_(LogicalType::Null()) {}
  /// A NULL of the given type.
  explicit Value(LogicalType type) : type_(type) {}

  static Value Boolean(bool v);
  static Value TinyInt(int8_t v);
  static Value SmallInt(int16_t v);
  static Value Integer(int32_t v);
  static Value BigInt(int64_t v);
  static Value HugeInt(int128_t v);
  static Value Float(float v);
  static Value Double(double v);
  /// A DECIMAL from its scaled integer: Decimal(1250, 15, 2) is 12.50.
  static Value Decimal(int128_t raw, uint8_t width, uint8_t scale);
  static Value Varchar(std::string_view v);
  static Value Blob(std::string_view v);
  static Value Date(int32_t days);
  static Value Time(int64_t micros);
  static Value Timestamp(int64_t micros);
  static Value IntervalValue(Interval v);
  /// A LIST(child) of `elements` (each of type `child` or NULL).
  static Value List(const LogicalType& child, const std::vector<Value>& elements);
  /// A STRUCT of `type` with one value per field.
  static Value Struct(const LogicalType& type, const std::vector<Value>& fields);
  /// Builds a value of `type` from its physical representation.
  template <typename T>
  static Value FromPhysical(LogicalType type, T v);

  const LogicalType& type() const { return type_; }
  bool is_null() const { return is_null_; }

  bool GetBool() const { return integer_ != 0; }
  /// Integral types, DATE/TIME/TIMESTAMP and a DECIMAL's raw value (which must fit).
  int64_t GetInt64() const { return static_cast<int64_t>(integer_); }
  /// Integral types and a DECIMAL's raw value.
  int128_t GetInt128() const { return integer_; }
  double GetDouble() const { return floating_; }
  const std::string& GetString() const { return string_; }
  Interval GetInterval() const { return interval_; }
  /// LIST: the elements; STRUCT: the field values (decoded from the bytes, common/nested_value.h).
  std::vector<Value> Children() const;
  /// The physical representation, T being the C++ type of type().physical().
  template <typename T>
  T GetPhysical() const;

  /// The text DuckDB prints when the value is cast to VARCHAR; "NULL" for NULL.
  std::string ToString() const;
  /// SQL literal form (strings quoted), for EXPLAIN and error messages.
  std::string ToSQLString() const;

  /// Same type and same value (NULLs of one type are equal; NaN equals NaN).
  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }
  /// Total order of two non-NULL values of the same type (for statistics and tests).
  static int Compare(const Value& a, const Value& b);

 private:
  LogicalType type_;
  bool is_null_ = true;
  int128_t integer_ = 0;
  double floating_ = 0;
  Interval interval_;
  std::string string_;
};

}  // namespace fluxdb
