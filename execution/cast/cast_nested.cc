// Casts of LIST and STRUCT values: to VARCHAR (DuckDB's [1, 2] / {'a': 1} text), from VARCHAR
// (the same text parsed back) and between nested types element by element.
#include <cctype>
#include <string>
#include <vector>

#include "common/nested_value.h"
#include "execution/cast/cast_kernels.h"
#include "execution/cast/vector_cast.h"

namespace fluxdb::cast_internal {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Splits the inside of [...] or {...} at the commas that are not nested in brackets or quotes.
bool SplitTopLevel(std::string_view inner, std::vector<std::string_view>* parts) {
  int depth = 0;
  char quote = 0;
  size_t start = 0;
  for (size_t i = 0; i < inner.size(); i++) {
    char c = inner[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '[' || c == '{' || c == '(') {
      depth++;
    } else if (c == ']' || c == '}' || c == ')') {
      if (--depth < 0) return false;
    } else if (c == ',' && depth == 0) {
      parts->push_back(Trim(inner.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (quote != 0 || depth != 0) return false;
  std::string_view last = Trim(inner.substr(start));
  if (!last.empty() || !parts->empty()) parts->push_back(last);
  return true;
}

std::string Unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front()) {
    std::string out;
    char q = s.front();
    for (size_t i = 1; i + 1 < s.size(); i++) {
      out += s[i];
      if (s[i] == q && i + 2 < s.size() && s[i + 1] == q) i++;
    }
    return out;
  }
  return std::string(s);
}

bool IsNullText(std::string_view s) {
  return s.size() == 4 && (s[0] == 'N' || s[0] == 'n') && (s[1] == 'U' || s[1] == 'u') &&
         (s[2] == 'L' || s[2] == 'l') && (s[3] == 'L' || s[3] == 'l');
}

StatusOr<Value> ParseNested(const LogicalType& type, std::string_view text);

StatusOr<Value> ParseElement(const LogicalType& type, std::string_view text) {
  if (IsNullText(text)) return Value(type);
  if (type.IsNested()) return ParseNested(type, text);
  return CastValue(Value::Varchar(Unquote(text)), type, false);
}

Status MalformedError(const LogicalType& type, std::string_view text) {
  return ConversionError("Type VARCHAR with value '", text,
                         "' can't be cast to the destination type ", type.ToString());
}

StatusOr<Value> ParseNested(const LogicalType& type, std::string_view text) {
  text = Trim(text);
  bool is_list = type.id() == TypeId::kList;
  char open = is_list ? '[' : '{', close = is_list ? ']' : '}';
  if (text.size() < 2 || text.front() != open || text.back() != close) {
    return MalformedError(type, text);
  }
  std::vector<std::string_view> parts;
  if (!SplitTopLevel(text.substr(1, text.size() - 2), &parts)) return MalformedError(type, text);
  std::vector<Value> values;
  if (is_list) {
    for (std::string_view part : parts) {
      FLUX_ASSIGN_OR_RETURN(Value v, ParseElement(type.child(), part));
      values.push_back(std::move(v));
    }
    return Value::List(type.child(), values);
  }
  const StructFields& fields = type.fields();
  values.assign(fields.size(), Value());
  for (size_t i = 0; i < fields.size(); i++) values[i] = Value(fields[i].second);
  for (std::string_view part : parts) {
    size_t colon = std::string_view::npos;
    char quote = 0;
    for (size_t i = 0; i < part.size(); i++) {
      if (quote != 0) {
        if (part[i] == quote) quote = 0;
      } else if (part[i] == '\'' || part[i] == '"') {
        quote = part[i];
      } else if (part[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon == std::string_view::npos) return MalformedError(type, text);
    std::string name = Unquote(Trim(part.substr(0, colon)));
    size_t index = fields.size();
    for (size_t i = 0; i < fields.size(); i++) {
      if (fields[i].first == name) index = i;
    }
    if (index == fields.size()) return MalformedError(type, text);
    FLUX_ASSIGN_OR_RETURN(values[index],
                          ParseElement(fields[index].second, Trim(part.substr(colon + 1))));
  }
  return Value::Struct(type, values);
}

// Casts one nested value to another nested type, element by element.
StatusOr<Value> CastNestedValue(const Value& value, const LogicalType& to, bool try_cast) {
  const LogicalType& from = value.type();
  std::vector<Value> children = value.Children();
  if (from.id() == TypeId::kList && to.id() == TypeId::kList) {
    for (Value& child : children) {
      FLUX_ASSIGN_OR_RETURN(child, CastValue(child, to.child(), try_cast));
    }
    return Value::List(to.child(), children);
  }
  if (from.id() == TypeId::kStruct && to.id() == TypeId::kStruct &&
      from.fields().size() == to.fields().size()) {
    for (size_t i = 0; i < children.size(); i++) {
      FLUX_ASSIGN_OR_RETURN(children[i], CastValue(children[i], to.fields()[i].second, try_cast));
    }
    return Value::Struct(to, children);
  }
  return ConversionError("Unimplemented type for cast (", from.ToString(), " -> ", to.ToString(),
                         ")");
}

}  // namespace

Status CastNested(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& from = source.type();
  const LogicalType& to = result.type();
  bool constant = source.encoding() == VectorEncoding::kConstant;
  idx_t n = constant ? (count == 0 ? 0 : 1) : count;
  for (idx_t i = 0; i < n; i++) {
    Value v = source.GetValue(i);
    if (v.is_null()) {
      result.SetValue(i, Value(to));
      continue;
    }
    StatusOr<Value> cast = Value();
    if (to.id() == TypeId::kVarchar) {
      cast = Value::Varchar(v.ToString());
    } else if (from.id() == TypeId::kVarchar) {
      cast = ParseNested(to, v.GetString());
    } else {
      cast = CastNestedValue(v, to, try_cast);
    }
    if (!cast.ok()) {
      if (!try_cast) return cast.status();
      result.SetValue(i, Value(to));
      continue;
    }
    result.SetValue(i, *cast);
  }
  if (constant && count > 0) result.MarkConstant();
  return Status();
}

}  // namespace fluxdb::cast_internal
