#include "execution/operator/physical_order.h"

#include <mutex>

#include "common/chunk_collection.h"
#include "execution/expression/expression_executor.h"
#include "execution/sort/row_sorter.h"
#include "execution/sort/top_n_boundary.h"

namespace fluxdb {

namespace {

std::vector<LogicalType> StoredTypes(const std::vector<LogicalType>& payload,
                                     const std::vector<BoundOrderBy>& orders) {
  std::vector<LogicalType> types = payload;
  for (const auto& order : orders) types.push_back(order.expr->type);
  return types;
}

std::vector<SortKey> MakeKeys(idx_t payload_count, const std::vector<BoundOrderBy>& orders) {
  std::vector<SortKey> keys;
  for (idx_t i = 0; i < orders.size(); i++) {
    keys.push_back(SortKey{payload_count + i, orders[i].ascending, orders[i].nulls_first});
  }
  return keys;
}

// Sort keys as the columns of the evaluated key chunk.
std::vector<SortKey> KeysOfChunk(const std::vector<BoundOrderBy>& orders) {
  return MakeKeys(0, orders);
}

struct OrderLocalState : LocalSinkState {
  OrderLocalState(const ExecutionContext* context, const std::vector<BoundOrderBy>& orders,
                  std::vector<LogicalType> stored_types)
      : executor(context), rows(std::move(stored_types)), boundary(KeysOfChunk(orders)) {
    std::vector<LogicalType> key_types;
    for (const auto& order : orders) {
      executor.AddExpression(*order.expr);
      key_types.push_back(order.expr->type);
    }
    keys.Initialize(key_types);
  }
  ExpressionExecutor executor;
  DataChunk keys;
  ChunkCollection rows;
  // TOP_N: the last row kept at the latest compaction; rows after it are not stored.
  TopNBoundary boundary;
  SelectionVector selection{kVectorSize};
};

struct OrderGlobalState : GlobalSinkState {
  std::mutex mutex;
  ChunkCollection rows;
  ChunkCollection sorted;
};

struct OrderSourceState : GlobalSourceState {
  idx_t next_chunk = 0;
};

// Keeps only the first `keep` rows of `rows` in key order.
void Compact(ChunkCollection& rows, const std::vector<SortKey>& keys, idx_t keep) {
  std::vector<RowRef> order = SortRows(rows, keys, keep);
  ChunkCollection kept(rows.types());
  GatherRows(rows, order, 0, order.size(), rows.types().size(), &kept);
  rows = std::move(kept);
}

}  // namespace

PhysicalOrder::PhysicalOrder(std::vector<LogicalType> types, std::vector<BoundOrderBy> orders,
                             idx_t limit, idx_t offset, idx_t cardinality)
    : PhysicalOperator(
          limit == kNoLimit ? PhysicalOperatorType::kOrder : PhysicalOperatorType::kTopN,
          std::move(types), cardinality),
      orders(std::move(orders)),
      limit(limit),
      offset(offset) {}

std::vector<std::string> PhysicalOrder::Details() const {
  std::vector<std::string> details;
  for (const auto& order : orders) {
    details.push_back(Concat(order.expr->ToString(), order.ascending ? " ASC" : " DESC",
                             order.nulls_first ? " NULLS FIRST" : " NULLS LAST"));
  }
  if (limit != kNoLimit) details.push_back(Concat("limit: ", limit, ", offset: ", offset));
  return details;
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalOrder::GetGlobalSinkState(
    ExecutionContext&) const {
  auto state = std::make_unique<OrderGlobalState>();
  state->rows = ChunkCollection(StoredTypes(types_, orders));
  state->sorted = ChunkCollection(types_);
  return std::unique_ptr<GlobalSinkState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalOrder::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState&) const {
  return std::unique_ptr<LocalSinkState>(
      std::make_unique<OrderLocalState>(&context, orders, StoredTypes(types_, orders)));
}

StatusOr<SinkResult> PhysicalOrder::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                         LocalSinkState& local) const {
  auto& l = static_cast<OrderLocalState&>(local);
  FLUX_RETURN_IF_ERROR(l.executor.Execute(chunk, l.keys));
  idx_t count = chunk.size();
  if (limit != kNoLimit && l.boundary.is_set()) {
    count = l.boundary.Filter(l.keys, chunk.size(), l.selection);
    if (count == 0) return SinkResult::kNeedMoreInput;
  }
  DataChunk combined;
  for (idx_t c = 0; c < chunk.ColumnCount(); c++) {
    Vector v;
    v.Reference(chunk.column(c));
    combined.AddColumn(std::move(v));
  }
  for (idx_t c = 0; c < l.keys.ColumnCount(); c++) {
    Vector v;
    v.Reference(l.keys.column(c));
    combined.AddColumn(std::move(v));
  }
  combined.SetCardinality(chunk.size());
  if (count < chunk.size()) combined.Slice(l.selection, count);
  l.rows.Append(combined);
  if (limit != kNoLimit) {
    idx_t keep = limit + offset;
    if (l.rows.row_count() > std::max<idx_t>(4 * keep, 8 * kVectorSize)) {
      Compact(l.rows, MakeKeys(types_.size(), orders), keep);
      if (keep > 0 && l.rows.row_count() == keep) {
        const DataChunk& last = l.rows.chunk(l.rows.chunk_count() - 1);
        l.boundary.Set(l.rows,
                       RowRef{static_cast<uint32_t>(l.rows.chunk_count() - 1),
                              static_cast<uint32_t>(last.size() - 1)},
                       types_.size());
      }
    }
  }
  return SinkResult::kNeedMoreInput;
}

Status PhysicalOrder::Combine(ExecutionContext&, GlobalSinkState& global,
                              LocalSinkState& local) const {
  auto& g = static_cast<OrderGlobalState&>(global);
  auto& l = static_cast<OrderLocalState&>(local);
  if (limit != kNoLimit && l.rows.row_count() > limit + offset) {
    Compact(l.rows, MakeKeys(types_.size(), orders), limit + offset);
  }
  std::lock_guard lock(g.mutex);
  g.rows.Merge(std::move(l.rows));
  return Status();
}

Status PhysicalOrder::Finalize(ExecutionContext& context, GlobalSinkState& global) const {
  auto& g = static_cast<OrderGlobalState&>(global);
  idx_t keep = limit == kNoLimit ? kNoLimit : limit + offset;
  MemoryCharge order_memory;
  FLUX_RETURN_IF_ERROR(order_memory.Reserve(std::min(keep, g.rows.row_count()) * sizeof(RowRef)));
  std::vector<RowRef> order = SortRows(g.rows, MakeKeys(types_.size(), orders), keep,
                                       [&] { return !context.CheckRunning().ok(); });
  FLUX_RETURN_IF_ERROR(context.CheckRunning());
  idx_t begin = std::min<idx_t>(limit == kNoLimit ? 0 : offset, order.size());
  // The sorted copy is gathered in slices: the memory limit or an interrupt stops a large sort
  // part-way instead of after a second full copy of its rows.
  constexpr idx_t kSlice = 64 * kVectorSize;
  for (idx_t from = begin; from < order.size(); from += kSlice) {
    GatherRows(g.rows, order, from, std::min<idx_t>(order.size(), from + kSlice), types_.size(),
               &g.sorted);
    FLUX_RETURN_IF_ERROR(context.CheckRunning());
  }
  g.rows.Clear();
  return Status();
}

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalOrder::GetGlobalSourceState(
    ExecutionContext&) const {
  return std::unique_ptr<GlobalSourceState>(std::make_unique<OrderSourceState>());
}

StatusOr<SourceResult> PhysicalOrder::GetData(ExecutionContext&, DataChunk& chunk,
                                              GlobalSourceState& global,
                                              LocalSourceState& local) const {
  auto& g = static_cast<OrderGlobalState&>(*sink_state);
  auto& s = static_cast<OrderSourceState&>(global);
  if (s.next_chunk >= g.sorted.chunk_count()) return SourceResult::kFinished;
  local.batch_index = s.next_chunk;
  chunk.Reference(g.sorted.chunk(s.next_chunk++));
  return s.next_chunk >= g.sorted.chunk_count() ? SourceResult::kFinished
                                                : SourceResult::kHaveMoreOutput;
}

}  // namespace fluxdb
