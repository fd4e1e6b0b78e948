#include "main/inspect/page_map_svg.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <tuple>

#include "absl/strings/str_format.h"

namespace fluxdb {

namespace {

constexpr int kCell = 10;  // pixels per cell, gap included: kCell + 1
constexpr int kMargin = 10;
constexpr int kTitleHeight = 28;
constexpr int kLegendLine = 16;
constexpr size_t kMaxLegendColumns = 48;

// Text for XML content and attributes: markup characters escaped, control characters (not
// allowed in XML 1.0) replaced.
std::string Xml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') ? '?' : c;
    }
  }
  return out;
}

// What a page is, for colouring: a kind, or a data page's (table, column).
struct Category {
  std::string kind;
  uint32_t table_id = 0;
  int64_t column = -1;
  bool operator<(const Category& o) const {
    return std::tie(kind, table_id, column) < std::tie(o.kind, o.table_id, o.column);
  }
  bool operator==(const Category& o) const {
    return kind == o.kind && table_id == o.table_id && column == o.column;
  }
};

Category CategoryOf(const PageInfo& page) {
  if (page.kind == "data") return {"data", page.table_id, page.column_index};
  return {page.kind};
}

const char* KindColor(const std::string& kind) {
  if (kind == "header") return "#37474f";
  if (kind == "catalog_heap") return "#f9a825";
  if (kind == "chunk_heap") return "#ef6c00";
  if (kind == "free") return "#eceff1";
  return "#9e9e9e";  // free-list trunks, pages nothing owns
}

const char* KindLabel(const std::string& kind) {
  if (kind == "header") return "header (pages 0, 1)";
  if (kind == "catalog_heap") return "catalog heap";
  if (kind == "chunk_heap") return "chunk-metadata heap";
  if (kind == "free") return "free";
  if (kind == "other") return "other (free-list trunk)";
  return "unknown";
}

class Palette {
 public:
  // Tables get evenly spread hues; the columns of a table get lightnesses of that hue.
  Palette(const std::vector<Category>& data,
          const std::map<uint32_t, std::vector<std::string>>& column_names) {
    std::map<uint32_t, int64_t> columns;  // table -> highest column seen + 1
    for (const Category& c : data) {
      columns[c.table_id] = std::max<int64_t>(columns[c.table_id], c.column + 1);
    }
    for (const auto& [table, names] : column_names) {
      if (columns.contains(table)) {
        columns[table] = std::max<int64_t>(columns[table], static_cast<int64_t>(names.size()));
      }
    }
    int index = 0;
    for (const auto& [table, count] : columns) {
      double hue = std::fmod(index * 360.0 / std::max<size_t>(columns.size(), 1) + 200, 360);
      if (columns.size() > 12) hue = std::fmod(index * 137.508 + 200, 360);
      hues_[table] = {hue, std::max<int64_t>(count, 1)};
      index++;
    }
  }
  std::string Color(const Category& c) const {
    if (c.kind != "data") return KindColor(c.kind);
    auto it = hues_.find(c.table_id);
    if (it == hues_.end()) return "#607d8b";
    auto [hue, columns] = it->second;
    double position = columns <= 1 ? 0.5
                                   : static_cast<double>(std::max<int64_t>(c.column, 0)) /
                                         static_cast<double>(columns - 1);
    return absl::StrFormat("hsl(%.0f,65%%,%.0f%%)", hue, 30 + position * 42);
  }

 private:
  std::map<uint32_t, std::pair<double, int64_t>> hues_;
};

std::string Label(const Category& c, const std::map<uint32_t, std::string>& table_names,
                  const std::map<uint32_t, std::vector<std::string>>& column_names) {
  if (c.kind != "data") return KindLabel(c.kind);
  auto t = table_names.find(c.table_id);
  std::string table =
      t != table_names.end() && !t->second.empty() ? t->second : Concat("table ", c.table_id);
  auto cols = column_names.find(c.table_id);
  std::string column = cols != column_names.end() && c.column >= 0 &&
                               static_cast<size_t>(c.column) < cols->second.size()
                           ? cols->second[c.column]
                           : Concat("column ", c.column);
  return Concat(table, ".", column);
}

}  // namespace

std::string RenderPageMapSvg(const std::vector<PageInfo>& pages,
                             const std::map<uint32_t, std::vector<std::string>>& column_names,
                             const PageMapOptions& options, PageMapLayout* layout) {
  uint64_t max_cells = std::max<uint64_t>(options.max_cells, 1);
  uint64_t per_cell = std::max<uint64_t>(1, (pages.size() + max_cells - 1) / max_cells);
  uint64_t cells = (pages.size() + per_cell - 1) / per_cell;
  if (layout != nullptr) *layout = {cells, per_cell};

  std::map<uint32_t, std::string> table_names;
  std::map<Category, uint64_t> totals;
  for (const PageInfo& page : pages) {
    if (page.kind == "data" && !page.table_name.empty()) {
      table_names[page.table_id] = page.table_name;
    }
    totals[CategoryOf(page)]++;
  }
  std::vector<Category> data;
  for (const auto& [c, n] : totals) {
    if (c.kind == "data") data.push_back(c);
  }
  Palette palette(data, column_names);

  uint32_t per_row = std::max<uint32_t>(options.cells_per_row, 1);
  uint64_t rows = (cells + per_row - 1) / per_row;
  int grid_width = static_cast<int>(per_row) * (kCell + 1);
  int legend_x = kMargin + grid_width + 20;

  // Legend: the kinds present, then the data columns, then how to read a cell.
  std::vector<std::pair<std::string, std::string>> legend;  // color, text
  for (const char* kind : {"header", "catalog_heap", "chunk_heap", "free", "other"}) {
    auto it = std::find_if(totals.begin(), totals.end(),
                           [&](const auto& t) { return t.first.kind == kind; });
    if (it != totals.end()) {
      legend.emplace_back(KindColor(kind), Concat(KindLabel(kind), ": ", it->second, " pages"));
    }
  }
  if (data.size() <= kMaxLegendColumns) {
    for (const Category& c : data) {
      legend.emplace_back(palette.Color(c), Concat("data: ", Label(c, table_names, column_names),
                                                   ": ", totals[c], " pages"));
    }
  } else {
    // Too many columns for one line each: one line per table, in its middle shade.
    std::map<uint32_t, uint64_t> table_pages;
    for (const Category& c : data) table_pages[c.table_id] += totals[c];
    size_t shown = 0;
    for (const auto& [table, n] : table_pages) {
      if (shown++ == kMaxLegendColumns) {
        legend.emplace_back("none", Concat("... and ", table_pages.size() - kMaxLegendColumns,
                                           " more tables (see the cells' titles)"));
        break;
      }
      auto names = column_names.find(table);
      int64_t middle = names == column_names.end() ? 0 : (names->second.size() - 1) / 2;
      std::string label = Label({"data", table, 0}, table_names, column_names);
      label = label.substr(0, label.rfind('.'));
      legend.emplace_back(palette.Color({"data", table, middle}),
                          Concat("data: ", label, ": ", n, " pages (a shade per column)"));
    }
  }
  bool damaged =
      std::any_of(pages.begin(), pages.end(), [](const PageInfo& p) { return !p.checksum_ok; });
  std::vector<std::string> notes;
  notes.push_back(per_cell == 1
                      ? Concat("1 cell = 1 page", options.page_size > 0
                                                      ? Concat(" (", options.page_size, " bytes)")
                                                      : std::string())
                      : Concat("1 cell = ", per_cell,
                               " consecutive pages (aggregated), coloured by their most common "
                               "owner"));
  notes.push_back(Concat(pages.size(), " pages in ", cells, " cells, in file order, ", per_row,
                         " cells per row"));
  if (damaged) notes.push_back("red outline: checksum mismatch");

  int legend_height = static_cast<int>(legend.size() + notes.size() + 1) * kLegendLine;
  int height = kTitleHeight + kMargin +
               std::max(static_cast<int>(rows) * (kCell + 1), legend_height) + kMargin;
  int width = legend_x + 420;

  std::string out = absl::StrFormat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
      "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\" "
      "data-pages=\"%d\" data-cells=\"%d\" data-pages-per-cell=\"%d\">\n",
      width, height, width, height, pages.size(), cells, per_cell);
  absl::StrAppend(&out, "<title>", Xml(options.title), "</title>\n");
  absl::StrAppend(&out, "<rect x=\"0\" y=\"0\" width=\"", width, "\" height=\"", height,
                  "\" fill=\"white\"/>\n");
  absl::StrAppend(&out, "<text x=\"", kMargin, "\" y=\"", kTitleHeight - 10,
                  "\" font-size=\"15\" font-weight=\"bold\">", Xml(options.title), "</text>\n");

  absl::StrAppend(&out, "<g id=\"cells\">\n");
  for (uint64_t cell = 0; cell < cells; cell++) {
    uint64_t first = cell * per_cell;
    uint64_t last = std::min<uint64_t>(first + per_cell, pages.size()) - 1;
    std::map<Category, uint64_t> counts;
    bool bad = false;
    for (uint64_t p = first; p <= last; p++) {
      counts[CategoryOf(pages[p])]++;
      bad |= !pages[p].checksum_ok;
    }
    auto top = std::max_element(counts.begin(), counts.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; });
    const Category& main = top->first;
    std::string title;
    if (per_cell == 1) {
      const PageInfo& page = pages[first];
      title = Concat("page ", page.page_id, ": ", Label(main, table_names, column_names));
      if (page.kind == "data" && page.chunk_id >= 0)
        absl::StrAppend(&title, ", chunk ", page.chunk_id);
      absl::StrAppend(&title, ", ", page.used_bytes, " bytes used");
    } else {
      title = Concat("pages ", pages[first].page_id, "-", pages[last].page_id, ":");
      for (const auto& [c, n] : counts) {
        absl::StrAppend(&title, " ", n, " ", Label(c, table_names, column_names), ";");
      }
    }
    if (bad) absl::StrAppend(&title, " CHECKSUM MISMATCH");
    int x = kMargin + static_cast<int>(cell % per_row) * (kCell + 1);
    int y = kTitleHeight + kMargin + static_cast<int>(cell / per_row) * (kCell + 1);
    std::string kind_class = main.kind;
    absl::StrAppend(&out, "<rect class=\"cell ", Xml(kind_class), bad ? " damaged" : "",
                    "\" data-first-page=\"", pages[first].page_id, "\" data-page-count=\"",
                    last - first + 1, "\" x=\"", x, "\" y=\"", y, "\" width=\"", kCell,
                    "\" height=\"", kCell, "\" fill=\"", palette.Color(main), "\"",
                    bad ? " stroke=\"#d50000\" stroke-width=\"2\"" : "", "><title>", Xml(title),
                    "</title></rect>\n");
  }
  absl::StrAppend(&out, "</g>\n<g id=\"legend\">\n");
  int y = kTitleHeight + kMargin;
  for (const auto& [color, text] : legend) {
    if (color != "none") {
      absl::StrAppend(&out, "<rect class=\"swatch\" x=\"", legend_x, "\" y=\"", y, "\" width=\"",
                      kCell, "\" height=\"", kCell, "\" fill=\"", color,
                      "\" stroke=\"#616161\" stroke-width=\"0.5\"/>\n");
    }
    absl::StrAppend(&out, "<text x=\"", legend_x + kCell + 6, "\" y=\"", y + kCell - 1, "\">",
                    Xml(text), "</text>\n");
    y += kLegendLine;
  }
  y += kLegendLine / 2;
  for (const std::string& note : notes) {
    absl::StrAppend(&out, "<text class=\"note\" x=\"", legend_x, "\" y=\"", y + kCell - 1,
                    "\" font-style=\"italic\">", Xml(note), "</text>\n");
    y += kLegendLine;
  }
  absl::StrAppend(&out, "</g>\n</svg>\n");
  return out;
}

}  // namespace fluxdb
