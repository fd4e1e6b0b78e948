#include "shell/json_renderer.h"

#include <cmath>
#include <cstdio>

namespace fluxdb::shell {

std::string JsonString(std::string_view text) {
  std::string json = "\"";
  for (char c : text) {
    unsigned char b = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        json += "\\\"";
        break;
      case '\\':
        json += "\\\\";
        break;
      case '\n':
        json += "\\n";
        break;
      case '\r':
        json += "\\r";
        break;
      case '\t':
        json += "\\t";
        break;
      case '\b':
        json += "\\b";
        break;
      case '\f':
        json += "\\f";
        break;
      default:
        if (b < 0x20 || b == 0x7F) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", b);
          json += buffer;
        } else {
          json += c;
        }
    }
  }
  json += '"';
  return json;
}

std::string JsonValue(const Value& value) {
  if (value.is_null()) return "null";
  const LogicalType& type = value.type();
  if (type.id() == TypeId::kBoolean) return value.GetBool() ? "true" : "false";
  if (type.id() == TypeId::kFloat || type.id() == TypeId::kDouble) {
    // JSON has no NaN or infinity: those stay strings.
    if (!std::isfinite(value.GetDouble())) return JsonString(value.ToString());
    return value.ToString();
  }
  if (type.IsNumeric()) return value.ToString();
  return JsonString(value.ToString());
}

void JsonRenderer::Render(const QueryResult& result, Output& out) {
  const idx_t column_count = result.ColumnCount();
  if (column_count == 0) return;
  std::vector<std::string> keys;
  for (const std::string& name : result.names()) keys.push_back(JsonString(name) + ":");
  bool first = true;
  std::string line;
  ForEachRow(result, [&](const DataChunk& chunk, idx_t row) {
    line.clear();
    if (!lines_) line += first ? "[" : ",\n";
    first = false;
    line += '{';
    for (idx_t c = 0; c < column_count; c++) {
      if (c > 0) line += ',';
      line += keys[c];
      line += JsonValue(chunk.GetValue(c, row));
    }
    line += '}';
    if (lines_) line += '\n';
    out.Write(line);
  });
  if (!lines_) out.Write(first ? "[]\n" : "]\n");
}

}  // namespace fluxdb::shell
