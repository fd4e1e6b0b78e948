// LIMIT / OFFSET: keeps rows [offset, offset + limit) of its input, in input order.
#pragma once

#include "execution/operator/physical_operator.h"

namespace fluxdb {

class PhysicalLimit : public PhysicalOperator {
 public:
  static constexpr idx_t kNoLimit = static_cast<idx_t>(-1);

  PhysicalLimit(std::vector<LogicalType> types, idx_t limit, idx_t offset, idx_t cardinality);

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

  idx_t limit;
  idx_t offset;
};

}  // namespace fluxdb
