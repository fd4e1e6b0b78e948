#include "execution/operator/physical_limit.h"

#include <map>
#include <mutex>

#include "common/chunk_collection.h"
#include "execution/expression/expression_executor.h"
#include "execution/operator/limit_value.h"

namespace fluxdb {

namespace {
struct LimitLocalState : LocalSinkState {
  std::map<idx_t, ChunkCollection> batches;
  idx_t rows = 0;
  bool satisfied = false;  // holds `limit + offset` rows of its own
};

struct LimitGlobalState : GlobalSinkState {
  std::mutex mutex;
  std::map<idx_t, ChunkCollection> batches;
  std::atomic<idx_t> rows{0};
  std::atomic<idx_t> locals{0};     // threads sinking into this limit
  std::atomic<idx_t> satisfied{0};  // of them, those holding `limit + offset` rows
  ChunkCollection result;
  // The limit, percentage and offset in effect: the operator's own, or computed from the
  // first input row when they are expressions (`resolved` then tells whether that happened).
  std::mutex resolve_mutex;
  std::atomic<bool> resolved{false};
  idx_t limit = 0;
  idx_t offset = 0;
  std::optional<double> percent;
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
  if (limit_expression != nullptr) {
    details.push_back(Concat("limit: ", limit_expression->ToString(), percent ? " %" : ""));
  } else if (percent) {
    details.push_back(Concat("limit: ", *percent, "%"));
  } else if (limit != kNoLimit) {
    details.push_back(Concat("limit: ", limit));
  }
  if (offset_expression != nullptr) {
    details.push_back(Concat("offset: ", offset_expression->ToString()));
  } else if (offset != 0) {
    details.push_back(Concat("offset: ", offset));
  }
  return details;
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalLimit::GetGlobalSinkState(
    ExecutionContext&) const {
  auto state = std::make_unique<LimitGlobalState>();
  state->result = ChunkCollection(types_);
  state->limit = limit;
  state->offset = offset;
  state->percent = percent;
  state->resolved = limit_expression == nullptr && offset_expression == nullptr;
  return std::unique_ptr<GlobalSinkState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalLimit::GetLocalSinkState(
    ExecutionContext&, GlobalSinkState& global) const {
  static_cast<LimitGlobalState&>(global).locals.fetch_add(1);
  return std::unique_ptr<LocalSinkState>(std::make_unique<LimitLocalState>());
}

StatusOr<SinkResult> PhysicalLimit::Sink(ExecutionContext& context, DataChunk& chunk,
                                         GlobalSinkState& global, LocalSinkState& local) const {
  auto& g = static_cast<LimitGlobalState&>(global);
  auto& l = static_cast<LimitLocalState&>(local);
  if (!g.resolved.load()) FLUX_RETURN_IF_ERROR(Resolve(context, chunk, g));
  // LIMIT p% needs the row count of the whole input.
  idx_t needed = g.limit == kNoLimit || g.percent ? kNoLimit : g.limit + g.offset;
  if (needed < g.limit) needed = kNoLimit;  // limit + offset beyond 2^64 rows
  if (needed == 0) return SinkResult::kFinished;
  auto it = l.batches.find(local.batch_index);
  if (it == l.batches.end()) it = l.batches.emplace(local.batch_index, ChunkCollection(types_)).first;
  // No batch ever needs more than `needed` rows of its own.
  if (needed != kNoLimit && it->second.row_count() >= needed) return SinkResult::kNeedMoreInput;
  it->second.Append(chunk);
  l.rows += chunk.size();
  idx_t total = g.rows.fetch_add(chunk.size()) + chunk.size();
  if (needed == kNoLimit) return SinkResult::kNeedMoreInput;
  // With one thread, batches arrive in order and the first `needed` rows are final.
  bool single_thread = context.settings == nullptr || context.settings->threads <= 1;
  if (total >= needed && single_thread) return SinkResult::kFinished;
  // Each thread takes batches in increasing order, so once it holds `needed` rows the first
  // `needed` rows of the input lie in batches up to its current one, all of them handed out
  // already. Once every thread is there, those batches are all complete: stop.
  if (!l.satisfied && l.rows >= needed) {
    l.satisfied = true;
    if (g.satisfied.fetch_add(1) + 1 == g.locals.load()) return SinkResult::kFinished;
  }
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

Status PhysicalLimit::Resolve(ExecutionContext& context, const DataChunk& chunk,
                              GlobalSinkState& global) const {
  auto& g = static_cast<LimitGlobalState&>(global);
  std::lock_guard lock(g.resolve_mutex);
  if (g.resolved.load() || chunk.size() == 0) return Status();
  // Every row carries the same values: read the first.
  auto evaluate = [&](const BoundExpression& expr) -> StatusOr<Value> {
    ExpressionExecutor executor(&context);
    executor.AddExpression(expr);
    Vector result(expr.type);
    FLUX_RETURN_IF_ERROR(executor.ExecuteExpression(0, chunk, result));
    return result.GetValue(0);
  };
  if (limit_expression != nullptr) {
    FLUX_ASSIGN_OR_RETURN(Value value, evaluate(*limit_expression));
    if (percent) {
      FLUX_ASSIGN_OR_RETURN(g.percent, LimitPercentage(value, false));
    } else {
      FLUX_ASSIGN_OR_RETURN(g.limit, LimitRowCount(value));
    }
  }
  if (offset_expression != nullptr) {
    FLUX_ASSIGN_OR_RETURN(Value value, evaluate(*offset_expression));
    FLUX_ASSIGN_OR_RETURN(g.offset, LimitRowCount(value));
    if (g.offset == kNoLimit) g.offset = 0;
  }
  g.resolved.store(true);
  return Status();
}

Status PhysicalLimit::Finalize(ExecutionContext&, GlobalSinkState& global) const {
  auto& g = static_cast<LimitGlobalState&>(global);
  idx_t skip = g.offset;
  idx_t take = g.limit;
  if (g.percent) {
    take = static_cast<idx_t>(static_cast<double>(g.rows.load()) * *g.percent / 100.0);
  }
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
