// Introspection: fluxdb_pages(), fluxdb_heaps(), fluxdb_buffer_cache(), the file header, and the
// integrity check.
//
// Free pages are not checksum-verified: their contents mean nothing (a crash may leave one torn).
// Every page of the file is accounted to exactly one owner: a header slot, the free list (trunk
// pages and the free pages they list, plus pages freed since the last checkpoint), one of the two
// heaps, or one column chunk (of a live table, or of a dropped table old snapshots still read).
#include <map>
#include <set>

#include "storage/chunk_statistics.h"
#include "storage/record_serializer.h"
#include "storage/row_group_collection.h"
#include "storage/storage_manager_impl.h"

namespace fluxdb {

namespace {

struct PageOwner {
  PageKind kind = PageKind::kInvalid;
  std::string description;
  uint32_t table_id = 0;
  int64_t column_index = -1;
  int64_t chunk_id = -1;
  uint32_t sequence = 0;
};

struct ChunkRef {
  std::shared_ptr<ColumnChunk> chunk;
  std::string table_name;
};

std::vector<ChunkRef> AllChunks(StorageManager::Impl& impl) {
  std::vector<ChunkRef> out;
  std::lock_guard<std::mutex> lock(impl.catalog_mu);
  for (auto& [id, table] : impl.tables) {
    for (auto& chunk : table->row_groups().AllChunks())
      out.push_back({chunk, table->record().name});
  }
  for (auto& dropped : impl.graveyard) {
    for (auto& chunk : dropped.table->row_groups().AllChunks()) {
      out.push_back({chunk, dropped.table->record().name + " (dropped)"});
    }
  }
  return out;
}

// Owners of every page; a page claimed twice is reported in `problems`.
std::map<uint64_t, PageOwner> MapOwners(StorageManager::Impl& impl,
                                        std::vector<std::string>* problems) {
  std::map<uint64_t, PageOwner> owners;
  auto claim = [&](uint64_t page, PageOwner owner) {
    auto [it, inserted] = owners.emplace(page, owner);
    if (!inserted && problems != nullptr) {
      problems->push_back(Concat("page ", page, " is owned twice: by ", it->second.description,
                                 " and by ", owner.description));
    }
  };
  for (uint64_t slot = 0; slot < kFirstDataPage; slot++) {
    claim(slot, {PageKind::kHeader, Concat("header slot ", slot)});
  }
  for (uint64_t p : impl.allocator->TrunkPages()) {
    claim(p, {PageKind::kFreeTrunk, "the free list (trunk)"});
  }
  for (uint64_t p : impl.allocator->FreePages()) claim(p, {PageKind::kFree, "the free list"});
  for (uint64_t p : impl.catalog_heap->PageIds()) {
    claim(p, {PageKind::kCatalogHeap, "the catalog heap"});
  }
  for (uint64_t p : impl.chunk_heap->PageIds()) {
    claim(p, {PageKind::kChunkHeap, "the chunk-metadata heap"});
  }
  // A damaged chunk record may claim pages far past the end of the file: only pages that exist
  // are mapped (a run of 2^32 pages would otherwise take the map's memory), the rest is a problem.
  const uint64_t page_count = impl.allocator->page_count();
  for (const ChunkRef& ref : AllChunks(impl)) {
    const ChunkMetadata& m = ref.chunk->metadata();
    uint32_t sequence = 0;
    for (const PageRun& run : m.pages) {
      const uint64_t end = run.first >= page_count
                               ? run.first
                               : std::min<uint64_t>(run.first + run.count, page_count);
      if (end - run.first < run.count && problems != nullptr) {
        problems->push_back(Concat("chunk ", m.chunk_id, " (table ", ref.table_name,
                                   "): pages from ", run.first + (end - run.first),
                                   " lie beyond the file's ", page_count, " pages"));
      }
      for (uint64_t p = run.first; p < end; p++, sequence++) {
        PageOwner owner{PageKind::kData,
                        Concat("chunk ", m.chunk_id, " (table ", ref.table_name, ", column ",
                               m.column_index, ", row group ", m.row_group_index, ")"),
                        m.table_id,
                        m.column_index,
                        static_cast<int64_t>(m.chunk_id),
                        sequence};
        claim(p, owner);
      }
    }
  }
  return owners;
}

std::string KindString(PageKind kind) {
  switch (kind) {
    case PageKind::kFreeTrunk:
      return "other";
    case PageKind::kFree:
      return "free";
    default:
      return PageKindName(kind);
  }
}

// Decodes a whole chunk and checks its recorded statistics against the values.
void VerifyChunkStatistics(StorageManager::Impl& impl, const ColumnChunk& chunk,
                           const std::string& table_name, std::vector<std::string>* problems) {
  const ChunkMetadata& m = chunk.metadata();
  std::string where = Concat("chunk ", m.chunk_id, " (table ", table_name, ", column ",
                             m.column_index, ", row group ", m.row_group_index, ")");
  ChunkReader reader;
  Status s = reader.Open(chunk, *impl.cache, nullptr);
  if (!s.ok()) {
    problems->push_back(Concat(where, ": ", s.message()));
    return;
  }
  ChunkStatistics stats(chunk.type());
  Vector buffer(chunk.type());
  for (idx_t offset = 0; offset < m.row_count; offset += kVectorSize) {
    idx_t n = std::min(kVectorSize, m.row_count - offset);
    reader.Read(offset, n, buffer);
    buffer.Flatten(n);
    stats.Update(buffer.raw_data(), &buffer.validity(), 0, n);
  }
  if (stats.null_count() != m.null_count) {
    problems->push_back(
        Concat(where, ": records ", m.null_count, " NULLs, the data has ", stats.null_count()));
  }
  Value min = stats.Min(), max = stats.Max();
  if (min.is_null() != m.min.is_null() || (!min.is_null() && Value::Compare(min, m.min) < 0)) {
    problems->push_back(Concat(where, ": recorded min ", m.min.ToString(),
                               " does not hold for the data (min ", min.ToString(), ")"));
  }
  if (max.is_null() != m.max.is_null() || (!max.is_null() && Value::Compare(max, m.max) > 0)) {
    problems->push_back(Concat(where, ": recorded max ", m.max.ToString(),
                               " does not hold for the data (max ", max.ToString(), ")"));
  }
}

}  // namespace

StatusOr<std::vector<PageInfo>> StorageManager::ListPages() {
  Impl& impl = *impl_;
  std::vector<PageInfo> out;
  std::map<uint32_t, std::string> names;
  {
    std::lock_guard<std::mutex> lock(impl.catalog_mu);
    for (auto& [id, entry] : impl.records) names[id] = entry.record.name;
  }
  std::map<uint64_t, PageOwner> owners = MapOwners(impl, nullptr);
  uint32_t page_size = impl.header.page_size;
  uint64_t pages;
  std::unique_ptr<uint8_t[]> buffer;
  if (impl.in_memory) {
    pages = impl.allocator->page_count();
  } else {
    // Dirty pages are unreferenced by the file's header: writing them early is harmless.
    if (!impl.read_only) FLUX_RETURN_IF_ERROR(impl.cache->Flush());
    FLUX_ASSIGN_OR_RETURN(pages, impl.block_file->PageCount());
    buffer = std::make_unique<uint8_t[]>(page_size);
  }
  for (uint64_t p = 0; p < pages; p++) {
    PageInfo info;
    info.page_id = p;
    PageHeader h;
    if (!impl.in_memory) {
      FLUX_RETURN_IF_ERROR(impl.block_file->ReadPage(p, buffer.get()));
      info.checksum_ok = VerifyPage(buffer.get(), page_size, p, impl.path).ok();
      h = ReadPageHeader(buffer.get());
    } else if (impl.cache->IsCached(p)) {
      FLUX_ASSIGN_OR_RETURN(PageHandle page, impl.cache->Pin(p));
      h = ReadPageHeader(page.data());
    }
    auto it = owners.find(p);
    PageKind kind = it != owners.end() ? it->second.kind : h.kind;
    info.kind = it != owners.end() ? KindString(kind) : "other";
    // A free page holds nothing: whatever it contains (a page torn by a crash, a page never
    // written yet) is not damage.
    if (kind == PageKind::kFree) info.checksum_ok = true;
    if (kind == PageKind::kData && it != owners.end()) {
      info.table_id = it->second.table_id;
      info.column_index = it->second.column_index;
      info.chunk_id = it->second.chunk_id;
      auto name = names.find(info.table_id);
      if (name != names.end()) info.table_name = name->second;
    }
    if (kind != PageKind::kFree) {
      info.used_bytes = kPageHeaderSize + h.used_bytes;
      if (kind == PageKind::kHeader) info.used_bytes = kPageHeaderSize + 96;
    }
    info.free_bytes = page_size - std::min<uint64_t>(info.used_bytes, page_size);
    out.push_back(std::move(info));
  }
  return out;
}

std::vector<HeapInfo> StorageManager::ListHeaps() {
  std::vector<HeapInfo> out;
  for (auto [name, heap] :
       {std::pair<const char*, MetadataHeap*>{"catalog", impl_->catalog_heap.get()},
        {"chunk_metadata", impl_->chunk_heap.get()}}) {
    HeapStats s = heap->Stats();
    HeapInfo info;
    info.name = name;
    info.pages = s.pages;
    info.slots_used = s.slots_used;
    info.slots_free = s.slots_free;
    info.bytes_used = s.bytes_used;
    info.bytes_free = s.bytes_free;
    out.push_back(std::move(info));
  }
  return out;
}

BufferCacheInfo StorageManager::GetBufferCacheInfo() {
  BufferCacheStats s = impl_->cache->Stats();
  BufferCacheInfo info;
  info.capacity_bytes = s.capacity_bytes;
  info.cached_pages = s.cached_pages;
  info.pinned_pages = s.pinned_pages;
  info.hits = s.hits;
  info.misses = s.misses;
  info.evictions = s.evictions;
  return info;
}

FileHeaderInfo StorageManager::GetHeaderInfo() {
  FileHeaderInfo info;
  DatabaseHeader h;
  {
    std::lock_guard<std::mutex> lock(impl_->header_mu);
    h = impl_->header;
  }
  info.format_version = h.format_version;
  info.page_size = h.page_size;
  info.page_count = impl_->in_memory ? impl_->allocator->page_count() : h.page_count;
  info.free_pages = impl_->in_memory ? impl_->allocator->FreePages().size() : h.free_page_count;
  info.checkpoint_id = h.checkpoint_id;
  return info;
}

std::vector<std::string> StorageManager::CheckIntegrity() {
  Impl& impl = *impl_;
  std::vector<std::string> problems;
  if (!impl.transactions->AcquireExclusive().ok()) {
    return {"cannot check integrity while a write transaction is active"};
  }
  // After a checkpoint the file describes exactly the committed state.
  Status s = impl.CheckpointLocked();
  if (!s.ok()) problems.push_back(Concat("checkpoint before the check failed: ", s.message()));

  std::map<uint64_t, PageOwner> owners = MapOwners(impl, &problems);
  uint64_t page_count = impl.allocator->page_count();
  uint32_t page_size = impl.header.page_size;
  if (!impl.in_memory) {
    StatusOr<uint64_t> file_pages = impl.block_file->PageCount();
    // Opened read-only, pages past the last checkpoint's are a crashed writer's (written before
    // its next header switch); they belong to nothing, and the next writer cuts them off.
    bool leftovers = impl.read_only && file_pages.ok() && *file_pages > page_count;
    if (file_pages.ok() && *file_pages != page_count && !leftovers) {
      problems.push_back(
          Concat("the file holds ", *file_pages, " pages, ", page_count, " are allocated"));
    }
    auto buffer = std::make_unique<uint8_t[]>(page_size);
    for (uint64_t p = 0; p < page_count; p++) {
      auto it = owners.find(p);
      bool free = it != owners.end() && it->second.kind == PageKind::kFree;
      Status read = impl.block_file->ReadPage(p, buffer.get());
      if (read.ok() && !free) read = VerifyPage(buffer.get(), page_size, p, impl.path);
      if (!read.ok()) {
        // Name what the damage hits: the owner says which object is affected.
        std::string owner = it != owners.end() ? Concat(" (", it->second.description, ")") : "";
        problems.push_back(Concat("page ", p, owner, ": ", read.message()));
        continue;
      }
      if (it == owners.end()) continue;  // reported below
      const PageOwner& owner = it->second;
      PageHeader h = ReadPageHeader(buffer.get());
      if (owner.kind == PageKind::kFree) continue;  // free pages keep stale contents
      bool ok = h.kind == owner.kind;
      if (ok && owner.kind == PageKind::kData) {
        ok = h.table_id == owner.table_id &&
             static_cast<int64_t>(h.column_index) == owner.column_index &&
             static_cast<int64_t>(h.chunk_id) == owner.chunk_id && h.sequence == owner.sequence;
      }
      if (!ok) {
        problems.push_back(Concat("page ", p, " belongs to ", owner.description,
                                  " but its header says kind ", PageKindName(h.kind), " (table ",
                                  h.table_id, ", chunk ", h.chunk_id, ")"));
      }
    }
  }
  for (uint64_t p = 0; p < page_count; p++) {
    if (!owners.contains(p)) {
      problems.push_back(Concat("page ", p, " is neither free nor used by anything (leaked)"));
    }
  }
  for (auto& [p, owner] : owners) {
    if (p >= page_count) {
      problems.push_back(Concat("page ", p, " of ", owner.description, " lies past the end (",
                                page_count, " pages)"));
    }
  }
  impl.catalog_heap->Verify(&problems);
  impl.chunk_heap->Verify(&problems);

  // Catalog and chunk metadata: every record parses, every chunk matches its data.
  Status records = impl.catalog_heap->ForEach([&](RecordId, std::string_view bytes) {
    StatusOr<CatalogRecord> rec = DeserializeCatalogRecord(bytes);
    if (!rec.ok()) problems.push_back(Concat("catalog heap: ", rec.status().message()));
    return absl::OkStatus();
  });
  if (!records.ok()) problems.push_back(Concat("catalog heap: ", records.message()));
  uint32_t payload = PagePayloadSize(page_size);
  for (const ChunkRef& ref : AllChunks(impl)) {
    const ChunkMetadata& m = ref.chunk->metadata();
    if (m.page_count() != (m.total_bytes() + payload - 1) / payload) {
      problems.push_back(Concat("chunk ", m.chunk_id, " records ", m.total_bytes(), " bytes on ",
                                m.page_count(), " pages"));
      continue;
    }
    if (m.null_count > m.row_count) {
      problems.push_back(Concat("chunk ", m.chunk_id, " has more NULLs than rows"));
    }
    VerifyChunkStatistics(impl, *ref.chunk, ref.table_name, &problems);
  }
  impl.transactions->ReleaseWriteLock();
  return problems;
}

}  // namespace fluxdb
