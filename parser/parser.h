// The SQL parser: text in, FluxDB AST out.
//
// PostgreSQL 15's grammar (libpg_query) does the parsing; the Transformer turns its protobuf parse
// tree into FluxDB's AST. A few statements PostgreSQL lacks (PRAGMA, DESCRIBE, SUMMARIZE, ...) and
// DuckDB spellings (GROUP BY ALL, SELECT * EXCLUDE, ?, INSERT OR REPLACE) are recognized here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "parser/statement.h"

namespace fluxdb {

/// Where a parse error happened, for the shell's caret.
struct ParseErrorPosition {
  int32_t offset = -1;  // byte offset in the input, -1 if unknown
};

class Parser {
 public:
  /// Parses every statement of `sql` (separated by ';'). On a syntax error the status message is
  /// `Parser Error: syntax error at or near "x"` followed by a LINE context, like DuckDB, and the
  /// status carries the error's byte offset (see ErrorOffset).
  static StatusOr<std::vector<ast::StatementPtr>> Parse(std::string_view sql);

  /// The byte offset a parse (or bind) error status refers to, or -1.
  static int32_t ErrorOffset(const Status& status);
  /// Attaches a byte offset to an error status.
  static Status WithErrorOffset(Status status, int32_t offset);
};

}  // namespace fluxdb
