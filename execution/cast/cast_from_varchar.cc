// CAST(text AS t) for every target type.
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>

#include "common/date_time.h"
#include "common/uuid.h"
#include "execution/cast/cast_kernels.h"
#include "execution/cast/text_parsing.h"

namespace fluxdb::cast_internal {

namespace {
// True when `text` has the shape of a date ("2021-02-30", "1-1-1 ..."), so a failure means a
// value out of range rather than a malformed string.
bool LooksLikeDate(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) i++;
  if (i < text.size() && text[i] == '-') i++;
  for (int part = 0; part < 3; part++) {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) i++;
    if (i == start) return false;
    if (part < 2) {
      if (i >= text.size() || (text[i] != '-' && text[i] != '/' && text[i] != '.')) return false;
      i++;
    }
  }
  return true;
}

// An unsigned integer type other than UHUGEINT, stored in the wider signed T.
template <typename T, uint64_t kMax>
bool ParseUnsigned(std::string_view text, T* out) {
  uint128_t v;
  if (!TryCastTextToUnsigned(text, kMax, &v)) return false;
  *out = static_cast<T>(v);
  return true;
}

// DuckDB's message for text that does not convert to `target`.
Status ParseError(const LogicalType& target, std::string_view text) {
  switch (target.id()) {
    case TypeId::kDate:
      if (LooksLikeDate(text)) {
        return ConversionError("date field value out of range: \"", text, "\"");
      }
      return ConversionError("invalid date field format: \"", text,
                             "\", expected format is (YYYY-MM-DD)");
    case TypeId::kTimestamp:
      if (LooksLikeDate(text)) {
        return ConversionError("timestamp field value out of range: \"", text, "\"");
      }
      return ConversionError(
          "invalid timestamp field format: \"", text,
          "\", expected format is (YYYY-MM-DD HH:MM:SS[.US][±HH[:MM[:SS]]| ZONE])");
    case TypeId::kTime:
      return ConversionError("time field value out of range: \"", text,
                             "\", expected format is ([YYYY-MM-DD ]HH:MM:SS[.MS])");
    case TypeId::kInterval:
      return ConversionError("Could not convert string '", text, "' to INTERVAL");
    case TypeId::kUuid:
      // DuckDB names the UUID's physical type here, not UUID.
      return ConversionError("Could not convert string '", text, "' to INT128");
    case TypeId::kDecimal:
      return ConversionError("Could not convert string \"", text, "\" to ", target.ToString());
    default:
      return ConversionError("Could not convert string '", text, "' to ", CastTypeName(target));
  }
}

template <typename T, typename Parse>
Status ParseLoop(const Vector& source, Vector& result, idx_t count, bool try_cast, Parse&& parse) {
  const LogicalType& target = result.type();
  return CastLoop<StringRef, T>(
      source, result, count, try_cast,
      [&](const StringRef& text, T* out) { return parse(text.view(), out); },
      [&](const StringRef& text) { return ParseError(target, text.view()); });
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// DuckDB's special words: 'infinity', '-infinity' and 'epoch' (any case). `infinity` is the
// type's positive infinity.
template <typename T>
bool SpecialTemporal(std::string_view text, T infinity, T* out) {
  text = TrimSpaces(text);
  if (EqualsIgnoreCase(text, "infinity")) {
    *out = infinity;
  } else if (EqualsIgnoreCase(text, "-infinity")) {
    *out = -infinity;
  } else if (EqualsIgnoreCase(text, "epoch")) {
    *out = 0;
  } else {
    return false;
  }
  return true;
}

// The era suffix in any case ("(bc)") as the date parser expects it.
bool NormalizeEra(std::string_view text, std::string* out) {
  size_t pos = 0;
  bool changed = false;
  out->assign(text.data(), text.size());
  while ((pos = out->find('(', pos)) != std::string::npos) {
    if (pos + 3 < out->size() &&
        (out->compare(pos, 4, "(bc)") == 0 || out->compare(pos, 4, "(Bc)") == 0 ||
         out->compare(pos, 4, "(bC)") == 0)) {
      out->replace(pos, 4, "(BC)");
      changed = true;
    }
    pos++;
  }
  return changed;
}

std::optional<int32_t> ParseDateText(std::string_view s) {
  auto d = date_time::ParseDate(s);
  if (d) return d;
  int32_t special;
  if (SpecialTemporal<int32_t>(s, date_time::kDateInfinity, &special)) return special;
  std::string normalized;
  if (NormalizeEra(s, &normalized)) return date_time::ParseDate(normalized);
  return std::nullopt;
}

std::optional<int64_t> ParseTimestampText(std::string_view s) {
  auto t = date_time::ParseTimestamp(s);
  if (t) return t;
  int64_t special;
  if (SpecialTemporal<int64_t>(s, date_time::kTimestampInfinity, &special)) return special;
  std::string normalized;
  if (NormalizeEra(s, &normalized)) return date_time::ParseTimestamp(normalized);
  return std::nullopt;
}

// DuckDB's blob text: ASCII bytes, and \xHH escapes for the rest. On failure `error` holds
// DuckDB's message.
bool ParseBlob(std::string_view text, std::string* out, std::string* error) {
  out->clear();
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); i++) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      *error = Concat("Invalid byte encountered in STRING -> BLOB conversion of string \"", text,
                      "\". All non-ascii characters must be escaped with hex codes (e.g. \\xAA)");
      return false;
    }
    if (c != '\\') {
      *out += static_cast<char>(c);
      continue;
    }
    if (i + 3 >= text.size()) {
      *error =
          Concat("Invalid hex escape code encountered in string -> blob conversion of string \"",
                 text, "\": unterminated escape code at end of blob");
      return false;
    }
    int hi = hex(text[i + 2]), lo = hex(text[i + 3]);
    if ((text[i + 1] != 'x' && text[i + 1] != 'X') || hi < 0 || lo < 0) {
      *error =
          Concat("Invalid hex escape code encountered in string -> blob conversion of string \"",
                 text, "\": ", text.substr(i, 4));
      return false;
    }
    *out += static_cast<char>(hi * 16 + lo);
    i += 3;
  }
  return true;
}
}  // namespace

Status CastFromVarchar(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& target = result.type();
  switch (target.id()) {
    case TypeId::kBoolean:
      return ParseLoop<bool>(source, result, count, try_cast, TryParseBoolean);
    case TypeId::kTinyInt:
      return ParseLoop<int8_t>(source, result, count, try_cast, TryCastTextToInteger<int8_t>);
    case TypeId::kSmallInt:
      return ParseLoop<int16_t>(source, result, count, try_cast, TryCastTextToInteger<int16_t>);
    case TypeId::kInteger:
      return ParseLoop<int32_t>(source, result, count, try_cast, TryCastTextToInteger<int32_t>);
    case TypeId::kBigInt:
      return ParseLoop<int64_t>(source, result, count, try_cast, TryCastTextToInteger<int64_t>);
    case TypeId::kHugeInt:
      return ParseLoop<int128_t>(source, result, count, try_cast, TryCastTextToInteger<int128_t>);
    case TypeId::kUTinyInt:
      return ParseLoop<int16_t>(source, result, count, try_cast, ParseUnsigned<int16_t, UINT8_MAX>);
    case TypeId::kUSmallInt:
      return ParseLoop<int32_t>(source, result, count, try_cast,
                                ParseUnsigned<int32_t, UINT16_MAX>);
    case TypeId::kUInteger:
      return ParseLoop<int64_t>(source, result, count, try_cast,
                                ParseUnsigned<int64_t, UINT32_MAX>);
    case TypeId::kUBigInt:
      return ParseLoop<int128_t>(source, result, count, try_cast,
                                 ParseUnsigned<int128_t, UINT64_MAX>);
    case TypeId::kUHugeInt:
      return ParseLoop<int128_t>(source, result, count, try_cast,
                                 [](std::string_view s, int128_t* out) {
                                   uint128_t v;
                                   if (!TryCastTextToUnsigned(s, ~static_cast<uint128_t>(0), &v)) {
                                     return false;
                                   }
                                   *out = EncodeUHugeInt(v);
                                   return true;
                                 });
    case TypeId::kUuid:
      return ParseLoop<int128_t>(source, result, count, try_cast, TryParseUuid);
    case TypeId::kFloat:
      return ParseLoop<float>(source, result, count, try_cast, [](std::string_view s, float* out) {
        double d;
        if (!TryParseDouble(s, &d)) return false;
        *out = static_cast<float>(d);
        return true;
      });
    case TypeId::kDouble:
      return ParseLoop<double>(source, result, count, try_cast, TryParseDouble);
    case TypeId::kDecimal: {
      uint8_t width = target.width(), scale = target.scale();
      return DispatchPhysical(target.physical(), [&]<typename T>() -> Status {
        if constexpr (std::is_integral_v<T> || std::is_same_v<T, int128_t>) {
          return ParseLoop<T>(source, result, count, try_cast,
                              [width, scale](std::string_view s, T* out) {
                                int128_t v;
                                if (!TryParseDecimal(s, width, scale, &v)) return false;
                                *out = static_cast<T>(v);
                                return true;
                              });
        } else {
          return InternalError("decimal with non-integer storage");
        }
      });
    }
    case TypeId::kDate:
      return ParseLoop<int32_t>(
          source, result, count, try_cast, [](std::string_view s, int32_t* out) {
            auto d = ParseDateText(s);
            if (!d) {
              // A timestamp string converts to its date, as in DuckDB.
              auto ts = ParseTimestampText(s);
              if (!ts) return false;
              int64_t time;
              date_time::SplitTimestamp(*ts, out, &time);
              return *out >= date_time::kMinDate && *out <= date_time::kMaxDate;
            }
            *out = *d;
            return true;
          });
    case TypeId::kTime:
      return ParseLoop<int64_t>(source, result, count, try_cast,
                                [](std::string_view s, int64_t* out) {
                                  auto t = date_time::ParseTime(s);
                                  if (!t) {
                                    auto ts = ParseTimestampText(s);
                                    if (!ts || *ts == date_time::kTimestampInfinity ||
                                        *ts == -date_time::kTimestampInfinity) {
                                      return false;
                                    }
                                    int32_t days;
                                    date_time::SplitTimestamp(*ts, &days, out);
                                    return true;
                                  }
                                  *out = *t;
                                  return true;
                                });
    case TypeId::kTimestamp:
      return ParseLoop<int64_t>(source, result, count, try_cast,
                                [](std::string_view s, int64_t* out) {
                                  auto t = ParseTimestampText(s);
                                  if (!t) return false;
                                  *out = *t;
                                  return true;
                                });
    case TypeId::kInterval:
      return ParseLoop<Interval>(source, result, count, try_cast, TryParseInterval);
    case TypeId::kBlob: {
      std::string buffer, error;
      return CastLoop<StringRef, StringRef>(
          source, result, count, try_cast,
          [&](const StringRef& text, StringRef* out) {
            if (!ParseBlob(text.view(), &buffer, &error)) return false;
            *out = result.AddString(buffer);
            return true;
          },
          [&](const StringRef&) { return ConversionError(error); });
    }
    case TypeId::kVarchar:
      result.Reference(source);
      return Status();
    default:
      return NotImplementedError("Unimplemented type for cast (VARCHAR -> ", target.ToString(),
                                 ")");
  }
}

}  // namespace fluxdb::cast_internal
