#include "storage/transaction.h"

#include "storage/row_group_collection.h"
#include "storage/storage_manager.h"
#include "storage/transaction_undo.h"

namespace fluxdb {

Transaction::Transaction(uint64_t transaction_id, uint64_t start_timestamp)
    : transaction_id_(transaction_id),
      start_timestamp_(start_timestamp),
      undo_(std::make_unique<TransactionUndo>()) {}

Transaction::~Transaction() {
  // A transaction dropped without commit or rollback must not keep the write lock, its
  // uncommitted rows or its snapshot alive.
  if (undo_->active && undo_->storage != nullptr) undo_->storage->Rollback(*this);
}

TransactionSavepoint Transaction::Savepoint() const {
  TransactionSavepoint savepoint;
  savepoint.writer = is_writer_;
  savepoint.catalog_changes = undo_->catalog.size();
  savepoint.tables.reserve(undo_->tables.size());
  for (const TableChanges& t : undo_->tables) {
    // The transaction holds the write lock (it changed a table), so nobody else moves end().
    savepoint.tables.push_back({t.append_start, t.table->row_groups().end(), t.deleted.size()});
  }
  return savepoint;
}

}  // namespace fluxdb
