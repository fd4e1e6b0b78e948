// TABLE_SCAN: reads the needed columns of a table, a row group (morsel) per thread at a time,
// skipping row groups whose zone maps prove the pushed-down filters false.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "execution/operator/physical_operator.h"
#include "storage/data_table.h"
#include "storage/table_filter.h"

namespace fluxdb {

class PhysicalTableScan : public PhysicalOperator {
 public:
  PhysicalTableScan(std::vector<LogicalType> types, DataTable& table, std::string table_name,
                    std::vector<uint32_t> column_ids, std::vector<std::string> column_names,
                    std::shared_ptr<TableFilterSet> filters, idx_t cardinality);

  std::string Name() const override { return "TABLE_SCAN"; }
  std::vector<std::string> Details() const override;
  std::vector<std::string> RuntimeDetails() const override;
  bool IsSource() const override { return true; }
  StatusOr<std::unique_ptr<GlobalSourceState>> GetGlobalSourceState(
      ExecutionContext& context) const override;
  StatusOr<std::unique_ptr<LocalSourceState>> GetLocalSourceState(
      ExecutionContext& context, GlobalSourceState& global) const override;
  StatusOr<SourceResult> GetData(ExecutionContext& context, DataChunk& chunk,
                                 GlobalSourceState& global, LocalSourceState& local) const override;

  /// Statistics summed over every thread of the last execution.
  ScanStatistics statistics() const;

  DataTable& table;
  std::string table_name;
  std::vector<uint32_t> column_ids;
  std::vector<std::string> column_names;
  /// Filters for chunk pruning (may be extended by a join before the scan starts).
  std::shared_ptr<TableFilterSet> filters;

 private:
  friend struct TableScanLocalState;
  mutable std::mutex statistics_mutex_;
  mutable ScanStatistics statistics_;
};

}  // namespace fluxdb
