#include "shell/result_renderer.h"

#include <cctype>

#include "shell/box_renderer.h"
#include "shell/delimited_renderer.h"
#include "shell/interrupt.h"
#include "shell/json_renderer.h"
#include "shell/line_renderer.h"
#include "shell/markdown_renderer.h"

namespace fluxdb::shell {

std::unique_ptr<ResultRenderer> MakeRenderer(OutputMode mode, const RenderSettings& settings) {
  switch (mode) {
    case OutputMode::kBox:
      return std::make_unique<BoxRenderer>(settings, BoxStyle::kUnicode);
    case OutputMode::kTable:
      return std::make_unique<BoxRenderer>(settings, BoxStyle::kAscii);
    case OutputMode::kCsv:
      return std::make_unique<DelimitedRenderer>(settings, DelimitedFormat::kCsv);
    case OutputMode::kTsv:
      return std::make_unique<DelimitedRenderer>(settings, DelimitedFormat::kTsv);
    case OutputMode::kList:
      return std::make_unique<DelimitedRenderer>(settings, DelimitedFormat::kList);
    case OutputMode::kJson:
      return std::make_unique<JsonRenderer>(settings, /*lines=*/false);
    case OutputMode::kJsonLines:
      return std::make_unique<JsonRenderer>(settings, /*lines=*/true);
    case OutputMode::kMarkdown:
      return std::make_unique<MarkdownRenderer>(settings);
    case OutputMode::kLine:
      return std::make_unique<LineRenderer>(settings);
  }
  return std::make_unique<BoxRenderer>(settings, BoxStyle::kUnicode);
}

bool IsNumericType(const LogicalType& type) { return type.IsNumeric(); }

std::string BoxTypeName(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return "\"NULL\"";
    case TypeId::kTinyInt:
      return "int8";
    case TypeId::kSmallInt:
      return "int16";
    case TypeId::kInteger:
      return "int32";
    case TypeId::kBigInt:
      return "int64";
    case TypeId::kHugeInt:
      return "int128";
    case TypeId::kUTinyInt:
      return "uint8";
    case TypeId::kUSmallInt:
      return "uint16";
    case TypeId::kUInteger:
      return "uint32";
    case TypeId::kUBigInt:
      return "uint64";
    case TypeId::kUHugeInt:
      return "uint128";
    default:
      break;
  }
  std::string name = type.ToString();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string ValueText(const Value& value, const std::string& null_text) {
  if (value.is_null()) return null_text;
  return value.ToString();
}

bool ForEachRow(const QueryResult& result,
                const std::function<void(const DataChunk& chunk, idx_t row)>& row_fn) {
  for (const DataChunk& chunk : result.chunks()) {
    if (InterruptPending()) return false;
    for (idx_t row = 0; row < chunk.size(); row++) row_fn(chunk, row);
  }
  return true;
}

}  // namespace fluxdb::shell
