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
  size_t count = end - std::min(range.begin, end);
  std::vector<bool> moved(count, false);
  for (const TokenRange& span : info.moved) {
    // A span is rendered when it is what is asked for (a star filter) or encloses it.
    bool whole = span.begin == range.begin && span.end == end;
    if (span.begin < range.begin || span.end > end || whole) continue;
    for (size_t i = span.begin; i < span.end; i++) moved[i - range.begin] = true;
  }
  // Spans rendered after another token of the range instead of in place.
  std::vector<bool> deferred(count, false);
  for (const auto& [anchor, span] : info.render_after) {
    if (anchor < range.begin || anchor >= end || span.begin < range.begin || span.end > end) {
      continue;
    }
    for (size_t i = span.begin; i < span.end; i++) deferred[i - range.begin] = true;
  }
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || static_cast<unsigned char>(c) >= 0x80;
  };
  bool last_synthesized = false;
  // `at` >= 0 maps the token to that offset instead of its own.
  auto emit = [&](size_t i, int32_t at) {
    const Token& t = tokens[i];
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
      synthesized = at >= 0;
    }
    // Keep a replacement from gluing onto its neighbours: FILTER(x -> FILTER(WHERE x.
    const std::string& sofar = builder.text();
    if ((synthesized || last_synthesized) && !sofar.empty() && !piece.empty() &&
        word_char(sofar.back()) && word_char(piece.front())) {
      builder.AppendSynthesized(" ", t.start);
    }
    if (synthesized) {
      builder.AppendSynthesized(piece, at >= 0 ? at : t.start);
    } else {
      builder.AppendVerbatim(t.start, t.end);
    }
    last_synthesized = synthesized;
  };
  size_t previous = end;  // the last token emitted in place
  for (size_t i = range.begin; i < end; i++) {
    if (deferred[i - range.begin]) continue;
    const Token& t = tokens[i];
    if (previous != end) {
      if (previous + 1 == i) {
        builder.AppendVerbatim(tokens[previous].end, t.start);
      } else {
        builder.AppendSynthesized(" ", t.start);
      }
    }
    emit(i, -1);
    previous = i;
    auto after = info.render_after.find(i);
    if (after == info.render_after.end()) continue;
    const TokenRange& span = after->second;
    if (span.begin < range.begin || span.end > end || span.begin >= span.end) continue;
    // Verbatim pieces keep their own offsets, so errors inside the span point at the user's text.
    // Its first token (FROM) stands where the span is put: an error at or near it (a select list
    // cut short) points at what follows the select list, as the user wrote it.
    int32_t put_at = i + 1 < tokens.size() ? tokens[i + 1].start : t.end;
    builder.AppendSynthesized(" ", put_at);
    for (size_t j = span.begin; j < span.end; j++) {
      if (j > span.begin) builder.AppendVerbatim(tokens[j - 1].end, tokens[j].start);
      emit(j, j == span.begin ? put_at : -1);
    }
    builder.AppendSynthesized(" ", t.end);
    last_synthesized = true;
    previous = end;  // the next token is preceded by the space just written
  }
  return builder.Finish(range.begin < end ? tokens[end - 1].end : first);
}

}  // namespace fluxdb::sql
