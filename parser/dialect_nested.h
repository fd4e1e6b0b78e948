// DuckDB's nested-value literals, rewritten for PostgreSQL's grammar.
//
//   [a, b]          -> ARRAY[a, b]          (a '[' that starts an operand; "[a][1]" gets
//   parentheses:
//                                             (ARRAY[a])[1], as PostgreSQL subscripts no ARRAY[])
//   {'k': v, k2: w} -> struct_pack("k" := v, "k2" := w)
//
// A '[' after an operand (x[1], t.l[1:2]) stays a subscript.
#pragma once

#include <string_view>
#include <vector>

#include "parser/dialect.h"
#include "parser/sql_token.h"

namespace fluxdb::sql {

/// Adds the replacements above to `info` for tokens that no other dialect rule replaced.
void RewriteNestedLiterals(std::string_view text, const std::vector<Token>& tokens,
                           DialectInfo* info);

}  // namespace fluxdb::sql
