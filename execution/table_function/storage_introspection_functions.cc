// The file, page by page: fluxdb_pages(), fluxdb_heaps(), fluxdb_buffer_cache(),
// database_size() and integrity_check() (PRAGMA integrity_check).
#include <map>

#include "catalog/catalog.h"
#include "execution/table_function/introspection_scan.h"
#include "execution/table_function/table_function_list.h"
#include "storage/storage_manager.h"

namespace fluxdb {

namespace {

const LogicalType kBig = LogicalType::BigInt();
const LogicalType kText = LogicalType::Varchar();

Value Big(uint64_t v) { return Value::BigInt(static_cast<int64_t>(v)); }

// ---- fluxdb_pages(): one row per page of the file, in file order ----

Status ProducePages(ExecutionContext& context, const IntrospectionData&, IntrospectionRows& rows) {
  FLUX_ASSIGN_OR_RETURN(std::vector<PageInfo> pages, context.storage->ListPages());
  std::map<uint32_t, TableEntry*> tables;
  for (const PageInfo& page : pages) {
    std::string column;
    if (page.kind == "data" && page.column_index >= 0) {
      auto it = tables.find(page.table_id);
      if (it == tables.end()) {
        it = tables.emplace(page.table_id, context.catalog->FindTableById(page.table_id)).first;
      }
      TableEntry* table = it->second;
      if (table != nullptr && static_cast<size_t>(page.column_index) < table->columns().size()) {
        column = table->columns()[page.column_index].name;
      }
    }
    bool data = page.kind == "data";
    rows.Add({Big(page.page_id), Value::Varchar(page.kind),
              ValueOrNull(data, Big(page.table_id), kBig),
              ValueOrNull(data && !page.table_name.empty(), Value::Varchar(page.table_name), kText),
              ValueOrNull(data && page.column_index >= 0, Value::BigInt(page.column_index), kBig),
              ValueOrNull(!column.empty(), Value::Varchar(column), kText),
              ValueOrNull(data && page.chunk_id >= 0, Value::BigInt(page.chunk_id), kBig),
              Big(page.used_bytes), Big(page.free_bytes), Value::Boolean(page.checksum_ok)});
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindPages(TableFunctionBindInput& input) {
  return BindIntrospection(input,
                           {{"page_id", kBig},
                            {"kind", kText},
                            {"table_id", kBig},
                            {"table_name", kText},
                            {"column_index", kBig},
                            {"column_name", kText},
                            {"chunk_id", kBig},
                            {"used_bytes", kBig},
                            {"free_bytes", kBig},
                            {"checksum_ok", LogicalType::Boolean()}},
                           ProducePages);
}

// ---- fluxdb_heaps(): the two metadata heaps ----

Status ProduceHeaps(ExecutionContext& context, const IntrospectionData&, IntrospectionRows& rows) {
  // What each heap holds, counted from the objects it describes.
  idx_t tables = 0, views = 0, indexes = 0, chunks = 0, row_groups = 0;
  for (CatalogEntry* entry : context.catalog->Entries(CatalogEntryKind::kTable)) {
    tables++;
    idx_t last_group = kInvalidIndex;
    for (const ColumnChunkInfo& chunk : static_cast<TableEntry*>(entry)->storage().GetChunkInfo()) {
      if (!chunk.persistent) continue;
      chunks++;
      if (chunk.row_group_index != last_group) row_groups++;
      last_group = chunk.row_group_index;
    }
  }
  views = context.catalog->Entries(CatalogEntryKind::kView).size();
  indexes = context.catalog->Entries(CatalogEntryKind::kIndex).size();
  for (const HeapInfo& heap : context.storage->ListHeaps()) {
    std::string holds = heap.name == "catalog"
                            ? Concat("catalog records: ", tables, " tables, ", views, " views, ",
                                     indexes, " indexes, and schemas")
                            : Concat("metadata of ", chunks, " column chunks in ", row_groups,
                                     " non-empty row groups");
    uint64_t slots = heap.slots_used + heap.slots_free;
    rows.Add({Value::Varchar(heap.name), Big(heap.pages), Big(heap.slots_used),
              Big(heap.slots_free), Big(heap.bytes_used), Big(heap.bytes_free),
              ValueOrNull(slots > 0, Value::Double(slots == 0 ? 0 : 1.0 * heap.slots_used / slots),
                          LogicalType::Double()),
              Value::Varchar(holds)});
  }
  return Status();
}

StatusOr<TableFunctionBindResult> BindHeaps(TableFunctionBindInput& input) {
  return BindIntrospection(input,
                           {{"heap", kText},
                            {"pages", kBig},
                            {"slots_used", kBig},
                            {"slots_free", kBig},
                            {"bytes_used", kBig},
                            {"bytes_free", kBig},
                            {"slot_fill_ratio", LogicalType::Double()},
                            {"holds", kText}},
                           ProduceHeaps);
}

// ---- fluxdb_buffer_cache(): the page cache since the database was opened ----

Status ProduceBufferCache(ExecutionContext& context, const IntrospectionData&,
                          IntrospectionRows& rows) {
  BufferCacheInfo info = context.storage->GetBufferCacheInfo();
  uint32_t page_size = context.storage->GetHeaderInfo().page_size;
  uint64_t lookups = info.hits + info.misses;
  rows.Add({Big(info.capacity_bytes), Big(page_size), Big(info.cached_pages),
            Big(info.cached_pages * page_size), Big(info.pinned_pages), Big(info.hits),
            Big(info.misses),
            ValueOrNull(lookups > 0, Value::Double(lookups == 0 ? 0 : 1.0 * info.hits / lookups),
                        LogicalType::Double()),
            Big(info.evictions)});
  return Status();
}

StatusOr<TableFunctionBindResult> BindBufferCache(TableFunctionBindInput& input) {
  return BindIntrospection(input,
                           {{"capacity_bytes", kBig},
                            {"page_size", kBig},
                            {"cached_pages", kBig},
                            {"cached_bytes", kBig},
                            {"pinned_pages", kBig},
                            {"hits", kBig},
                            {"misses", kBig},
                            {"hit_ratio", LogicalType::Double()},
                            {"evictions", kBig}},
                           ProduceBufferCache);
}

// ---- database_size() (DuckDB's PRAGMA database_size) ----

Status ProduceDatabaseSize(ExecutionContext& context, const IntrospectionData&,
                           IntrospectionRows& rows) {
  FileHeaderInfo header = context.storage->GetHeaderInfo();
  BufferCacheInfo cache = context.storage->GetBufferCacheInfo();
  uint64_t used = header.page_count - std::min(header.page_count, header.free_pages);
  rows.Add({Value::Varchar(DatabaseName(*context.storage)),
            Big(header.page_count * header.page_size), Big(header.page_size),
            Big(header.page_count), Big(used), Big(header.free_pages),
            Big(cache.cached_pages * header.page_size), Big(cache.capacity_bytes)});
  return Status();
}

StatusOr<TableFunctionBindResult> BindDatabaseSize(TableFunctionBindInput& input) {
  return BindIntrospection(input,
                           {{"database_name", kText},
                            {"database_size", kBig},
                            {"block_size", kBig},
                            {"total_blocks", kBig},
                            {"used_blocks", kBig},
                            {"free_blocks", kBig},
                            {"memory_usage", kBig},
                            {"memory_limit", kBig}},
                           ProduceDatabaseSize);
}

// ---- integrity_check(): "ok", or one row per problem ----

Status ProduceIntegrityCheck(ExecutionContext& context, const IntrospectionData&,
                             IntrospectionRows& rows) {
  std::vector<std::string> problems = context.storage->CheckIntegrity();
  if (problems.empty()) rows.Add({Value::Varchar("ok")});
  for (const std::string& problem : problems) rows.Add({Value::Varchar(problem)});
  return Status();
}

StatusOr<TableFunctionBindResult> BindIntegrityCheck(TableFunctionBindInput& input) {
  return BindIntrospection(input, {{"integrity_check", kText}}, ProduceIntegrityCheck);
}

void Add(std::vector<TableFunction>& functions, const char* name,
         StatusOr<TableFunctionBindResult> (*bind)(TableFunctionBindInput&)) {
  functions.push_back(
      TableFunction{name, 0, 0, bind, IntrospectionScan::Init, IntrospectionScan::Scan});
}

}  // namespace

void AddStorageIntrospectionFunctions(std::vector<TableFunction>& functions) {
  Add(functions, "fluxdb_pages", BindPages);
  Add(functions, "fluxdb_heaps", BindHeaps);
  Add(functions, "fluxdb_buffer_cache", BindBufferCache);
  Add(functions, "pragma_database_size", BindDatabaseSize);
  Add(functions, "integrity_check", BindIntegrityCheck);
  Add(functions, "pragma_integrity_check", BindIntegrityCheck);
}

}  // namespace fluxdb
