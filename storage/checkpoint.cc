// Checkpoint: writes everything committed into the database file and empties the WAL.
//
// Order (shadow paging, so that a crash at any point leaves the last checkpoint intact):
//   1. seal every row group with rows not yet in chunks (new data pages; a partially filled
//      last group is rewritten whole and its old pages freed);
//   2. bring the chunk-metadata records up to date and write both heaps' changed pages to newly
//      allocated pages (the current header's heap pages stay untouched);
//   3. write the new free list on pages free in the current header;
//   4. write every dirty page and fsync;
//   5. write the header (the other header slot) and fsync: the switch;
//   6. only now make the pages the old header referenced reusable, and truncate the WAL.
#include "storage/row_group_collection.h"
#include "storage/storage_manager_impl.h"

namespace fluxdb {

Status HeaderInDoubtError(const std::string& path) {
  return IOError("Cannot write to database \"", path,
                 "\": a checkpoint failed writing the file header, which may have reached the "
                 "disk all the same; reopen the database");
}

void StorageManager::Impl::CollectGarbage() {
  std::vector<std::shared_ptr<DataTable>> dead;
  {
    std::lock_guard<std::mutex> lock(catalog_mu);
    if (graveyard.empty()) return;
    uint64_t oldest = transactions->OldestSnapshot();
    for (size_t i = 0; i < graveyard.size();) {
      if (graveyard[i].drop_timestamp <= oldest) {
        dead.push_back(std::move(graveyard[i].table));
        graveyard.erase(graveyard.begin() + i);
      } else {
        i++;
      }
    }
  }
  // Destroying the tables frees their (obsolete) chunks' pages.
  dead.clear();
}

Status StorageManager::Impl::CheckpointLocked() {
  if (in_memory || read_only) return absl::OkStatus();
  if (header_in_doubt) return HeaderInDoubtError(path);
  CollectGarbage();
  if (!dirty && graveyard.empty()) return absl::OkStatus();
  std::vector<DataTable*> live;
  std::vector<uint64_t> reserved;
  {
    std::lock_guard<std::mutex> lock(catalog_mu);
    for (auto& [id, table] : tables) live.push_back(table.get());
    for (auto& dropped : graveyard) {
      for (auto& chunk : dropped.table->row_groups().AllChunks()) {
        for (const PageRun& run : chunk->metadata().pages) {
          for (uint64_t p = run.first; p < run.first + run.count; p++) reserved.push_back(p);
        }
      }
    }
  }
  Status s;
  for (DataTable* table : live) {
    s = table->row_groups().Checkpoint(*chunk_heap);
    if (!s.ok()) return s;
  }
  FLUX_ASSIGN_OR_RETURN(uint64_t chunk_root, chunk_heap->Flush(*allocator, *cache));
  FLUX_ASSIGN_OR_RETURN(uint64_t catalog_root, catalog_heap->Flush(*allocator, *cache));
  StatusOr<PageAllocator::FreeListRoot> free_list = allocator->WriteFreeList(reserved);
  if (!free_list.ok()) {
    allocator->AbortCheckpoint();
    return free_list.status();
  }
  DatabaseHeader next = header;
  next.checkpoint_id = header.checkpoint_id + 1;
  next.page_count = allocator->page_count();
  next.free_list_head = free_list->head;
  next.free_page_count = free_list->free_pages;
  next.catalog_heap_root = catalog_root;
  next.chunk_heap_root = chunk_root;
  next.next_object_id = next_object_id.load();
  next.next_chunk_id = next_chunk_id.load();
  next.last_commit = transactions->last_commit();

  s = cache->Flush();
  // Pages past the last one written (all free) still have to exist in the file.
  if (s.ok()) s = block_file->Truncate(next.page_count);
  if (s.ok()) s = block_file->Sync();
  if (s.ok()) {
    auto page = std::make_unique<uint8_t[]>(next.page_size);
    WriteHeaderPage(next, page.get());
    s = block_file->WritePage(HeaderSlot(next.checkpoint_id), page.get());
    if (s.ok()) s = block_file->Sync();
    // A failed write may have landed whole or enough of it (the rest of a header page is zero),
    // a failed fsync usually has: the next open may find this header.
    header_in_doubt = !s.ok();
  }
  if (!s.ok()) {
    // Whether the header reached the disk is unknown: stop writing to this file.
    allocator->AbortCheckpoint();
    checkpoint_failed = true;
    return s;
  }
  allocator->CommitCheckpoint();
  {
    std::lock_guard<std::mutex> lock(header_mu);
    header = next;
  }
  dirty = false;
  return wal->Reset(header.checkpoint_id);
}

Status StorageManager::Checkpoint() {
  if (impl_->in_memory || impl_->read_only) return absl::OkStatus();
  if (impl_->checkpoint_failed) {
    return IOError("Cannot checkpoint \"", impl_->path, "\": an earlier checkpoint failed");
  }
  FLUX_RETURN_IF_ERROR(impl_->transactions->AcquireExclusive());
  Status s = impl_->CheckpointLocked();
  impl_->transactions->ReleaseWriteLock();
  return s;
}

Status StorageManager::SetForceCompression(std::string_view encoding) {
  if (encoding.empty() || encoding == "auto" || encoding == "AUTO") {
    impl_->context.forced_encoding.store(-1);
    return absl::OkStatus();
  }
  std::optional<compression::Encoding> e = compression::EncodingFromName(encoding);
  if (!e) {
    return InvalidInputError("unknown compression \"", encoding,
                             "\": expected auto, plain, constant, rle, dictionary or bitpacking");
  }
  impl_->context.forced_encoding.store(static_cast<int>(*e));
  return absl::OkStatus();
}

Status StorageManager::Vacuum(uint32_t table_id, double threshold) {
  if (impl_->read_only) {
    return InvalidInputError("Cannot vacuum database \"", impl_->path,
                             "\": it is opened in read-only mode");
  }
  FLUX_RETURN_IF_ERROR(impl_->transactions->AcquireExclusive());
  // Vacuum renumbers rows, so the WAL must not hold row ids from before it: checkpoint first
  // and again right after, while no transaction can write in between.
  Status s = impl_->CheckpointLocked();
  std::vector<DataTable*> targets;
  {
    std::lock_guard<std::mutex> lock(impl_->catalog_mu);
    for (auto& [id, table] : impl_->tables) {
      if (table_id == 0 || id == table_id) targets.push_back(table.get());
    }
  }
  uint64_t oldest = impl_->transactions->OldestSnapshot();
  idx_t rewritten = 0;
  for (DataTable* table : targets) {
    if (!s.ok()) break;
    // In memory nothing was sealed by a checkpoint; seal here so every group is in chunks.
    s = table->row_groups().Checkpoint(*impl_->chunk_heap);
    if (!s.ok()) break;
    StatusOr<idx_t> n = table->row_groups().Vacuum(threshold, oldest, *impl_->chunk_heap);
    if (!n.ok()) {
      s = n.status();
    } else {
      rewritten += *n;
    }
    impl_->dirty = true;
  }
  if (s.ok() && rewritten > 0) s = impl_->CheckpointLocked();
  impl_->transactions->ReleaseWriteLock();
  return s;
}

}  // namespace fluxdb
