// TransactionManager: timestamps, the set of active snapshots and the single write lock.
//
// Commit timestamps come from one counter; a transaction's snapshot is the last commit timestamp
// when it began. Transaction ids start at kTransactionIdStart (2^62), above every timestamp, so a
// delete stamp tells an uncommitted delete from a committed one.
//
// The write lock admits one writing transaction at a time. A second transaction that wants to
// write waits (up to `lock_timeout`) and then fails with "TransactionContext Error: ...". A
// checkpoint takes the same lock without a transaction.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "common/status.h"
#include "storage/transaction.h"

namespace fluxdb {

class TransactionManager {
 public:
  explicit TransactionManager(uint64_t last_commit);

  std::unique_ptr<Transaction> Begin(StorageManager* storage);
  /// Takes the write lock for `txn` (no-op when it holds it).
  Status AcquireWriteLock(Transaction& txn);
  /// Takes the write lock for a checkpoint/vacuum; fails at once if a transaction writes.
  Status AcquireExclusive();
  void ReleaseWriteLock();
  /// Whether a writer (or checkpoint) holds the lock.
  bool locked();

  uint64_t last_commit() const { return last_commit_.load(std::memory_order_acquire); }
  /// Makes commit `ts` visible to snapshots started from now on.
  void Publish(uint64_t ts) { last_commit_.store(ts, std::memory_order_release); }
  /// The transaction finished (commit or rollback): its snapshot no longer pins anything.
  void End(const Transaction& txn);
  /// The oldest snapshot an active transaction holds (last_commit() when none is active).
  uint64_t OldestSnapshot();
  size_t active_count();
  /// Transactions begun and not yet ended.
  std::vector<Transaction*> ActiveTransactions();

  void set_lock_timeout(std::chrono::milliseconds timeout) { lock_timeout_ = timeout; }

 private:
  std::atomic<uint64_t> last_commit_;
  std::atomic<uint64_t> next_transaction_id_;
  std::mutex mu_;
  std::condition_variable released_;
  bool write_locked_ = false;
  std::multiset<uint64_t> active_snapshots_;
  std::set<Transaction*> active_;
  std::chrono::milliseconds lock_timeout_{5000};
};

}  // namespace fluxdb
