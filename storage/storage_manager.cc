// StorageManager: opening a database (file or memory), catalog objects and transactions.
// Checkpoint and vacuum live in checkpoint.cc, introspection in storage_inspector.cc.
#include "storage/storage_manager.h"

#include <unistd.h>

#include <optional>
#include <set>

#include "storage/record_serializer.h"
#include "storage/row_group_collection.h"
#include "storage/storage_manager_impl.h"
#include "storage/transaction_undo.h"

namespace fluxdb {

namespace {

uint64_t DefaultMemoryLimit() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 1ull << 30;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size) / 4;
}

// Creates the two header pages of a new, empty database file.
Status InitializeFile(StorageManager::Impl& impl) {
  // A log left by an older database of the same name must never be replayed into this one. It
  // goes first: a crash before the headers are written then leaves no log naming a checkpoint
  // of the old database next to them (see CheckLogContinuesHeader).
  FLUX_RETURN_IF_ERROR(RemoveFile(WriteAheadLog::PathFor(impl.path)));
  DatabaseHeader h;
  h.page_size = impl.options.page_size;
  h.page_count = kFirstDataPage;
  auto page = std::make_unique<uint8_t[]>(h.page_size);
  Status s;
  for (uint64_t id = 0; id < 2 && s.ok(); id++) {
    h.checkpoint_id = id;
    WriteHeaderPage(h, page.get());
    s = impl.file->WriteAt(id * h.page_size, page.get(), h.page_size);
  }
  if (s.ok()) s = impl.file->Sync();
  if (!s.ok()) {
    // Back to an empty file, which the next open initializes again; a part of a header page
    // would make it "not a FluxDB database file" for good.
    (void)impl.file->Truncate(0);
    return s;
  }
  impl.header = h;
  return absl::OkStatus();
}

// A header slot is lost legitimately only while its checkpoint is being written, and then the
// log still continues the previous checkpoint. A log continuing a later checkpoint than the newest
// intact header means that header was damaged after its checkpoint completed: the older slot
// describes a state whose pages may since have been reused, and the log, stale against it, would
// be dropped. Opening would silently lose every commit since that older checkpoint.
Status CheckLogContinuesHeader(const StorageManager::Impl& impl) {
  FLUX_ASSIGN_OR_RETURN(std::optional<uint64_t> logged,
                        WriteAheadLog::ReadCheckpointId(WriteAheadLog::PathFor(impl.path)));
  if (!logged || *logged <= impl.header.checkpoint_id) return absl::OkStatus();
  return CorruptionError("header page ", HeaderSlot(*logged), " of file ", impl.path,
                         " is damaged: the write-ahead log continues checkpoint ", *logged,
                         ", the newest intact header is checkpoint ", impl.header.checkpoint_id,
                         ", and opening that would lose every commit since");
}

Status OpenFile(StorageManager::Impl& impl) {
  bool exists = FileExists(impl.path);
  if (impl.read_only && !exists) {
    return IOError("Cannot open database \"", impl.path,
                   "\" in read-only mode: database does not exist");
  }
  FLUX_ASSIGN_OR_RETURN(
      impl.file, FileHandle::Open(impl.path, impl.read_only ? FileHandle::Mode::kReadOnly
                                                            : FileHandle::Mode::kReadWriteCreate));
  FLUX_RETURN_IF_ERROR(impl.file->Lock(!impl.read_only));
  FLUX_ASSIGN_OR_RETURN(uint64_t size, impl.file->Size());
  if (size == 0 && !impl.read_only) {
    FLUX_RETURN_IF_ERROR(InitializeFile(impl));
  } else {
    FLUX_ASSIGN_OR_RETURN(impl.header, ReadDatabaseHeader(*impl.file));
    FLUX_RETURN_IF_ERROR(CheckLogContinuesHeader(impl));
  }
  uint32_t page_size = impl.header.page_size;
  FLUX_ASSIGN_OR_RETURN(size, impl.file->Size());
  uint64_t pages = size / page_size;
  if (pages < impl.header.page_count) {
    return CorruptionError("database file ", impl.path, " is truncated: the header counts ",
                           impl.header.page_count, " pages, the file holds ", pages);
  }
  if (!impl.read_only && size != impl.header.page_count * page_size) {
    // Pages written after the last checkpoint by a process that then crashed.
    FLUX_RETURN_IF_ERROR(impl.file->Truncate(impl.header.page_count * page_size));
  }
  impl.block_file = WrapBlockFile(std::make_unique<DiskBlockFile>(impl.file.get(), page_size));
  return absl::OkStatus();
}

Status LoadCatalog(StorageManager& manager) {
  StorageManager::Impl& impl = manager.impl();
  FLUX_RETURN_IF_ERROR(impl.catalog_heap->ForEach([&](RecordId id, std::string_view bytes) {
    FLUX_ASSIGN_OR_RETURN(CatalogRecord record, DeserializeCatalogRecord(bytes));
    uint32_t object_id = record.object_id;
    if (record.kind == CatalogRecordKind::kTable) {
      impl.tables[object_id] = std::make_shared<DataTable>(manager, record);
    }
    impl.records[object_id] = {std::move(record), id};
    return absl::OkStatus();
  }));
  std::map<uint32_t, std::vector<std::pair<RowGroupMetadata, RecordId>>> groups;
  std::map<uint32_t, std::vector<std::pair<ChunkMetadata, RecordId>>> chunks;
  FLUX_RETURN_IF_ERROR(impl.chunk_heap->ForEach([&](RecordId id, std::string_view bytes) {
    FLUX_ASSIGN_OR_RETURN(MetadataRecordTag tag, PeekMetadataTag(bytes));
    if (tag == MetadataRecordTag::kChunk) {
      FLUX_ASSIGN_OR_RETURN(ChunkMetadata chunk, DeserializeChunkMetadata(bytes));
      uint32_t table = chunk.table_id;
      chunks[table].emplace_back(std::move(chunk), id);
    } else {
      FLUX_ASSIGN_OR_RETURN(RowGroupMetadata group, DeserializeRowGroupMetadata(bytes));
      uint32_t table = group.table_id;
      groups[table].emplace_back(std::move(group), id);
    }
    return absl::OkStatus();
  }));
  std::set<uint32_t> table_ids;
  for (auto& [id, g] : groups) table_ids.insert(id);
  for (auto& [id, c] : chunks) table_ids.insert(id);
  for (uint32_t id : table_ids) {
    auto it = impl.tables.find(id);
    if (it == impl.tables.end()) {
      return CorruptionError("the chunk-metadata heap refers to table ", id,
                             ", which the catalog does not have");
    }
    FLUX_RETURN_IF_ERROR(
        it->second->row_groups().Load(std::move(groups[id]), std::move(chunks[id])));
  }
  return absl::OkStatus();
}

Status ApplyLoggedTransaction(StorageManager& manager, const std::vector<WalRecord>& records) {
  std::unique_ptr<Transaction> txn = manager.BeginTransaction();
  for (const WalRecord& record : records) {
    BinaryReader r(record.payload);
    switch (record.type) {
      case WalRecordType::kCreate: {
        FLUX_ASSIGN_OR_RETURN(CatalogRecord rec, DeserializeCatalogRecord(record.payload));
        FLUX_RETURN_IF_ERROR(manager.CreateObject(*txn, rec));
        break;
      }
      case WalRecordType::kUpdate: {
        FLUX_ASSIGN_OR_RETURN(CatalogRecord rec, DeserializeCatalogRecord(record.payload));
        FLUX_RETURN_IF_ERROR(manager.UpdateObject(*txn, rec));
        break;
      }
      case WalRecordType::kRewrite: {
        FLUX_ASSIGN_OR_RETURN(CatalogRecord rec, DeserializeCatalogRecord(record.payload));
        TableRewrite rewrite;
        rewrite.start_empty = true;
        FLUX_RETURN_IF_ERROR(manager.UpdateObject(*txn, rec, &rewrite));
        break;
      }
      case WalRecordType::kDrop:
        FLUX_RETURN_IF_ERROR(manager.DropObject(*txn, r.ReadU32()));
        break;
      case WalRecordType::kAppend: {
        DataTable* table = manager.GetTable(r.ReadU32());
        if (table == nullptr) return CorruptionError("WAL APPEND to an unknown table");
        DataChunk chunk;
        FLUX_RETURN_IF_ERROR(ReadRows(r, table->types(), &chunk));
        FLUX_RETURN_IF_ERROR(table->Append(*txn, chunk));
        break;
      }
      case WalRecordType::kDelete: {
        DataTable* table = manager.GetTable(r.ReadU32());
        uint32_t count = r.ReadU32();
        if (table == nullptr || !r.ok() || r.remaining() != count * 8ull) {
          return CorruptionError("malformed WAL DELETE record");
        }
        std::vector<int64_t> ids(count);
        for (auto& id : ids) id = r.Read<int64_t>();
        FLUX_ASSIGN_OR_RETURN(idx_t deleted, table->Delete(*txn, ids.data(), count));
        if (deleted != count) return CorruptionError("WAL DELETE of rows that do not exist");
        break;
      }
      case WalRecordType::kCommit: {
        r.ReadU64();  // commit timestamp (informational)
        uint64_t next_object = r.ReadU64();
        uint64_t current = manager.impl().next_object_id.load();
        if (next_object > current) manager.impl().next_object_id.store(next_object);
        break;
      }
    }
  }
  return manager.Commit(*txn);
}

Status ReplayLog(StorageManager& manager) {
  StorageManager::Impl& impl = manager.impl();
  FLUX_ASSIGN_OR_RETURN(impl.wal,
                        WriteAheadLog::Open(WriteAheadLog::PathFor(impl.path), impl.read_only));
  impl.replaying = true;
  Status s = impl.wal->Replay(impl.header.checkpoint_id, [&](const std::vector<WalRecord>& recs) {
    return ApplyLoggedTransaction(manager, recs);
  });
  impl.replaying = false;
  if (!s.ok()) {
    return CorruptionError("replaying the write-ahead log of ", impl.path,
                           " failed: ", s.message());
  }
  return impl.wal->Prepare(impl.header.checkpoint_id);
}

// Writes the WAL records of a committing transaction, in an order replay can follow:
//   catalog creations and updates in the order they were made, where an update that rewrote a
//   table (new columns) is preceded by the rows appended to and deleted from the version it
//   replaced; then the rows appended to and deleted from every other table; then drops; then
//   the COMMIT record.
// Large transactions go out in pieces; a failure cuts the log back to where the transaction
// started, so that its records can never be mistaken for part of a later transaction.
Status LogTransaction(StorageManager::Impl& impl, const TransactionUndo& undo, uint64_t ts) {
  constexpr size_t kFlushBytes = 8 << 20;
  WriteAheadLog& wal = *impl.wal;
  uint64_t start = wal.size();
  Status status;
  std::string out;
  std::string payload;
  auto flush = [&](bool last) {
    if (!status.ok() || (!last && out.size() < kFlushBytes)) return;
    status = wal.Append(out, last && impl.options.sync_on_commit);
    out.clear();
  };
  auto log_rows = [&](const TableChanges& t) {
    RowGroupCollection& rows = t.table->row_groups();
    if (t.append_start != kInvalidIndex) {
      rows.ReadRows(std::max(t.append_start, t.log_from), rows.end(), [&](const DataChunk& chunk) {
        payload.clear();
        BinaryWriter w(&payload);
        w.WriteU32(t.table_id);
        WriteRows(w, chunk);
        WriteAheadLog::AddRecord(&out, WalRecordType::kAppend, payload);
        flush(false);
      });
    }
    if (!t.deleted.empty()) {
      payload.clear();
      BinaryWriter w(&payload);
      w.WriteU32(t.table_id);
      w.WriteU32(static_cast<uint32_t>(t.deleted.size()));
      for (int64_t id : t.deleted) w.Write<int64_t>(id);
      WriteAheadLog::AddRecord(&out, WalRecordType::kDelete, payload);
    }
  };
  std::set<uint32_t> dropped;
  for (const CatalogChange& change : undo.catalog) {
    if (change.kind == CatalogChange::Kind::kDrop) {
      dropped.insert(change.record.object_id);
      continue;
    }
    if (change.replaced_table != nullptr) {
      const TableChanges* before = undo.FindTable(change.replaced_table.get());
      if (before != nullptr) log_rows(*before);
    }
    WalRecordType type = change.kind == CatalogChange::Kind::kCreate ? WalRecordType::kCreate
                         : change.logged_rewrite                     ? WalRecordType::kRewrite
                                                                     : WalRecordType::kUpdate;
    WriteAheadLog::AddRecord(&out, type, SerializeCatalogRecord(change.record));
  }
  for (const TableChanges& t : undo.tables) {
    if (dropped.contains(t.table_id) || undo.Superseded(t.table)) continue;
    log_rows(t);
  }
  for (const CatalogChange& change : undo.catalog) {
    if (change.kind != CatalogChange::Kind::kDrop) continue;
    payload.clear();
    BinaryWriter w(&payload);
    w.WriteU32(change.record.object_id);
    WriteAheadLog::AddRecord(&out, WalRecordType::kDrop, payload);
  }
  payload.clear();
  BinaryWriter w(&payload);
  w.WriteU64(ts);
  w.WriteU64(impl.next_object_id.load());
  WriteAheadLog::AddRecord(&out, WalRecordType::kCommit, payload);
  flush(true);
  if (!status.ok()) (void)wal.TruncateTo(start);
  return status;
}

}  // namespace

StorageManager::StorageManager(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

StatusOr<std::unique_ptr<StorageManager>> StorageManager::Open(const std::string& path,
                                                               const StorageOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->in_memory = path.empty() || path == ":memory:";
  impl->read_only = options.read_only && !impl->in_memory;
  if (!IsValidPageSize(options.page_size)) {
    return InvalidInputError("page size ", options.page_size,
                             " is not a power of two between 4 KiB and 1 MiB");
  }
  uint64_t memory_limit = options.memory_limit == 0 ? DefaultMemoryLimit() : options.memory_limit;
  if (impl->in_memory) {
    impl->header.page_size = options.page_size;
  } else {
    FLUX_RETURN_IF_ERROR(OpenFile(*impl));
  }
  uint32_t page_size = impl->header.page_size;
  impl->cache = std::make_unique<BufferCache>(impl->block_file.get(), page_size, memory_limit);
  impl->allocator = std::make_unique<PageAllocator>(impl->cache.get());
  impl->catalog_heap = std::make_unique<MetadataHeap>(PageKind::kCatalogHeap, page_size);
  impl->chunk_heap = std::make_unique<MetadataHeap>(PageKind::kChunkHeap, page_size);
  if (impl->in_memory) {
    impl->allocator->InitEmpty();
  } else {
    FLUX_RETURN_IF_ERROR(impl->allocator->Load(impl->header));
    FLUX_RETURN_IF_ERROR(impl->catalog_heap->Load(*impl->cache, impl->header.catalog_heap_root));
    FLUX_RETURN_IF_ERROR(impl->chunk_heap->Load(*impl->cache, impl->header.chunk_heap_root));
  }
  impl->next_object_id.store(std::max<uint64_t>(impl->header.next_object_id, 1));
  impl->next_chunk_id.store(std::max<uint64_t>(impl->header.next_chunk_id, 1));
  impl->context.cache = impl->cache.get();
  impl->context.allocator = impl->allocator.get();
  impl->context.next_chunk_id = &impl->next_chunk_id;
  // Deletes loaded from the file carry stamp 1, so every snapshot starts at 1 or later.
  impl->transactions = std::make_unique<TransactionManager>(
      std::max<uint64_t>(impl->header.last_commit, kLoadedDeleteStamp));

  auto manager = std::unique_ptr<StorageManager>(new StorageManager(std::move(impl)));
  FLUX_RETURN_IF_ERROR(LoadCatalog(*manager));
  if (!manager->in_memory()) FLUX_RETURN_IF_ERROR(ReplayLog(*manager));
  return manager;
}

StorageManager::~StorageManager() {
  // Transactions still open lose their changes; they must not call back into this object when
  // they are destroyed later.
  for (Transaction* txn : impl_->transactions->ActiveTransactions()) {
    Rollback(*txn);
    txn->undo().storage = nullptr;
  }
  if (!impl_->in_memory && !impl_->read_only && !impl_->checkpoint_failed) {
    if (impl_->transactions->AcquireExclusive().ok()) {
      (void)impl_->CheckpointLocked();
      impl_->transactions->ReleaseWriteLock();
    }
  }
}

bool StorageManager::in_memory() const { return impl_->in_memory; }
bool StorageManager::read_only() const { return impl_->read_only && !impl_->replaying; }
const std::string& StorageManager::path() const { return impl_->path; }

std::vector<CatalogRecord> StorageManager::LoadedRecords() const {
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  std::vector<CatalogRecord> out;
  for (const auto& [id, entry] : impl_->records) out.push_back(entry.record);
  return out;
}

uint32_t StorageManager::NextObjectId() {
  return static_cast<uint32_t>(impl_->next_object_id.fetch_add(1));
}

namespace {

// The current record of an object as `txn` sees it: its own uncommitted changes first.
const CatalogRecord* FindRecord(StorageManager::Impl& impl, const Transaction& txn,
                                uint32_t object_id) {
  const auto& changes = txn.undo().catalog;
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    if (it->record.object_id != object_id) continue;
    return it->kind == CatalogChange::Kind::kDrop ? nullptr : &it->record;
  }
  auto it = impl.records.find(object_id);
  return it == impl.records.end() ? nullptr : &it->second.record;
}

Status CheckWritable(const StorageManager& manager) {
  if (manager.read_only()) {
    return InvalidInputError("Cannot write to database \"", manager.path(),
                             "\": it is opened in read-only mode");
  }
  return absl::OkStatus();
}

}  // namespace

Status StorageManager::CreateObject(Transaction& txn, const CatalogRecord& record) {
  FLUX_RETURN_IF_ERROR(CheckWritable(*this));
  FLUX_RETURN_IF_ERROR(impl_->transactions->AcquireWriteLock(txn));
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  if (impl_->records.contains(record.object_id) || impl_->tables.contains(record.object_id)) {
    return InternalError("catalog object id ", record.object_id, " is already in use");
  }
  if (record.kind == CatalogRecordKind::kTable) {
    impl_->tables[record.object_id] = std::make_shared<DataTable>(*this, record);
  }
  uint64_t next = impl_->next_object_id.load();
  while (record.object_id >= next &&
         !impl_->next_object_id.compare_exchange_weak(next, uint64_t{record.object_id} + 1)) {
  }
  txn.undo().catalog.push_back({CatalogChange::Kind::kCreate, record, {}});
  return absl::OkStatus();
}

namespace {

// Copies the rows `txn` sees of `from` into `to` (a new version of the table with other columns):
// columns are matched by name, new columns are NULL, dropped columns disappear, and columns with
// a function in `rewrite` are computed from the old rows.
Status RewriteTable(Transaction& txn, DataTable& from, DataTable& to, const TableRewrite* rewrite) {
  const CatalogRecord& old_record = from.record();
  const CatalogRecord& new_record = to.record();
  auto computed = [&](size_t c) {
    return rewrite != nullptr && c < rewrite->columns.size() && rewrite->columns[c] != nullptr;
  };
  bool any_computed = false;
  for (size_t c = 0; c < new_record.columns.size(); c++) any_computed |= computed(c);
  std::vector<uint32_t> sources;
  std::vector<int64_t> source_of(new_record.columns.size(), -1);
  if (any_computed) {
    // The functions read every old column; copied columns come from the same chunk.
    for (uint32_t o = 0; o < old_record.columns.size(); o++) sources.push_back(o);
  }
  for (size_t c = 0; c < new_record.columns.size(); c++) {
    if (computed(c)) continue;
    for (size_t o = 0; o < old_record.columns.size(); o++) {
      if (old_record.columns[o].name != new_record.columns[c].name) continue;
      if (old_record.columns[o].type != new_record.columns[c].type) {
        return NotImplementedError("changing the type of column \"", new_record.columns[c].name,
                                   "\" needs a cast, which the storage layer does not do");
      }
      if (any_computed) {
        source_of[c] = static_cast<int64_t>(o);
      } else {
        source_of[c] = static_cast<int64_t>(sources.size());
        sources.push_back(static_cast<uint32_t>(o));
      }
    }
  }
  TableScanState state;
  from.InitializeScan(txn, state, sources.empty() ? std::vector<uint32_t>{kRowIdColumn} : sources,
                      nullptr);
  DataChunk in;
  for (;;) {
    FLUX_ASSIGN_OR_RETURN(bool more, from.Scan(state, in));
    if (!more) break;
    DataChunk out;
    for (size_t c = 0; c < new_record.columns.size(); c++) {
      if (computed(c)) {
        Vector v(new_record.columns[c].type);
        FLUX_RETURN_IF_ERROR(rewrite->columns[c](in, v));
        out.AddColumn(std::move(v));
      } else if (source_of[c] < 0) {
        out.AddColumn(Vector(Value(new_record.columns[c].type)));
      } else {
        Vector v;
        v.Reference(in.column(source_of[c]));
        out.AddColumn(std::move(v));
      }
    }
    out.SetCardinality(in.size());
    FLUX_RETURN_IF_ERROR(to.Append(txn, out));
  }
  return absl::OkStatus();
}

}  // namespace

Status StorageManager::UpdateObject(Transaction& txn, const CatalogRecord& record,
                                    const TableRewrite* rewrite) {
  FLUX_RETURN_IF_ERROR(CheckWritable(*this));
  FLUX_RETURN_IF_ERROR(impl_->transactions->AcquireWriteLock(txn));
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  const CatalogRecord* current = FindRecord(*impl_, txn, record.object_id);
  if (current == nullptr) {
    return InternalError("update of catalog object ", record.object_id, ", which does not exist");
  }
  CatalogChange change{CatalogChange::Kind::kUpdate, record, *current};
  auto it = impl_->tables.find(record.object_id);
  if (record.kind == CatalogRecordKind::kTable && it != impl_->tables.end()) {
    const CatalogRecord& previous = change.previous;
    bool same_layout = record.columns.size() == previous.columns.size();
    for (size_t c = 0; same_layout && c < record.columns.size(); c++) {
      same_layout = record.columns[c].type == previous.columns[c].type;
    }
    if (same_layout && rewrite == nullptr) {
      // Renames, defaults, constraints: the data stays as it is.
      it->second->set_record(record);
    } else {
      // Other columns: a new version of the table holding the rows this transaction sees. It
      // must see all of them: a commit after its snapshot would be lost.
      std::shared_ptr<DataTable> old_table = it->second;
      uint64_t changed = old_table->row_groups().last_change();
      if (changed > txn.start_timestamp()) {
        return TransactionError("Conflict: table \"", previous.name,
                                "\" was changed by a transaction that committed after this one "
                                "started");
      }
      auto new_table = std::make_shared<DataTable>(*this, record);
      Status rewritten = rewrite != nullptr && rewrite->start_empty
                             ? absl::OkStatus()
                             : RewriteTable(txn, *old_table, *new_table, rewrite);
      if (!rewritten.ok()) {
        auto& tables = txn.undo().tables;
        std::erase_if(tables, [&](const TableChanges& t) { return t.table == new_table.get(); });
        return rewritten;
      }
      // Computed values may not come out the same twice (random(), nextval()): such a rewrite
      // logs its rows; a copy by name is made again by replay.
      change.logged_rewrite = rewrite != nullptr;
      txn.undo().ForTable(new_table.get(), record.object_id).log_from =
          change.logged_rewrite ? 0 : new_table->row_groups().end();
      change.replaced_table = old_table;
      change.new_table = new_table.get();
      it->second = std::move(new_table);
    }
  }
  txn.undo().catalog.push_back(std::move(change));
  return absl::OkStatus();
}

Status StorageManager::DropObject(Transaction& txn, uint32_t object_id) {
  FLUX_RETURN_IF_ERROR(CheckWritable(*this));
  FLUX_RETURN_IF_ERROR(impl_->transactions->AcquireWriteLock(txn));
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  const CatalogRecord* current = FindRecord(*impl_, txn, object_id);
  if (current == nullptr) {
    return InternalError("drop of catalog object ", object_id, ", which does not exist");
  }
  CatalogRecord record = *current;
  txn.undo().catalog.push_back({CatalogChange::Kind::kDrop, std::move(record), {}});
  return absl::OkStatus();
}

void StorageManager::SetCacheCapacity(uint64_t bytes) {
  impl_->cache->SetCapacity(bytes == 0 ? DefaultMemoryLimit() : bytes);
}

DataTable* StorageManager::GetTable(uint32_t table_id) {
  std::lock_guard<std::mutex> lock(impl_->catalog_mu);
  auto it = impl_->tables.find(table_id);
  return it == impl_->tables.end() ? nullptr : it->second.get();
}

std::unique_ptr<Transaction> StorageManager::BeginTransaction() {
  return impl_->transactions->Begin(this);
}

Status StorageManager::Commit(Transaction& txn) {
  TransactionUndo& undo = txn.undo();
  if (!undo.active) return absl::OkStatus();
  TransactionManager& tm = *impl_->transactions;
  if (!txn.is_writer()) {
    tm.End(txn);
    undo.active = false;
    return absl::OkStatus();
  }
  uint64_t ts = tm.last_commit() + 1;
  if (!impl_->in_memory && !impl_->replaying) {
    Status s =
        impl_->header_in_doubt ? HeaderInDoubtError(impl_->path) : LogTransaction(*impl_, undo, ts);
    if (!s.ok()) {
      Rollback(txn);
      return s;
    }
  }
  std::set<uint32_t> dropped;
  for (const CatalogChange& change : undo.catalog) {
    if (change.kind == CatalogChange::Kind::kDrop) dropped.insert(change.record.object_id);
  }
  uint64_t oldest = tm.OldestSnapshot();
  for (const TableChanges& t : undo.tables) {
    if (dropped.contains(t.table_id) || undo.Superseded(t.table)) continue;
    RowGroupCollection& rows = t.table->row_groups();
    if (t.append_start != kInvalidIndex) rows.CommitAppend(ts, oldest);
    for (int64_t id : t.deleted) rows.CommitDelete(id, ts);
    if (t.append_start != kInvalidIndex || !t.deleted.empty()) rows.set_last_change(ts);
  }
  {
    std::lock_guard<std::mutex> lock(impl_->catalog_mu);
    for (const CatalogChange& change : undo.catalog) {
      uint32_t id = change.record.object_id;
      std::string bytes = SerializeCatalogRecord(change.record);
      switch (change.kind) {
        case CatalogChange::Kind::kCreate:
          impl_->records[id] = {change.record, impl_->catalog_heap->Insert(bytes)};
          break;
        case CatalogChange::Kind::kUpdate: {
          auto& entry = impl_->records[id];
          entry.record = change.record;
          impl_->catalog_heap->Update(&entry.heap_record, bytes);
          if (change.replaced_table != nullptr) {
            // The version before the rewrite stays readable for older snapshots.
            change.replaced_table->row_groups().Drop(*impl_->chunk_heap);
            impl_->graveyard.push_back({change.replaced_table, ts});
            change.new_table->row_groups().set_last_change(ts);
          }
          break;
        }
        case CatalogChange::Kind::kDrop: {
          auto it = impl_->records.find(id);
          if (it != impl_->records.end()) {
            impl_->catalog_heap->Delete(it->second.heap_record);
            impl_->records.erase(it);
          }
          auto table = impl_->tables.find(id);
          if (table != impl_->tables.end()) {
            table->second->row_groups().Drop(*impl_->chunk_heap);
            impl_->graveyard.push_back({std::move(table->second), ts});
            impl_->tables.erase(table);
          }
          break;
        }
      }
    }
  }
  tm.Publish(ts);
  tm.End(txn);
  undo.active = false;
  impl_->dirty = true;

  // Still under the write lock: seal full row groups, checkpoint when the log is long.
  if (!impl_->read_only) {
    for (const TableChanges& t : undo.tables) {
      if (dropped.contains(t.table_id) || undo.Superseded(t.table) ||
          t.append_start == kInvalidIndex) {
        continue;
      }
      // A failure leaves the rows in memory (and in the log); the checkpoint retries.
      (void)t.table->row_groups().SealFullRowGroups(*impl_->chunk_heap);
    }
  }
  if (!impl_->in_memory && !impl_->read_only && !impl_->replaying &&
      impl_->wal->size() > impl_->options.checkpoint_threshold) {
    (void)impl_->CheckpointLocked();
  }
  // Table versions the transaction replaced must not outlive it through its undo records.
  undo.tables.clear();
  undo.catalog.clear();
  impl_->CollectGarbage();
  tm.ReleaseWriteLock();
  return absl::OkStatus();
}

namespace {

// Undoes the catalog changes from `first` on, newest first. Drops need nothing: they only take
// effect at commit.
void RevertCatalogChanges(StorageManager::Impl& impl, TransactionUndo& undo, size_t first) {
  std::lock_guard<std::mutex> lock(impl.catalog_mu);
  for (size_t i = undo.catalog.size(); i-- > first;) {
    const CatalogChange& c = undo.catalog[i];
    uint32_t id = c.record.object_id;
    if (c.kind == CatalogChange::Kind::kCreate) {
      impl.tables.erase(id);
    } else if (c.kind == CatalogChange::Kind::kUpdate) {
      auto it = impl.tables.find(id);
      if (c.replaced_table != nullptr) {
        impl.tables[id] = c.replaced_table;
      } else if (it != impl.tables.end()) {
        it->second->set_record(c.previous);
      }
    }
  }
  undo.catalog.erase(undo.catalog.begin() + static_cast<std::ptrdiff_t>(first), undo.catalog.end());
}

// Undoes every row change of the tables from `first` on (tables first changed after a
// savepoint), newest first, and forgets them.
void RevertTableChanges(TransactionUndo& undo, size_t first) {
  for (size_t i = undo.tables.size(); i-- > first;) {
    const TableChanges& t = undo.tables[i];
    RowGroupCollection& rows = t.table->row_groups();
    for (auto id = t.deleted.rbegin(); id != t.deleted.rend(); ++id) rows.RollbackDelete(*id);
    if (t.append_start != kInvalidIndex) rows.RevertAppend(t.append_start);
  }
  undo.tables.erase(undo.tables.begin() + static_cast<std::ptrdiff_t>(first), undo.tables.end());
}

}  // namespace

void StorageManager::RollbackToSavepoint(Transaction& txn, const TransactionSavepoint& savepoint) {
  TransactionUndo& undo = txn.undo();
  if (!undo.active || !txn.is_writer()) return;
  // Row changes before catalog changes: a table created or rewritten after the savepoint is
  // still reachable from its TableChanges until the catalog undo lets go of it.
  size_t kept_tables = std::min(savepoint.tables.size(), undo.tables.size());
  RevertTableChanges(undo, kept_tables);
  for (size_t i = kept_tables; i-- > 0;) {
    TableChanges& t = undo.tables[i];
    const TransactionSavepoint::TableMark& mark = savepoint.tables[i];
    RowGroupCollection& rows = t.table->row_groups();
    for (size_t d = t.deleted.size(); d-- > mark.deleted;) rows.RollbackDelete(t.deleted[d]);
    t.deleted.resize(std::min(t.deleted.size(), mark.deleted));
    if (rows.end() > mark.end) rows.RevertAppend(mark.end);
    t.append_start = mark.append_start;
  }
  RevertCatalogChanges(*impl_, undo, std::min(savepoint.catalog_changes, undo.catalog.size()));
  if (!savepoint.writer && undo.tables.empty() && undo.catalog.empty()) {
    // The failed statement was the transaction's first write: it leaves no trace, not even the
    // lock that would keep other writers waiting until this transaction ends.
    txn.clear_writer();
    impl_->transactions->ReleaseWriteLock();
  }
}

void StorageManager::Rollback(Transaction& txn) {
  TransactionUndo& undo = txn.undo();
  if (!undo.active) return;
  if (txn.is_writer()) {
    RevertTableChanges(undo, 0);
    RevertCatalogChanges(*impl_, undo, 0);
  }
  undo.tables.clear();
  undo.catalog.clear();
  impl_->transactions->End(txn);
  undo.active = false;
  if (txn.is_writer()) impl_->transactions->ReleaseWriteLock();
}

}  // namespace fluxdb
