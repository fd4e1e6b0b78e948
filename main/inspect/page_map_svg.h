// The page map of `fluxdb inspect --svg`: one cell per page in file order, coloured by kind and,
// for data pages, by owning table and column, with a legend. Files with more pages than
// `max_cells` put several consecutive pages in a cell (coloured by the most common owner among
// them) and the legend says how many.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "storage/storage_manager.h"

namespace fluxdb {

struct PageMapOptions {
  std::string title;
  uint64_t max_cells = 16384;
  uint32_t cells_per_row = 64;
  uint32_t page_size = 0;  // for the legend
};

struct PageMapLayout {
  uint64_t cells = 0;
  uint64_t pages_per_cell = 1;
};

/// `column_names[table_id][column_index]` names the columns of data pages.
std::string RenderPageMapSvg(const std::vector<PageInfo>& pages,
                             const std::map<uint32_t, std::vector<std::string>>& column_names,
                             const PageMapOptions& options, PageMapLayout* layout);

}  // namespace fluxdb
