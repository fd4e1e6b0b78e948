#include "storage/data_table.h"

#include "storage/row_group_collection.h"
#include "storage/storage_manager_impl.h"
#include "storage/transaction_undo.h"

namespace fluxdb {

void ScanStatistics::Add(const ScanStatistics& o) {
  chunks_scanned += o.chunks_scanned;
  for (int r = 0; r < kPruneReasonCount; r++) chunks_pruned[r] += o.chunks_pruned[r];
  row_groups_scanned += o.row_groups_scanned;
  row_groups_pruned += o.row_groups_pruned;
  pages_read += o.pages_read;
  pages_cached += o.pages_cached;
  bytes_read += o.bytes_read;
  bytes_decoded += o.bytes_decoded;
}

uint64_t ScanStatistics::total_pruned() const {
  uint64_t n = 0;
  for (int r = 0; r < kPruneReasonCount; r++) n += chunks_pruned[r];
  return n;
}

DataTable::DataTable(StorageManager& storage, CatalogRecord record)
    : storage_(storage), record_(std::move(record)) {
  for (const auto& column : record_.columns) types_.push_back(column.type);
  row_groups_ =
      std::make_unique<RowGroupCollection>(&storage.impl().context, record_.object_id, types_);
}

DataTable::~DataTable() = default;

namespace {

Status CheckWritable(StorageManager& storage) {
  if (storage.read_only()) {
    return InvalidInputError("Cannot write to database \"", storage.path(),
                             "\": it is opened in read-only mode");
  }
  return absl::OkStatus();
}

}  // namespace

Status DataTable::Append(Transaction& txn, const DataChunk& chunk) {
  if (chunk.size() == 0) return absl::OkStatus();
  FLUX_RETURN_IF_ERROR(CheckWritable(storage_));
  FLUX_RETURN_IF_ERROR(storage_.impl().transactions->AcquireWriteLock(txn));
  TableChanges& changes = txn.undo().ForTable(this, table_id());
  if (changes.append_start == kInvalidIndex) changes.append_start = row_groups_->end();
  return row_groups_->Append(chunk);
}

StatusOr<idx_t> DataTable::Delete(Transaction& txn, const int64_t* row_ids, idx_t count) {
  if (count == 0) return 0;
  FLUX_RETURN_IF_ERROR(CheckWritable(storage_));
  FLUX_RETURN_IF_ERROR(storage_.impl().transactions->AcquireWriteLock(txn));
  TableChanges& changes = txn.undo().ForTable(this, table_id());
  TableSnapshot snapshot =
      row_groups_->GetSnapshot(txn.start_timestamp(), txn.transaction_id(), changes.append_start);
  idx_t deleted = 0;
  for (idx_t i = 0; i < count; i++) {
    FLUX_ASSIGN_OR_RETURN(bool now_deleted, row_groups_->Delete(row_ids[i], snapshot));
    if (!now_deleted) continue;
    changes.deleted.push_back(row_ids[i]);
    deleted++;
  }
  return deleted;
}

idx_t DataTable::RowCount(const Transaction& txn) const {
  const TableChanges* own = txn.undo().FindTable(this);
  TableSnapshot snapshot =
      row_groups_->GetSnapshot(txn.start_timestamp(), txn.transaction_id(),
                               own != nullptr ? own->append_start : kInvalidIndex);
  return row_groups_->CountVisible(snapshot);
}

std::vector<ColumnStatistics> DataTable::GetStatistics() const {
  return row_groups_->GetStatistics();
}

std::vector<ColumnChunkInfo> DataTable::GetChunkInfo() const {
  return row_groups_->GetChunkInfo(record_);
}

}  // namespace fluxdb
