#include "execution/operator/physical_cte.h"

#include <atomic>
#include <map>
#include <mutex>

namespace fluxdb {

namespace {
struct CteGlobalState : GlobalSinkState {
  std::mutex mutex;
  std::map<idx_t, ChunkCollection> batches;
  ChunkCollection rows;
  bool finalized = false;
};

struct CteLocalState : LocalSinkState {
  std::map<idx_t, ChunkCollection> batches;
};

struct CteScanState : GlobalSourceState {
  std::atomic<idx_t> next_chunk{0};
  idx_t chunk_count = 0;
  idx_t MaxThreads() const override { return std::max<idx_t>(1, chunk_count); }
};
}  // namespace

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalMaterializedCte::GetGlobalSinkState(
    ExecutionContext&) const {
  auto state = std::make_unique<CteGlobalState>();
  state->rows = ChunkCollection(children[1]->types());
  return std::unique_ptr<GlobalSinkState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalMaterializedCte::GetLocalSinkState(
    ExecutionContext&, GlobalSinkState&) const {
  return std::unique_ptr<LocalSinkState>(std::make_unique<CteLocalState>());
}

StatusOr<SinkResult> PhysicalMaterializedCte::Sink(ExecutionContext&, DataChunk& chunk,
                                                   GlobalSinkState&, LocalSinkState& local) const {
  auto& l = static_cast<CteLocalState&>(local);
  auto it = l.batches.find(local.batch_index);
  if (it == l.batches.end()) {
    it = l.batches.emplace(local.batch_index, ChunkCollection(children[1]->types())).first;
  }
  it->second.Append(chunk);
  return SinkResult::kNeedMoreInput;
}

Status PhysicalMaterializedCte::Combine(ExecutionContext&, GlobalSinkState& global,
                                        LocalSinkState& local) const {
  auto& g = static_cast<CteGlobalState&>(global);
  auto& l = static_cast<CteLocalState&>(local);
  std::lock_guard lock(g.mutex);
  for (auto& [batch, rows] : l.batches) {
    auto it = g.batches.find(batch);
    if (it == g.batches.end()) {
      g.batches.emplace(batch, std::move(rows));
    } else {
      it->second.Merge(std::move(rows));
    }
  }
  // Keep the collection in batch order as it grows (Finalize would be cleaner, but scans of this
  // CTE only start after every combine, and Finalize runs once after the last).
  return Status();
}

const ChunkCollection& PhysicalMaterializedCte::rows() const {
  auto& g = static_cast<CteGlobalState&>(*sink_state);
  std::lock_guard lock(g.mutex);
  if (!g.finalized) {
    for (auto& [batch, rows] : g.batches) g.rows.Merge(std::move(rows));
    g.batches.clear();
    g.finalized = true;
  }
  return g.rows;
}

StatusOr<OperatorResult> PhysicalMaterializedCte::Execute(ExecutionContext&, DataChunk& input,
                                                          DataChunk& output, OperatorState&) const {
  output.Reference(input);
  return OperatorResult::kNeedMoreInput;
}

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalCteScan::GetGlobalSourceState(
    ExecutionContext&) const {
  auto state = std::make_unique<CteScanState>();
  state->chunk_count = cte.rows().chunk_count();
  return std::unique_ptr<GlobalSourceState>(std::move(state));
}

StatusOr<SourceResult> PhysicalCteScan::GetData(ExecutionContext&, DataChunk& chunk,
                                                GlobalSourceState& global,
                                                LocalSourceState& local) const {
  auto& s = static_cast<CteScanState&>(global);
  idx_t index = s.next_chunk.fetch_add(1);
  if (index >= s.chunk_count) return SourceResult::kFinished;
  local.batch_index = index;
  chunk.Reference(cte.rows().chunk(index));
  return SourceResult::kHaveMoreOutput;
}

}  // namespace fluxdb
