// TransactionUndo: what one transaction changed, for rollback and for its WAL records at commit.
#pragma once

#include <cstdint>
#include <vector>

#include "common/types.h"
#include "storage/catalog_record.h"

namespace fluxdb {

class DataTable;
class StorageManager;

struct TableChanges {
  uint32_t table_id = 0;
  DataTable* table = nullptr;
  /// Row id of the first row this transaction appended (kInvalidIndex: none).
  idx_t append_start = kInvalidIndex;
  /// Rows this transaction stamped deleted, in order.
  std::vector<int64_t> deleted;
};

struct CatalogChange {
  enum class Kind : uint8_t { kCreate, kUpdate, kDrop };
  Kind kind = Kind::kCreate;
  CatalogRecord record;    // create/update: the new record; drop: the dropped one
  CatalogRecord previous;  // update: the record it replaced
};

struct TransactionUndo {
  StorageManager* storage = nullptr;
  /// Still registered with the transaction manager (not committed or rolled back).
  bool active = true;
  std::vector<TableChanges> tables;
  std::vector<CatalogChange> catalog;

  TableChanges& ForTable(DataTable* table, uint32_t table_id) {
    for (auto& t : tables) {
      if (t.table_id == table_id) return t;
    }
    tables.push_back(TableChanges{table_id, table});
    return tables.back();
  }
  const TableChanges* FindTable(uint32_t table_id) const {
    for (const auto& t : tables) {
      if (t.table_id == table_id) return &t;
    }
    return nullptr;
  }
};

}  // namespace fluxdb
