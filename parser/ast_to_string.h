// Helpers shared by the ToString() implementations of the AST.
#pragma once

#include <string>

#include "parser/parsed_expression.h"

namespace fluxdb::ast {

/// `name` as is when it is a plain identifier, else double-quoted (DuckDB's
/// KeywordHelper::WriteOptionallyQuoted, without the keyword check).
std::string QuoteIdentifierIfNeeded(const std::string& name);

/// The ToString() of each expression, separated by `separator`.
std::string JoinExprs(const ExprList& list, const char* separator);

}  // namespace fluxdb::ast
