#include "shell/error_report.h"

#include <cctype>

#include "parser/parser.h"
#include "shell/text_width.h"

namespace fluxdb::shell {

namespace {

// Characters of context shown on each side of the error position on long lines.
constexpr size_t kContextWindow = 40;

/// Messages of the engine start with their class ("Binder Error: ..."); others get "Error: ".
bool HasErrorClass(std::string_view message) {
  size_t colon = message.find(": ");
  if (colon == std::string_view::npos) return false;
  std::string_view head = message.substr(0, colon);
  if (head.size() < 6 || head.substr(head.size() - 6) != " Error") return false;
  for (char c : head) {
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != ' ') return false;
  }
  return true;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string ErrorLineContext(std::string_view sql, size_t offset) {
  if (offset > sql.size()) offset = sql.size();
  size_t line_start = 0;
  int line_number = 1;
  for (size_t i = 0; i < offset; i++) {
    if (sql[i] == '\n') {
      line_number++;
      line_start = i + 1;
    }
  }
  size_t line_end = sql.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = sql.size();
  // Keep the window around the error position on long lines (whole UTF-8 characters only).
  size_t begin = line_start;
  size_t characters = 0;
  for (size_t i = offset; i > line_start; i--) {
    if (!IsContinuationByte(sql[i - 1]) && ++characters > kContextWindow) break;
    begin = i - 1;
  }
  while (begin < offset && IsContinuationByte(sql[begin])) begin++;
  size_t end = offset;
  characters = 0;
  while (end < line_end && characters < kContextWindow) {
    end++;
    while (end < line_end && IsContinuationByte(sql[end])) end++;
    characters++;
  }
  std::string prefix = Concat("LINE ", line_number, ": ");
  std::string lead = begin > line_start ? "..." : "";
  std::string tail = end < line_end ? "..." : "";
  std::string line(sql.substr(begin, end - begin));
  for (char& c : line) {
    if (c == '\t' || c == '\r') c = ' ';
  }
  size_t caret = prefix.size() + lead.size() + DisplayWidth(sql.substr(begin, offset - begin));
  return Concat("\n\n", prefix, lead, line, tail, "\n", std::string(caret, ' '), "^");
}

std::string FormatError(const Status& status, std::string_view sql) {
  std::string message(status.message());
  int32_t offset = Parser::ErrorOffset(status);
  if (offset >= 0 && message.find("\nLINE ") == std::string::npos && !sql.empty()) {
    message += ErrorLineContext(sql, static_cast<size_t>(offset));
  }
  std::string text = HasErrorClass(message) ? message : Concat("Error: ", message);
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

}  // namespace fluxdb::shell
