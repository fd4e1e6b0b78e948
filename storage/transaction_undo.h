// TransactionUndo: what one transaction changed, for rollback and for its WAL records at commit.
#pragma once

#include <cstdint>
#include <memory>
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
  /// A table version made by ALTER: its first rows are copies made by the UPDATE, which replay
  /// makes again; only rows from here on are logged as appends.
  idx_t log_from = 0;
  /// Rows this transaction stamped deleted, in order.
  std::vector<int64_t> deleted;
};

struct CatalogChange {
  enum class Kind : uint8_t { kCreate, kUpdate, kDrop };
  Kind kind = Kind::kCreate;
  CatalogRecord record;    // create/update: the new record; drop: the dropped one
  CatalogRecord previous;  // update: the record it replaced
  /// Update that changed the columns: the table version it replaced (kept alive for rollback
  /// and for older snapshots) and the rewritten one.
  std::shared_ptr<DataTable> replaced_table;
  DataTable* new_table = nullptr;
  /// The rewrite computed columns: its rows are logged after a REWRITE record instead of being
  /// copied again by replay.
  bool logged_rewrite = false;
};

struct TransactionUndo {
  StorageManager* storage = nullptr;
  /// Still registered with the transaction manager (not committed or rolled back).
  bool active = true;
  std::vector<TableChanges> tables;
  std::vector<CatalogChange> catalog;

  /// Changes are per table version: a table rewritten by ALTER has a new DataTable.
  TableChanges& ForTable(DataTable* table, uint32_t table_id) {
    for (auto& t : tables) {
      if (t.table == table) return t;
    }
    tables.push_back(TableChanges{table_id, table});
    return tables.back();
  }
  const TableChanges* FindTable(const DataTable* table) const {
    for (const auto& t : tables) {
      if (t.table == table) return &t;
    }
    return nullptr;
  }
  /// Whether an update of this transaction replaced `table` by a rewritten version.
  bool Superseded(const DataTable* table) const {
    for (const auto& c : catalog) {
      if (c.replaced_table.get() == table) return true;
    }
    return false;
  }
};

}  // namespace fluxdb
