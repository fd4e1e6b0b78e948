#include "parser/type_name.h"

#include <string_view>

namespace fluxdb::ast {

namespace {

struct TypeAlias {
  std::string_view name;
  TypeId id;
};

// PostgreSQL's internal names (int4, float8, bpchar ...) come from its grammar; the others are
// DuckDB's spellings.
constexpr TypeAlias kAliases[] = {
    {"int", TypeId::kInteger},         {"int4", TypeId::kInteger},
    {"integer", TypeId::kInteger},     {"signed", TypeId::kInteger},
    {"int32", TypeId::kInteger},       {"bigint", TypeId::kBigInt},
    {"int8", TypeId::kBigInt},         {"long", TypeId::kBigInt},
    {"int64", TypeId::kBigInt},        {"smallint", TypeId::kSmallInt},
    {"int2", TypeId::kSmallInt},       {"short", TypeId::kSmallInt},
    {"int16", TypeId::kSmallInt},      {"tinyint", TypeId::kTinyInt},
    {"int1", TypeId::kTinyInt},        {"hugeint", TypeId::kHugeInt},
    {"int128", TypeId::kHugeInt},      {"float8", TypeId::kDouble},
    {"double", TypeId::kDouble},       {"float64", TypeId::kDouble},
    {"real", TypeId::kFloat},          {"float4", TypeId::kFloat},
    {"float32", TypeId::kFloat},       {"varchar", TypeId::kVarchar},
    {"text", TypeId::kVarchar},        {"string", TypeId::kVarchar},
    {"char", TypeId::kVarchar},        {"bpchar", TypeId::kVarchar},
    {"nvarchar", TypeId::kVarchar},    {"bool", TypeId::kBoolean},
    {"boolean", TypeId::kBoolean},     {"logical", TypeId::kBoolean},
    {"date", TypeId::kDate},           {"time", TypeId::kTime},
    {"timestamp", TypeId::kTimestamp}, {"datetime", TypeId::kTimestamp},
    {"interval", TypeId::kInterval},   {"blob", TypeId::kBlob},
    {"bytea", TypeId::kBlob},          {"binary", TypeId::kBlob},
    {"varbinary", TypeId::kBlob},      {"utinyint", TypeId::kUTinyInt},
    {"uint8", TypeId::kUTinyInt},      {"usmallint", TypeId::kUSmallInt},
    {"uint16", TypeId::kUSmallInt},    {"uinteger", TypeId::kUInteger},
    {"uint32", TypeId::kUInteger},     {"ubigint", TypeId::kUBigInt},
    {"uint64", TypeId::kUBigInt},      {"uhugeint", TypeId::kUHugeInt},
    {"uint128", TypeId::kUHugeInt},    {"uuid", TypeId::kUuid},
};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string TypeName::ToString() const {
  std::string out = Upper(name);
  if (!modifiers.empty()) {
    out += "(";
    for (size_t i = 0; i < modifiers.size(); i++) {
      if (i > 0) out += ",";
      out += std::to_string(modifiers[i]);
    }
    out += ")";
  }
  for (int32_t i = 0; i < array_bounds; i++) out += "[]";
  return out;
}

StatusOr<LogicalType> ResolveTypeName(const TypeName& type_name) {
  const std::string& name = type_name.name;
  if (type_name.array_bounds > 0) {
    // INTEGER[] and INTEGER[][] are DuckDB's LIST(INTEGER) and LIST(LIST(INTEGER)).
    TypeName element = type_name;
    element.array_bounds = 0;
    FLUX_ASSIGN_OR_RETURN(LogicalType type, ResolveTypeName(element));
    for (int32_t i = 0; i < type_name.array_bounds; i++) type = LogicalType::List(type);
    return type;
  }
  if (name == "decimal" || name == "numeric" || name == "dec") {
    const auto& mods = type_name.modifiers;
    if (mods.size() > 2) {
      return BinderError("DECIMAL type can take at most two type modifiers, width and scale");
    }
    if (mods.empty()) return LogicalType::Decimal(18, 3);
    int64_t width = mods[0];
    int64_t scale = mods.size() == 2 ? mods[1] : 0;
    if (width < 1 || width > kDecimalMaxWidth) {
      return BinderError("DECIMAL type width must be between 1 and ", int{kDecimalMaxWidth});
    }
    if (scale < 0) return BinderError("DECIMAL type scale must be at least 0");
    if (scale > width) return BinderError("DECIMAL type scale cannot be greater than width");
    return LogicalType::Decimal(static_cast<uint8_t>(width), static_cast<uint8_t>(scale));
  }
  if (name == "float") {
    // FLOAT is 4 bytes in DuckDB; FLOAT(p) follows the SQL standard's binary precision.
    if (type_name.modifiers.empty()) return LogicalType::Float();
    int64_t precision = type_name.modifiers[0];
    if (precision < 1 || precision > 53) {
      return BinderError("precision for type float must be between 1 and 53 bits");
    }
    return precision <= 24 ? LogicalType::Float() : LogicalType::Double();
  }
  for (const TypeAlias& alias : kAliases) {
    if (alias.name == name) return LogicalType(alias.id);
  }
  // DuckDB's second, millisecond and nanosecond timestamps are microsecond TIMESTAMPs here:
  // values keep their microseconds rather than being truncated to the unit.
  if (name == "timestamp_s" || name == "timestamp_ms" || name == "timestamp_us" ||
      name == "timestamp_ns") {
    return LogicalType::Timestamp();
  }
  return CatalogError("Type with name ", name, " does not exist!");
}

}  // namespace fluxdb::ast
