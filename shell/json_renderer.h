// JsonRenderer: json mode (one array of objects, a row per line) and jsonlines (an object a line).
// Numbers and booleans are JSON literals, NULL is null, everything else is a string.
#pragma once

#include <string>
#include <string_view>

#include "shell/result_renderer.h"

namespace fluxdb::shell {

class JsonRenderer : public ResultRenderer {
 public:
  JsonRenderer(RenderSettings settings, bool lines)
      : settings_(std::move(settings)), lines_(lines) {}
  void Render(const QueryResult& result, Output& out) override;

 private:
  RenderSettings settings_;
  bool lines_;
};

/// `text` as a JSON string literal, quotes included.
std::string JsonString(std::string_view text);
/// `value` as a JSON value.
std::string JsonValue(const Value& value);

}  // namespace fluxdb::shell
