// Terminal display width of UTF-8 text, for aligning columns.
#pragma once

#include <string>
#include <string_view>

namespace fluxdb::shell {

/// Columns `text` occupies on a terminal: East Asian wide characters and most emoji count two,
/// combining marks zero. Invalid UTF-8 bytes count one each.
size_t DisplayWidth(std::string_view text);

/// `text` cut to at most `width` columns; when cut, its end is replaced by `ellipsis`.
std::string TruncateToWidth(std::string_view text, size_t width, std::string_view ellipsis);

enum class Align { kLeft, kRight, kCenter };
/// `text` padded with spaces to `width` columns (text wider than `width` is returned as is).
std::string Pad(std::string_view text, size_t width, Align align);

/// Control characters shown as escapes (\n, \t, \r, \x01) so one value stays on one line.
std::string EscapeControlCharacters(std::string_view text);

}  // namespace fluxdb::shell
