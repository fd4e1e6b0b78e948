#include "execution/operator/physical_result_collector.h"

#include <algorithm>
#include <map>

namespace fluxdb {

namespace {
// Rows are kept per batch (morsel) so that parallel output can be put back in insertion order.
struct CollectorLocalState : LocalSinkState {
  std::map<idx_t, ChunkCollection> batches;
};

struct CollectorGlobalState : GlobalSinkState {
  std::mutex mutex;
  std::map<idx_t, ChunkCollection> batches;
  ChunkCollection result;
};
}  // namespace

PhysicalResultCollector::PhysicalResultCollector(std::vector<LogicalType> types,
                                                 PhysicalOperatorPtr child, bool preserve_order)
    : PhysicalOperator(PhysicalOperatorType::kResultCollector, std::move(types), 0),
      preserve_order_(preserve_order) {
  children.push_back(std::move(child));
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalResultCollector::GetGlobalSinkState(
    ExecutionContext&) const {
  auto state = std::make_unique<CollectorGlobalState>();
  state->result = ChunkCollection(types_);
  return std::unique_ptr<GlobalSinkState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalResultCollector::GetLocalSinkState(
    ExecutionContext&, GlobalSinkState&) const {
  return std::unique_ptr<LocalSinkState>(std::make_unique<CollectorLocalState>());
}

StatusOr<SinkResult> PhysicalResultCollector::Sink(ExecutionContext&, DataChunk& chunk,
                                                   GlobalSinkState&, LocalSinkState& local) const {
  auto& state = static_cast<CollectorLocalState&>(local);
  idx_t batch = preserve_order_ ? local.batch_index : 0;
  auto it = state.batches.find(batch);
  if (it == state.batches.end()) it = state.batches.emplace(batch, ChunkCollection(types_)).first;
  it->second.Append(chunk);
  return SinkResult::kNeedMoreInput;
}

Status PhysicalResultCollector::Combine(ExecutionContext&, GlobalSinkState& global,
                                        LocalSinkState& local) const {
  auto& g = static_cast<CollectorGlobalState&>(global);
  auto& l = static_cast<CollectorLocalState&>(local);
  std::lock_guard lock(g.mutex);
  for (auto& [batch, rows] : l.batches) {
    auto it = g.batches.find(batch);
    if (it == g.batches.end()) {
      g.batches.emplace(batch, std::move(rows));
    } else {
      it->second.Merge(std::move(rows));
    }
  }
  return Status();
}

Status PhysicalResultCollector::Finalize(ExecutionContext&, GlobalSinkState& global) const {
  auto& g = static_cast<CollectorGlobalState&>(global);
  for (auto& [batch, rows] : g.batches) g.result.Merge(std::move(rows));
  g.batches.clear();
  return Status();
}

ChunkCollection PhysicalResultCollector::TakeResult() const {
  auto& g = static_cast<CollectorGlobalState&>(*sink_state);
  return std::move(g.result);
}

}  // namespace fluxdb
