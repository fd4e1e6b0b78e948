// ResultRenderer: turns a QueryResult into text in one output mode.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/types.h"
#include "common/value.h"
#include "main/query_result.h"
#include "shell/output.h"
#include "shell/output_mode.h"

namespace fluxdb::shell {

struct RenderSettings {
  bool headers = true;
  /// Text of NULL. csv/tsv write an empty field for NULL unless .nullvalue set one explicitly.
  std::string null_value = "NULL";
  bool null_value_set = false;
  /// box/table: rows shown before the middle ones are elided; 0 shows every row.
  idx_t max_rows = 40;
  /// box/table: display columns available.
  size_t max_width = 80;
  /// list mode's column separator.
  std::string separator = "|";
};

class ResultRenderer {
 public:
  virtual ~ResultRenderer() = default;
  virtual void Render(const QueryResult& result, Output& out) = 0;
};

std::unique_ptr<ResultRenderer> MakeRenderer(OutputMode mode, const RenderSettings& settings);

/// Numbers are right-aligned in the table-like modes.
bool IsNumericType(const LogicalType& type);
/// The type name DuckDB's box shows under a column name: int32, varchar, decimal(10,2) ...
std::string BoxTypeName(const LogicalType& type);
/// A value's text, `null_text` for NULL.
std::string ValueText(const Value& value, const std::string& null_text);

/// Calls `row_fn(chunk, row)` for every row in order; stops early (returning false) after a
/// Ctrl-C, so that printing millions of rows can be cancelled too.
bool ForEachRow(const QueryResult& result,
                const std::function<void(const DataChunk& chunk, idx_t row)>& row_fn);

}  // namespace fluxdb::shell
