// The SQL type system.
//
// A LogicalType is what SQL sees (INTEGER, DECIMAL(15,2), DATE ...). Every logical type maps to one
// PhysicalType, the C++ representation of one value in a vector. Kernels are instantiated per
// physical type only, so DATE shares INTEGER's int32 kernels and TIMESTAMP shares BIGINT's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fluxdb {

using idx_t = uint64_t;
using sel_t = uint32_t;
using int128_t = __int128;
using uint128_t = unsigned __int128;

/// Rows per vector and per data chunk.
inline constexpr idx_t kVectorSize = 2048;
inline constexpr idx_t kInvalidIndex = static_cast<idx_t>(-1);

enum class TypeId : uint8_t {
  kInvalid = 0,
  kNull = 1,  // the type of an untyped NULL literal
  kBoolean = 2,
  kTinyInt = 3,
  kSmallInt = 4,
  kInteger = 5,
  kBigInt = 6,
  kHugeInt = 7,
  kFloat = 8,
  kDouble = 9,
  kDecimal = 10,
  kVarchar = 11,
  kBlob = 12,
  kDate = 13,
  kTime = 14,
  kTimestamp = 15,
  kInterval = 16,
  // Unsigned integers are stored in the next wider signed physical type (UBIGINT in int128), so
  // every kernel works on them unchanged and only casts and arithmetic check their range.
  // UHUGEINT has no wider type: it is stored in int128 with its top bit flipped
  // (EncodeUHugeInt), which keeps the order of values for comparisons, sorting and statistics.
  kUTinyInt = 17,
  kUSmallInt = 18,
  kUInteger = 19,
  kUBigInt = 20,
  kUHugeInt = 21,
  // Nested types. A LIST or STRUCT value is stored as one string: the order-preserving key
  // encoding of common/nested_value.h, so every string kernel (compare, hash, sort, min/max,
  // storage codecs) works on them unchanged and decoding happens only where elements are read.
  kList = 22,
  kStruct = 23,
  // UUID is stored as DuckDB stores it: the 128-bit value with its top bit flipped (as
  // UHUGEINT), so signed int128 comparison orders UUIDs as their text orders.
  kUuid = 24,
};
inline constexpr TypeId kLastTypeId = TypeId::kUuid;

enum class PhysicalType : uint8_t {
  kInvalid = 0,
  kBool,      // uint8_t 0/1
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kInt128,
  kFloat,
  kDouble,
  kString,    // StringRef
  kInterval,  // Interval
};

/// Calendar interval: months, days and microseconds are kept apart as in PostgreSQL.
struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
  bool operator==(const Interval&) const = default;
};

class LogicalType;
/// A STRUCT's fields in order: name and type.
using StructFields = std::vector<std::pair<std::string, LogicalType>>;

class LogicalType {
 public:
  constexpr LogicalType() = default;
  constexpr explicit LogicalType(TypeId id) : id_(id) {}
  static constexpr LogicalType Decimal(uint8_t width, uint8_t scale) {
    LogicalType t(TypeId::kDecimal);
    t.width_ = width;
    t.scale_ = scale;
    return t;
  }

  static constexpr LogicalType Invalid() { return LogicalType(TypeId::kInvalid); }
  static constexpr LogicalType Null() { return LogicalType(TypeId::kNull); }
  static constexpr LogicalType Boolean() { return LogicalType(TypeId::kBoolean); }
  static constexpr LogicalType TinyInt() { return LogicalType(TypeId::kTinyInt); }
  static constexpr LogicalType SmallInt() { return LogicalType(TypeId::kSmallInt); }
  static constexpr LogicalType Integer() { return LogicalType(TypeId::kInteger); }
  static constexpr LogicalType BigInt() { return LogicalType(TypeId::kBigInt); }
  static constexpr LogicalType HugeInt() { return LogicalType(TypeId::kHugeInt); }
  static constexpr LogicalType Float() { return LogicalType(TypeId::kFloat); }
  static constexpr LogicalType Double() { return LogicalType(TypeId::kDouble); }
  static constexpr LogicalType Varchar() { return LogicalType(TypeId::kVarchar); }
  static constexpr LogicalType Blob() { return LogicalType(TypeId::kBlob); }
  static constexpr LogicalType Date() { return LogicalType(TypeId::kDate); }
  static constexpr LogicalType Time() { return LogicalType(TypeId::kTime); }
  static constexpr LogicalType Timestamp() { return LogicalType(TypeId::kTimestamp); }
  static constexpr LogicalType IntervalType() { return LogicalType(TypeId::kInterval); }
  static constexpr LogicalType UTinyInt() { return LogicalType(TypeId::kUTinyInt); }
  static constexpr LogicalType USmallInt() { return LogicalType(TypeId::kUSmallInt); }
  static constexpr LogicalType UInteger() { return LogicalType(TypeId::kUInteger); }
  static constexpr LogicalType UBigInt() { return LogicalType(TypeId::kUBigInt); }
  static constexpr LogicalType UHugeInt() { return LogicalType(TypeId::kUHugeInt); }
  static constexpr LogicalType Uuid() { return LogicalType(TypeId::kUuid); }
  /// LIST(child): DuckDB's child[].
  static LogicalType List(const LogicalType& child);
  static LogicalType Struct(const StructFields& fields);

  constexpr TypeId id() const { return id_; }
  /// DECIMAL only: total digits (1..38) and digits after the point.
  constexpr uint8_t width() const { return width_; }
  constexpr uint8_t scale() const { return scale_; }

  PhysicalType physical() const;
  /// Bytes of one value in a vector's data array.
  idx_t physical_size() const;
  std::string ToString() const;

  bool IsNumeric() const;  // integers, decimal, float, double
  /// TINYINT .. HUGEINT and UTINYINT .. UBIGINT: a value's number is its physical value.
  /// UHUGEINT (stored encoded) is numeric but not integral in this sense.
  bool IsIntegral() const;
  bool IsUnsigned() const;  // utinyint .. uhugeint
  bool IsTemporal() const;  // date, time, timestamp, interval
  bool IsValid() const { return id_ != TypeId::kInvalid; }
  bool IsNested() const { return id_ == TypeId::kList || id_ == TypeId::kStruct; }

  /// LIST only: the element type.
  const LogicalType& child() const;
  /// STRUCT only: the fields.
  const StructFields& fields() const;

  bool operator==(const LogicalType& other) const {
    return id_ == other.id_ && width_ == other.width_ && scale_ == other.scale_ &&
           info_ == other.info_;
  }
  bool operator!=(const LogicalType& other) const { return !(*this == other); }

  template <typename H>
  friend H AbslHashValue(H h, const LogicalType& t) {
    return H::combine(std::move(h), t.id_, t.width_, t.scale_, t.info_);
  }

 private:
  TypeId id_ = TypeId::kInvalid;
  uint8_t width_ = 0;
  uint8_t scale_ = 0;
  // Nested types: 1 + the index of the interned child / field list (types.cc). Interning keeps
  // LogicalType a trivially copyable value and makes equal nested types compare by index.
  uint32_t info_ = 0;
};

/// UHUGEINT's physical form: the value with its top bit flipped, so that signed comparison of
/// the stored int128 orders values as unsigned comparison orders them.
constexpr int128_t EncodeUHugeInt(uint128_t value) {
  return static_cast<int128_t>(value ^ (static_cast<uint128_t>(1) << 127));
}
constexpr uint128_t DecodeUHugeInt(int128_t stored) {
  return static_cast<uint128_t>(stored) ^ (static_cast<uint128_t>(1) << 127);
}
/// The largest value of an unsigned type other than UHUGEINT.
uint64_t UnsignedMax(TypeId id);

/// Largest DECIMAL width stored in each physical integer.
inline constexpr uint8_t kDecimalWidthInt16 = 4;
inline constexpr uint8_t kDecimalWidthInt32 = 9;
inline constexpr uint8_t kDecimalWidthInt64 = 18;
inline constexpr uint8_t kDecimalMaxWidth = 38;

idx_t PhysicalTypeSize(PhysicalType type);
const char* PhysicalTypeName(PhysicalType type);

/// Calls `f.template operator()<T>()` with T the C++ type of `type`: the single place where a
/// physical type becomes a template argument, so every type switch in the engine goes through it.
struct StringRef;
template <typename F>
decltype(auto) DispatchPhysical(PhysicalType type, F&& f);

}  // namespace fluxdb

#include "common/string_ref.h"

namespace fluxdb {
template <typename F>
decltype(auto) DispatchPhysical(PhysicalType type, F&& f) {
  switch (type) {
    case PhysicalType::kBool:
      return f.template operator()<bool>();
    case PhysicalType::kInt8:
      return f.template operator()<int8_t>();
    case PhysicalType::kInt16:
      return f.template operator()<int16_t>();
    case PhysicalType::kInt32:
      return f.template operator()<int32_t>();
    case PhysicalType::kInt64:
      return f.template operator()<int64_t>();
    case PhysicalType::kInt128:
      return f.template operator()<int128_t>();
    case PhysicalType::kFloat:
      return f.template operator()<float>();
    case PhysicalType::kDouble:
      return f.template operator()<double>();
    case PhysicalType::kString:
      return f.template operator()<StringRef>();
    case PhysicalType::kInterval:
      return f.template operator()<Interval>();
    case PhysicalType::kInvalid:
      break;
  }
  return f.template operator()<int8_t>();
}
}  // namespace fluxdb
