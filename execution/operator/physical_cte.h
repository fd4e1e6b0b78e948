// Materialized intermediate results read several times: a CTE referenced more than once, or
// the outer side of a decorrelated subquery (whose distinct correlated values feed the
// subquery while its rows feed the join).
//
// PhysicalMaterializedCte is a sink for children[1] (the definition) and passes children[0]'s
// chunks through unchanged (the consumer, which contains the PhysicalCteScans). Every CTE scan
// waits until the materialization finished (SourceDependency).
#pragma once

#include "common/chunk_collection.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

class PhysicalMaterializedCte : public PhysicalOperator {
 public:
  PhysicalMaterializedCte(std::vector<LogicalType> types, std::string name, idx_t cardinality)
      : PhysicalOperator(PhysicalOperatorType::kMaterializedCte, std::move(types), cardinality),
        name(std::move(name)) {}

  std::vector<std::string> Details() const override { return {name}; }
  bool IsSink() const override { return true; }
  bool IsJoinLikeSink() const override { return true; }
  StatusOr<std::unique_ptr<GlobalSinkState>> GetGlobalSinkState(
      ExecutionContext& context) const override;
  StatusOr<std::unique_ptr<LocalSinkState>> GetLocalSinkState(
      ExecutionContext& context, GlobalSinkState& global) const override;
  StatusOr<SinkResult> Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                            LocalSinkState& local) const override;
  Status Combine(ExecutionContext& context, GlobalSinkState& global,
                 LocalSinkState& local) const override;
  bool SinkOrderDependent() const override { return true; }
  StatusOr<OperatorResult> Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                                   OperatorState& state) const override;

  /// The materialized rows (valid once the sink finished).
  const ChunkCollection& rows() const;

  std::string name;
};

class PhysicalCteScan : public PhysicalOperator {
 public:
  PhysicalCteScan(std::vector<LogicalType> types, const PhysicalMaterializedCte& cte,
                  idx_t cardinality)
      : PhysicalOperator(PhysicalOperatorType::kCteScan, std::move(types), cardinality), cte(cte) {}

  std::vector<std::string> Details() const override { return {cte.name}; }
  bool IsSource() const override { return true; }
  const PhysicalOperator* SourceDependency() const override { return &cte; }
  StatusOr<std::unique_ptr<GlobalSourceState>> GetGlobalSourceState(
      ExecutionContext& context) const override;
  StatusOr<SourceResult> GetData(ExecutionContext& context, DataChunk& chunk,
                                 GlobalSourceState& global, LocalSourceState& local) const override;

  const PhysicalMaterializedCte& cte;
};

}  // namespace fluxdb
