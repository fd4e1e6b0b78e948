// Splits shell input into SQL statements at the semicolons that end them.
//
// The shell must know whether the text typed so far ends a statement before the parser sees it (to
// show the continuation prompt), so this scanner tracks PostgreSQL's lexical states: 'strings'
// (with '' escapes), E'strings' (with backslash escapes), "identifiers", -- line comments, nested
// /* block comments */ and $tag$ dollar quotes $tag$.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fluxdb::shell {

struct SplitResult {
  /// Complete statements in order, each with its terminating ';', whitespace trimmed. Empty
  /// statements (";" alone, or only comments) are dropped.
  std::vector<std::string> statements;
  /// The text after the last terminating ';': an unfinished statement, or blank.
  std::string rest;
};

SplitResult SplitStatements(std::string_view text);

/// True when `text` holds only whitespace and complete comments (an unterminated /* comment is
/// not blank: the statement goes on).
bool IsBlankSql(std::string_view text);

}  // namespace fluxdb::shell
