#include "execution/operator/physical_table_scan.h"

#include "absl/strings/str_join.h"

namespace fluxdb {

namespace {
struct TableScanGlobalState : GlobalSourceState {
  ParallelScanState parallel;
  idx_t MaxThreads() const override { return std::max<idx_t>(1, parallel.row_group_count); }
};
}  // namespace

struct TableScanLocalState : LocalSourceState {
  explicit TableScanLocalState(const PhysicalTableScan& scan) : scan(scan) {}
  ~TableScanLocalState() override {
    std::lock_guard lock(scan.statistics_mutex_);
    scan.statistics_.Add(state.statistics);
  }
  const PhysicalTableScan& scan;
  TableScanState state;
  bool has_morsel = false;
};

PhysicalTableScan::PhysicalTableScan(std::vector<LogicalType> types, DataTable& table,
                                     std::string table_name, std::vector<uint32_t> column_ids,
                                     std::vector<std::string> column_names,
                                     std::shared_ptr<TableFilterSet> filters, idx_t cardinality)
    : PhysicalOperator(PhysicalOperatorType::kTableScan, std::move(types), cardinality),
      table(table),
      table_name(std::move(table_name)),
      column_ids(std::move(column_ids)),
      column_names(std::move(column_names)),
      filters(std::move(filters)) {}

std::vector<std::string> PhysicalTableScan::Details() const {
  std::vector<std::string> details = {table_name};
  details.push_back(Concat("columns: ", absl::StrJoin(column_names, ", ")));
  if (filters && !filters->filters.empty()) {
    std::vector<std::string> parts;
    for (const auto& filter : filters->filters) {
      std::string name = filter.column_index < table.record().columns.size()
                             ? table.record().columns[filter.column_index].name
                             : "?";
      parts.push_back(filter.ToString(name));
    }
    details.push_back(Concat("filters: ", absl::StrJoin(parts, " AND ")));
  }
  return details;
}

ScanStatistics PhysicalTableScan::statistics() const {
  std::lock_guard lock(statistics_mutex_);
  return statistics_;
}

std::vector<std::string> PhysicalTableScan::RuntimeDetails() const {
  ScanStatistics s = statistics();
  std::vector<std::string> lines;
  lines.push_back(Concat("chunks scanned: ", s.chunks_scanned));
  lines.push_back(Concat("chunks pruned: ", s.total_pruned()));
  for (int r = 0; r < kPruneReasonCount; r++) {
    if (s.chunks_pruned[r] > 0) {
      lines.push_back(Concat("  by ", PruneReasonName(static_cast<PruneReason>(r)), ": ",
                             s.chunks_pruned[r]));
    }
  }
  lines.push_back(Concat("row groups scanned: ", s.row_groups_scanned, ", pruned: ",
                         s.row_groups_pruned));
  lines.push_back(Concat("pages read: ", s.pages_read, ", cached: ", s.pages_cached));
  lines.push_back(Concat("bytes read: ", s.bytes_read, ", decoded: ", s.bytes_decoded));
  return lines;
}

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalTableScan::GetGlobalSourceState(
    ExecutionContext& context) const {
  {
    std::lock_guard lock(statistics_mutex_);
    statistics_ = ScanStatistics();
  }
  auto state = std::make_unique<TableScanGlobalState>();
  table.InitializeParallelScan(*context.transaction, state->parallel);
  return std::unique_ptr<GlobalSourceState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSourceState>> PhysicalTableScan::GetLocalSourceState(
    ExecutionContext& context, GlobalSourceState&) const {
  auto local = std::make_unique<TableScanLocalState>(*this);
  table.InitializeScan(*context.transaction, local->state, column_ids, filters);
  return std::unique_ptr<LocalSourceState>(std::move(local));
}

StatusOr<SourceResult> PhysicalTableScan::GetData(ExecutionContext&, DataChunk& chunk,
                                                  GlobalSourceState& global,
                                                  LocalSourceState& local) const {
  auto& g = static_cast<TableScanGlobalState&>(global);
  auto& l = static_cast<TableScanLocalState&>(local);
  while (true) {
    if (!l.has_morsel) {
      if (!table.NextMorsel(g.parallel, l.state)) return SourceResult::kFinished;
      l.has_morsel = true;
      l.batch_index = l.state.morsel_index;
    }
    FLUX_ASSIGN_OR_RETURN(bool more, table.ScanMorsel(l.state, chunk));
    if (chunk.size() > 0) return SourceResult::kHaveMoreOutput;
    if (!more) l.has_morsel = false;
  }
}

}  // namespace fluxdb
