// ExecutionContext: what operators and expressions may consult while a query runs.
//
// The main layer fills it from the client context (transaction, settings, interrupt flag); the
// execution layer never includes main/.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/memory_tracker.h"
#include "common/status.h"

namespace fluxdb {

class Transaction;
class StorageManager;
class Catalog;
class TaskScheduler;

/// Settings that change how queries execute (SET name = value).
struct ExecutionSettings {
  uint32_t threads = 1;
  /// `/` on integers is integer division (the SQLite corpus' semantics); DuckDB's default is false.
  bool integer_division = false;
  /// Bytes a query's operators may hold (hash tables, sorts, buffers, its result); 0 = unlimited.
  /// Beyond it the query fails with an Out of Memory error (MemoryTracker).
  uint64_t memory_limit = 0;
  /// Encoding forced on sealed chunks ("" = choose the smallest).
  std::string force_compression;
  /// Keep insertion order in results of queries without ORDER BY (DuckDB's default).
  bool preserve_insertion_order = true;
  /// ieee_floating_point_ops (DuckDB's default is true). False makes FLOAT/DOUBLE `/` and `%`
  /// by a zero divisor give NULL instead of ±inf/NaN, and every argument outside a math
  /// function's domain an error. Unset keeps the classic domain errors (sqrt of a negative
  /// number ...) that true turns into NaN (execution/function/math_double.cc).
  std::optional<bool> ieee_floating_point_ops;
  /// Optimizer passes to skip (DuckDB's names, comma-separated); the optimizer reads it.
  std::string disabled_optimizers;
  /// ORDER BY a constant that is not an integer ordinal is allowed (and ignored) when true;
  /// DuckDB rejects it by default.
  bool order_by_non_integer_literal = false;
  /// A scalar subquery returning more than one row is an error (DuckDB's default) rather than
  /// taking the first row.
  bool scalar_subquery_error_on_multiple_rows = true;

  bool IeeeDivision() const { return ieee_floating_point_ops.value_or(true); }
};

struct ExecutionContext {
  Transaction* transaction = nullptr;
  StorageManager* storage = nullptr;
  Catalog* catalog = nullptr;
  TaskScheduler* scheduler = nullptr;
  const ExecutionSettings* settings = nullptr;
  /// Set by Connection::Interrupt; long loops check it between chunks.
  const std::atomic<bool>* interrupted = nullptr;
  /// Start of the transaction (current_timestamp / current_date), micros since epoch, UTC.
  int64_t transaction_start_micros = 0;
  /// Seed for random(); each thread derives its own stream.
  uint64_t random_seed = 0;
  /// The query's memory accounting (peak memory in EXPLAIN ANALYZE); may be null. The executor
  /// makes it the current tracker of every thread it runs the query on.
  std::shared_ptr<MemoryTracker> memory;

  Status CheckInterrupt() const {
    if (interrupted != nullptr && interrupted->load(std::memory_order_relaxed)) {
      return InterruptError("Interrupted!");
    }
    return Status();
  }
  /// The Out of Memory error once the query held more than memory_limit.
  Status CheckMemory() const { return memory != nullptr ? memory->CheckLimit() : Status(); }
  /// Whether the query may go on (not interrupted, within its memory limit): what long loops
  /// check between chunks.
  Status CheckRunning() const {
    FLUX_RETURN_IF_ERROR(CheckInterrupt());
    return CheckMemory();
  }
};

}  // namespace fluxdb
