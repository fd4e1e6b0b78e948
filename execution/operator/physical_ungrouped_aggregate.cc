#include "execution/operator/physical_ungrouped_aggregate.h"

#include <mutex>

#include "execution/aggregate/aggregate_function.h"
#include "execution/aggregate/aggregate_input.h"
#include "execution/hash/group_hash_table.h"

namespace fluxdb {

namespace {

// One state per aggregate, owned (and destroyed) here.
class AggregateStates {
 public:
  explicit AggregateStates(const BoundExprList& aggregates) : aggregates_(aggregates) {
    for (const auto& aggregate : aggregates) {
      idx_t size = aggregate->aggregate->state_size(*aggregate);
      buffers_.push_back(std::make_unique_for_overwrite<uint8_t[]>(size == 0 ? 1 : size));
      aggregate->aggregate->initialize(*aggregate, buffers_.back().get());
    }
  }
  ~AggregateStates() {
    for (idx_t a = 0; a < aggregates_.size(); a++) {
      const BoundExpression& expr = *aggregates_[a];
      StatePtr state = buffers_[a].get();
      if (expr.aggregate->destroy) expr.aggregate->destroy(expr, &state, 1);
    }
  }
  StatePtr state(idx_t a) { return buffers_[a].get(); }

 private:
  const BoundExprList& aggregates_;
  std::vector<std::unique_ptr<uint8_t[]>> buffers_;
};

std::unique_ptr<GroupHashTable> MakeDistinctSet(const BoundExpression& aggregate) {
  if (!aggregate.distinct) return nullptr;
  return std::make_unique<GroupHashTable>(DistinctKeyTypes({}, aggregate));
}

struct UngroupedGlobalState : GlobalSinkState {
  explicit UngroupedGlobalState(const BoundExprList& aggregates) : states(aggregates) {
    for (const auto& aggregate : aggregates) distinct.push_back(MakeDistinctSet(*aggregate));
  }
  std::mutex mutex;
  AggregateStates states;
  std::vector<std::unique_ptr<GroupHashTable>> distinct;
};

struct UngroupedLocalState : LocalSinkState {
  UngroupedLocalState(const ExecutionContext* context, const BoundExprList& aggregates)
      : inputs(context, aggregates), states(aggregates) {
    for (const auto& aggregate : aggregates) distinct.push_back(MakeDistinctSet(*aggregate));
  }
  AggregateInputs inputs;
  AggregateStates states;
  std::vector<std::unique_ptr<GroupHashTable>> distinct;
};

}  // namespace

PhysicalUngroupedAggregate::PhysicalUngroupedAggregate(std::vector<LogicalType> types,
                                                       BoundExprList aggregates)
    : PhysicalOperator(PhysicalOperatorType::kUngroupedAggregate, std::move(types), 1),
      aggregates(std::move(aggregates)) {}

std::vector<std::string> PhysicalUngroupedAggregate::Details() const {
  std::vector<std::string> details;
  for (const auto& a : aggregates) details.push_back(a->ToString());
  return details;
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalUngroupedAggregate::GetGlobalSinkState(
    ExecutionContext&) const {
  return std::unique_ptr<GlobalSinkState>(std::make_unique<UngroupedGlobalState>(aggregates));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalUngroupedAggregate::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState&) const {
  return std::unique_ptr<LocalSinkState>(std::make_unique<UngroupedLocalState>(&context, aggregates));
}

StatusOr<SinkResult> PhysicalUngroupedAggregate::Sink(ExecutionContext&, DataChunk& chunk,
                                                      GlobalSinkState&, LocalSinkState& local) const {
  auto& l = static_cast<UngroupedLocalState&>(local);
  for (idx_t a = 0; a < aggregates.size(); a++) {
    FLUX_ASSIGN_OR_RETURN(const AggregateInputs::Rows* rows, l.inputs.Evaluate(a, chunk));
    if (rows->count == 0) continue;
    if (aggregates[a]->distinct) {
      uint32_t ids[kVectorSize];
      l.distinct[a]->FindOrCreateGroups(rows->arguments, ids);
      continue;
    }
    const BoundExpression& expr = *aggregates[a];
    FLUX_RETURN_IF_ERROR(expr.aggregate->simple_update(expr, rows->arguments.columns().data(),
                                                       rows->arguments.ColumnCount(),
                                                       l.states.state(a), rows->count));
  }
  return SinkResult::kNeedMoreInput;
}

Status PhysicalUngroupedAggregate::Combine(ExecutionContext&, GlobalSinkState& global,
                                           LocalSinkState& local) const {
  auto& g = static_cast<UngroupedGlobalState&>(global);
  auto& l = static_cast<UngroupedLocalState&>(local);
  std::lock_guard lock(g.mutex);
  for (idx_t a = 0; a < aggregates.size(); a++) {
    const BoundExpression& expr = *aggregates[a];
    if (!expr.distinct) {
      StatePtr source = l.states.state(a);
      StatePtr target = g.states.state(a);
      FLUX_RETURN_IF_ERROR(expr.aggregate->combine(expr, &source, &target, 1));
      continue;
    }
    GroupHashTable& local_set = *l.distinct[a];
    for (idx_t c = 0; c < local_set.key_chunk_count(); c++) {
      const DataChunk& values = local_set.key_chunk(c);
      uint32_t ids[kVectorSize];
      SelectionVector fresh(kVectorSize);
      idx_t n = g.distinct[a]->FindOrCreateGroups(values, ids, &fresh);
      if (n == 0) continue;
      DataChunk new_values;
      new_values.Reference(values);
      new_values.Slice(fresh, n);
      FLUX_RETURN_IF_ERROR(expr.aggregate->simple_update(
          expr, new_values.columns().data(), new_values.ColumnCount(), g.states.state(a), n));
    }
  }
  return Status();
}

StatusOr<SourceResult> PhysicalUngroupedAggregate::GetData(ExecutionContext&, DataChunk& chunk,
                                                           GlobalSourceState&,
                                                           LocalSourceState&) const {
  auto& g = static_cast<UngroupedGlobalState&>(*sink_state);
  for (idx_t a = 0; a < aggregates.size(); a++) {
    const BoundExpression& expr = *aggregates[a];
    StatePtr state = g.states.state(a);
    FLUX_RETURN_IF_ERROR(expr.aggregate->finalize(expr, &state, chunk.column(a), 1, 0));
  }
  chunk.SetCardinality(1);
  return SourceResult::kFinished;
}

}  // namespace fluxdb
