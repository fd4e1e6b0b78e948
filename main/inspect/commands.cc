#include "main/inspect/commands.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "main/inspect/file_check.h"
#include "main/inspect/file_inspect.h"
#include "main/inspect/page_map_svg.h"

namespace fluxdb {

namespace {

constexpr char kCheckUsage[] =
    "Usage: fluxdb check FILE\n"
    "Verifies a FluxDB database file without changing it: every page checksum, every page owned\n"
    "exactly once, the metadata heaps, the catalog and chunk records and each chunk's statistics.\n"
    "Prints each problem with the page and object it concerns, or \"ok\". Exit status: 0 ok,\n"
    "1 problems found (or the file cannot be read), 2 usage error.\n";

constexpr char kInspectUsage[] =
    "Usage: fluxdb inspect FILE [--svg OUT.svg] [--max-cells N]\n"
    "Prints a summary of a FluxDB database file: header fields, pages by kind, metadata heaps,\n"
    "tables with rows, chunks, bytes and encodings.\n"
    "  --svg OUT.svg    also draw the page map: one cell per page in file order, coloured by\n"
    "                   kind and owning table/column\n"
    "  --max-cells N    at most N cells (default 16384); larger files put several pages in a "
    "cell\n";

bool IsHelp(const std::string& arg) { return arg == "-h" || arg == "-help" || arg == "--help"; }

}  // namespace

int RunCheckCommand(int argc, char** argv) {
  std::string path;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (IsHelp(arg)) {
      std::cout << kCheckUsage;
      return 0;
    }
    if (!path.empty() || (arg.size() > 1 && arg[0] == '-')) {
      std::cerr << "Error: unexpected argument \"" << arg << "\"\n" << kCheckUsage;
      return 2;
    }
    path = arg;
  }
  if (path.empty()) {
    std::cerr << kCheckUsage;
    return 2;
  }
  FileCheckResult result = CheckDatabaseFile(path);
  if (result.problems.empty()) {
    std::cout << "ok\n";
    return 0;
  }
  for (const std::string& problem : result.problems) std::cout << problem << "\n";
  std::cout << result.problems.size() << (result.problems.size() == 1 ? " problem" : " problems")
            << " found in " << path << "\n";
  return 1;
}

int RunInspectCommand(int argc, char** argv) {
  std::string path, svg;
  uint64_t max_cells = PageMapOptions().max_cells;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (IsHelp(arg)) {
      std::cout << kInspectUsage;
      return 0;
    }
    if (arg == "--svg" || arg == "-svg") {
      if (i + 1 >= argc) {
        std::cerr << "Error: --svg needs a file name\n";
        return 2;
      }
      svg = argv[++i];
    } else if (arg == "--max-cells" || arg == "-max-cells") {
      char* end = nullptr;
      if (i + 1 >= argc || (max_cells = std::strtoull(argv[i + 1], &end, 10)) == 0 || *end != 0) {
        std::cerr << "Error: --max-cells needs a positive number\n";
        return 2;
      }
      i++;
    } else if (path.empty() && !(arg.size() > 1 && arg[0] == '-')) {
      path = arg;
    } else {
      std::cerr << "Error: unexpected argument \"" << arg << "\"\n" << kInspectUsage;
      return 2;
    }
  }
  if (path.empty()) {
    std::cerr << kInspectUsage;
    return 2;
  }
  auto summary = SummarizeDatabaseFile(path);
  if (!summary.ok()) {
    std::cerr << summary.status().message() << "\n";
    return 1;
  }
  std::cout << RenderFileSummary(*summary);
  if (!svg.empty()) {
    PageMapOptions options;
    options.title = Concat("FluxDB page map: ", path);
    options.max_cells = max_cells;
    options.page_size = summary->header.page_size;
    PageMapLayout layout;
    std::string image = RenderPageMapSvg(summary->pages, summary->column_names, options, &layout);
    std::ofstream file(svg, std::ios::binary | std::ios::trunc);
    file << image;
    file.close();
    if (!file) {
      std::cerr << "Error: cannot write \"" << svg << "\"\n";
      return 1;
    }
    std::cout << "\nPage map written to " << svg << ": " << layout.cells << " cells, "
              << layout.pages_per_cell << (layout.pages_per_cell == 1 ? " page" : " pages")
              << " per cell\n";
  }
  return 0;
}

}  // namespace fluxdb
