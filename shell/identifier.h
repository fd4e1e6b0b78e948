// Quoting names and values for the SQL the shell writes itself (.schema, .import, .describe).
#pragma once

#include <string>
#include <string_view>

namespace fluxdb::shell {

/// `name` as it must be written in SQL: bare when it is a lower-case identifier that is not a
/// reserved word, "double-quoted" otherwise.
std::string QuoteIdentifier(std::string_view name);
/// `text` as a SQL string literal.
std::string QuoteLiteral(std::string_view text);

/// SQL LIKE matching (% and _), case-insensitive, as the pattern arguments of .tables and .schema.
bool LikeMatch(std::string_view pattern, std::string_view text);

}  // namespace fluxdb::shell
