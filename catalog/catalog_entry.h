// Catalog entries: the named objects SQL refers to (schemas, tables, views, indexes; sequences in
// catalog/sequence_entry.h).
//
// An entry wraps the CatalogRecord persisted by storage. Tables also point at their DataTable.
// Names keep their case as written but are looked up case-insensitively, as in DuckDB.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "storage/catalog_record.h"

namespace fluxdb {

class DataTable;

enum class CatalogEntryKind : uint8_t { kSchema, kTable, kView, kIndex, kSequence };
const char* CatalogEntryKindName(CatalogEntryKind kind);

/// Lower-cases ASCII letters: the key names are compared by.
std::string NormalizeName(std::string_view name);

class CatalogEntry {
 public:
  CatalogEntry(CatalogEntryKind kind, CatalogRecord record);
  virtual ~CatalogEntry() = default;

  CatalogEntryKind kind() const { return kind_; }
  const CatalogRecord& record() const { return record_; }
  const std::string& name() const { return record_.name; }
  const std::string& schema_name() const { return record_.schema_name; }
  uint32_t object_id() const { return record_.object_id; }

 protected:
  CatalogEntryKind kind_;
  CatalogRecord record_;
};

class TableEntry : public CatalogEntry {
 public:
  TableEntry(CatalogRecord record, DataTable* storage);

  DataTable& storage() const { return *storage_; }
  const std::vector<ColumnRecord>& columns() const { return record_.columns; }
  std::vector<LogicalType> column_types() const;
  /// Index of a column by (case-insensitive) name.
  std::optional<idx_t> ColumnIndex(std::string_view name) const;

 private:
  DataTable* storage_;
  absl::flat_hash_map<std::string, idx_t> column_index_;
};

class ViewEntry : public CatalogEntry {
 public:
  explicit ViewEntry(CatalogRecord record) : CatalogEntry(CatalogEntryKind::kView, std::move(record)) {}
  const std::string& sql() const { return record_.sql; }
  const std::vector<std::string>& column_aliases() const { return record_.column_aliases; }
};

class IndexEntry : public CatalogEntry {
 public:
  explicit IndexEntry(CatalogRecord record)
      : CatalogEntry(CatalogEntryKind::kIndex, std::move(record)) {}
};

}  // namespace fluxdb
