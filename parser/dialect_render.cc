// Rendering a statement's tokens for PostgreSQL with the dialect's replacements applied.
#include <algorithm>

#include "parser/dialect.h"

namespace fluxdb::sql {

RewrittenText Render(std::string_view text, const std::vector<Token>& tokens, TokenRange range,
                     const DialectInfo& info, std::string_view prefix) {
  TextBuilder builder(text);
  size_t end = std::min(range.end, tokens.size());
  int32_t first = range.begin < end ? tokens[range.begin].start : 0;
  if (!prefix.empty()) builder.AppendSynthesized(prefix, first);
  std::vector<bool> moved(end - std::min(range.begin, end), false);
  for (const TokenRange& span : info.moved) {
    if (span.begin < range.begin || span.end > end) continue;
    for (size_t i = span.begin; i < span.end; i++) moved[i - range.begin] = true;
  }
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || static_cast<unsigned char>(c) >= 0x80;
  };
  bool last_synthesized = false;
  for (size_t i = range.begin; i < end; i++) {
    const Token& t = tokens[i];
    if (i > range.begin) builder.AppendVerbatim(tokens[i - 1].end, t.start);
    const std::optional<std::string>& replacement =
        i < info.replacement.size() ? info.replacement[i] : std::nullopt;
    std::string_view piece;
    bool synthesized = true;
    if (moved[i - range.begin] || (replacement.has_value() && replacement->empty())) {
      piece = " ";
    } else if (replacement.has_value()) {
      piece = *replacement;
    } else {
      piece = text.substr(t.start, t.end - t.start);
      synthesized = false;
    }
    // Keep a replacement from gluing onto its neighbours: FILTER(x -> FILTER(WHERE x.
    const std::string& sofar = builder.text();
    if ((synthesized || last_synthesized) && !sofar.empty() && !piece.empty() &&
        word_char(sofar.back()) && word_char(piece.front())) {
      builder.AppendSynthesized(" ", t.start);
    }
    if (synthesized) {
      builder.AppendSynthesized(piece, t.start);
    } else {
      builder.AppendVerbatim(t.start, t.end);
    }
    last_synthesized = synthesized;
  }
  return builder.Finish(range.begin < end ? tokens[end - 1].end : first);
}

}  // namespace fluxdb::sql
