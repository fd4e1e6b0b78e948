// LineRenderer: one "name = value" line per column, records separated by a blank line (sqlite3's
// line mode, handy for wide rows).
#pragma once

#include "shell/result_renderer.h"

namespace fluxdb::shell {

class LineRenderer : public ResultRenderer {
 public:
  explicit LineRenderer(RenderSettings settings) : settings_(std::move(settings)) {}
  void Render(const QueryResult& result, Output& out) override;

 private:
  RenderSettings settings_;
};

}  // namespace fluxdb::shell
