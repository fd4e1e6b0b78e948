// DelimitedRenderer: csv (RFC 4180), tsv and list (sqlite's "a|b") output.
#pragma once

#include <string>
#include <string_view>

#include "shell/result_renderer.h"

namespace fluxdb::shell {

enum class DelimitedFormat {
  kCsv,   // ',' with RFC 4180 quoting; NULL is an empty field unless .nullvalue is set
  kTsv,   // '\t' with the same quoting
  kList,  // the .separator, values as they are, NULL as .nullvalue
};

class DelimitedRenderer : public ResultRenderer {
 public:
  DelimitedRenderer(RenderSettings settings, DelimitedFormat format)
      : settings_(std::move(settings)), format_(format) {}
  void Render(const QueryResult& result, Output& out) override;

 private:
  void AppendField(std::string_view field, std::string& line) const;
  RenderSettings settings_;
  DelimitedFormat format_;
};

/// `field` quoted as RFC 4180 requires when it holds `delimiter`, a quote or a line break (and
/// when it has leading or trailing spaces, or is empty, so that it reads back the same).
std::string CsvQuote(std::string_view field, char delimiter);

}  // namespace fluxdb::shell
