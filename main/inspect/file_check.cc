#include "main/inspect/file_check.h"

#include <memory>
#include <set>

#include "main/database.h"
#include "storage/byte_order.h"
#include "storage/file_handle.h"
#include "storage/file_header.h"
#include "storage/page.h"
#include "storage/storage_manager.h"

namespace fluxdb {

namespace {

// What a page's own header claims it is (it may be the damaged part).
std::string DescribeHeader(const uint8_t* page) {
  PageHeader h = ReadPageHeader(page);
  if (h.kind == PageKind::kData) {
    return Concat("its header says: data page ", h.sequence, " of chunk ", h.chunk_id, " (table ",
                  h.table_id, ", column ", h.column_index, ")");
  }
  return Concat("its header says: ", PageKindName(h.kind), " page");
}

// Checks every page straight from the file: used when the database cannot be opened, so that
// the damage that prevents it is located.
std::vector<std::string> ScanPages(const std::string& path) {
  std::vector<std::string> problems;
  auto file = FileHandle::Open(path, FileHandle::Mode::kReadOnly);
  if (!file.ok()) return {std::string(file.status().message())};
  // A writer holding the file may be halfway through writing pages: they are not damage (and
  // opening the database reports the lock).
  if (!(*file)->Lock(false).ok()) return {};
  auto header = ReadDatabaseHeader(**file);
  if (!header.ok()) return {std::string(header.status().message())};
  uint32_t page_size = header->page_size;
  auto size = (*file)->Size();
  if (!size.ok()) return {std::string(size.status().message())};
  uint64_t pages = std::min(header->page_count, *size / page_size);
  if (pages < header->page_count) {
    problems.push_back(Concat("the file holds ", *size / page_size, " pages, its header counts ",
                              header->page_count, " (truncated)"));
  }
  auto buffer = std::make_unique<uint8_t[]>(page_size);
  // The free pages hold nothing: their contents are not checked.
  std::set<uint64_t> free_pages, trunks;
  for (uint64_t trunk = header->free_list_head; trunk != 0 && trunk < pages;) {
    if (!trunks.insert(trunk).second) {
      problems.push_back(Concat("page ", trunk, ": the free-list chain loops back to it"));
      break;
    }
    Status read = (*file)->ReadAt(trunk * page_size, buffer.get(), page_size);
    if (read.ok()) read = VerifyPage(buffer.get(), page_size, trunk, path);
    if (!read.ok()) {
      problems.push_back(Concat("page ", trunk, " (free-list trunk): ", read.message()));
      break;
    }
    uint32_t count = LoadLE<uint32_t>(buffer.get() + kPageHeaderSize);
    if (count > (page_size - kPageHeaderSize - 8) / 8) {
      problems.push_back(Concat("page ", trunk, " (free-list trunk): lists ", count, " pages"));
      break;
    }
    for (uint32_t i = 0; i < count; i++) {
      free_pages.insert(LoadLE<uint64_t>(buffer.get() + kPageHeaderSize + 8 + 8 * i));
    }
    trunk = ReadPageHeader(buffer.get()).next_page;
  }
  for (uint64_t p = 0; p < pages; p++) {
    if (free_pages.contains(p) || trunks.contains(p)) continue;
    Status read = (*file)->ReadAt(p * page_size, buffer.get(), page_size);
    if (read.ok()) read = VerifyPage(buffer.get(), page_size, p, path);
    if (!read.ok()) {
      problems.push_back(
          Concat("page ", p, ": ", read.message(), " (", DescribeHeader(buffer.get()), ")"));
    }
  }
  return problems;
}

}  // namespace

FileCheckResult CheckDatabaseFile(const std::string& path) {
  FileCheckResult result;
  if (!FileExists(path)) {
    result.problems.push_back(Concat("cannot open \"", path, "\": no such file"));
    return result;
  }
  DatabaseOptions options;
  options.read_only = true;
  options.create_if_missing = false;
  options.threads = 1;
  auto database = Database::Open(path, options);
  if (!database.ok()) {
    result.problems = ScanPages(path);
    result.problems.push_back(
        Concat("the database cannot be opened: ", database.status().message()));
    return result;
  }
  result.opened = true;
  result.problems = (*database)->storage().CheckIntegrity();
  return result;
}

}  // namespace fluxdb
