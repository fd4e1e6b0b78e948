// MarkdownRenderer: a GitHub-flavoured markdown table, numbers right-aligned ("--:").
#pragma once

#include "shell/result_renderer.h"

namespace fluxdb::shell {

class MarkdownRenderer : public ResultRenderer {
 public:
  explicit MarkdownRenderer(RenderSettings settings) : settings_(std::move(settings)) {}
  void Render(const QueryResult& result, Output& out) override;

 private:
  RenderSettings settings_;
};

}  // namespace fluxdb::shell
