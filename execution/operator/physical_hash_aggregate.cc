#include "execution/operator/physical_hash_aggregate.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>

#include "execution/aggregate/aggregate_hash_table.h"
#include "execution/aggregate/aggregate_input.h"
#include "execution/pipeline/task_scheduler.h"

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

bool HasDistinct(const BoundExprList& aggregates) {
  for (const auto& aggregate : aggregates) {
    if (aggregate->distinct) return true;
  }
  return false;
}

struct AggregateGlobalState : GlobalSinkState {
  AggregateGlobalState(const BoundExprList& groups, const BoundExprList& aggregates) {
    for (const auto& aggregate : aggregates) {
      if (aggregate->distinct) {
        distinct.push_back(
            std::make_unique<GroupHashTable>(DistinctKeyTypes(GroupTypes(groups), *aggregate)));
      } else {
        distinct.push_back(nullptr);
      }
    }
  }
  std::mutex mutex;
  // Each thread's table, handed over by Combine (merged there when aggregates are DISTINCT).
  std::vector<std::unique_ptr<AggregateHashTable>> tables;
  std::vector<std::unique_ptr<GroupHashTable>> distinct;
  // After Finalize: the tables whose groups are the result (disjoint), and where each one's
  // chunks start in the source's numbering.
  std::vector<idx_t> chunk_starts;
  idx_t chunk_count = 0;
};

struct AggregateLocalState : LocalSinkState {
  AggregateLocalState(const ExecutionContext* context, const BoundExprList& groups,
                      const BoundExprList& aggregates, idx_t expected_groups)
      : group_executor(context, groups),
        inputs(context, aggregates),
        table(std::make_unique<AggregateHashTable>(GroupTypes(groups), Pointers(aggregates),
                                                   expected_groups)) {
    keys.Initialize(GroupTypes(groups));
    for (const auto& aggregate : aggregates) {
      distinct.push_back(aggregate->distinct ? std::make_unique<GroupHashTable>(
                                                   DistinctKeyTypes(GroupTypes(groups), *aggregate))
                                             : nullptr);
    }
  }
  ExpressionExecutor group_executor;
  DataChunk keys;
  AggregateInputs inputs;
  std::unique_ptr<AggregateHashTable> table;
  std::vector<std::unique_ptr<GroupHashTable>> distinct;
};

struct AggregateSourceState : GlobalSourceState {
  explicit AggregateSourceState(idx_t chunks) : chunk_count(chunks) {}
  std::atomic<idx_t> next_chunk{0};
  idx_t chunk_count;
  idx_t MaxThreads() const override { return std::max<idx_t>(1, chunk_count); }
};

// Below this many groups in all, the threads' tables are merged into one, serially; above it,
// they are split into partitions by hash and each partition is merged by its own task.
constexpr idx_t kPartitionedMergeGroups = 64 * 1024;

// Merges `tables` (at least two) into disjoint partition tables, one task per partition.
StatusOr<std::vector<std::unique_ptr<AggregateHashTable>>> PartitionedMerge(
    ExecutionContext& context, std::vector<std::unique_ptr<AggregateHashTable>>& tables,
    const BoundExprList& groups, const BoundExprList& aggregates) {
  idx_t threads = context.settings != nullptr ? context.settings->threads : 1;
  threads = std::max<idx_t>(1, threads);
  idx_t partitions = 8;
  while (partitions < 4 * threads && partitions < 256) partitions *= 2;
  const int shift = 64 - __builtin_ctzll(partitions);

  // Per table and partition, the ids of its groups there (ascending), one task per table.
  std::vector<std::vector<std::vector<uint32_t>>> members(tables.size());
  auto split = [&](idx_t t) {
    const AggregateHashTable& table = *tables[t];
    auto& lists = members[t];
    lists.resize(partitions);
    for (uint32_t g = 0; g < table.group_count(); g++) {
      lists[table.groups().group_hash(g) >> shift].push_back(g);
    }
  };
  std::vector<std::unique_ptr<AggregateHashTable>> merged(partitions);
  std::mutex error_mutex;
  Status error;
  auto merge = [&](idx_t p) {
    idx_t expected = 0;
    for (idx_t t = 0; t < tables.size(); t++) expected += members[t][p].size();
    auto target =
        std::make_unique<AggregateHashTable>(GroupTypes(groups), Pointers(aggregates), expected);
    for (idx_t t = 0; t < tables.size(); t++) {
      const auto& list = members[t][p];
      Status status = target->MergeGroups(*tables[t], list.data(), list.size());
      if (status.ok()) status = context.CheckInterrupt();
      if (!status.ok()) {
        std::lock_guard lock(error_mutex);
        if (error.ok()) error = status;
        return;
      }
    }
    merged[p] = std::move(target);
  };
  // Tasks pull work from a shared counter: `threads` workers over `n` items.
  auto run = [&](idx_t n, const std::function<void(idx_t)>& work) {
    std::atomic<idx_t> next{0};
    auto worker = [&](idx_t) {
      MemoryTracker::Scope memory_scope(context.memory);
      for (idx_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) work(i);
    };
    idx_t workers = std::min(threads, n);
    if (workers > 1 && context.scheduler != nullptr) {
      context.scheduler->RunParallel(workers, worker);
    } else {
      worker(0);
    }
  };
  run(tables.size(), split);
  run(partitions, merge);
  FLUX_RETURN_IF_ERROR(error);
  std::vector<std::unique_ptr<AggregateHashTable>> result;
  for (auto& table : merged) {
    if (table->group_count() > 0) result.push_back(std::move(table));
  }
  return result;
}

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
  return std::unique_ptr<GlobalSinkState>(
      std::make_unique<AggregateGlobalState>(groups, aggregates));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalHashAggregate::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState&) const {
  return std::unique_ptr<LocalSinkState>(
      std::make_unique<AggregateLocalState>(&context, groups, aggregates, estimated_cardinality()));
}

StatusOr<SinkResult> PhysicalHashAggregate::Sink(ExecutionContext&, DataChunk& chunk,
                                                 GlobalSinkState&, LocalSinkState& local) const {
  auto& l = static_cast<AggregateLocalState&>(local);
  FLUX_RETURN_IF_ERROR(l.group_executor.Execute(chunk, l.keys));
  uint32_t group_ids[kVectorSize];
  l.table->FindOrCreateGroups(l.keys, group_ids);
  StatePtr rows[kVectorSize];
  l.table->GroupRows(group_ids, l.keys.size(), rows);
  for (idx_t a = 0; a < aggregates.size(); a++) {
    FLUX_ASSIGN_OR_RETURN(const AggregateInputs::Rows* input, l.inputs.Evaluate(a, chunk));
    if (input->count == 0) continue;
    if (aggregates[a]->distinct) {
      DataChunk distinct_keys;
      l.inputs.DistinctKeys(l.keys, *input, &distinct_keys);
      uint32_t ids[kVectorSize];
      l.distinct[a]->FindOrCreateGroups(distinct_keys, ids);
      continue;
    }
    StatePtr selected[kVectorSize];
    const StatePtr* states = rows;
    if (input->selection != nullptr) {
      for (idx_t i = 0; i < input->count; i++) selected[i] = rows[input->selection->get_index(i)];
      states = selected;
    }
    FLUX_RETURN_IF_ERROR(l.table->UpdateAggregate(a, input->arguments.columns().data(),
                                                  input->arguments.ColumnCount(), states,
                                                  input->count));
  }
  return SinkResult::kNeedMoreInput;
}

Status PhysicalHashAggregate::Combine(ExecutionContext&, GlobalSinkState& global,
                                      LocalSinkState& local) const {
  auto& g = static_cast<AggregateGlobalState&>(global);
  auto& l = static_cast<AggregateLocalState&>(local);
  std::lock_guard lock(g.mutex);
  if (!HasDistinct(aggregates)) {
    // Merged in Finalize, in parallel when large.
    if (l.table->group_count() > 0) g.tables.push_back(std::move(l.table));
    return Status();
  }
  // DISTINCT aggregates update the global table as their arguments turn out new globally.
  if (g.tables.empty()) {
    g.tables.push_back(std::move(l.table));
  } else {
    FLUX_RETURN_IF_ERROR(g.tables[0]->Merge(*l.table));
  }
  AggregateHashTable& table = *g.tables[0];
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
      table.FindOrCreateGroups(keys, group_ids);
      FLUX_RETURN_IF_ERROR(table.UpdateAggregate(a, arguments.columns().data(),
                                                 arguments.ColumnCount(), group_ids, n));
    }
  }
  return Status();
}

Status PhysicalHashAggregate::Finalize(ExecutionContext& context, GlobalSinkState& global) const {
  auto& g = static_cast<AggregateGlobalState&>(global);
  idx_t total = 0;
  for (const auto& table : g.tables) total += table->group_count();
  if (g.tables.size() > 1) {
    if (total >= kPartitionedMergeGroups) {
      FLUX_ASSIGN_OR_RETURN(g.tables, PartitionedMerge(context, g.tables, groups, aggregates));
    } else {
      // Into the largest table.
      std::sort(g.tables.begin(), g.tables.end(),
                [](const auto& a, const auto& b) { return a->group_count() > b->group_count(); });
      for (idx_t t = 1; t < g.tables.size(); t++) {
        FLUX_RETURN_IF_ERROR(g.tables[0]->Merge(*g.tables[t]));
      }
      g.tables.resize(1);
    }
  }
  // No group at all: an empty table, so that GROUP BY () style plans still find one.
  if (g.tables.empty()) {
    g.tables.push_back(
        std::make_unique<AggregateHashTable>(GroupTypes(groups), Pointers(aggregates)));
  }
  g.chunk_starts.clear();
  g.chunk_count = 0;
  for (const auto& table : g.tables) {
    g.chunk_starts.push_back(g.chunk_count);
    g.chunk_count += table->chunk_count();
  }
  return Status();
}

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalHashAggregate::GetGlobalSourceState(
    ExecutionContext&) const {
  auto& g = static_cast<AggregateGlobalState&>(*sink_state);
  return std::unique_ptr<GlobalSourceState>(std::make_unique<AggregateSourceState>(g.chunk_count));
}

StatusOr<SourceResult> PhysicalHashAggregate::GetData(ExecutionContext&, DataChunk& chunk,
                                                      GlobalSourceState& global,
                                                      LocalSourceState& local) const {
  auto& g = static_cast<AggregateGlobalState&>(*sink_state);
  auto& s = static_cast<AggregateSourceState&>(global);
  idx_t index = s.next_chunk.fetch_add(1);
  if (index >= s.chunk_count) return SourceResult::kFinished;
  local.batch_index = index;
  idx_t table = std::upper_bound(g.chunk_starts.begin(), g.chunk_starts.end(), index) -
                g.chunk_starts.begin() - 1;
  FLUX_RETURN_IF_ERROR(g.tables[table]->Scan(index - g.chunk_starts[table], chunk));
  return SourceResult::kHaveMoreOutput;
}

}  // namespace fluxdb
