#include "parser/sql_token.h"

#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::sql {

namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// "a""b" -> a"b
std::string UnquoteIdentifier(std::string_view s) {
  std::string out;
  if (s.size() < 2) return std::string(s);
  for (size_t i = 1; i + 1 < s.size(); i++) {
    out += s[i];
    if (s[i] == '"' && i + 2 < s.size() && s[i + 1] == '"') i++;
  }
  return out;
}

struct ScanResultDeleter {
  void operator()(PgQuery__ScanResult* r) const {
    pg_query__scan_result__free_unpacked(r, nullptr);
  }
};

}  // namespace

int32_t CharPositionToByteOffset(std::string_view text, int32_t cursor_pos) {
  if (cursor_pos <= 0) return -1;
  int32_t chars = 0;
  for (size_t i = 0; i < text.size(); i++) {
    // Count the lead byte of each UTF-8 sequence, never a continuation byte.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (++chars == cursor_pos) return static_cast<int32_t>(i);
    }
  }
  return static_cast<int32_t>(text.size());
}

StatusOr<std::vector<Token>> ScanTokens(std::string_view text) {
  std::string input(text);  // the lexer wants a terminating NUL
  PgQueryScanResult scan = pg_query_scan(input.c_str());
  if (scan.error != nullptr) {
    std::string message = scan.error->message ? scan.error->message : "syntax error";
    int32_t offset = CharPositionToByteOffset(input, scan.error->cursorpos);
    pg_query_free_scan_result(scan);
    return Parser::WithErrorOffset(ParserError(message), offset);
  }
  std::unique_ptr<PgQuery__ScanResult, ScanResultDeleter> result(pg_query__scan_result__unpack(
      nullptr, scan.pbuf.len, reinterpret_cast<const uint8_t*>(scan.pbuf.data)));
  pg_query_free_scan_result(scan);
  if (result == nullptr) return InternalError("could not unpack the scanner's tokens");

  std::vector<Token> tokens;
  tokens.reserve(result->n_tokens);
  for (size_t i = 0; i < result->n_tokens; i++) {
    const PgQuery__ScanToken* t = result->tokens[i];
    if (t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT)
      continue;
    Token token;
    token.start = t->start;
    token.end = t->end;
    std::string_view raw = text.substr(t->start, t->end - t->start);
    token.keyword = t->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD;
    switch (t->token) {
      case PG_QUERY__TOKEN__IDENT:
      case PG_QUERY__TOKEN__UIDENT:
        if (!raw.empty() && raw[0] == '"') {
          token.kind = TokenKind::kQuotedIdent;
          token.word = UnquoteIdentifier(raw);
        } else {
          token.kind = TokenKind::kWord;
          token.word = LowerAscii(raw);
        }
        break;
      case PG_QUERY__TOKEN__SCONST:
      case PG_QUERY__TOKEN__USCONST:
      case PG_QUERY__TOKEN__BCONST:
      case PG_QUERY__TOKEN__XCONST:
        token.kind = TokenKind::kString;
        token.word = std::string(raw);
        break;
      case PG_QUERY__TOKEN__ICONST:
      case PG_QUERY__TOKEN__FCONST:
        token.kind = TokenKind::kNumber;
        token.word = std::string(raw);
        break;
      case PG_QUERY__TOKEN__PARAM:
        token.kind = TokenKind::kParam;
        token.word = std::string(raw);
        break;
      case PG_QUERY__TOKEN__Op:
      case PG_QUERY__TOKEN__TYPECAST:
      case PG_QUERY__TOKEN__DOT_DOT:
      case PG_QUERY__TOKEN__COLON_EQUALS:
      case PG_QUERY__TOKEN__EQUALS_GREATER:
      case PG_QUERY__TOKEN__LESS_EQUALS:
      case PG_QUERY__TOKEN__GREATER_EQUALS:
      case PG_QUERY__TOKEN__NOT_EQUALS:
        token.kind = TokenKind::kOperator;
        token.word = std::string(raw);
        break;
      default:
        if (token.keyword) {
          token.kind = TokenKind::kWord;
          token.word = LowerAscii(raw);
        } else if (raw.size() == 1 && (raw[0] == '+' || raw[0] == '-' || raw[0] == '*' ||
                                       raw[0] == '/' || raw[0] == '%' || raw[0] == '^' ||
                                       raw[0] == '<' || raw[0] == '>' || raw[0] == '=')) {
          token.kind = TokenKind::kOperator;
          token.word = std::string(raw);
        } else {
          token.kind = TokenKind::kPunct;
          token.word = std::string(raw);
        }
        break;
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace fluxdb::sql
