// HASH_GROUP_BY: GROUP BY with aggregates. Each thread aggregates into its own hash table (sized
// from the estimated group count once its input proves to have many groups). Finalize merges
// them: few groups serially into the largest table; many groups by radix partitions of the group
// hash, each partition merged into its own table by a separate task, so that the merge runs on
// every thread. (DISTINCT aggregates merge serially in Combine: they deduplicate their arguments
// per thread and again globally before updating states.) The source role then emits one row per
// group: the group values followed by the aggregate results.
#pragma once

#include "execution/expression/bound_expression.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

class PhysicalHashAggregate : public PhysicalOperator {
 public:
  PhysicalHashAggregate(std::vector<LogicalType> types, BoundExprList groups,
                        BoundExprList aggregates, idx_t cardinality);

  std::vector<std::string> Details() const override;
  bool IsSink() const override { return true; }
  bool IsSource() const override { return true; }
  StatusOr<std::unique_ptr<GlobalSinkState>> GetGlobalSinkState(
      ExecutionContext& context) const override;
  StatusOr<std::unique_ptr<LocalSinkState>> GetLocalSinkState(
      ExecutionContext& context, GlobalSinkState& global) const override;
  StatusOr<SinkResult> Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                            LocalSinkState& local) const override;
  Status Combine(ExecutionContext& context, GlobalSinkState& global,
                 LocalSinkState& local) const override;
  Status Finalize(ExecutionContext& context, GlobalSinkState& global) const override;
  StatusOr<std::unique_ptr<GlobalSourceState>> GetGlobalSourceState(
      ExecutionContext& context) const override;
  StatusOr<SourceResult> GetData(ExecutionContext& context, DataChunk& chunk,
                                 GlobalSourceState& global, LocalSourceState& local) const override;

  BoundExprList groups;
  BoundExprList aggregates;
};

}  // namespace fluxdb
