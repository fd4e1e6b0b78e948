// CAST(x AS VARCHAR) for every type.
#include <charconv>

#include "common/blob_text.h"
#include "common/date_time.h"
#include "common/number_format.h"
#include "common/uuid.h"
#include "execution/cast/cast_kernels.h"

namespace fluxdb::cast_internal {

namespace {
template <typename T, typename Format>
Status FormatLoop(const Vector& source, Vector& result, idx_t count, Format&& format) {
  return CastLoop<T, StringRef>(
      source, result, count, false,
      [&](const T& value, StringRef* out) {
        *out = format(value, result);
        return true;
      },
      [](const T&) { return Status(); });
}

template <typename T>
StringRef FormatInteger(T value, Vector& result) {
  char buffer[48];
  if constexpr (std::is_same_v<T, int128_t>) {
    return result.AddString(Int128ToString(value));
  } else {
    auto r = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<int64_t>(value));
    return result.AddString(std::string_view(buffer, r.ptr - buffer));
  }
}

}  // namespace

Status CastToVarchar(const Vector& source, Vector& result, idx_t count) {
  const LogicalType& type = source.type();
  switch (type.id()) {
    case TypeId::kBoolean:
      return FormatLoop<bool>(source, result, count,
                              [](bool v, Vector&) { return StringRef(v ? "true" : "false"); });
    case TypeId::kTinyInt:
      return FormatLoop<int8_t>(source, result, count, FormatInteger<int8_t>);
    case TypeId::kSmallInt:
      return FormatLoop<int16_t>(source, result, count, FormatInteger<int16_t>);
    case TypeId::kInteger:
      return FormatLoop<int32_t>(source, result, count, FormatInteger<int32_t>);
    case TypeId::kBigInt:
      return FormatLoop<int64_t>(source, result, count, FormatInteger<int64_t>);
    case TypeId::kHugeInt:
    case TypeId::kUBigInt:
      return FormatLoop<int128_t>(source, result, count, FormatInteger<int128_t>);
    case TypeId::kUTinyInt:
      return FormatLoop<int16_t>(source, result, count, FormatInteger<int16_t>);
    case TypeId::kUSmallInt:
      return FormatLoop<int32_t>(source, result, count, FormatInteger<int32_t>);
    case TypeId::kUInteger:
      return FormatLoop<int64_t>(source, result, count, FormatInteger<int64_t>);
    case TypeId::kUHugeInt:
      return FormatLoop<int128_t>(source, result, count, [](int128_t v, Vector& r) {
        return r.AddString(Uint128ToString(DecodeUHugeInt(v)));
      });
    case TypeId::kUuid:
      return FormatLoop<int128_t>(source, result, count, [](int128_t v, Vector& r) {
        return r.AddString(UuidToString(v));
      });
    case TypeId::kFloat:
      return FormatLoop<float>(source, result, count,
                               [](float v, Vector& r) { return r.AddString(FormatFloat(v)); });
    case TypeId::kDouble:
      return FormatLoop<double>(source, result, count,
                                [](double v, Vector& r) { return r.AddString(FormatDouble(v)); });
    case TypeId::kDecimal: {
      uint8_t scale = type.scale();
      // DuckDB omits the integer digit of a DECIMAL without one: DECIMAL(3,3) prints ".100".
      bool fraction_only = type.width() == type.scale();
      return DispatchPhysical(type.physical(), [&]<typename T>() -> Status {
        if constexpr (std::is_integral_v<T> || std::is_same_v<T, int128_t>) {
          return FormatLoop<T>(source, result, count, [scale, fraction_only](T v, Vector& r) {
            std::string text = FormatDecimal(static_cast<int128_t>(v), scale);
            if (fraction_only) {
              size_t zero = text[0] == '-' ? 1 : 0;
              if (text.size() > zero + 1 && text[zero] == '0' && text[zero + 1] == '.') {
                text.erase(zero, 1);
              }
            }
            return r.AddString(text);
          });
        } else {
          return InternalError("decimal with non-integer storage");
        }
      });
    }
    case TypeId::kDate:
      return FormatLoop<int32_t>(source, result, count, [](int32_t v, Vector& r) {
        return r.AddString(date_time::FormatDate(v));
      });
    case TypeId::kTime:
      return FormatLoop<int64_t>(source, result, count, [](int64_t v, Vector& r) {
        return r.AddString(date_time::FormatTime(v));
      });
    case TypeId::kTimestamp:
      return FormatLoop<int64_t>(source, result, count, [](int64_t v, Vector& r) {
        return r.AddString(date_time::FormatTimestamp(v));
      });
    case TypeId::kInterval:
      return FormatLoop<Interval>(source, result, count, [](const Interval& v, Vector& r) {
        return r.AddString(date_time::FormatInterval(v));
      });
    case TypeId::kBlob:
      return FormatLoop<StringRef>(source, result, count, [](const StringRef& v, Vector& r) {
        return r.AddString(BlobToText(v.view()));
      });
    case TypeId::kVarchar:
      result.Reference(source);
      return Status();
    default:
      return NotImplementedError("Unimplemented type for cast (", type.ToString(), " -> VARCHAR)");
  }
}

}  // namespace fluxdb::cast_internal
