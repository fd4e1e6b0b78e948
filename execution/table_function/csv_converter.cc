#include "execution/table_function/csv_converter.h"

#include <cctype>
#include <charconv>
#include <cstring>
#include <limits>

#include "common/date_time.h"
#include "common/number_format.h"
#include "common/uuid.h"
#include "execution/cast/text_parsing.h"

namespace fluxdb {

namespace {

inline bool IsDigit(char c) { return static_cast<unsigned>(c - '0') <= 9; }

/// Plain decimal integers without spaces; anything else goes to the general parser.
template <typename T>
bool ParseInteger(std::string_view text, T* out) {
  const char* p = text.data();
  const char* end = p + text.size();
  bool negative = false;
  if (p < end && (*p == '-' || *p == '+')) {
    negative = *p == '-';
    p++;
  }
  if (p == end || end - p > 18) return TryParseInteger<T>(text, out);
  int64_t value = 0;
  for (; p < end; p++) {
    if (!IsDigit(*p)) return TryParseInteger<T>(text, out);
    value = value * 10 + (*p - '0');
  }
  if (negative) value = -value;
  if (value < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
      value > static_cast<int64_t>(std::numeric_limits<T>::max())) {
    return false;
  }
  *out = static_cast<T>(value);
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

bool ParseDoubleFast(std::string_view text, double* out) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin < end && *begin != '+' && *begin != ' ') {
    auto result = std::from_chars(begin, end, *out);
    if (result.ec == std::errc() && result.ptr == end) return true;
  }
  return TryParseDouble(text, out);
}

/// "123.45" style decimals of up to 18 digits; others go to the general parser.
bool ParseDecimalFast(std::string_view text, uint8_t width, uint8_t scale, int128_t* out) {
  const char* p = text.data();
  const char* end = p + text.size();
  bool negative = false;
  if (p < end && (*p == '-' || *p == '+')) {
    negative = *p == '-';
    p++;
  }
  int64_t value = 0;
  int integer_digits = 0;  // significant ones (leading zeros do not count against the width)
  int fraction_digits = 0;
  int digits = 0;  // every digit read, so that `value` cannot overflow
  while (p < end && IsDigit(*p)) {
    if (++digits > 18) return TryParseDecimal(text, width, scale, out);
    value = value * 10 + (*p - '0');
    if (value != 0) integer_digits++;
    p++;
  }
  if (p < end && *p == '.') {
    p++;
    while (p < end && IsDigit(*p)) {
      // More fraction digits than the scale need rounding: the general parser does that.
      if (fraction_digits == scale || ++digits > 18)
        return TryParseDecimal(text, width, scale, out);
      value = value * 10 + (*p - '0');
      fraction_digits++;
      p++;
    }
  }
  if (p != end || digits == 0) return TryParseDecimal(text, width, scale, out);
  if (integer_digits > width - scale) return false;
  if (digits - fraction_digits + scale > 18) return TryParseDecimal(text, width, scale, out);
  for (int i = fraction_digits; i < scale; i++) value *= 10;
  *out = negative ? -value : value;
  return true;
}

bool ParseDateValue(std::string_view text, int32_t* out) {
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && IsDigit(text[0]) &&
      IsDigit(text[1]) && IsDigit(text[2]) && IsDigit(text[3]) && IsDigit(text[5]) &&
      IsDigit(text[6]) && IsDigit(text[8]) && IsDigit(text[9])) {
    int year =
        (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    int month = (text[5] - '0') * 10 + (text[6] - '0');
    int day = (text[8] - '0') * 10 + (text[9] - '0');
    if (!date_time::IsValidDate(year, month, day)) return false;
    *out = static_cast<int32_t>(date_time::DaysFromCivil(year, month, day));
    return true;
  }
  if (auto d = date_time::ParseDate(text)) {
    *out = *d;
    return true;
  }
  // A timestamp converts to its date, as CAST does.
  auto ts = date_time::ParseTimestamp(text);
  if (!ts) return false;
  int64_t time;
  date_time::SplitTimestamp(*ts, out, &time);
  return true;
}

bool ParseTimeValue(std::string_view text, int64_t* out) {
  if (auto t = date_time::ParseTime(text)) {
    *out = *t;
    return true;
  }
  auto ts = date_time::ParseTimestamp(text);
  if (!ts) return false;
  int32_t days;
  date_time::SplitTimestamp(*ts, &days, out);
  return true;
}

bool ParseTimestampValue(std::string_view text, int64_t* out) {
  auto ts = date_time::ParseTimestamp(text);
  if (!ts) return false;
  *out = *ts;
  return true;
}

/// BLOB text as CAST(text AS BLOB) reads it: \xHH escapes, other bytes as they are.
bool ParseBlobText(std::string_view text, std::string* out) {
  out->clear();
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] == '\\' && i + 3 < text.size() + 0 && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
      int hi = hex(text[i + 2]), lo = hex(text[i + 3]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 3;
    } else {
      out->push_back(text[i]);
    }
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

}  // namespace

bool CsvConverter::IsNull(const CsvField& field) const {
  if (field.data == nullptr) return true;  // padded missing field
  if (field.quoted && !options_.allow_quoted_nulls) return false;
  if (field.length != options_.null_str.size()) return false;
  return field.length == 0 || std::memcmp(field.data, options_.null_str.data(), field.length) == 0;
}

bool CsvConverter::CanParse(std::string_view text, const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return EqualsIgnoreCase(text, "true") || EqualsIgnoreCase(text, "false");
    case TypeId::kBigInt: {
      int64_t v;
      return ParseInteger<int64_t>(text, &v);
    }
    case TypeId::kDouble: {
      double v;
      return ParseDoubleFast(text, &v);
    }
    case TypeId::kTime:
      return date_time::ParseTime(text).has_value();
    case TypeId::kDate:
      return date_time::ParseDate(text).has_value();
    case TypeId::kTimestamp:
      return date_time::ParseTimestamp(text).has_value();
    case TypeId::kVarchar:
      return true;
    default:
      return false;
  }
}

bool CsvConverter::ConvertColumn(const CsvRecordBatch& batch, idx_t column, Vector& out,
                                 std::vector<uint8_t>& skip, CsvConversionFailure* failure) {
  const idx_t rows = batch.rows;
  const CsvField* fields = batch.fields.data() + column * batch.row_capacity;
  ValidityMask& validity = out.validity();
  const bool ignore_errors = options_.ignore_errors;

  // Runs `parse(text, &data[row])` over the column; NULLs and skipped rows become NULL.
  auto loop = [&]<typename T>(T* data, auto&& parse) -> bool {
    for (idx_t row = 0; row < rows; row++) {
      const CsvField& field = fields[row];
      if (skip[row] || IsNull(field)) {
        validity.SetInvalid(row);
        data[row] = T{};
        continue;
      }
      std::string_view text = field.escaped ? tokenizer_.Text(field, &scratch_)
                                            : std::string_view(field.data, field.length);
      if (!parse(text, &data[row])) {
        validity.SetInvalid(row);
        data[row] = T{};
        if (ignore_errors) {
          skip[row] = 1;
          continue;
        }
        failure->row = row;
        failure->text = std::string(text);
        return false;
      }
    }
    return true;
  };

  const LogicalType& type = out.type();
  switch (type.id()) {
    case TypeId::kBoolean:
      return loop(out.data<bool>(),
                  [](std::string_view s, bool* v) { return TryParseBoolean(s, v); });
    case TypeId::kTinyInt:
      return loop(out.data<int8_t>(), ParseInteger<int8_t>);
    case TypeId::kSmallInt:
      return loop(out.data<int16_t>(), ParseInteger<int16_t>);
    case TypeId::kInteger:
      return loop(out.data<int32_t>(), ParseInteger<int32_t>);
    case TypeId::kBigInt:
      return loop(out.data<int64_t>(), ParseInteger<int64_t>);
    case TypeId::kHugeInt:
      return loop(out.data<int128_t>(),
                  [](std::string_view s, int128_t* v) { return TryParseInt128(s, v); });
    case TypeId::kUTinyInt:
      return loop(out.data<int16_t>(), ParseUnsigned<int16_t, UINT8_MAX>);
    case TypeId::kUSmallInt:
      return loop(out.data<int32_t>(), ParseUnsigned<int32_t, UINT16_MAX>);
    case TypeId::kUInteger:
      return loop(out.data<int64_t>(), ParseUnsigned<int64_t, UINT32_MAX>);
    case TypeId::kUBigInt:
      return loop(out.data<int128_t>(), ParseUnsigned<int128_t, UINT64_MAX>);
    case TypeId::kUHugeInt:
      return loop(out.data<int128_t>(), [](std::string_view s, int128_t* v) {
        uint128_t u;
        if (!TryCastTextToUnsigned(s, ~static_cast<uint128_t>(0), &u)) return false;
        *v = EncodeUHugeInt(u);
        return true;
      });
    case TypeId::kUuid:
      return loop(out.data<int128_t>(), TryParseUuid);
    case TypeId::kFloat:
      return loop(out.data<float>(), [](std::string_view s, float* v) {
        double d;
        if (!ParseDoubleFast(s, &d)) return false;
        *v = static_cast<float>(d);
        return true;
      });
    case TypeId::kDouble:
      return loop(out.data<double>(), ParseDoubleFast);
    case TypeId::kDecimal: {
      uint8_t width = type.width(), scale = type.scale();
      auto parse_decimal = [width, scale](std::string_view s, int128_t* v) {
        return ParseDecimalFast(s, width, scale, v);
      };
      switch (type.physical()) {
        case PhysicalType::kInt16:
          return loop(out.data<int16_t>(), [&](std::string_view s, int16_t* v) {
            int128_t raw;
            if (!parse_decimal(s, &raw)) return false;
            *v = static_cast<int16_t>(raw);
            return true;
          });
        case PhysicalType::kInt32:
          return loop(out.data<int32_t>(), [&](std::string_view s, int32_t* v) {
            int128_t raw;
            if (!parse_decimal(s, &raw)) return false;
            *v = static_cast<int32_t>(raw);
            return true;
          });
        case PhysicalType::kInt64:
          return loop(out.data<int64_t>(), [&](std::string_view s, int64_t* v) {
            int128_t raw;
            if (!parse_decimal(s, &raw)) return false;
            *v = static_cast<int64_t>(raw);
            return true;
          });
        default:
          return loop(out.data<int128_t>(), parse_decimal);
      }
    }
    case TypeId::kDate:
      return loop(out.data<int32_t>(), ParseDateValue);
    case TypeId::kTime:
      return loop(out.data<int64_t>(), ParseTimeValue);
    case TypeId::kTimestamp:
      return loop(out.data<int64_t>(), ParseTimestampValue);
    case TypeId::kInterval:
      return loop(out.data<Interval>(),
                  [](std::string_view s, Interval* v) { return TryParseInterval(s, v); });
    case TypeId::kVarchar:
      return loop(out.data<StringRef>(), [&](std::string_view s, StringRef* v) {
        *v = s.size() <= StringRef::kInlineLength
                 ? StringRef(s.data(), static_cast<uint32_t>(s.size()))
                 : out.AddString(s);
        return true;
      });
    case TypeId::kBlob: {
      std::string bytes;
      return loop(out.data<StringRef>(), [&](std::string_view s, StringRef* v) {
        if (!ParseBlobText(s, &bytes)) return false;
        *v = out.AddString(bytes);
        return true;
      });
    }
    default:
      failure->row = 0;
      failure->text = Concat("<columns of type ", type.ToString(), " cannot be read from CSV>");
      return false;
  }
}

}  // namespace fluxdb
