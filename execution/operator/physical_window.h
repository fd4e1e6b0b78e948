// WINDOW: computes window functions over the whole input.
//
// The sink materializes the input rows and, per window expression, its arguments, partition
// and order keys. Finalize sorts each window's rows by (partition, order), walks partitions
// and peer groups to compute the function over each row's frame, and scatters the results back
// to input order. The source then emits the input rows with one extra column per window
// expression, in input order.
#pragma once

#include "execution/expression/bound_expression.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

class PhysicalWindow : public PhysicalOperator {
 public:
  PhysicalWindow(std::vector<LogicalType> types, BoundExprList windows, idx_t cardinality);

  std::vector<std::string> Details() const override;
  bool IsSink() const override { return true; }
  bool IsSource() const override { return true; }
  bool SinkOrderDependent() const override { return true; }
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

  BoundExprList windows;
};

}  // namespace fluxdb
