#include "catalog/catalog.h"

#include <mutex>

#include "catalog/name_suggestion.h"
#include "storage/storage_manager.h"

namespace fluxdb {

Catalog::Catalog(StorageManager& storage) : storage_(storage) {
  CatalogRecord main_schema;
  main_schema.kind = CatalogRecordKind::kSchema;
  main_schema.name = kDefaultSchema;
  main_schema.schema_name = kDefaultSchema;
  schemas_[kDefaultSchema] = main_schema;
}

Catalog::~Catalog() = default;

Catalog::Key Catalog::MakeKey(std::string_view schema, std::string_view name) const {
  return {NormalizeName(schema.empty() ? kDefaultSchema : schema), NormalizeName(name)};
}

StatusOr<std::unique_ptr<CatalogEntry>> Catalog::MakeEntry(CatalogEntryKind kind,
                                                           CatalogRecord record) {
  switch (kind) {
    case CatalogEntryKind::kTable: {
      DataTable* table = storage_.GetTable(record.object_id);
      if (table == nullptr) {
        return InternalError("storage has no data for table ", record.name);
      }
      return std::unique_ptr<CatalogEntry>(std::make_unique<TableEntry>(std::move(record), table));
    }
    case CatalogEntryKind::kView:
      return std::unique_ptr<CatalogEntry>(std::make_unique<ViewEntry>(std::move(record)));
    case CatalogEntryKind::kIndex:
      return std::unique_ptr<CatalogEntry>(std::make_unique<IndexEntry>(std::move(record)));
    case CatalogEntryKind::kSchema:
    case CatalogEntryKind::kSequence:
      break;
  }
  return InternalError("schemas and sequences are not entries of the relation map");
}

Status Catalog::Load() {
  std::unique_lock lock(mutex_);
  for (auto& record : storage_.LoadedRecords()) {
    switch (record.kind) {
      case CatalogRecordKind::kSchema:
        schemas_[NormalizeName(record.name)] = record;
        break;
      case CatalogRecordKind::kTable: {
        FLUX_ASSIGN_OR_RETURN(auto entry, MakeEntry(CatalogEntryKind::kTable, record));
        AddEntryLocked(std::move(entry));
        break;
      }
      case CatalogRecordKind::kView: {
        FLUX_ASSIGN_OR_RETURN(auto entry, MakeEntry(CatalogEntryKind::kView, record));
        AddEntryLocked(std::move(entry));
        break;
      }
      case CatalogRecordKind::kIndex: {
        FLUX_ASSIGN_OR_RETURN(auto entry, MakeEntry(CatalogEntryKind::kIndex, record));
        AddEntryLocked(std::move(entry));
        break;
      }
      case CatalogRecordKind::kSequence: {
        Key key = MakeKey(record.schema_name, record.name);
        sequences_[key] = MakeSequenceLocked(record);
        break;
      }
    }
  }
  return Status();
}

void Catalog::AddEntryLocked(std::unique_ptr<CatalogEntry> entry) {
  Key key = MakeKey(entry->schema_name(), entry->name());
  entries_[key] = std::move(entry);
}

std::unique_ptr<CatalogEntry> Catalog::RemoveEntryLocked(const Key& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  auto entry = std::move(it->second);
  entries_.erase(it);
  return entry;
}

CatalogEntry* Catalog::FindEntry(std::string_view schema, std::string_view name) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(MakeKey(schema, name));
  return it == entries_.end() ? nullptr : it->second.get();
}

TableEntry* Catalog::FindTable(std::string_view schema, std::string_view name) const {
  CatalogEntry* entry = FindEntry(schema, name);
  if (entry == nullptr || entry->kind() != CatalogEntryKind::kTable) return nullptr;
  return static_cast<TableEntry*>(entry);
}

TableEntry* Catalog::FindTableById(uint32_t object_id) const {
  std::shared_lock lock(mutex_);
  for (const auto& [key, entry] : entries_) {
    if (entry->kind() == CatalogEntryKind::kTable && entry->object_id() == object_id) {
      return static_cast<TableEntry*>(entry.get());
    }
  }
  return nullptr;
}

StatusOr<TableEntry*> Catalog::GetTable(std::string_view schema, std::string_view name) const {
  if (TableEntry* table = FindTable(schema, name)) return table;
  std::string suggestion = ClosestName(name, RelationNames());
  std::string message = Concat("Table with name ", name, " does not exist!");
  if (!suggestion.empty()) message = Concat(message, "\nDid you mean \"", suggestion, "\"?");
  return CatalogError(message);
}

bool Catalog::SchemaExists(std::string_view schema) const {
  std::shared_lock lock(mutex_);
  return schemas_.contains(NormalizeName(schema.empty() ? kDefaultSchema : schema));
}

std::vector<CatalogEntry*> Catalog::Entries(CatalogEntryKind kind) const {
  std::shared_lock lock(mutex_);
  std::vector<CatalogEntry*> result;
  for (const auto& [key, entry] : entries_) {
    if (entry->kind() == kind) result.push_back(entry.get());
  }
  return result;
}

std::vector<std::string> Catalog::RelationNames() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [key, entry] : entries_) {
    if (entry->kind() != CatalogEntryKind::kIndex) names.push_back(entry->name());
  }
  return names;
}

void Catalog::AddUndo(const Transaction& txn, std::function<void()> undo) {
  undo_[txn.transaction_id()].push_back(std::move(undo));
}

Status Catalog::Create(Transaction& txn, CatalogEntryKind kind, CatalogRecord record,
                       bool if_not_exists, bool or_replace) {
  if (record.schema_name.empty()) record.schema_name = kDefaultSchema;
  if (kind == CatalogEntryKind::kSchema) {
    std::string key = NormalizeName(record.name);
    {
      std::shared_lock lock(mutex_);
      if (schemas_.contains(key)) {
        if (if_not_exists) return Status();
        return CatalogError("Schema with name ", record.name, " already exists!");
      }
    }
    record.kind = CatalogRecordKind::kSchema;
    record.object_id = storage_.NextObjectId();
    FLUX_RETURN_IF_ERROR(storage_.CreateObject(txn, record));
    std::unique_lock lock(mutex_);
    schemas_[key] = record;
    AddUndo(txn, [this, key] { schemas_.erase(key); });
    return Status();
  }
  if (!SchemaExists(record.schema_name)) {
    return CatalogError("Schema with name ", record.schema_name, " does not exist!");
  }
  Key key = MakeKey(record.schema_name, record.name);
  if (CatalogEntry* existing = FindEntry(record.schema_name, record.name)) {
    if (if_not_exists) return Status();
    if (!or_replace) {
      return CatalogError(CatalogEntryKindName(existing->kind()), " with name \"", record.name,
                          "\" already exists!");
    }
    if (existing->kind() != kind) {
      return CatalogError("Existing object \"", record.name, "\" is of type ",
                          CatalogEntryKindName(existing->kind()), ", trying to replace with type ",
                          CatalogEntryKindName(kind));
    }
    FLUX_RETURN_IF_ERROR(Drop(txn, kind, record.schema_name, record.name, false, false));
  }
  switch (kind) {
    case CatalogEntryKind::kTable:
      record.kind = CatalogRecordKind::kTable;
      break;
    case CatalogEntryKind::kView:
      record.kind = CatalogRecordKind::kView;
      break;
    case CatalogEntryKind::kIndex:
      record.kind = CatalogRecordKind::kIndex;
      break;
    case CatalogEntryKind::kSchema:
    case CatalogEntryKind::kSequence:
      break;
  }
  record.object_id = storage_.NextObjectId();
  FLUX_RETURN_IF_ERROR(storage_.CreateObject(txn, record));
  FLUX_ASSIGN_OR_RETURN(auto entry, MakeEntry(kind, record));
  std::unique_lock lock(mutex_);
  AddEntryLocked(std::move(entry));
  AddUndo(txn, [this, key] { RemoveEntryLocked(key); });
  return Status();
}

Status Catalog::Drop(Transaction& txn, CatalogEntryKind kind, std::string_view schema,
                     std::string_view name, bool if_exists, bool cascade) {
  if (kind == CatalogEntryKind::kSchema) {
    std::string key = NormalizeName(name);
    if (key == kDefaultSchema) return CatalogError("Cannot drop schema \"main\"");
    std::unique_lock lock(mutex_);
    auto it = schemas_.find(key);
    if (it == schemas_.end()) {
      if (if_exists) return Status();
      return CatalogError("Schema with name ", name, " does not exist!");
    }
    bool has_entries = false;
    for (const auto& [entry_key, entry] : entries_) has_entries |= entry_key.first == key;
    for (const auto& [entry_key, entry] : sequences_) has_entries |= entry_key.first == key;
    if (has_entries && !cascade) {
      return CatalogError("Cannot drop schema \"", name,
                          "\" because there are entries that depend on it. Use DROP...CASCADE "
                          "to drop all dependents.");
    }
    CatalogRecord record = it->second;
    lock.unlock();
    if (cascade) {
      for (CatalogEntry* entry : Entries(CatalogEntryKind::kTable)) {
        if (NormalizeName(entry->schema_name()) == key) {
          FLUX_RETURN_IF_ERROR(Drop(txn, entry->kind(), entry->schema_name(), entry->name(), true, true));
        }
      }
      for (CatalogEntry* entry : Entries(CatalogEntryKind::kView)) {
        if (NormalizeName(entry->schema_name()) == key) {
          FLUX_RETURN_IF_ERROR(Drop(txn, entry->kind(), entry->schema_name(), entry->name(), true, true));
        }
      }
      for (SequenceEntry* entry : Sequences()) {
        if (NormalizeName(entry->schema_name()) == key) {
          FLUX_RETURN_IF_ERROR(DropSequence(txn, entry->schema_name(), entry->name(), true));
        }
      }
    }
    FLUX_RETURN_IF_ERROR(storage_.DropObject(txn, record.object_id));
    lock.lock();
    schemas_.erase(key);
    AddUndo(txn, [this, key, record] { schemas_[key] = record; });
    return Status();
  }
  Key key = MakeKey(schema, name);
  CatalogEntry* entry = FindEntry(schema, name);
  if (entry == nullptr || entry->kind() != kind) {
    // A table and a view share one namespace, so dropping the one under the other's name is a
    // mistake IF EXISTS does not excuse (as DuckDB). Indexes are named apart from them there.
    bool relation_mismatch = entry != nullptr && entry->kind() != CatalogEntryKind::kIndex &&
                             kind != CatalogEntryKind::kIndex;
    if (relation_mismatch) {
      return CatalogError("Existing object \"", name, "\" is of type ",
                          CatalogEntryKindName(entry->kind()), ", trying to drop type ",
                          CatalogEntryKindName(kind));
    }
    if (if_exists) return Status();
    std::string message = Concat(CatalogEntryKindName(kind), " with name ", name, " does not exist!");
    std::string suggestion = ClosestName(name, RelationNames());
    if (!suggestion.empty()) message = Concat(message, "\nDid you mean \"", suggestion, "\"?");
    return CatalogError(message);
  }
  // Indexes on a dropped table go with it.
  if (kind == CatalogEntryKind::kTable) {
    for (CatalogEntry* index : Entries(CatalogEntryKind::kIndex)) {
      if (NormalizeName(index->record().table_name) == key.second &&
          NormalizeName(index->schema_name()) == key.first) {
        FLUX_RETURN_IF_ERROR(Drop(txn, CatalogEntryKind::kIndex, index->schema_name(),
                                  index->name(), true, false));
      }
    }
  }
  FLUX_RETURN_IF_ERROR(storage_.DropObject(txn, entry->object_id()));
  std::unique_lock lock(mutex_);
  // The undo action owns the removed entry until the transaction ends.
  auto removed = std::make_shared<std::unique_ptr<CatalogEntry>>(RemoveEntryLocked(key));
  AddUndo(txn, [this, key, removed] { entries_[key] = std::move(*removed); });
  return Status();
}

Status Catalog::Alter(Transaction& txn, CatalogEntry& entry, CatalogRecord record,
                      const TableRewrite* rewrite) {
  record.object_id = entry.object_id();
  FLUX_RETURN_IF_ERROR(storage_.UpdateObject(txn, record, rewrite));
  Key old_key = MakeKey(entry.schema_name(), entry.name());
  CatalogRecord old_record = entry.record();
  CatalogEntryKind kind = entry.kind();
  FLUX_ASSIGN_OR_RETURN(auto replacement, MakeEntry(kind, record));
  std::unique_lock lock(mutex_);
  RemoveEntryLocked(old_key);
  Key new_key = MakeKey(record.schema_name, record.name);
  AddEntryLocked(std::move(replacement));
  AddUndo(txn, [this, new_key, old_record, kind] {
    RemoveEntryLocked(new_key);
    auto restored = MakeEntry(kind, old_record);
    if (restored.ok()) AddEntryLocked(std::move(restored).value());
  });
  return Status();
}

void Catalog::CommitTransaction(const Transaction& txn) {
  std::unique_lock lock(mutex_);
  undo_.erase(txn.transaction_id());
  used_sequences_.erase(txn.transaction_id());
}

void Catalog::RollbackTransaction(const Transaction& txn) {
  std::unique_lock lock(mutex_);
  used_sequences_.erase(txn.transaction_id());
  auto it = undo_.find(txn.transaction_id());
  if (it == undo_.end()) return;
  auto actions = std::move(it->second);
  undo_.erase(it);
  for (auto a = actions.rbegin(); a != actions.rend(); ++a) (*a)();
}

size_t Catalog::Savepoint(const Transaction& txn) const {
  std::shared_lock lock(mutex_);
  auto it = undo_.find(txn.transaction_id());
  return it == undo_.end() ? 0 : it->second.size();
}

void Catalog::RollbackToSavepoint(const Transaction& txn, size_t savepoint) {
  std::unique_lock lock(mutex_);
  auto it = undo_.find(txn.transaction_id());
  if (it == undo_.end()) return;
  auto& actions = it->second;
  while (actions.size() > savepoint) {
    auto action = std::move(actions.back());
    actions.pop_back();
    action();
  }
}

}  // namespace fluxdb
