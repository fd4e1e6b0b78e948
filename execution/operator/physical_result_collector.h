// RESULT_COLLECTOR: the sink at the top of a query; materializes the result rows in order.
#pragma once

#include <mutex>

#include "common/chunk_collection.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

class PhysicalResultCollector : public PhysicalOperator {
 public:
  PhysicalResultCollector(std::vector<LogicalType> types, PhysicalOperatorPtr child,
                          bool preserve_order);

  bool IsSink() const override { return true; }
  bool SinkOrderDependent() const override { return preserve_order_; }
  StatusOr<std::unique_ptr<GlobalSinkState>> GetGlobalSinkState(
      ExecutionContext& context) const override;
  StatusOr<std::unique_ptr<LocalSinkState>> GetLocalSinkState(
      ExecutionContext& context, GlobalSinkState& global) const override;
  StatusOr<SinkResult> Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                            LocalSinkState& local) const override;
  Status Combine(ExecutionContext& context, GlobalSinkState& global,
                 LocalSinkState& local) const override;
  Status Finalize(ExecutionContext& context, GlobalSinkState& global) const override;

  /// After execution: the result rows.
  ChunkCollection TakeResult() const;

 private:
  bool preserve_order_;
};

}  // namespace fluxdb
