#include "common/nested_value.h"

#include <bit>
#include <cctype>
#include <cmath>
#include <cstring>

#include "common/date_time.h"

namespace fluxdb {

namespace {

template <typename U>
void AppendBigEndian(U bits, std::string* out) {
  for (int shift = static_cast<int>(sizeof(U) * 8) - 8; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>(static_cast<uint8_t>(bits >> shift)));
  }
}

template <typename U>
bool ReadBigEndian(std::string_view bytes, size_t* pos, U* bits) {
  if (bytes.size() - *pos < sizeof(U)) return false;
  U v = 0;
  for (size_t i = 0; i < sizeof(U); i++) v = (v << 8) | static_cast<uint8_t>(bytes[*pos + i]);
  *pos += sizeof(U);
  *bits = v;
  return true;
}

// std::make_unsigned does not know __int128 in strict C++20 mode.
template <typename S>
struct Unsigned {
  using type = std::make_unsigned_t<S>;
};
template <>
struct Unsigned<int128_t> {
  using type = uint128_t;
};

template <typename S>
void AppendSigned(S v, std::string* out) {
  using U = typename Unsigned<S>::type;
  AppendBigEndian<U>(static_cast<U>(v) ^ (static_cast<U>(1) << (sizeof(U) * 8 - 1)), out);
}

template <typename S>
bool ReadSigned(std::string_view bytes, size_t* pos, S* v) {
  using U = typename Unsigned<S>::type;
  U bits;
  if (!ReadBigEndian<U>(bytes, pos, &bits)) return false;
  *v = static_cast<S>(bits ^ (static_cast<U>(1) << (sizeof(U) * 8 - 1)));
  return true;
}

template <typename F, typename U>
void AppendFloating(F v, std::string* out) {
  if (v == 0) v = 0;  // -0 equals 0
  if (std::isnan(v)) v = std::numeric_limits<F>::quiet_NaN();
  U bits = std::bit_cast<U>(v);
  constexpr U kSign = static_cast<U>(1) << (sizeof(U) * 8 - 1);
  bits = (bits & kSign) ? ~bits : (bits | kSign);
  AppendBigEndian<U>(bits, out);
}

template <typename F, typename U>
bool ReadFloating(std::string_view bytes, size_t* pos, F* v) {
  U bits;
  if (!ReadBigEndian<U>(bytes, pos, &bits)) return false;
  constexpr U kSign = static_cast<U>(1) << (sizeof(U) * 8 - 1);
  bits = (bits & kSign) ? (bits & ~kSign) : ~bits;
  *v = std::bit_cast<F>(bits);
  return true;
}

void AppendKey(const LogicalType& type, const Value& value, std::string* out);

void AppendStringKey(std::string_view s, std::string* out) {
  for (char c : s) {
    out->push_back(c);
    if (c == 0) out->push_back(static_cast<char>(0xFF));
  }
  out->push_back(0);
  out->push_back(0);
}

void AppendKey(const LogicalType& type, const Value& value, std::string* out) {
  if (type.IsNested()) {
    // A nested value's own bytes are already its key (self-delimiting).
    out->append(value.GetString());
    return;
  }
  switch (type.physical()) {
    case PhysicalType::kBool:
      out->push_back(value.GetBool() ? 1 : 0);
      break;
    case PhysicalType::kInt8:
      AppendSigned<int8_t>(static_cast<int8_t>(value.GetInt128()), out);
      break;
    case PhysicalType::kInt16:
      AppendSigned<int16_t>(static_cast<int16_t>(value.GetInt128()), out);
      break;
    case PhysicalType::kInt32:
      AppendSigned<int32_t>(static_cast<int32_t>(value.GetInt128()), out);
      break;
    case PhysicalType::kInt64:
      AppendSigned<int64_t>(static_cast<int64_t>(value.GetInt128()), out);
      break;
    case PhysicalType::kInt128:
      AppendSigned<int128_t>(value.GetInt128(), out);
      break;
    case PhysicalType::kFloat:
      AppendFloating<float, uint32_t>(static_cast<float>(value.GetDouble()), out);
      break;
    case PhysicalType::kDouble:
      AppendFloating<double, uint64_t>(value.GetDouble(), out);
      break;
    case PhysicalType::kString:
      AppendStringKey(value.GetString(), out);
      break;
    case PhysicalType::kInterval: {
      Interval i = value.GetInterval();
      int128_t normalized = static_cast<int128_t>(i.months) * 30 * kMicrosPerDay +
                            static_cast<int128_t>(i.days) * kMicrosPerDay + i.micros;
      AppendSigned<int128_t>(normalized, out);
      AppendSigned<int32_t>(i.months, out);
      AppendSigned<int32_t>(i.days, out);
      AppendSigned<int64_t>(i.micros, out);
      break;
    }
    case PhysicalType::kInvalid:
      break;
  }
}

// Reads the key of one `type` value at *pos; on success *pos is past it. `value` may be null
// when only the extent is wanted.
bool ReadKey(const LogicalType& type, std::string_view bytes, size_t* pos, Value* value);

bool ReadNested(const LogicalType& type, std::string_view bytes, size_t* pos,
                std::vector<std::string_view>* elements) {
  bool is_list = type.id() == TypeId::kList;
  size_t fields = is_list ? 0 : type.fields().size();
  for (size_t i = 0; is_list || i < fields; i++) {
    if (*pos >= bytes.size()) return false;
    char marker = bytes[*pos];
    size_t start = *pos;
    if (is_list && marker == kNestedEnd) {
      (*pos)++;
      return true;
    }
    (*pos)++;
    if (marker == kNestedValid) {
      const LogicalType& element = is_list ? type.child() : type.fields()[i].second;
      if (!ReadKey(element, bytes, pos, nullptr)) return false;
    } else if (marker != kNestedNull) {
      return false;
    }
    if (elements != nullptr) elements->push_back(bytes.substr(start, *pos - start));
  }
  return true;
}

bool ReadKey(const LogicalType& type, std::string_view bytes, size_t* pos, Value* value) {
  if (type.IsNested()) {
    size_t start = *pos;
    if (!ReadNested(type, bytes, pos, nullptr)) return false;
    if (value != nullptr) {
      *value = Value::FromPhysical(type, StringRef(bytes.substr(start, *pos - start)));
    }
    return true;
  }
  auto integral = [&]<typename S>() {
    S v;
    if (!ReadSigned<S>(bytes, pos, &v)) return false;
    if (value != nullptr) *value = Value::FromPhysical<S>(type, v);
    return true;
  };
  switch (type.physical()) {
    case PhysicalType::kBool:
      if (*pos >= bytes.size()) return false;
      if (value != nullptr) *value = Value::FromPhysical<bool>(type, bytes[*pos] != 0);
      (*pos)++;
      return true;
    case PhysicalType::kInt8:
      return integral.operator()<int8_t>();
    case PhysicalType::kInt16:
      return integral.operator()<int16_t>();
    case PhysicalType::kInt32:
      return integral.operator()<int32_t>();
    case PhysicalType::kInt64:
      return integral.operator()<int64_t>();
    case PhysicalType::kInt128:
      return integral.operator()<int128_t>();
    case PhysicalType::kFloat: {
      float v;
      if (!ReadFloating<float, uint32_t>(bytes, pos, &v)) return false;
      if (value != nullptr) *value = Value::FromPhysical<float>(type, v);
      return true;
    }
    case PhysicalType::kDouble: {
      double v;
      if (!ReadFloating<double, uint64_t>(bytes, pos, &v)) return false;
      if (value != nullptr) *value = Value::FromPhysical<double>(type, v);
      return true;
    }
    case PhysicalType::kString: {
      std::string s;
      size_t i = *pos;
      while (true) {
        if (i >= bytes.size()) return false;
        char c = bytes[i];
        if (c != 0) {
          if (value != nullptr) s.push_back(c);
          i++;
          continue;
        }
        if (i + 1 >= bytes.size()) return false;
        i += 2;
        if (bytes[i - 1] == 0) break;
        if (value != nullptr) s.push_back(0);  // an escaped 0x00 0xFF
      }
      *pos = i;
      if (value != nullptr) *value = Value::FromPhysical(type, StringRef(s));
      return true;
    }
    case PhysicalType::kInterval: {
      int128_t normalized;
      Interval v;
      if (!ReadSigned<int128_t>(bytes, pos, &normalized) ||
          !ReadSigned<int32_t>(bytes, pos, &v.months) ||
          !ReadSigned<int32_t>(bytes, pos, &v.days) ||
          !ReadSigned<int64_t>(bytes, pos, &v.micros)) {
        return false;
      }
      if (value != nullptr) *value = Value::FromPhysical<Interval>(type, v);
      return true;
    }
    case PhysicalType::kInvalid:
      break;
  }
  return false;
}

// DuckDB quotes a string inside a rendered list or struct when it would read ambiguously: empty,
// "null" in any case, blank at either end, or holding one of the delimiter characters.
std::string RenderNestedString(const std::string& s) {
  bool quote = s.empty() || std::isspace(static_cast<unsigned char>(s.front())) ||
               std::isspace(static_cast<unsigned char>(s.back()));
  if (s.size() == 4) {
    std::string lower = s;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    quote = quote || lower == "null";
  }
  quote = quote || s.find_first_of("[]{}(),='\":") != std::string::npos;
  if (!quote) return s;
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

const LogicalType& ElementType(const LogicalType& type, size_t i) {
  return type.id() == TypeId::kList ? type.child() : type.fields()[i].second;
}

std::string Join(const LogicalType& type, std::string_view bytes, bool sql) {
  bool is_list = type.id() == TypeId::kList;
  std::vector<std::string_view> parts = SplitNested(type, bytes);
  std::string out = is_list ? "[" : "{";
  for (size_t i = 0; i < parts.size(); i++) {
    if (i > 0) out += ", ";
    if (!is_list) {
      std::string name = type.fields()[i].first;
      out += "'";
      for (char c : name) out += c == '\'' ? std::string("''") : std::string(1, c);
      out += "': ";
    }
    Value v = DecodeNestedElement(ElementType(type, i), parts[i]);
    if (sql) {
      out += v.ToSQLString();
    } else if (!v.is_null() && v.type().id() == TypeId::kVarchar) {
      out += RenderNestedString(v.GetString());
    } else {
      out += v.ToString();
    }
  }
  out += is_list ? "]" : "}";
  return out;
}

}  // namespace

void AppendNestedElement(const LogicalType& type, const Value& value, std::string* out) {
  if (value.is_null()) {
    out->push_back(kNestedNull);
    return;
  }
  out->push_back(kNestedValid);
  AppendKey(type, value, out);
}

std::string EncodeList(const LogicalType& child, const std::vector<Value>& elements) {
  std::string out;
  for (const Value& e : elements) AppendNestedElement(child, e, &out);
  out.push_back(kNestedEnd);
  return out;
}

std::string EncodeStruct(const LogicalType& type, const std::vector<Value>& fields) {
  std::string out;
  const StructFields& f = type.fields();
  for (size_t i = 0; i < f.size(); i++) {
    AppendNestedElement(f[i].second, i < fields.size() ? fields[i] : Value(f[i].second), &out);
  }
  return out;
}

std::vector<std::string_view> SplitNested(const LogicalType& type, std::string_view bytes) {
  std::vector<std::string_view> elements;
  size_t pos = 0;
  ReadNested(type, bytes, &pos, &elements);
  return elements;
}

Value DecodeNestedElement(const LogicalType& type, std::string_view element) {
  if (element.empty() || element[0] != kNestedValid) return Value(type);
  size_t pos = 1;
  Value v(type);
  if (!ReadKey(type, element, &pos, &v)) return Value(type);
  return v;
}

std::vector<Value> DecodeNested(const LogicalType& type, std::string_view bytes) {
  std::vector<std::string_view> parts = SplitNested(type, bytes);
  std::vector<Value> out;
  out.reserve(parts.size());
  for (size_t i = 0; i < parts.size(); i++) {
    out.push_back(DecodeNestedElement(ElementType(type, i), parts[i]));
  }
  return out;
}

std::string NestedToString(const LogicalType& type, std::string_view bytes) {
  return Join(type, bytes, false);
}

std::string NestedToSQLString(const LogicalType& type, std::string_view bytes) {
  return Join(type, bytes, true);
}

}  // namespace fluxdb
