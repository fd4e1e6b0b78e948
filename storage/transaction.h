// Transactions over the append-only table storage.
//
// Model (single writer, many readers, snapshot isolation):
//  - Commit timestamps come from one counter. A transaction reads the state as of its start
//    timestamp plus its own uncommitted changes.
//  - Appends only ever add rows at the end of a table; a table records, for each commit, how many
//    rows it had afterwards, so a reader sees a prefix of the rows.
//  - A delete stamps the row with the deleting transaction (uncommitted) and, on commit, with the
//    commit timestamp. A row is visible if it is inside the reader's prefix and not deleted as of
//    the reader's snapshot (or by the reader itself).
//  - At most one transaction writes at a time: the first write takes the database's write lock,
//    commit or rollback releases it.
//  - Rollback truncates the rows the transaction appended and clears its delete stamps.
//  - A statement that fails inside a transaction is undone alone: the client takes a savepoint
//    before each statement and rolls back to it on failure (StorageManager::RollbackToSavepoint).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/types.h"

namespace fluxdb {

class StorageManager;
struct TransactionUndo;  // storage-private bookkeeping

/// A position in a transaction's undo log (Transaction::Savepoint): rolling back to it undoes
/// every change made after it and keeps the ones before.
struct TransactionSavepoint {
  /// One per table the transaction had changed when the savepoint was taken.
  struct TableMark {
    idx_t append_start = kInvalidIndex;  // the table's TableChanges::append_start then
    idx_t end = 0;                       // the table's row count (uncommitted rows included)
    size_t deleted = 0;                  // delete stamps made by then
  };
  std::vector<TableMark> tables;
  size_t catalog_changes = 0;
  bool writer = false;
};

class Transaction {
 public:
  Transaction(uint64_t transaction_id, uint64_t start_timestamp);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// Unique id; ids are above every commit timestamp so a stamp tells committed from not.
  uint64_t transaction_id() const { return transaction_id_; }
  /// Snapshot: commits with a timestamp <= this are visible.
  uint64_t start_timestamp() const { return start_timestamp_; }
  /// True once this transaction has taken the write lock (made any change).
  bool is_writer() const { return is_writer_; }
  /// The current end of the undo log, for a statement that may have to be undone alone.
  TransactionSavepoint Savepoint() const;

  /// Storage-private: what to undo on rollback, what to log on commit.
  TransactionUndo& undo() { return *undo_; }
  const TransactionUndo& undo() const { return *undo_; }
  void set_writer() { is_writer_ = true; }
  /// The write lock was released while the transaction goes on (its changes were all undone).
  void clear_writer() { is_writer_ = false; }

 private:
  uint64_t transaction_id_;
  uint64_t start_timestamp_;
  bool is_writer_ = false;
  std::unique_ptr<TransactionUndo> undo_;
};

}  // namespace fluxdb
