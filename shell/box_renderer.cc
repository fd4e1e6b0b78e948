#include "shell/box_renderer.h"

#include <algorithm>

#include "shell/text_width.h"

namespace fluxdb::shell {

namespace {

/// A column cut to make room is never cut below this width unless columns must be elided anyway.
constexpr size_t kMinCappedWidth = 20;
/// Rows of dots standing for elided rows.
constexpr int kDotRows = 3;

struct Glyphs {
  const char* horizontal;
  const char* vertical;
  const char* top_left;
  const char* top_mid;
  const char* top_right;
  const char* mid_left;
  const char* mid_mid;
  const char* mid_right;
  const char* bottom_left;
  const char* bottom_mid;
  const char* bottom_right;
  const char* ellipsis;  // end of a cut value, and the elided-columns marker
  const char* dot;       // elided rows
};

constexpr Glyphs kUnicodeGlyphs = {"─", "│", "┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘", "…", "·"};
constexpr Glyphs kAsciiGlyphs = {"-", "|", "+", "+", "+", "+", "+", "+", "+", "+", "+", "...", "."};

size_t TableWidth(const std::vector<size_t>& widths, bool with_ellipsis, size_t ellipsis_width) {
  size_t total = 1;
  for (size_t w : widths) total += w + 3;
  if (with_ellipsis) total += ellipsis_width + 3;
  return total;
}

std::vector<size_t> Capped(const std::vector<size_t>& widths, size_t cap) {
  std::vector<size_t> capped(widths);
  for (size_t& w : capped) w = std::min(w, cap);
  return capped;
}

/// The largest cap >= `low` at which the capped widths fit, or 0 if not even `low` fits.
size_t LargestFittingCap(const std::vector<size_t>& widths, size_t max_width, bool with_ellipsis,
                         size_t ellipsis_width, size_t low) {
  auto fits = [&](size_t cap) {
    return TableWidth(Capped(widths, cap), with_ellipsis, ellipsis_width) <= max_width;
  };
  size_t high = std::max(low, *std::max_element(widths.begin(), widths.end()));
  if (fits(high)) return high;
  if (!fits(low)) return 0;
  while (high - low > 1) {  // fits(low) && !fits(high)
    size_t mid = low + (high - low) / 2;
    (fits(mid) ? low : high) = mid;
  }
  return low;
}

}  // namespace

ColumnFit FitColumns(const std::vector<size_t>& widths, size_t max_width, size_t ellipsis_width) {
  ColumnFit fit;
  size_t n = widths.size();
  if (n == 0) return fit;
  size_t cap = LargestFittingCap(widths, max_width, false, ellipsis_width, kMinCappedWidth);
  if (cap > 0) {
    for (size_t i = 0; i < n; i++) fit.shown.push_back(i);
    fit.widths = Capped(widths, cap);
    return fit;
  }
  // Keep columns from both ends, alternately, while they fit next to the marker column.
  std::vector<size_t> capped = Capped(widths, kMinCappedWidth);
  size_t total = 1 + ellipsis_width + 3;
  std::vector<size_t> left, right;
  size_t next_left = 0, next_right = n - 1;
  bool take_left = true;
  while (next_left <= next_right && next_right < n) {
    size_t candidate = take_left ? next_left : next_right;
    if (total + capped[candidate] + 3 > max_width) break;
    total += capped[candidate] + 3;
    if (take_left) {
      left.push_back(next_left++);
    } else {
      right.push_back(next_right--);
    }
    take_left = !take_left;
  }
  if (left.empty()) left.push_back(0);  // not even one fits: the first column is cut to fit
  fit.shown = left;
  fit.shown.insert(fit.shown.end(), right.rbegin(), right.rend());
  fit.elided_after = static_cast<int>(left.size()) - 1;
  std::vector<size_t> natural;
  for (size_t i : fit.shown) natural.push_back(widths[i]);
  size_t shown_cap = LargestFittingCap(natural, max_width, true, ellipsis_width, 1);
  if (shown_cap == 0) {
    size_t others = 1 + ellipsis_width + 3 + 3;
    shown_cap = max_width > others ? max_width - others : 1;
  }
  fit.widths = Capped(natural, shown_cap);
  return fit;
}

void BoxRenderer::Render(const QueryResult& result, Output& out) {
  const idx_t column_count = result.ColumnCount();
  if (column_count == 0) return;
  const Glyphs& g = style_ == BoxStyle::kUnicode ? kUnicodeGlyphs : kAsciiGlyphs;
  const bool show_types = style_ == BoxStyle::kUnicode;
  const idx_t row_count = result.RowCount();
  const idx_t max_rows = settings_.max_rows;
  const bool elide_rows = max_rows > 0 && row_count > max_rows;
  std::vector<idx_t> rows;
  if (elide_rows) {
    for (idx_t r = 0; r < (max_rows + 1) / 2; r++) rows.push_back(r);
    for (idx_t r = row_count - max_rows / 2; r < row_count; r++) rows.push_back(r);
  } else {
    for (idx_t r = 0; r < row_count; r++) rows.push_back(r);
  }
  const size_t top_rows = elide_rows ? (max_rows + 1) / 2 : rows.size();

  struct Column {
    std::string name;
    std::string type;
    bool right_aligned = false;
    std::vector<std::string> cells;
  };
  std::vector<Column> columns(column_count);
  std::vector<size_t> widths(column_count, 1);
  for (idx_t c = 0; c < column_count; c++) {
    Column& column = columns[c];
    column.name = EscapeControlCharacters(result.names()[c]);
    column.type = BoxTypeName(result.types()[c]);
    column.right_aligned = IsNumericType(result.types()[c]);
    widths[c] = std::max(widths[c], DisplayWidth(column.name));
    if (show_types) widths[c] = std::max(widths[c], DisplayWidth(column.type));
    for (idx_t r : rows) {
      column.cells.push_back(
          EscapeControlCharacters(ValueText(result.GetValue(c, r), settings_.null_value)));
      widths[c] = std::max(widths[c], DisplayWidth(column.cells.back()));
    }
  }

  const size_t ellipsis_width = DisplayWidth(g.ellipsis);
  ColumnFit fit = FitColumns(widths, settings_.max_width, ellipsis_width);
  const bool elide_columns = fit.elided_after >= 0;

  // The rendered columns, with the marker column standing for elided ones.
  struct Slot {
    const Column* column;  // nullptr: the elided-columns marker
    size_t width;
  };
  std::vector<Slot> slots;
  for (size_t i = 0; i < fit.shown.size(); i++) {
    slots.push_back({&columns[fit.shown[i]], fit.widths[i]});
    if (static_cast<int>(i) == fit.elided_after) slots.push_back({nullptr, ellipsis_width});
  }

  // The footer counts rows (and columns, when some are elided); the table widens if it must.
  std::vector<std::string> footer;
  if (elide_rows || elide_columns || row_count == 0) {
    std::string rows_text = Concat(row_count, row_count == 1 ? " row" : " rows");
    std::string shown_text = elide_rows ? Concat("(", rows.size(), " shown)") : "";
    std::string columns_text =
        elide_columns ? Concat(column_count, " columns (", fit.shown.size(), " shown)") : "";
    std::string both = shown_text.empty() ? rows_text : Concat(rows_text, " ", shown_text);
    size_t inner = 0;
    for (const Slot& s : slots) inner += s.width + 3;
    inner -= 3;
    auto widest = [](const std::vector<std::string>& lines) {
      size_t w = 0;
      for (const auto& line : lines) w = std::max(w, DisplayWidth(line));
      return w;
    };
    if (!columns_text.empty()) {
      if (DisplayWidth(both) + 2 + DisplayWidth(columns_text) <= inner) {
        footer = {Concat(both,
                         std::string(inner - DisplayWidth(both) - DisplayWidth(columns_text), ' '),
                         columns_text)};
      } else {
        footer = {both, columns_text};
        if (widest(footer) > inner && !shown_text.empty()) {
          footer = {rows_text, shown_text, columns_text};
        }
      }
    } else {
      footer = {both};
      if (widest(footer) > inner && !shown_text.empty()) footer = {rows_text, shown_text};
    }
    size_t needed = widest(footer);
    if (needed > inner) slots.back().width += needed - inner;
  }

  std::string text;
  auto border = [&](const char* left, const char* mid, const char* right) {
    text += left;
    for (size_t i = 0; i < slots.size(); i++) {
      if (i > 0) text += mid;
      for (size_t k = 0; k < slots[i].width + 2; k++) text += g.horizontal;
    }
    text += right;
    text += '\n';
  };
  auto line = [&](auto&& cell_of) {
    for (const Slot& slot : slots) {
      text += g.vertical;
      text += ' ';
      text += cell_of(slot);
      text += ' ';
    }
    text += g.vertical;
    text += '\n';
  };
  auto fitted = [&](const std::string& value, size_t width, Align align) {
    return Pad(TruncateToWidth(value, width, g.ellipsis), width, align);
  };

  border(g.top_left, g.top_mid, g.top_right);
  line([&](const Slot& s) {
    return s.column == nullptr ? Pad(g.ellipsis, s.width, Align::kCenter)
                               : fitted(s.column->name, s.width, Align::kCenter);
  });
  if (show_types) {
    line([&](const Slot& s) {
      return s.column == nullptr ? std::string(s.width, ' ')
                                 : fitted(s.column->type, s.width, Align::kCenter);
    });
  }
  // Without rows, the footer spans the columns right under the header.
  if (rows.empty() && !footer.empty()) {
    border(g.mid_left, g.bottom_mid, g.mid_right);
  } else {
    border(g.mid_left, g.mid_mid, g.mid_right);
  }
  for (size_t i = 0; i < rows.size(); i++) {
    if (elide_rows && i == top_rows) {
      for (int d = 0; d < kDotRows; d++) {
        line([&](const Slot& s) {
          bool right = s.column != nullptr && s.column->right_aligned;
          return Pad(g.dot, s.width, right ? Align::kRight : Align::kCenter);
        });
      }
    }
    line([&](const Slot& s) {
      if (s.column == nullptr) return Pad(g.ellipsis, s.width, Align::kCenter);
      return fitted(s.column->cells[i], s.width,
                    s.column->right_aligned ? Align::kRight : Align::kLeft);
    });
  }
  if (footer.empty()) {
    border(g.bottom_left, g.bottom_mid, g.bottom_right);
  } else {
    // Without rows the footer sits right under the header's rule.
    if (!rows.empty()) border(g.mid_left, g.bottom_mid, g.mid_right);
    size_t inner = 0;
    for (const Slot& s : slots) inner += s.width + 3;
    inner -= 3;
    for (const std::string& f : footer) {
      text += g.vertical;
      text += ' ';
      text += Pad(f, inner, elide_columns ? Align::kLeft : Align::kCenter);
      text += ' ';
      text += g.vertical;
      text += '\n';
    }
    text += g.bottom_left;
    for (size_t k = 0; k < inner + 2; k++) text += g.horizontal;
    text += g.bottom_right;
    text += '\n';
  }
  out.Write(text);
}

}  // namespace fluxdb::shell
