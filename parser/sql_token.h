// Tokens of SQL text as PostgreSQL's lexer sees them.
//
// The parser looks at tokens before the grammar does: to split the input into statements, to
// recognize statements PostgreSQL lacks (PRAGMA, DESCRIBE ...) and to rewrite DuckDB spellings into
// PostgreSQL ones. Using PostgreSQL's own lexer means strings, comments, dollar quotes and escapes
// are delimited exactly as the grammar will delimit them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace fluxdb::sql {

enum class TokenKind : uint8_t {
  kWord,         // unquoted identifier or keyword; `word` is lower-cased
  kQuotedIdent,  // "Name"; `word` is the name without quotes
  kString,       // 'x', E'x', $$x$$, B'0', X'1F'
  kNumber,       // 12, 1.5, 1e3
  kParam,        // $1
  kOperator,     // + - * / < >= :: || and every other operator; `word` is its text
  kPunct,        // ( ) , ; [ ] . and the one-character tokens; `word` is the character
};

struct Token {
  int32_t start = 0;  // byte offsets into the scanned text
  int32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  bool keyword = false;  // a PostgreSQL keyword (reserved or not)
  std::string word;

  bool Is(std::string_view w) const { return kind == TokenKind::kWord && word == w; }
  bool IsPunct(char c) const {
    return kind == TokenKind::kPunct && word.size() == 1 && word[0] == c;
  }
};

/// Scans `text` with PostgreSQL's lexer; comments are dropped. A lexical error (an unterminated
/// string, say) is a Parser Error carrying the byte offset of the culprit.
StatusOr<std::vector<Token>> ScanTokens(std::string_view text);

/// Converts PostgreSQL's 1-based character position (as in error cursors) into a byte offset.
int32_t CharPositionToByteOffset(std::string_view text, int32_t cursor_pos);

}  // namespace fluxdb::sql
