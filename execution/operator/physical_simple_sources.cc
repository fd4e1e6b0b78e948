#include "execution/operator/physical_simple_sources.h"

#include <atomic>

namespace fluxdb {

StatusOr<SourceResult> PhysicalDummyScan::GetData(ExecutionContext&, DataChunk& chunk,
                                                  GlobalSourceState&, LocalSourceState&) const {
  chunk.SetCardinality(1);
  return SourceResult::kFinished;
}

StatusOr<SourceResult> PhysicalEmptyResult::GetData(ExecutionContext&, DataChunk&,
                                                    GlobalSourceState&, LocalSourceState&) const {
  return SourceResult::kFinished;
}

namespace {
struct CollectionScanState : GlobalSourceState {
  idx_t next_chunk = 0;
};
}  // namespace

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalColumnDataScan::GetGlobalSourceState(
    ExecutionContext&) const {
  return std::unique_ptr<GlobalSourceState>(std::make_unique<CollectionScanState>());
}

StatusOr<SourceResult> PhysicalColumnDataScan::GetData(ExecutionContext&, DataChunk& chunk,
                                                       GlobalSourceState& global,
                                                       LocalSourceState& local) const {
  auto& state = static_cast<CollectionScanState&>(global);
  if (state.next_chunk >= collection->chunk_count()) return SourceResult::kFinished;
  local.batch_index = state.next_chunk;
  chunk.Reference(collection->chunk(state.next_chunk++));
  return state.next_chunk >= collection->chunk_count() ? SourceResult::kFinished
                                                       : SourceResult::kHaveMoreOutput;
}

}  // namespace fluxdb
