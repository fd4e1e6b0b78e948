#include "execution/operator/physical_hash_aggregate.h"

#include <atomic>
#include <mutex>

#include "execution/aggregate/aggregate_hash_table.h"
#include "execution/aggregate/aggregate_input.h"

namespace fluxdb {

namespace {

std::vector<LogicalType> GroupTypes(const BoundExprList& groups) {
  std::vector<LogicalType> types;
  for (const auto& g : groups) types.push_back(g->type);
  return types;
}

std::vector<const BoundExpression*> Pointers(const BoundExprList& list) {
  std::vector<const BoundExpression*> result;
  for (const auto& e : list) result.push_back(e.get());
  return result;
}

struct AggregateGlobalState : GlobalSinkState {
  AggregateGlobalState(const BoundExprList& groups, const BoundExprList& aggregates)
      : table(GroupTypes(groups), Pointers(aggregates)) {
    for (const auto& aggregate : aggregates) {
      if (aggregate->distinct) {
        distinct.push_back(std::make_unique<GroupHashTable>(
            DistinctKeyTypes(GroupTypes(groups), *aggregate)));
      } else {
        distinct.push_back(nullptr);
      }
    }
  }
  std::mutex mutex;
  AggregateHashTable table;
  std::vector<std::unique_ptr<GroupHashTable>> distinct;
};

struct AggregateLocalState : LocalSinkState {
  AggregateLocalState(const ExecutionContext* context, const BoundExprList& groups,
                      const BoundExprList& aggregates)
      : group_executor(context, groups),
        inputs(context, aggregates),
        table(GroupTypes(groups), Pointers(aggregates)) {
    keys.Initialize(GroupTypes(groups));
    for (const auto& aggregate : aggregates) {
      distinct.push_back(aggregate->distinct ? std::make_unique<GroupHashTable>(DistinctKeyTypes(
                                                   GroupTypes(groups), *aggregate))
                                             : nullptr);
    }
  }
  ExpressionExecutor group_executor;
  DataChunk keys;
  AggregateInputs inputs;
  AggregateHashTable table;
  std::vector<std::unique_ptr<GroupHashTable>> distinct;
};

struct AggregateSourceState : GlobalSourceState {
  explicit AggregateSourceState(idx_t chunks) : chunk_count(chunks) {}
  std::atomic<idx_t> next_chunk{0};
  idx_t chunk_count;
  idx_t MaxThreads() const override { return std::max<idx_t>(1, chunk_count); }
};

}  // namespace

PhysicalHashAggregate::PhysicalHashAggregate(std::vector<LogicalType> types, BoundExprList groups,
                                             BoundExprList aggregates, idx_t cardinality)
    : PhysicalOperator(PhysicalOperatorType::kHashAggregate, std::move(types), cardinality),
      groups(std::move(groups)),
      aggregates(std::move(aggregates)) {}

std::vector<std::string> PhysicalHashAggregate::Details() const {
  std::vector<std::string> details;
  for (const auto& g : groups) details.push_back(Concat("group: ", g->ToString()));
  for (const auto& a : aggregates) details.push_back(a->ToString());
  return details;
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalHashAggregate::GetGlobalSinkState(
    ExecutionContext&) const {
  return std::unique_ptr<GlobalSinkState>(std::make_unique<AggregateGlobalState>(groups, aggregates));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalHashAggregate::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState&) const {
  return std::unique_ptr<LocalSinkState>(
      std::make_unique<AggregateLocalState>(&context, groups, aggregates));
}

StatusOr<SinkResult> PhysicalHashAggregate::Sink(ExecutionContext&, DataChunk& chunk,
                                                 GlobalSinkState&, LocalSinkState& local) const {
  auto& l = static_cast<AggregateLocalState&>(local);
  FLUX_RETURN_IF_ERROR(l.group_executor.Execute(chunk, l.keys));
  uint32_t group_ids[kVectorSize];
  l.table.FindOrCreateGroups(l.keys, group_ids);
  for (idx_t a = 0; a < aggregates.size(); a++) {
    FLUX_ASSIGN_OR_RETURN(const AggregateInputs::Rows* rows, l.inputs.Evaluate(a, chunk));
    if (rows->count == 0) continue;
    if (aggregates[a]->distinct) {
      DataChunk distinct_keys;
      l.inputs.DistinctKeys(l.keys, *rows, &distinct_keys);
      uint32_t ids[kVectorSize];
      l.distinct[a]->FindOrCreateGroups(distinct_keys, ids);
      continue;
    }
    uint32_t selected[kVectorSize];
    const uint32_t* ids = group_ids;
    if (rows->selection != nullptr) {
      for (idx_t i = 0; i < rows->count; i++) selected[i] = group_ids[rows->selection->get_index(i)];
      ids = selected;
    }
    FLUX_RETURN_IF_ERROR(l.table.UpdateAggregate(a, rows->arguments.columns().data(),
                                                 rows->arguments.ColumnCount(), ids, rows->count));
  }
  return SinkResult::kNeedMoreInput;
}

Status PhysicalHashAggregate::Combine(ExecutionContext&, GlobalSinkState& global,
                                      LocalSinkState& local) const {
  auto& g = static_cast<AggregateGlobalState&>(global);
  auto& l = static_cast<AggregateLocalState&>(local);
  std::lock_guard lock(g.mutex);
  FLUX_RETURN_IF_ERROR(g.table.Merge(l.table));
  idx_t key_count = groups.size();
  for (idx_t a = 0; a < aggregates.size(); a++) {
    if (!l.distinct[a]) continue;
    GroupHashTable& local_set = *l.distinct[a];
    for (idx_t c = 0; c < local_set.key_chunk_count(); c++) {
      const DataChunk& pairs = local_set.key_chunk(c);
      uint32_t ids[kVectorSize];
      SelectionVector fresh(kVectorSize);
      idx_t n = g.distinct[a]->FindOrCreateGroups(pairs, ids, &fresh);
      if (n == 0) continue;
      DataChunk new_pairs;
      new_pairs.Reference(pairs);
      new_pairs.Slice(fresh, n);
      DataChunk keys, arguments;
      for (idx_t col = 0; col < new_pairs.ColumnCount(); col++) {
        Vector v;
        v.Reference(new_pairs.column(col));
        (col < key_count ? keys : arguments).AddColumn(std::move(v));
      }
      keys.SetCardinality(n);
      arguments.SetCardinality(n);
      uint32_t group_ids[kVectorSize];
      g.table.FindOrCreateGroups(keys, group_ids);
      FLUX_RETURN_IF_ERROR(g.table.UpdateAggregate(a, arguments.columns().data(),
                                                   arguments.ColumnCount(), group_ids, n));
    }
  }
  return Status();
}

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalHashAggregate::GetGlobalSourceState(
    ExecutionContext&) const {
  auto& g = static_cast<AggregateGlobalState&>(*sink_state);
  return std::unique_ptr<GlobalSourceState>(
      std::make_unique<AggregateSourceState>(g.table.chunk_count()));
}

StatusOr<SourceResult> PhysicalHashAggregate::GetData(ExecutionContext&, DataChunk& chunk,
                                                      GlobalSourceState& global,
                                                      LocalSourceState& local) const {
  auto& g = static_cast<AggregateGlobalState&>(*sink_state);
  auto& s = static_cast<AggregateSourceState&>(global);
  idx_t index = s.next_chunk.fetch_add(1);
  if (index >= s.chunk_count) return SourceResult::kFinished;
  local.batch_index = index;
  FLUX_RETURN_IF_ERROR(g.table.Scan(index, chunk));
  return SourceResult::kHaveMoreOutput;
}

}  // namespace fluxdb
