// The text form of BLOB bytes, as DuckDB prints it: printable ASCII as is, every other byte
// (and the quote and backslash characters) as \xHH.
#pragma once

#include <string>
#include <string_view>

namespace fluxdb {

std::string BlobToText(std::string_view bytes);

}  // namespace fluxdb
