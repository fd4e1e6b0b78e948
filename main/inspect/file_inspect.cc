#include "main/inspect/file_inspect.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "catalog/catalog.h"
#include "main/database.h"
#include "storage/data_table.h"
#include "storage/file_handle.h"
#include "storage/write_ahead_log.h"

namespace fluxdb {

namespace {

std::string Bytes(uint64_t bytes) {
  if (bytes < 10 * 1024) return Concat(bytes, " B");
  if (bytes < 10 * 1024 * 1024) return absl::StrFormat("%.1f KiB", bytes / 1024.0);
  if (bytes < 10ull * 1024 * 1024 * 1024) return absl::StrFormat("%.1f MiB", bytes / 1048576.0);
  return absl::StrFormat("%.1f GiB", bytes / 1073741824.0);
}

std::string Ratio(uint64_t uncompressed, uint64_t compressed) {
  if (compressed == 0) return "-";
  return absl::StrFormat("%.2fx", static_cast<double>(uncompressed) / compressed);
}

std::string Encodings(const std::map<std::string, uint64_t>& encodings) {
  std::string out;
  for (const auto& [name, count] : encodings) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", name, count > 1 ? Concat(" x", count) : "");
  }
  return out.empty() ? "-" : out;
}

std::string Clip(std::string text, size_t width) {
  if (text.size() > width) text = text.substr(0, width - 3) + "...";
  return text;
}

}  // namespace

StatusOr<FileSummary> SummarizeDatabaseFile(const std::string& path) {
  FileSummary summary;
  summary.path = path;
  if (!FileExists(path)) return IOError("Cannot open \"", path, "\": no such file");
  {
    FLUX_ASSIGN_OR_RETURN(auto file, FileHandle::Open(path, FileHandle::Mode::kReadOnly));
    FLUX_ASSIGN_OR_RETURN(summary.header, ReadDatabaseHeader(*file));
    FLUX_ASSIGN_OR_RETURN(summary.file_bytes, file->Size());
  }
  std::string wal = WriteAheadLog::PathFor(path);
  if (FileExists(wal)) {
    auto file = FileHandle::Open(wal, FileHandle::Mode::kReadOnly);
    if (file.ok()) summary.wal_bytes = (*file)->Size().value_or(0);
  }
  DatabaseOptions options;
  options.read_only = true;
  options.create_if_missing = false;
  options.threads = 1;
  FLUX_ASSIGN_OR_RETURN(auto database, Database::Open(path, options));
  StorageManager& storage = database->storage();
  Catalog& catalog = database->catalog();
  FLUX_ASSIGN_OR_RETURN(summary.pages, storage.ListPages());
  summary.heaps = storage.ListHeaps();
  summary.views = catalog.Entries(CatalogEntryKind::kView).size();
  summary.indexes = catalog.Entries(CatalogEntryKind::kIndex).size();
  std::unique_ptr<Transaction> txn = storage.BeginTransaction();
  for (CatalogEntry* entry : catalog.Entries(CatalogEntryKind::kTable)) {
    auto* table = static_cast<TableEntry*>(entry);
    TableSummary t;
    t.schema = table->schema_name();
    t.name = table->name();
    t.table_id = table->object_id();
    t.rows = table->storage().RowCount(*txn);
    std::vector<std::string>& names = summary.column_names[t.table_id];
    for (const ColumnRecord& column : table->columns()) {
      t.columns.push_back({column.name, column.type.ToString()});
      names.push_back(column.name);
    }
    std::vector<ColumnStatistics> stats = table->storage().GetStatistics();
    for (size_t c = 0; c < t.columns.size() && c < stats.size(); c++) {
      t.columns[c].null_count = stats[c].null_count;
      if (!stats[c].min.is_null()) t.columns[c].min = stats[c].min.ToString();
      if (!stats[c].max.is_null()) t.columns[c].max = stats[c].max.ToString();
    }
    idx_t last_group = kInvalidIndex;
    for (const ColumnChunkInfo& chunk : table->storage().GetChunkInfo()) {
      if (chunk.row_group_index != last_group) t.row_groups++;
      last_group = chunk.row_group_index;
      if (!chunk.persistent) {
        t.transient_chunks++;
        continue;
      }
      t.chunks++;
      if (chunk.column_index >= t.columns.size()) continue;
      ColumnSummary& column = t.columns[chunk.column_index];
      column.chunks++;
      column.pages += chunk.page_count;
      column.compressed_bytes += chunk.compressed_bytes;
      column.uncompressed_bytes += chunk.uncompressed_bytes;
      column.encodings[chunk.encoding]++;
    }
    summary.tables.push_back(std::move(t));
  }
  storage.Rollback(*txn);
  return summary;
}

std::string RenderFileSummary(const FileSummary& s) {
  const DatabaseHeader& h = s.header;
  std::string out = Concat("FluxDB database file ", s.path, "\n\n");
  absl::StrAppend(&out, "Header (slot ", HeaderSlot(h.checkpoint_id), ")\n");
  auto field = [&](const char* name, const std::string& value) {
    absl::StrAppend(&out, absl::StrFormat("  %-18s %s\n", name, value));
  };
  field("format version", Concat(h.format_version));
  field("page size", Concat(h.page_size, " bytes"));
  field("page count", Concat(h.page_count, " (", Bytes(h.page_count * h.page_size), ")"));
  field("file size",
        Concat(s.file_bytes, " bytes",
               s.file_bytes == h.page_count * h.page_size ? "" : " (differs from page count)"));
  field("free pages",
        Concat(h.free_page_count, h.free_list_head != 0
                                      ? Concat(" (free list at page ", h.free_list_head, ")")
                                      : std::string()));
  field("catalog heap root", Concat("page ", h.catalog_heap_root));
  field("chunk heap root", Concat("page ", h.chunk_heap_root));
  field("checkpoint id", Concat(h.checkpoint_id));
  field("next object id", Concat(h.next_object_id));
  field("next chunk id", Concat(h.next_chunk_id));
  field("last commit", Concat(h.last_commit));
  field("feature flags", Concat(h.feature_flags));
  field("WAL", s.wal_bytes <= 32 ? std::string("empty")
                                 : Concat(s.wal_bytes, " bytes not yet checkpointed"));

  std::map<std::string, uint64_t> kinds;
  uint64_t damaged = 0;
  for (const PageInfo& page : s.pages) {
    kinds[page.kind]++;
    damaged += !page.checksum_ok;
  }
  absl::StrAppend(&out, "\nPages by kind (", s.pages.size(), " pages)\n");
  for (const char* kind : {"header", "catalog_heap", "chunk_heap", "data", "free", "other"}) {
    auto it = kinds.find(kind);
    uint64_t n = it == kinds.end() ? 0 : it->second;
    absl::StrAppend(&out, absl::StrFormat("  %-14s %8d  %5.1f%%\n", kind, n,
                                          s.pages.empty() ? 0.0 : 100.0 * n / s.pages.size()));
  }
  if (damaged > 0) absl::StrAppend(&out, "  ", damaged, " pages fail their checksum\n");

  absl::StrAppend(&out, "\nMetadata heaps\n");
  for (const HeapInfo& heap : s.heaps) {
    absl::StrAppend(&out, absl::StrFormat("  %-15s %4d pages, %6d slots used, %4d free, %s used, "
                                          "%s free\n",
                                          heap.name, heap.pages, heap.slots_used, heap.slots_free,
                                          Bytes(heap.bytes_used), Bytes(heap.bytes_free)));
  }

  absl::StrAppend(&out, "\nTables (", s.tables.size(), ")",
                  s.views > 0 || s.indexes > 0
                      ? Concat(", ", s.views, " views, ", s.indexes, " indexes")
                      : std::string(),
                  "\n");
  for (const TableSummary& t : s.tables) {
    uint64_t compressed = 0, uncompressed = 0, pages = 0;
    for (const ColumnSummary& c : t.columns) {
      compressed += c.compressed_bytes;
      uncompressed += c.uncompressed_bytes;
      pages += c.pages;
    }
    absl::StrAppend(&out, "\n  ", t.schema, ".", t.name, " (id ", t.table_id, "): ", t.rows,
                    " rows, ", t.row_groups, " row groups, ", t.chunks, " chunks on ", pages,
                    " pages, ", Bytes(compressed), " on disk, ", Bytes(uncompressed),
                    " uncompressed (", Ratio(uncompressed, compressed), ")",
                    t.transient_chunks > 0
                        ? Concat(", ", t.transient_chunks, " chunks only in the WAL")
                        : std::string(),
                    "\n");
    absl::StrAppend(&out, absl::StrFormat("    %-16s %-14s %6s %6s %10s %10s %7s %6s  %s\n",
                                          "column", "type", "chunks", "pages", "bytes", "raw bytes",
                                          "ratio", "nulls", "encodings (min .. max)"));
    for (const ColumnSummary& c : t.columns) {
      std::string range = c.min.empty() && c.max.empty()
                              ? std::string()
                              : Concat(" (", Clip(c.min, 24), " .. ", Clip(c.max, 24), ")");
      absl::StrAppend(&out, absl::StrFormat("    %-16s %-14s %6d %6d %10d %10d %7s %6d  %s%s\n",
                                            Clip(c.name, 16), Clip(c.type, 14), c.chunks, c.pages,
                                            c.compressed_bytes, c.uncompressed_bytes,
                                            Ratio(c.uncompressed_bytes, c.compressed_bytes),
                                            c.null_count, Encodings(c.encodings), range));
    }
  }
  return out;
}

}  // namespace fluxdb
