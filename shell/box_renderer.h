// BoxRenderer: DuckDB's "duckbox" table (box mode) and its ASCII twin (table mode).
//
// Column names are centred with their types underneath (box mode only), numbers are right-aligned,
// and the table is fitted to the available width: wide values are cut with "…", and when even that
// is too wide, middle columns are elided. Results longer than max_rows show their first and last
// rows around a row of dots, with a footer like "1000 rows (40 shown)".
#pragma once

#include <string>
#include <vector>

#include "shell/result_renderer.h"

namespace fluxdb::shell {

enum class BoxStyle { kUnicode, kAscii };

class BoxRenderer : public ResultRenderer {
 public:
  BoxRenderer(RenderSettings settings, BoxStyle style)
      : settings_(std::move(settings)), style_(style) {}
  void Render(const QueryResult& result, Output& out) override;

 private:
  RenderSettings settings_;
  BoxStyle style_;
};

/// Columns kept when a table of columns with `widths` (content widths, without padding) must fit
/// in `max_width` display columns, and the widths they get. `elided_after` is the position in
/// `shown` after which the elided columns belong (or -1 when none is elided).
struct ColumnFit {
  std::vector<size_t> shown;   // indices into the input, ascending
  std::vector<size_t> widths;  // width of each shown column
  int elided_after = -1;
};
/// `ellipsis_width`: width of the marker column standing for the elided ones.
ColumnFit FitColumns(const std::vector<size_t>& widths, size_t max_width, size_t ellipsis_width);

}  // namespace fluxdb::shell
