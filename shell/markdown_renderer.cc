#include "shell/markdown_renderer.h"

#include <algorithm>

#include "shell/text_width.h"

namespace fluxdb::shell {

namespace {

// A cell may not break the table: pipes are escaped and line breaks shown as escapes.
std::string MarkdownCell(std::string_view text) {
  std::string cell;
  for (char c : EscapeControlCharacters(text)) {
    if (c == '|') cell += '\\';
    cell += c;
  }
  return cell;
}

}  // namespace

void MarkdownRenderer::Render(const QueryResult& result, Output& out) {
  const idx_t column_count = result.ColumnCount();
  if (column_count == 0) return;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header;
  std::vector<size_t> widths(column_count, 3);
  for (idx_t c = 0; c < column_count; c++) {
    header.push_back(MarkdownCell(result.names()[c]));
    widths[c] = std::max(widths[c], DisplayWidth(header[c]));
  }
  ForEachRow(result, [&](const DataChunk& chunk, idx_t row) {
    std::vector<std::string> cells;
    for (idx_t c = 0; c < column_count; c++) {
      cells.push_back(MarkdownCell(ValueText(chunk.GetValue(c, row), settings_.null_value)));
      widths[c] = std::max(widths[c], DisplayWidth(cells.back()));
    }
    rows.push_back(std::move(cells));
  });
  auto right = [&](idx_t c) { return IsNumericType(result.types()[c]); };
  std::string text;
  auto append_row = [&](const std::vector<std::string>& cells) {
    text += '|';
    for (idx_t c = 0; c < column_count; c++) {
      text += ' ';
      text += Pad(cells[c], widths[c], right(c) ? Align::kRight : Align::kLeft);
      text += " |";
    }
    text += '\n';
  };
  append_row(header);
  text += '|';
  for (idx_t c = 0; c < column_count; c++) {
    text += right(c) ? std::string(widths[c] + 1, '-') + ":" : std::string(widths[c] + 2, '-');
    text += '|';
  }
  text += '\n';
  for (const auto& cells : rows) append_row(cells);
  out.Write(text);
}

}  // namespace fluxdb::shell
