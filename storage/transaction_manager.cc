#include "storage/transaction_manager.h"

#include "storage/row_group.h"
#include "storage/transaction_undo.h"

namespace fluxdb {

TransactionManager::TransactionManager(uint64_t last_commit)
    : last_commit_(last_commit), next_transaction_id_(kTransactionIdStart) {}

std::unique_ptr<Transaction> TransactionManager::Begin(StorageManager* storage) {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t start = last_commit_.load(std::memory_order_acquire);
  auto txn = std::make_unique<Transaction>(next_transaction_id_.fetch_add(1), start);
  txn->undo().storage = storage;
  active_snapshots_.insert(start);
  active_.insert(txn.get());
  return txn;
}

Status TransactionManager::AcquireWriteLock(Transaction& txn) {
  if (txn.is_writer()) return absl::OkStatus();
  std::unique_lock<std::mutex> lock(mu_);
  if (!released_.wait_for(lock, lock_timeout_, [&] { return !write_locked_; })) {
    return TransactionError(
        "Conflict: another transaction is writing to the database (only one writer at a "
        "time); retry after it commits or rolls back");
  }
  write_locked_ = true;
  txn.set_writer();
  return absl::OkStatus();
}

Status TransactionManager::AcquireExclusive() {
  std::lock_guard<std::mutex> lock(mu_);
  if (write_locked_) {
    return TransactionError("Cannot checkpoint: a write transaction is active");
  }
  write_locked_ = true;
  return absl::OkStatus();
}

void TransactionManager::ReleaseWriteLock() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    write_locked_ = false;
  }
  released_.notify_one();
}

bool TransactionManager::locked() {
  std::lock_guard<std::mutex> lock(mu_);
  return write_locked_;
}

void TransactionManager::End(const Transaction& txn) {
  std::lock_guard<std::mutex> lock(mu_);
  if (active_.erase(const_cast<Transaction*>(&txn)) == 0) return;
  auto it = active_snapshots_.find(txn.start_timestamp());
  if (it != active_snapshots_.end()) active_snapshots_.erase(it);
}

std::vector<Transaction*> TransactionManager::ActiveTransactions() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::vector<Transaction*>(active_.begin(), active_.end());
}

uint64_t TransactionManager::OldestSnapshot() {
  std::lock_guard<std::mutex> lock(mu_);
  if (active_snapshots_.empty()) return last_commit_.load(std::memory_order_acquire);
  return *active_snapshots_.begin();
}

size_t TransactionManager::active_count() {
  std::lock_guard<std::mutex> lock(mu_);
  return active_snapshots_.size();
}

}  // namespace fluxdb
