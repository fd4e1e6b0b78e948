#include "shell/statement_splitter.h"

#include <cctype>

namespace fluxdb::shell {

namespace {

bool IsIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string Trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && IsSpace(text[begin])) begin++;
  while (end > begin && IsSpace(text[end - 1])) end--;
  return std::string(text.substr(begin, end - begin));
}

/// Walks `text` token by token; calls `on_code(i)` for every character outside strings, quoted
/// identifiers and comments, and reports whether the text ends inside one of them.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  /// Returns the index of the next character that is code (outside quotes and comments), or
  /// text.size(). `meaningful` is set when a string, identifier or dollar quote was passed.
  size_t NextCode(size_t i, bool* meaningful) {
    const size_t n = text_.size();
    while (i < n) {
      char c = text_[i];
      char next = i + 1 < n ? text_[i + 1] : '\0';
      if (c == '-' && next == '-') {
        size_t end = text_.find('\n', i);
        i = end == std::string_view::npos ? n : end + 1;
      } else if (c == '/' && next == '*') {
        i = SkipBlockComment(i);
      } else if (c == '\'' || c == '"') {
        bool escapes = c == '\'' && i > 0 && (text_[i - 1] == 'e' || text_[i - 1] == 'E') &&
                       (i < 2 || !IsIdentifierChar(text_[i - 2]));
        i = SkipQuoted(i, c, escapes);
        *meaningful = true;
      } else if (c == '$' && (i == 0 || !IsIdentifierChar(text_[i - 1]))) {
        size_t end = SkipDollarQuote(i);
        if (end == i) return i;  // a lone $ or a $1 parameter
        i = end;
        *meaningful = true;
      } else {
        return i;
      }
    }
    return n;
  }

  bool unterminated() const { return unterminated_; }

 private:
  size_t SkipBlockComment(size_t i) {
    int depth = 0;
    const size_t n = text_.size();
    while (i < n) {
      if (text_[i] == '/' && i + 1 < n && text_[i + 1] == '*') {
        depth++;
        i += 2;
      } else if (text_[i] == '*' && i + 1 < n && text_[i + 1] == '/') {
        depth--;
        i += 2;
        if (depth == 0) return i;
      } else {
        i++;
      }
    }
    unterminated_ = true;
    return n;
  }

  size_t SkipQuoted(size_t i, char quote, bool backslash_escapes) {
    const size_t n = text_.size();
    for (i++; i < n; i++) {
      if (backslash_escapes && text_[i] == '\\') {
        i++;
      } else if (text_[i] == quote) {
        // A doubled quote is an escaped quote; the scan simply goes on inside the string.
        if (i + 1 < n && text_[i + 1] == quote) {
          i++;
        } else {
          return i + 1;
        }
      }
    }
    unterminated_ = true;
    return n;
  }

  size_t SkipDollarQuote(size_t i) {
    const size_t n = text_.size();
    size_t j = i + 1;
    if (j < n && std::isdigit(static_cast<unsigned char>(text_[j]))) return i;
    while (j < n && text_[j] != '$' && IsIdentifierChar(text_[j])) j++;
    if (j >= n || text_[j] != '$') return i;
    std::string_view tag = text_.substr(i, j - i + 1);
    size_t close = text_.find(tag, j + 1);
    if (close == std::string_view::npos) {
      unterminated_ = true;
      return n;
    }
    return close + tag.size();
  }

  std::string_view text_;
  bool unterminated_ = false;
};

}  // namespace

SplitResult SplitStatements(std::string_view text) {
  SplitResult result;
  Scanner scanner(text);
  size_t start = 0;
  bool meaningful = false;  // the current statement has more than comments and whitespace
  size_t i = 0;
  while (i < text.size()) {
    i = scanner.NextCode(i, &meaningful);
    if (i >= text.size()) break;
    char c = text[i];
    if (c == ';') {
      if (meaningful) result.statements.push_back(Trim(text.substr(start, i + 1 - start)));
      start = i + 1;
      meaningful = false;
    } else if (!IsSpace(c)) {
      meaningful = true;
    }
    i++;
  }
  result.rest = std::string(text.substr(start));
  return result;
}

bool IsBlankSql(std::string_view text) {
  Scanner scanner(text);
  bool meaningful = false;
  size_t i = 0;
  while (i < text.size()) {
    i = scanner.NextCode(i, &meaningful);
    if (meaningful || scanner.unterminated()) return false;
    if (i >= text.size()) break;
    if (!IsSpace(text[i])) return false;
    i++;
  }
  return !meaningful && !scanner.unterminated();
}

}  // namespace fluxdb::shell
