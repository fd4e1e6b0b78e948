#include "shell/line_renderer.h"

#include <algorithm>

#include "shell/text_width.h"

namespace fluxdb::shell {

namespace {
// sqlite3 aligns the names to at least this width.
constexpr size_t kMinNameWidth = 5;
}  // namespace

void LineRenderer::Render(const QueryResult& result, Output& out) {
  const idx_t column_count = result.ColumnCount();
  if (column_count == 0) return;
  size_t name_width = kMinNameWidth;
  for (const std::string& name : result.names()) {
    name_width = std::max(name_width, DisplayWidth(name));
  }
  std::vector<std::string> prefixes;
  for (const std::string& name : result.names()) {
    prefixes.push_back(Pad(name, name_width, Align::kRight) + " = ");
  }
  bool first = true;
  std::string record;
  ForEachRow(result, [&](const DataChunk& chunk, idx_t row) {
    record.clear();
    if (!first) record += '\n';
    first = false;
    for (idx_t c = 0; c < column_count; c++) {
      record += prefixes[c];
      record += ValueText(chunk.GetValue(c, row), settings_.null_value);
      record += '\n';
    }
    out.Write(record);
  });
}

}  // namespace fluxdb::shell
