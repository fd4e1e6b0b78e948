// SequenceEntry: a named counter handing out BIGINT values (CREATE SEQUENCE, nextval, currval).
//
// The counter is not transactional, as in PostgreSQL and DuckDB: a value handed out is never
// handed out again, even when the transaction that took it rolls back. It lives in a
// SequenceCounter shared by every version of the entry (ALTER, rollback of a DROP), and is
// written into the sequence's catalog record when a transaction that used it commits.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "catalog/catalog_entry.h"
#include "common/status.h"

namespace fluxdb {

class SequenceCounter {
 public:
  explicit SequenceCounter(SequenceRecord state) : state_(std::move(state)) {}

  /// The next value; past a bound it wraps (CYCLE) or fails, leaving the counter where it is.
  StatusOr<int64_t> Next(const std::string& name);
  /// The value nextval returned last; an error before the first nextval.
  StatusOr<int64_t> Current() const;
  SequenceRecord state() const;

 private:
  mutable std::mutex mu_;
  SequenceRecord state_;
};

class SequenceEntry : public CatalogEntry {
 public:
  SequenceEntry(CatalogRecord record, std::shared_ptr<SequenceCounter> counter)
      : CatalogEntry(CatalogEntryKind::kSequence, std::move(record)),
        counter_(std::move(counter)) {}

  SequenceCounter& counter() const { return *counter_; }
  /// The record with the counter as it stands now.
  CatalogRecord CurrentRecord() const;

 private:
  std::shared_ptr<SequenceCounter> counter_;
};

/// Checks a new sequence's options (DuckDB's Parser Errors for contradicting bounds).
Status ValidateSequence(const SequenceRecord& sequence);

}  // namespace fluxdb
