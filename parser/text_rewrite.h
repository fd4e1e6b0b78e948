// Rewritten SQL text and the map from its byte offsets back to the text the user wrote.
//
// The DuckDB dialect is turned into PostgreSQL's by rewriting tokens (`?` -> `$1`, dropping
// `EXCLUDE (...)`, ...). Errors and AST locations must still point into the user's text, so every
// rewritten text carries an OffsetMap built from the pieces it was assembled from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fluxdb::sql {

class OffsetMap {
 public:
  /// `length` bytes copied from original offset `original_start`.
  void AddVerbatim(int32_t rewritten_start, int32_t original_start, int32_t length);
  /// `length` bytes that do not exist in the original; they map to `original_pos`.
  void AddSynthesized(int32_t rewritten_start, int32_t length, int32_t original_pos);
  /// Where offsets at or past the end of the rewritten text map to.
  void SetOriginalEnd(int32_t original_end) { original_end_ = original_end; }

  int32_t ToOriginal(int32_t rewritten) const;

 private:
  struct Segment {
    int32_t rewritten_start;
    int32_t length;
    int32_t original_start;
    bool verbatim;
  };
  std::vector<Segment> segments_;  // in rewritten order, contiguous
  int32_t original_end_ = 0;
};

struct RewrittenText {
  std::string text;
  OffsetMap map;
};

/// Assembles a RewrittenText piece by piece.
class TextBuilder {
 public:
  explicit TextBuilder(std::string_view original) : original_(original) {}
  void AppendVerbatim(int32_t begin, int32_t end);
  void AppendSynthesized(std::string_view text, int32_t original_pos);
  RewrittenText Finish(int32_t original_end);
  const std::string& text() const { return result_.text; }

 private:
  std::string_view original_;
  RewrittenText result_;
};

}  // namespace fluxdb::sql
