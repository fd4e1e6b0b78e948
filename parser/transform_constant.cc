// Literals and type names.
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

/// Parses an unsigned run of digits into an int128; false on overflow.
bool ParseDigits(std::string_view digits, int128_t& out) {
  constexpr int128_t kMax = ~static_cast<uint128_t>(0) >> 1;
  out = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    int d = c - '0';
    if (out > (kMax - d) / 10) return false;
    out = out * 10 + d;
  }
  return !digits.empty();
}

StatusOr<Value> ParseDouble(const std::string& text) {
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || (errno == ERANGE && std::isinf(v))) {
    return ConversionError("Could not convert string \"", text, "\" to DOUBLE");
  }
  return Value::Double(v);
}

/// The digits of a blob literal X'1F' (PostgreSQL hands it over as "x1F").
StatusOr<Value> ParseHexBlob(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return ConversionError("Invalid hexadecimal literal: odd number of digits");
  }
  std::string bytes;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return ConversionError("Invalid hexadecimal literal");
    bytes += static_cast<char>(hi * 16 + lo);
  }
  return Value::Blob(bytes);
}

}  // namespace

// INTEGER if it fits, then BIGINT, HUGEINT; with a decimal point DECIMAL(digits, digits after the
// point) up to 38 digits; otherwise DOUBLE.
StatusOr<Value> NumericLiteral(const std::string& text) {
  std::string_view body(text);
  bool negative = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  bool has_exponent = body.find_first_of("eE") != std::string_view::npos;
  size_t point = body.find('.');
  if (!has_exponent && point == std::string_view::npos) {
    int128_t magnitude;
    if (ParseDigits(body, magnitude)) {
      int128_t v = negative ? -magnitude : magnitude;
      if (v >= INT32_MIN && v <= INT32_MAX) return Value::Integer(static_cast<int32_t>(v));
      if (v >= INT64_MIN && v <= INT64_MAX) return Value::BigInt(static_cast<int64_t>(v));
      return Value::HugeInt(v);
    }
    return ParseDouble(text);
  }
  if (!has_exponent) {
    std::string digits(body.substr(0, point));
    digits += body.substr(point + 1);
    size_t scale = body.size() - point - 1;
    size_t width = digits.size();
    int128_t raw;
    if (width >= 1 && width <= kDecimalMaxWidth && ParseDigits(digits, raw)) {
      return Value::Decimal(negative ? -raw : raw, static_cast<uint8_t>(width),
                            static_cast<uint8_t>(scale));
    }
  }
  return ParseDouble(text);
}

StatusOr<ExprPtr> Transformer::TransformConstant(const PgQuery__AConst* constant) {
  Value value;
  if (!constant->isnull) {
    switch (constant->val_case) {
      case PG_QUERY__A__CONST__VAL_IVAL:
        value = Value::Integer(constant->ival->ival);
        break;
      case PG_QUERY__A__CONST__VAL_FVAL: {
        auto parsed = NumericLiteral(constant->fval->fval);
        if (!parsed.ok()) return ErrorAt(parsed.status(), constant->location);
        value = std::move(parsed).value();
        break;
      }
      case PG_QUERY__A__CONST__VAL_BOOLVAL:
        value = Value::Boolean(constant->boolval->boolval);
        break;
      case PG_QUERY__A__CONST__VAL_SVAL:
        value = Value::Varchar(constant->sval->sval);
        break;
      case PG_QUERY__A__CONST__VAL_BSVAL: {
        std::string_view bits(constant->bsval->bsval);
        if (!bits.empty() && (bits[0] == 'x' || bits[0] == 'X')) {
          auto blob = ParseHexBlob(bits.substr(1));
          if (!blob.ok()) return ErrorAt(blob.status(), constant->location);
          value = std::move(blob).value();
          break;
        }
        return ErrorAt(NotImplementedError("bit string literals are not supported"),
                       constant->location);
      }
      default:
        return ErrorAt(ParserError("unknown constant"), constant->location);
    }
  }
  auto expr = std::make_unique<ConstantExpr>(std::move(value));
  expr->location = Loc(constant->location);
  return ExprPtr(std::move(expr));
}

StatusOr<TypeName> Transformer::TransformTypeName(const PgQuery__TypeName* type_name) {
  TypeName out;
  out.location = Loc(type_name->location);
  if (type_name->setof || type_name->pct_type) {
    return ErrorAt(NotImplementedError("SETOF and %TYPE types are not supported"),
                   type_name->location);
  }
  std::vector<std::string> names;
  for (const pg::Node* name : PG_LIST(type_name, names)) names.push_back(pg::StrVal(name));
  if (names.size() >= 2 && names.front() == "pg_catalog") names.erase(names.begin());
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) out.name += ".";
    for (char c : names[i])
      out.name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // PostgreSQL reads a bare FLOAT as float8, DuckDB as the 4-byte FLOAT: look at what was written.
  if (out.name == "float8" && type_name->n_typmods == 0) {
    size_t token = TokenAt(out.location);
    const auto& tokens = source().tokens;
    if (token < tokens.size() && tokens[token].start == out.location && tokens[token].Is("float") &&
        !(token + 1 < tokens.size() && tokens[token + 1].IsPunct('('))) {
      out.name = "float";
    }
  }
  bool decimal = out.name == "numeric" || out.name == "decimal";
  for (size_t i = 0; i < type_name->n_typmods; i++) {
    const pg::Node* mod = type_name->typmods[i];
    if (pg::Is(mod, PG_QUERY__NODE__NODE_A_CONST) &&
        mod->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      out.modifiers.push_back(mod->a_const->ival->ival);
      continue;
    }
    if (decimal) {
      // DuckDB reports bad DECIMAL modifiers when binding the type.
      if (type_name->n_typmods > 2) {
        return ErrorAt(BinderError("DECIMAL type can take at most two type modifiers, width and "
                                   "scale"),
                       type_name->location);
      }
      return ErrorAt(
          BinderError("DECIMAL type ", i == 0 ? "width" : "scale", " must be an integral type"),
          type_name->location);
    }
    return ErrorAt(ParserError("type modifiers must be integer constants"), type_name->location);
  }
  out.array_bounds = static_cast<int32_t>(type_name->n_array_bounds);
  return out;
}

}  // namespace fluxdb::ast
