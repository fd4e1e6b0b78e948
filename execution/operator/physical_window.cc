#include "execution/operator/physical_window.h"

#include <atomic>
#include <map>
#include <mutex>

#include "common/chunk_collection.h"
#include "execution/expression/expression_executor.h"
#include "execution/window/window_input.h"

namespace fluxdb {

namespace {

std::vector<LogicalType> TypesOf(const BoundExprList& exprs) {
  std::vector<LogicalType> types;
  for (const auto& e : exprs) types.push_back(e->type);
  return types;
}

// Rows are kept per batch so the input order survives parallel sinks.
struct WindowBatch {
  ChunkCollection input;
  std::vector<ChunkCollection> per_window;
};

struct WindowGlobalState : GlobalSinkState {
  std::mutex mutex;
  std::map<idx_t, WindowBatch> batches;
  ChunkCollection input;
  std::vector<ChunkCollection> per_window;
  std::vector<std::unique_ptr<Vector>> results;
  MemoryCharge results_memory;
};

struct WindowLocalState : LocalSinkState {
  WindowLocalState(const ExecutionContext* context, const BoundExprList& windows) {
    for (const auto& w : windows) {
      BoundExprList exprs = WindowLayout::Expressions(*w);
      types.push_back(TypesOf(exprs));
      executors.push_back(std::make_unique<ExpressionExecutor>(context, exprs));
      expressions.push_back(std::move(exprs));
      values.emplace_back();
      values.back().Initialize(types.back());
    }
  }
  std::vector<BoundExprList> expressions;  // owned here: executors point into them
  std::vector<std::vector<LogicalType>> types;
  std::vector<std::unique_ptr<ExpressionExecutor>> executors;
  std::vector<DataChunk> values;
  std::map<idx_t, WindowBatch> batches;
};

struct WindowSourceState : GlobalSourceState {
  idx_t next_chunk = 0;
  idx_t row = 0;
};

}  // namespace

PhysicalWindow::PhysicalWindow(std::vector<LogicalType> types, BoundExprList windows,
                               idx_t cardinality)
    : PhysicalOperator(PhysicalOperatorType::kWindow, std::move(types), cardinality),
      windows(std::move(windows)) {}

std::vector<std::string> PhysicalWindow::Details() const {
  std::vector<std::string> details;
  for (const auto& w : windows) details.push_back(w->ToString());
  return details;
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalWindow::GetGlobalSinkState(
    ExecutionContext&) const {
  auto state = std::make_unique<WindowGlobalState>();
  state->input = ChunkCollection(children[0]->types());
  for (const auto& w : windows) {
    state->per_window.emplace_back(TypesOf(WindowLayout::Expressions(*w)));
  }
  return std::unique_ptr<GlobalSinkState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalWindow::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState&) const {
  return std::unique_ptr<LocalSinkState>(std::make_unique<WindowLocalState>(&context, windows));
}

StatusOr<SinkResult> PhysicalWindow::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                          LocalSinkState& local) const {
  auto& l = static_cast<WindowLocalState&>(local);
  auto it = l.batches.find(local.batch_index);
  if (it == l.batches.end()) {
    WindowBatch batch;
    batch.input = ChunkCollection(children[0]->types());
    for (const auto& types : l.types) batch.per_window.emplace_back(types);
    it = l.batches.emplace(local.batch_index, std::move(batch)).first;
  }
  it->second.input.Append(chunk);
  for (idx_t w = 0; w < windows.size(); w++) {
    FLUX_RETURN_IF_ERROR(l.executors[w]->Execute(chunk, l.values[w]));
    it->second.per_window[w].Append(l.values[w]);
  }
  return SinkResult::kNeedMoreInput;
}

Status PhysicalWindow::Combine(ExecutionContext&, GlobalSinkState& global,
                               LocalSinkState& local) const {
  auto& g = static_cast<WindowGlobalState&>(global);
  auto& l = static_cast<WindowLocalState&>(local);
  std::lock_guard lock(g.mutex);
  for (auto& [index, batch] : l.batches) {
    auto it = g.batches.find(index);
    if (it == g.batches.end()) {
      g.batches.emplace(index, std::move(batch));
      continue;
    }
    it->second.input.Merge(std::move(batch.input));
    for (idx_t w = 0; w < windows.size(); w++) {
      it->second.per_window[w].Merge(std::move(batch.per_window[w]));
    }
  }
  return Status();
}

Status PhysicalWindow::Finalize(ExecutionContext& context, GlobalSinkState& global) const {
  auto& g = static_cast<WindowGlobalState&>(global);
  for (auto& [index, batch] : g.batches) {
    g.input.Merge(std::move(batch.input));
    for (idx_t w = 0; w < windows.size(); w++) g.per_window[w].Merge(std::move(batch.per_window[w]));
  }
  g.batches.clear();
  idx_t n = g.input.row_count();
  idx_t result_bytes = 0;
  for (const auto& window : windows) result_bytes += n * window->type.physical_size();
  FLUX_RETURN_IF_ERROR(g.results_memory.Reserve(result_bytes));
  for (idx_t w = 0; w < windows.size(); w++) {
    FLUX_RETURN_IF_ERROR(context.CheckRunning());
    auto result = std::make_unique<Vector>(windows[w]->type, n == 0 ? 1 : n);
    FLUX_RETURN_IF_ERROR(ComputeWindow(context, *windows[w], g.per_window[w], *result));
    g.results.push_back(std::move(result));
  }
  return Status();
}

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalWindow::GetGlobalSourceState(
    ExecutionContext&) const {
  return std::unique_ptr<GlobalSourceState>(std::make_unique<WindowSourceState>());
}

StatusOr<SourceResult> PhysicalWindow::GetData(ExecutionContext&, DataChunk& chunk,
                                               GlobalSourceState& global,
                                               LocalSourceState& local) const {
  auto& g = static_cast<WindowGlobalState&>(*sink_state);
  auto& s = static_cast<WindowSourceState&>(global);
  if (s.next_chunk >= g.input.chunk_count()) return SourceResult::kFinished;
  const DataChunk& input = g.input.chunk(s.next_chunk);
  local.batch_index = s.next_chunk;
  idx_t columns = input.ColumnCount();
  for (idx_t c = 0; c < columns; c++) chunk.column(c).Reference(input.column(c));
  for (idx_t w = 0; w < windows.size(); w++) {
    chunk.column(columns + w).CopyRange(*g.results[w], s.row, input.size(), 0);
  }
  chunk.SetCardinality(input.size());
  s.row += input.size();
  s.next_chunk++;
  return s.next_chunk >= g.input.chunk_count() ? SourceResult::kFinished
                                               : SourceResult::kHaveMoreOutput;
}

}  // namespace fluxdb
