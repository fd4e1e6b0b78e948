#include "execution/table_function/csv_options.h"

#include <cctype>

namespace fluxdb {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

StatusOr<bool> BoolOption(std::string_view name, const Value& value) {
  if (value.is_null()) return BinderError("CSV option ", name, " cannot be NULL");
  if (value.type().id() == TypeId::kBoolean) return value.GetBool();
  if (value.type().IsIntegral()) return value.GetInt64() != 0;
  if (value.type().id() == TypeId::kVarchar) {
    std::string v = Lower(value.GetString());
    if (v == "true" || v == "1" || v == "on" || v == "t" || v == "yes") return true;
    if (v == "false" || v == "0" || v == "off" || v == "f" || v == "no") return false;
  }
  return BinderError("CSV option ", name, " expects a boolean, got ", value.ToSQLString());
}

StatusOr<std::string> TextOption(std::string_view name, const Value& value) {
  if (value.is_null()) return BinderError("CSV option ", name, " cannot be NULL");
  if (value.type().id() == TypeId::kVarchar) return value.GetString();
  return value.ToString();
}

/// A single-byte option (delimiter, quote, escape); "" means none where allowed.
StatusOr<char> CharOption(std::string_view name, const Value& value, bool allow_empty) {
  auto given = TextOption(name, value);
  if (!given.ok()) return given.status();
  std::string_view text = *given;
  if (text.size() == 2 && text[0] == '\\' && text[1] == 't') text = "\t";
  if (text.empty()) {
    if (allow_empty) return '\0';
    return BinderError("CSV option ", name, " cannot be empty");
  }
  if (text.size() != 1) {
    return NotImplementedError("CSV option ", name,
                               " must be a single byte; multi-byte values are not supported (got '",
                               text, "')");
  }
  if (text[0] == '\n' || text[0] == '\r') {
    return BinderError("CSV option ", name, " cannot be a newline");
  }
  return text[0];
}

StatusOr<int64_t> IntOption(std::string_view name, const Value& value) {
  if (!value.is_null() && value.type().IsIntegral()) return value.GetInt64();
  if (!value.is_null() && value.type().id() == TypeId::kVarchar) {
    std::string_view s = Trim(value.GetString());
    bool negative = !s.empty() && s[0] == '-';
    if (negative) s.remove_prefix(1);
    int64_t v = 0;
    if (!s.empty() && s.size() < 18) {
      bool ok = true;
      for (char c : s) {
        if (c < '0' || c > '9') ok = false;
        v = v * 10 + (c - '0');
      }
      if (ok) return negative ? -v : v;
    }
  }
  return BinderError("CSV option ", name, " expects an integer, got ", value.ToSQLString());
}

std::string Printable(char c) {
  if (c == '\0') return "(empty)";
  if (c == '\t') return "\\t";
  return std::string(1, c);
}

}  // namespace

Status CsvOptions::Set(std::string_view name, const Value& value, bool for_write) {
  std::string key = Lower(name);
  if (key == "delim" || key == "delimiter" || key == "sep" || key == "separator") {
    FLUX_ASSIGN_OR_RETURN(delimiter, CharOption(key, value, false));
    delimiter_set = true;
  } else if (key == "quote") {
    FLUX_ASSIGN_OR_RETURN(quote, CharOption(key, value, true));
    quote_set = true;
    if (!escape_set) escape = quote;
  } else if (key == "escape") {
    if (!value.is_null() && value.type().id() == TypeId::kBoolean) {
      // ESCAPE without a value: the default (the quote character).
      escape = quote;
    } else {
      FLUX_ASSIGN_OR_RETURN(escape, CharOption(key, value, true));
    }
    escape_set = true;
  } else if (key == "header") {
    FLUX_ASSIGN_OR_RETURN(header, BoolOption(key, value));
    header_set = true;
  } else if (key == "nullstr" || key == "null" || key == "na_values") {
    FLUX_ASSIGN_OR_RETURN(null_str, TextOption(key, value));
  } else if (key == "format") {
    FLUX_ASSIGN_OR_RETURN(std::string format, TextOption(key, value));
    format = Lower(format);
    if (format != "csv") {
      return NotImplementedError("COPY format \"", format, "\" is not supported (only CSV)");
    }
  } else if (key == "force_quote" && for_write) {
    return NotImplementedError("COPY ... TO option FORCE_QUOTE is not supported");
  } else if (for_write) {
    return BinderError("Unrecognized option for CSV writing: \"", key, "\"");
  } else if (key == "allow_quoted_nulls") {
    FLUX_ASSIGN_OR_RETURN(allow_quoted_nulls, BoolOption(key, value));
  } else if (key == "auto_detect") {
    FLUX_ASSIGN_OR_RETURN(auto_detect, BoolOption(key, value));
  } else if (key == "sample_size") {
    FLUX_ASSIGN_OR_RETURN(sample_size, IntOption(key, value));
    if (sample_size == 0 || sample_size < -1) {
      return BinderError("Unsupported parameter for SAMPLE_SIZE: cannot be smaller than 1");
    }
  } else if (key == "ignore_errors") {
    FLUX_ASSIGN_OR_RETURN(ignore_errors, BoolOption(key, value));
  } else if (key == "null_padding") {
    FLUX_ASSIGN_OR_RETURN(null_padding, BoolOption(key, value));
  } else if (key == "skip") {
    FLUX_ASSIGN_OR_RETURN(int64_t v, IntOption(key, value));
    if (v < 0) return BinderError("CSV option skip cannot be negative");
    skip = static_cast<idx_t>(v);
  } else if (key == "all_varchar") {
    FLUX_ASSIGN_OR_RETURN(all_varchar, BoolOption(key, value));
  } else if (key == "parallel") {
    FLUX_ASSIGN_OR_RETURN(parallel, BoolOption(key, value));
  } else if (key == "columns") {
    FLUX_ASSIGN_OR_RETURN(std::string text, TextOption(key, value));
    names.clear();
    types.clear();
    FLUX_RETURN_IF_ERROR(ParseCsvColumns(text, &names, &types));
    columns_set = true;
  } else if (key == "new_line" || key == "encoding" || key == "compression") {
    FLUX_ASSIGN_OR_RETURN(std::string v, TextOption(key, value));
    v = Lower(v);
    bool fine = (key == "new_line" && (v == "\\n" || v == "\\r\\n" || v == "\n" || v == "\r\n")) ||
                (key == "encoding" && (v == "utf8" || v == "utf-8")) ||
                (key == "compression" && (v == "none" || v == "auto"));
    if (!fine) return NotImplementedError("CSV option ", key, " = '", v, "' is not supported");
  } else {
    return BinderError("Unrecognized option for CSV reading: \"", key, "\"");
  }
  return Status();
}

std::string CsvOptions::DialectString() const {
  return Concat("delimiter '", Printable(delimiter), "', quote '", Printable(quote), "', escape '",
                Printable(escape), "', header ", header ? "true" : "false");
}

StatusOr<LogicalType> ParseCsvTypeName(std::string_view text) {
  std::string t = Lower(Trim(text));
  std::string base = t;
  std::vector<int64_t> mods;
  size_t paren = t.find('(');
  if (paren != std::string::npos) {
    if (t.back() != ')') return BinderError("invalid type \"", text, "\"");
    base = std::string(Trim(std::string_view(t).substr(0, paren)));
    std::string_view args = std::string_view(t).substr(paren + 1, t.size() - paren - 2);
    while (!args.empty()) {
      size_t comma = args.find(',');
      std::string_view part = Trim(args.substr(0, comma));
      int64_t v = 0;
      if (part.empty()) return BinderError("invalid type \"", text, "\"");
      for (char c : part) {
        if (c < '0' || c > '9') return BinderError("invalid type \"", text, "\"");
        v = v * 10 + (c - '0');
        if (v > 1000) return BinderError("invalid type \"", text, "\"");
      }
      mods.push_back(v);
      if (comma == std::string_view::npos) break;
      args.remove_prefix(comma + 1);
    }
  }
  if (base == "boolean" || base == "bool" || base == "logical") return LogicalType::Boolean();
  if (base == "tinyint" || base == "int1") return LogicalType::TinyInt();
  if (base == "smallint" || base == "int2" || base == "short") return LogicalType::SmallInt();
  if (base == "integer" || base == "int" || base == "int4" || base == "signed") {
    return LogicalType::Integer();
  }
  if (base == "bigint" || base == "int8" || base == "long") return LogicalType::BigInt();
  if (base == "hugeint" || base == "int128") return LogicalType::HugeInt();
  if (base == "float" || base == "real" || base == "float4") return LogicalType::Float();
  if (base == "double" || base == "float8" || base == "double precision") {
    return LogicalType::Double();
  }
  if (base == "decimal" || base == "numeric" || base == "dec") {
    int64_t width = mods.empty() ? 18 : mods[0];
    int64_t scale = mods.size() > 1 ? mods[1] : (mods.empty() ? 3 : 0);
    if (width < 1 || width > kDecimalMaxWidth) {
      return BinderError("DECIMAL type width must be between 1 and 38");
    }
    if (scale > width) return BinderError("DECIMAL type scale cannot be bigger than width");
    return LogicalType::Decimal(static_cast<uint8_t>(width), static_cast<uint8_t>(scale));
  }
  if (base == "varchar" || base == "text" || base == "string" || base == "char" ||
      base == "bpchar" || base == "character varying") {
    return LogicalType::Varchar();
  }
  if (base == "blob" || base == "bytea" || base == "binary" || base == "varbinary") {
    return LogicalType::Blob();
  }
  if (base == "date") return LogicalType::Date();
  if (base == "time") return LogicalType::Time();
  if (base == "timestamp" || base == "datetime") return LogicalType::Timestamp();
  if (base == "interval") return LogicalType::IntervalType();
  return CatalogError("Type with name ", Trim(text), " does not exist!");
}

Status ParseCsvColumns(std::string_view text, std::vector<std::string>* names,
                       std::vector<LogicalType>* types) {
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) i++;
  };
  while (true) {
    skip_space();
    if (i >= text.size()) break;
    std::string name;
    if (text[i] == '"') {
      i++;
      while (true) {
        if (i >= text.size()) return BinderError("unterminated column name in columns option");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            name += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += text[i++];
      }
    } else {
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
             text[i] != ',') {
        name += text[i++];
      }
    }
    skip_space();
    // The type runs to the next comma outside parentheses.
    size_t start = i;
    int depth = 0;
    while (i < text.size() && (depth > 0 || text[i] != ',')) {
      if (text[i] == '(') depth++;
      if (text[i] == ')') depth--;
      i++;
    }
    std::string_view type_text = Trim(text.substr(start, i - start));
    if (name.empty() || type_text.empty()) {
      return BinderError("columns option must look like 'name TYPE, name TYPE', got '", text, "'");
    }
    FLUX_ASSIGN_OR_RETURN(LogicalType type, ParseCsvTypeName(type_text));
    names->push_back(std::move(name));
    types->push_back(type);
    if (i < text.size()) i++;  // the comma
  }
  if (names->empty()) return BinderError("columns option lists no columns");
  return Status();
}

std::string FormatCsvColumns(const std::vector<std::string>& names,
                             const std::vector<LogicalType>& types) {
  std::string out;
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) out += ", ";
    out += '"';
    for (char c : names[i]) {
      out += c;
      if (c == '"') out += '"';
    }
    out += "\" ";
    out += types[i].ToString();
  }
  return out;
}

}  // namespace fluxdb
