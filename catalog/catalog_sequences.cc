// The catalog's sequences: their own name map (a sequence may share its name with a table, as in
// DuckDB), their counters, and the records that persist the counters.
#include <mutex>

#include "catalog/catalog.h"
#include "storage/storage_manager.h"

namespace fluxdb {

std::unique_ptr<SequenceEntry> Catalog::MakeSequenceLocked(CatalogRecord record) {
  auto& counter = counters_[record.object_id];
  if (counter == nullptr) counter = std::make_shared<SequenceCounter>(record.sequence);
  return std::make_unique<SequenceEntry>(std::move(record), counter);
}

SequenceEntry* Catalog::FindSequence(std::string_view schema, std::string_view name) const {
  std::shared_lock lock(mutex_);
  auto it = sequences_.find(MakeKey(schema, name));
  return it == sequences_.end() ? nullptr : it->second.get();
}

std::vector<SequenceEntry*> Catalog::Sequences() const {
  std::shared_lock lock(mutex_);
  std::vector<SequenceEntry*> result;
  for (const auto& [key, entry] : sequences_) result.push_back(entry.get());
  return result;
}

Status Catalog::CreateSequence(Transaction& txn, CatalogRecord record, bool if_not_exists,
                               bool or_replace) {
  if (record.schema_name.empty()) record.schema_name = kDefaultSchema;
  if (!SchemaExists(record.schema_name)) {
    return CatalogError("Schema with name ", record.schema_name, " does not exist!");
  }
  if (FindSequence(record.schema_name, record.name) != nullptr) {
    if (if_not_exists) return Status();
    if (!or_replace) {
      return CatalogError("Sequence with name \"", record.name, "\" already exists!");
    }
    FLUX_RETURN_IF_ERROR(DropSequence(txn, record.schema_name, record.name, false));
  }
  FLUX_RETURN_IF_ERROR(ValidateSequence(record.sequence));
  record.kind = CatalogRecordKind::kSequence;
  record.sequence.counter = record.sequence.start;
  record.sequence.usage_count = 0;
  record.object_id = storage_.NextObjectId();
  FLUX_RETURN_IF_ERROR(storage_.CreateObject(txn, record));
  Key key = MakeKey(record.schema_name, record.name);
  std::unique_lock lock(mutex_);
  sequences_[key] = MakeSequenceLocked(std::move(record));
  AddUndo(txn, [this, key] { sequences_.erase(key); });
  return Status();
}

Status Catalog::DropSequence(Transaction& txn, std::string_view schema, std::string_view name,
                             bool if_exists) {
  SequenceEntry* entry = FindSequence(schema, name);
  if (entry == nullptr) {
    if (if_exists) return Status();
    return CatalogError("Sequence with name ", name, " does not exist!");
  }
  FLUX_RETURN_IF_ERROR(storage_.DropObject(txn, entry->object_id()));
  Key key = MakeKey(schema, name);
  std::unique_lock lock(mutex_);
  auto it = sequences_.find(key);
  // The undo action owns the removed entry until the transaction ends.
  auto removed = std::make_shared<std::unique_ptr<SequenceEntry>>(std::move(it->second));
  sequences_.erase(it);
  AddUndo(txn, [this, key, removed] { sequences_[key] = std::move(*removed); });
  return Status();
}

StatusOr<SequenceEntry*> Catalog::SequenceByText(std::string_view name) const {
  std::string_view schema;
  std::string_view base = name;
  if (size_t dot = name.rfind('.'); dot != std::string_view::npos) {
    schema = name.substr(0, dot);
    base = name.substr(dot + 1);
    // A catalog name before the schema (memory.main.s) names this database.
    if (size_t first = schema.rfind('.'); first != std::string_view::npos) {
      schema = schema.substr(first + 1);
    }
  }
  SequenceEntry* entry = FindSequence(schema, base);
  if (entry == nullptr) return CatalogError("Sequence with name ", base, " does not exist!");
  return entry;
}

StatusOr<int64_t> Catalog::NextSequenceValue(const Transaction& txn, std::string_view name) {
  FLUX_ASSIGN_OR_RETURN(SequenceEntry * entry, SequenceByText(name));
  FLUX_ASSIGN_OR_RETURN(int64_t value, entry->counter().Next(entry->name()));
  std::unique_lock lock(mutex_);
  used_sequences_[txn.transaction_id()].insert(entry->object_id());
  return value;
}

StatusOr<int64_t> Catalog::CurrentSequenceValue(std::string_view name) const {
  FLUX_ASSIGN_OR_RETURN(SequenceEntry * entry, SequenceByText(name));
  return entry->counter().Current();
}

Status Catalog::PersistSequences(Transaction& txn) {
  std::vector<CatalogRecord> records;
  {
    std::shared_lock lock(mutex_);
    auto used = used_sequences_.find(txn.transaction_id());
    if (used == used_sequences_.end()) return Status();
    for (const auto& [key, entry] : sequences_) {
      if (used->second.contains(entry->object_id())) records.push_back(entry->CurrentRecord());
    }
  }
  for (const CatalogRecord& record : records) {
    FLUX_RETURN_IF_ERROR(storage_.UpdateObject(txn, record));
  }
  return Status();
}

}  // namespace fluxdb
