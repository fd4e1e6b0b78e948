#include "parser/text_rewrite.h"

#include <algorithm>

namespace fluxdb::sql {

void OffsetMap::AddVerbatim(int32_t rewritten_start, int32_t original_start, int32_t length) {
  if (length <= 0) return;
  segments_.push_back({rewritten_start, length, original_start, true});
}

void OffsetMap::AddSynthesized(int32_t rewritten_start, int32_t length, int32_t original_pos) {
  if (length <= 0) return;
  segments_.push_back({rewritten_start, length, original_pos, false});
}

int32_t OffsetMap::ToOriginal(int32_t rewritten) const {
  if (rewritten < 0) return -1;
  auto it = std::upper_bound(
      segments_.begin(), segments_.end(), rewritten,
      [](int32_t pos, const Segment& segment) { return pos < segment.rewritten_start; });
  if (it == segments_.begin())
    return segments_.empty() ? original_end_ : segments_[0].original_start;
  const Segment& segment = *(it - 1);
  if (rewritten >= segment.rewritten_start + segment.length) return original_end_;
  if (!segment.verbatim) return segment.original_start;
  return segment.original_start + (rewritten - segment.rewritten_start);
}

void TextBuilder::AppendVerbatim(int32_t begin, int32_t end) {
  if (end <= begin) return;
  result_.map.AddVerbatim(static_cast<int32_t>(result_.text.size()), begin, end - begin);
  result_.text.append(original_.substr(begin, end - begin));
}

void TextBuilder::AppendSynthesized(std::string_view text, int32_t original_pos) {
  result_.map.AddSynthesized(static_cast<int32_t>(result_.text.size()),
                             static_cast<int32_t>(text.size()), original_pos);
  result_.text.append(text);
}

RewrittenText TextBuilder::Finish(int32_t original_end) {
  result_.map.SetOriginalEnd(original_end);
  return std::move(result_);
}

}  // namespace fluxdb::sql
