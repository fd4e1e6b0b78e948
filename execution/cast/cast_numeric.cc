// Casts among BOOLEAN, the integers, DECIMAL, FLOAT and DOUBLE.
//
// Every integer-like source is first read as an int128 scaled by 10^source_scale (0 for
// integers), so one code path covers integer->decimal, decimal->decimal and decimal->integer.
// Rounding from DECIMAL or floating point to a smaller scale is half away from zero, as DuckDB.
#include <cmath>
#include <cstdio>
#include <limits>

#include "common/number_format.h"
#include "execution/cast/cast_kernels.h"

namespace fluxdb::cast_internal {

namespace {

struct NumericCast {
  bool target_decimal = false;
  int target_scale = 0;
  int target_width = 0;
  int source_scale = 0;
  /// An unsigned target stored in a wider type: values must lie in [0, target_max].
  bool target_unsigned = false;
  int128_t target_max = 0;
  /// UHUGEINT source / target: the int128 holds the encoded value (EncodeUHugeInt).
  bool source_uhuge = false;
  bool target_uhuge = false;
};

template <typename T>
constexpr bool kIsFloating = std::is_floating_point_v<T>;
template <typename T>
constexpr bool kIsIntegerLike =
    std::is_integral_v<T> || std::is_same_v<T, int128_t>;  // bool included

template <typename T>
bool IntegerFits(int128_t v) {
  if constexpr (std::is_same_v<T, bool>) {
    return true;
  } else if constexpr (std::is_same_v<T, int128_t>) {
    return true;
  } else {
    return v >= static_cast<int128_t>(std::numeric_limits<T>::min()) &&
           v <= static_cast<int128_t>(std::numeric_limits<T>::max());
  }
}

// Divides by 10^digits rounding half away from zero.
int128_t RoundDivide(int128_t value, int digits) {
  int128_t divisor = PowerOfTen128(digits);
  int128_t quotient = value / divisor;
  int128_t remainder = value % divisor;
  if (remainder < 0) remainder = -remainder;
  if (remainder * 2 >= divisor) quotient += value < 0 ? -1 : 1;
  return quotient;
}

template <typename T>
bool StoreInteger(int128_t v, const NumericCast& info, T* out) {
  if (info.target_decimal) {
    int128_t limit = PowerOfTen128(info.target_width);
    if (v >= limit || v <= -limit) return false;
  }
  if (info.target_unsigned && (v < 0 || v > info.target_max)) return false;
  if constexpr (std::is_same_v<T, int128_t>) {
    if (info.target_uhuge) {
      if (v < 0) return false;
      *out = EncodeUHugeInt(static_cast<uint128_t>(v));
      return true;
    }
  }
  if constexpr (std::is_same_v<T, bool>) {
    *out = v != 0;
    return true;
  } else {
    if (!IntegerFits<T>(v)) return false;
    *out = static_cast<T>(v);
    return true;
  }
}

template <typename S, typename T>
bool Convert(S in, T* out, const NumericCast& info) {
  if constexpr (kIsFloating<S>) {
    if constexpr (kIsFloating<T>) {
      *out = static_cast<T>(in);
      return true;
    } else {
      double v = static_cast<double>(in);
      if constexpr (std::is_same_v<T, bool>) {
        *out = v != 0;
        return true;
      }
      if (!std::isfinite(v)) return false;
      // DuckDB rounds half away from zero into DECIMAL, but half to even into integers.
      if (info.target_decimal) {
        v = std::round(v * std::pow(10.0, info.target_scale));
      } else {
        v = std::nearbyint(v);
      }
      if constexpr (std::is_same_v<T, int128_t>) {
        if (info.target_uhuge && v >= 0x1p127 && v < 0x1p128) {
          *out = EncodeUHugeInt(static_cast<uint128_t>(v));
          return true;
        }
      }
      if (v >= 0x1p127 || v < -0x1p127) return false;  // outside int128 (StoreInteger checks T)
      return StoreInteger<T>(static_cast<int128_t>(v), info, out);
    }
  } else {
    if constexpr (std::is_same_v<S, bool> && !kIsFloating<T>) {
      // DuckDB's rule: a DECIMAL without integer digits cannot hold 1, so TRUE becomes its
      // smallest step (TRUE::DECIMAL(4,4) is .0001), which casts back to TRUE.
      if (info.target_decimal && info.target_width == info.target_scale) {
        *out = static_cast<T>(in);
        return true;
      }
    }
    int128_t x = static_cast<int128_t>(in);
    if constexpr (std::is_same_v<S, int128_t>) {
      if (info.source_uhuge) {
        uint128_t u = DecodeUHugeInt(in);
        if constexpr (kIsFloating<T>) {
          *out = static_cast<T>(u);
          return true;
        }
        if (info.target_uhuge) {
          *out = in;
          return true;
        }
        if (u >> 127 != 0) return false;  // beyond int128, so beyond every other target
        x = static_cast<int128_t>(u);
      }
    }
    if constexpr (std::is_same_v<T, bool>) {
      *out = x != 0;  // any non-zero value, 0.4 included, is TRUE (DuckDB)
      return true;
    }
    if constexpr (kIsFloating<T>) {
      double v = static_cast<double>(x);
      if (info.source_scale > 0) v /= std::pow(10.0, info.source_scale);
      *out = static_cast<T>(v);
      return true;
    } else {
      int target_scale = info.target_decimal ? info.target_scale : 0;
      if (target_scale >= info.source_scale) {
        int up = target_scale - info.source_scale;
        if (up > 0) {
          int128_t limit = PowerOfTen128(38 - up);
          if (x >= limit || x <= -limit) return false;
          x *= PowerOfTen128(up);
        }
      } else {
        x = RoundDivide(x, info.source_scale - target_scale);
      }
      return StoreInteger<T>(x, info, out);
    }
  }
}

// DuckDB's message for a value that does not fit the target type; the wording depends on the
// source and target kinds.
template <typename S>
Status NumericCastError(const LogicalType& from, const LogicalType& to, S in,
                        const NumericCast& info) {
  bool from_decimal = from.id() == TypeId::kDecimal;
  bool to_decimal = to.id() == TypeId::kDecimal;
  if constexpr (kIsIntegerLike<S>) {
    if (from_decimal && to_decimal) {
      return ConversionError("Casting value \"", Value::FromPhysical<S>(from, in).ToString(),
                             "\" to type ", to.ToString(), " failed: value is out of range!");
    }
    if (from_decimal) {
      return ConversionError(
          "Failed to cast decimal value ",
          Int128ToString(RoundDivide(static_cast<int128_t>(in), info.source_scale)), " to type ",
          CastTypeName(to));
    }
    if (to_decimal) {
      return ConversionError("Could not cast value ", Value::FromPhysical<S>(from, in).ToString(),
                             " to ", to.ToString());
    }
  } else {
    if (to_decimal) {
      char buffer[400];
      std::snprintf(buffer, sizeof(buffer), "%f", static_cast<double>(in));
      return ConversionError("Could not cast value ", buffer, " to ", to.ToString());
    }
  }
  Value v = Value::FromPhysical<S>(from, in);
  return ConversionError("Type ", CastTypeName(from), " with value ", v.ToString(),
                         " can't be cast because the value is out of range for the destination "
                         "type ",
                         CastTypeName(to));
}

}  // namespace

std::string CastTypeName(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return "BOOL";
    case TypeId::kTinyInt:
      return "INT8";
    case TypeId::kSmallInt:
      return "INT16";
    case TypeId::kInteger:
      return "INT32";
    case TypeId::kBigInt:
      return "INT64";
    case TypeId::kHugeInt:
      return "INT128";
    case TypeId::kFloat:
      return "FLOAT";
    case TypeId::kDouble:
      return "DOUBLE";
    case TypeId::kUTinyInt:
      return "UINT8";
    case TypeId::kUSmallInt:
      return "UINT16";
    case TypeId::kUInteger:
      return "UINT32";
    case TypeId::kUBigInt:
      return "UINT64";
    case TypeId::kUHugeInt:
      return "UINT128";
    default:
      return type.ToString();
  }
}

Status CastNumeric(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& from = source.type();
  const LogicalType& to = result.type();
  if (from.id() == TypeId::kDecimal && to.id() == TypeId::kDecimal &&
      from.scale() == to.scale() && from.width() <= to.width() &&
      from.physical() == to.physical()) {
    // Same representation, and every value fits the wider type: no value changes.
    result.ReferenceAs(source, to);
    return Status();
  }
  NumericCast info;
  info.target_decimal = to.id() == TypeId::kDecimal;
  info.target_scale = to.scale();
  info.target_width = to.width();
  info.source_scale = from.id() == TypeId::kDecimal ? from.scale() : 0;
  info.target_unsigned = to.IsUnsigned() && to.id() != TypeId::kUHugeInt;
  info.target_max = info.target_unsigned ? static_cast<int128_t>(UnsignedMax(to.id())) : 0;
  info.source_uhuge = from.id() == TypeId::kUHugeInt;
  info.target_uhuge = to.id() == TypeId::kUHugeInt;
  PhysicalType source_physical = from.physical();
  PhysicalType target_physical = to.physical();
  if (from.id() == TypeId::kNull) source_physical = PhysicalType::kInt8;
  return DispatchPhysical(source_physical, [&]<typename S>() -> Status {
    if constexpr (!(kIsFloating<S> || kIsIntegerLike<S>)) {
      return InternalError("numeric cast from non-numeric storage");
    } else {
      return DispatchPhysical(target_physical, [&]<typename T>() -> Status {
        if constexpr (!(kIsFloating<T> || kIsIntegerLike<T>)) {
          return InternalError("numeric cast to non-numeric storage");
        } else {
          return CastLoop<S, T>(
              source, result, count, try_cast,
              [&](S in, T* out) { return Convert<S, T>(in, out, info); },
              [&](S in) { return NumericCastError<S>(from, to, in, info); });
        }
      });
    }
  });
}

}  // namespace fluxdb::cast_internal
