#include "execution/operator/physical_limit.h"

#include <map>
#include <mutex>

#include "common/chunk_collection.h"

namespace fluxdb {

namespace {
struct LimitLocalState : LocalSinkState {
  std::map<idx_t, ChunkCollection> batches;
  idx_t rows = 0;
};

struct LimitGlobalState : GlobalSinkState {
  std::mutex mutex;
  std::map<idx_t, ChunkCollection> batches;
  std::atomic<idx_t> rows{0};
  ChunkCollection result;
};

struct LimitSourceState : GlobalSourceState {
  idx_t next_chunk = 0;
};
}  // namespace

PhysicalLimit::PhysicalLimit(std::vector<LogicalType> types, idx_t limit, idx_t offset,
                             idx_t cardinality)
    : PhysicalOperator(PhysicalOperatorType::kLimit, std::move(types), cardinality),
      limit(limit),
      offset(offset) {}

std::vector<std::string> PhysicalLimit::Details() const {
  std::vector<std::string> details;
  if (limit != kNoLimit) details.push_back(Concat("limit: ", limit));
  if (offset != 0) details.push_back(Concat("offset: ", offset));
  return details;
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalLimit::GetGlobalSinkState(
    ExecutionContext&) const {
  auto state = std::make_unique<LimitGlobalState>();
  state->result = ChunkCollection(types_);
  return std::unique_ptr<GlobalSinkState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalLimit::GetLocalSinkState(
    ExecutionContext&, GlobalSinkState&) const {
  return std::unique_ptr<LocalSinkState>(std::make_unique<LimitLocalState>());
}

StatusOr<SinkResult> PhysicalLimit::Sink(ExecutionContext& context, DataChunk& chunk,
                                         GlobalSinkState& global, LocalSinkState& local) const {
  auto& g = static_cast<LimitGlobalState&>(global);
  auto& l = static_cast<LimitLocalState&>(local);
  idx_t needed = limit == kNoLimit ? kNoLimit : limit + offset;
  auto it = l.batches.find(local.batch_index);
  if (it == l.batches.end()) it = l.batches.emplace(local.batch_index, ChunkCollection(types_)).first;
  // No batch ever needs more than `needed` rows of its own.
  if (needed != kNoLimit && it->second.row_count() >= needed) return SinkResult::kNeedMoreInput;
  it->second.Append(chunk);
  l.rows += chunk.size();
  idx_t total = g.rows.fetch_add(chunk.size()) + chunk.size();
  // With one thread, batches arrive in order and the first `needed` rows are final.
  bool single_thread = context.settings == nullptr || context.settings->threads <= 1;
  if (needed != kNoLimit && total >= needed && single_thread) return SinkResult::kFinished;
  return SinkResult::kNeedMoreInput;
}

Status PhysicalLimit::Combine(ExecutionContext&, GlobalSinkState& global,
                              LocalSinkState& local) const {
  auto& g = static_cast<LimitGlobalState&>(global);
  auto& l = static_cast<LimitLocalState&>(local);
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

Status PhysicalLimit::Finalize(ExecutionContext&, GlobalSinkState& global) const {
  auto& g = static_cast<LimitGlobalState&>(global);
  idx_t skip = offset;
  idx_t take = limit;
  for (auto& [batch, rows] : g.batches) {
    for (idx_t c = 0; c < rows.chunk_count() && take > 0; c++) {
      DataChunk& chunk = rows.chunk(c);
      idx_t n = chunk.size();
      if (skip >= n) {
        skip -= n;
        continue;
      }
      idx_t start = skip;
      skip = 0;
      idx_t count = std::min(n - start, take);
      if (take != kNoLimit) take -= count;
      if (start == 0 && count == n) {
        g.result.Append(chunk);
      } else {
        SelectionVector sel(count);
        for (idx_t i = 0; i < count; i++) sel.set_index(i, start + i);
        DataChunk part;
        part.Reference(chunk);
        part.Slice(sel, count);
        g.result.Append(part);
      }
    }
  }
  g.batches.clear();
  return Status();
}

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalLimit::GetGlobalSourceState(
    ExecutionContext&) const {
  return std::unique_ptr<GlobalSourceState>(std::make_unique<LimitSourceState>());
}

StatusOr<SourceResult> PhysicalLimit::GetData(ExecutionContext&, DataChunk& chunk,
                                              GlobalSourceState& global, LocalSourceState& local) const {
  auto& g = static_cast<LimitGlobalState&>(*sink_state);
  auto& state = static_cast<LimitSourceState&>(global);
  if (state.next_chunk >= g.result.chunk_count()) return SourceResult::kFinished;
  local.batch_index = state.next_chunk;
  chunk.Reference(g.result.chunk(state.next_chunk++));
  return state.next_chunk >= g.result.chunk_count() ? SourceResult::kFinished
                                                     : SourceResult::kHaveMoreOutput;
}

}  // namespace fluxdb
