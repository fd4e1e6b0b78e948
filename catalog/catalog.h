// Catalog: resolves names to schemas, tables, views, indexes and sequences.
//
// Built at open from the records storage found in the file; every change goes through storage
// first (so it is logged and persisted) and then updates the in-memory maps. Changes made inside
// a transaction are undone by Rollback. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <shared_mutex>
#include <string>
#include <vector>

#include "catalog/catalog_entry.h"
#include "catalog/sequence_entry.h"
#include "common/status.h"

namespace fluxdb {

class StorageManager;
class Transaction;
struct TableRewrite;

inline constexpr const char* kDefaultSchema = "main";

class Catalog {
 public:
  explicit Catalog(StorageManager& storage);
  ~Catalog();

  /// Builds the maps from storage's loaded records.
  Status Load();

  /// A table or view (or index) by name; null when absent. `schema` empty = search "main".
  CatalogEntry* FindEntry(std::string_view schema, std::string_view name) const;
  TableEntry* FindTable(std::string_view schema, std::string_view name) const;
  /// Like FindTable, but an absent table is a Catalog Error suggesting the closest name.
  StatusOr<TableEntry*> GetTable(std::string_view schema, std::string_view name) const;
  bool SchemaExists(std::string_view schema) const;
  TableEntry* FindTableById(uint32_t object_id) const;

  /// Every entry of `kind`, ordered by schema then name.
  std::vector<CatalogEntry*> Entries(CatalogEntryKind kind) const;
  /// Names of every table and view, for suggestions.
  std::vector<std::string> RelationNames() const;

  /// Creates an entry; `record.object_id` is assigned here. An existing name is an error unless
  /// `if_not_exists` (then nothing happens) or `or_replace` (the old entry is dropped first).
  Status Create(Transaction& txn, CatalogEntryKind kind, CatalogRecord record, bool if_not_exists,
                bool or_replace);
  /// Drops an entry; absent is an error unless `if_exists`.
  Status Drop(Transaction& txn, CatalogEntryKind kind, std::string_view schema,
              std::string_view name, bool if_exists, bool cascade);
  /// Replaces the record of an existing entry (ALTER TABLE, rename); `rewrite` computes columns
  /// of a table rewritten into a new version (StorageManager::UpdateObject).
  Status Alter(Transaction& txn, CatalogEntry& entry, CatalogRecord record,
               const TableRewrite* rewrite = nullptr);

  // ---- sequences: a namespace of their own, as in DuckDB (catalog_sequences.cc) ----
  SequenceEntry* FindSequence(std::string_view schema, std::string_view name) const;
  /// Every sequence, ordered by schema then name.
  std::vector<SequenceEntry*> Sequences() const;
  Status CreateSequence(Transaction& txn, CatalogRecord record, bool if_not_exists,
                        bool or_replace);
  Status DropSequence(Transaction& txn, std::string_view schema, std::string_view name,
                      bool if_exists);
  /// nextval / currval of a sequence named as in SQL text ('s', 'schema.s', any case).
  StatusOr<int64_t> NextSequenceValue(const Transaction& txn, std::string_view name);
  StatusOr<int64_t> CurrentSequenceValue(std::string_view name) const;
  /// Writes the counters of the sequences `txn` took values from into their records, so that
  /// they survive a reopen; called just before `txn` commits.
  Status PersistSequences(Transaction& txn);

  /// Forget or undo the in-memory changes `txn` made.
  void CommitTransaction(const Transaction& txn);
  void RollbackTransaction(const Transaction& txn);
  /// The number of in-memory changes `txn` has made so far (a statement's starting point).
  size_t Savepoint(const Transaction& txn) const;
  /// Undoes the in-memory changes `txn` made after `savepoint` (a statement that failed); the
  /// storage changes must be rolled back first (StorageManager::RollbackToSavepoint).
  void RollbackToSavepoint(const Transaction& txn, size_t savepoint);

 private:
  using Key = std::pair<std::string, std::string>;  // normalized (schema, name)
  Key MakeKey(std::string_view schema, std::string_view name) const;
  void AddEntryLocked(std::unique_ptr<CatalogEntry> entry);
  std::unique_ptr<CatalogEntry> RemoveEntryLocked(const Key& key);
  StatusOr<std::unique_ptr<CatalogEntry>> MakeEntry(CatalogEntryKind kind, CatalogRecord record);
  void AddUndo(const Transaction& txn, std::function<void()> undo);

  StorageManager& storage_;
  mutable std::shared_mutex mutex_;
  std::map<Key, std::unique_ptr<CatalogEntry>> entries_;
  std::map<std::string, CatalogRecord> schemas_;  // normalized name -> record
  std::map<uint64_t, std::vector<std::function<void()>>> undo_;  // by transaction id
  std::map<Key, std::unique_ptr<SequenceEntry>> sequences_;
  /// By object id: shared by the versions of a sequence's entry, never rolled back.
  std::map<uint32_t, std::shared_ptr<SequenceCounter>> counters_;
  std::map<uint64_t, std::set<uint32_t>> used_sequences_;  // by transaction id

  StatusOr<SequenceEntry*> SequenceByText(std::string_view name) const;
  std::unique_ptr<SequenceEntry> MakeSequenceLocked(CatalogRecord record);
};

}  // namespace fluxdb
