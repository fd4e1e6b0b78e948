#include "shell/delimited_renderer.h"

namespace fluxdb::shell {

std::string CsvQuote(std::string_view field, char delimiter) {
  bool quote = field.empty() || field.front() == ' ' || field.back() == ' ';
  for (char c : field) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) return std::string(field);
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void DelimitedRenderer::AppendField(std::string_view field, std::string& line) const {
  switch (format_) {
    case DelimitedFormat::kCsv:
      line += CsvQuote(field, ',');
      break;
    case DelimitedFormat::kTsv:
      line += CsvQuote(field, '\t');
      break;
    case DelimitedFormat::kList:
      line += field;
      break;
  }
}

void DelimitedRenderer::Render(const QueryResult& result, Output& out) {
  const idx_t column_count = result.ColumnCount();
  if (column_count == 0) return;
  const std::string separator = format_ == DelimitedFormat::kCsv   ? ","
                                : format_ == DelimitedFormat::kTsv ? "\t"
                                                                   : settings_.separator;
  const bool quoted_format = format_ != DelimitedFormat::kList;
  std::string line;
  if (settings_.headers) {
    for (idx_t c = 0; c < column_count; c++) {
      if (c > 0) line += separator;
      AppendField(result.names()[c], line);
    }
    line += '\n';
    out.Write(line);
  }
  ForEachRow(result, [&](const DataChunk& chunk, idx_t row) {
    line.clear();
    for (idx_t c = 0; c < column_count; c++) {
      if (c > 0) line += separator;
      Value value = chunk.GetValue(c, row);
      if (value.is_null()) {
        // An unquoted empty field is NULL; an empty string is written as "".
        if (quoted_format && !settings_.null_value_set) continue;
        line += settings_.null_value;
        continue;
      }
      AppendField(value.ToString(), line);
    }
    line += '\n';
    out.Write(line);
  });
}

}  // namespace fluxdb::shell
