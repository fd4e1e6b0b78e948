// The batch table: the data the torture tests write and check.
//
//   CREATE TABLE batches(batch INTEGER, idx INTEGER, version INTEGER, payload VARCHAR, chk BIGINT)
//
// A batch is written by one transaction as rows idx = 0 .. n-1; an UPDATE moves a whole batch to
// a new version and a DELETE removes it. Every row's payload and checksum are functions of
// (batch, idx, version), so the table alone shows whether each batch is whole, undamaged and at one
// version; compared with a model of what was committed, it shows what is missing or extra.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "common/status.h"
#include "main/connection.h"

namespace fluxdb::torture {

struct BatchState {
  int64_t rows = 0;
  int64_t version = 0;
  bool operator==(const BatchState&) const = default;
};
/// Batch id -> its state: what a reader must see.
using BatchModel = std::map<int64_t, BatchState>;

std::string CreateBatchTableSql();
/// Rows [first, first + count) of `batch` at version 0.
std::string InsertBatchSql(int64_t batch, int64_t first, int64_t count);
/// Moves every row of `batch` to `version`.
std::string UpdateBatchSql(int64_t batch, int64_t version);
std::string DeleteBatchSql(int64_t batch);

/// Every batch in the table. A batch that is not exactly rows 0 .. n-1 at one version with
/// matching payloads and checksums is a Corruption error naming it.
StatusOr<BatchModel> ReadBatches(Connection& connection);
/// "" when equal, else the first few differences ("batch 7: expected 300 rows v2, found ...").
std::string DescribeDifference(const BatchModel& expected, const BatchModel& found);

/// PRAGMA integrity_check: OK when it says "ok", else an error listing the problems.
Status CheckIntegrity(Connection& connection);
/// Runs `sql`, dropping the result.
Status Execute(Connection& connection, std::string_view sql);

}  // namespace fluxdb::torture
