// ORDER_BY and TOP_N: sort the input by key expressions; TOP_N keeps only rows
// [offset, offset + limit) of the order and never holds much more than that per thread.
#pragma once

#include "execution/expression/window_spec.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

class PhysicalOrder : public PhysicalOperator {
 public:
  static constexpr idx_t kNoLimit = static_cast<idx_t>(-1);

  /// A full sort (limit == kNoLimit) or a top-N.
  PhysicalOrder(std::vector<LogicalType> types, std::vector<BoundOrderBy> orders, idx_t limit,
                idx_t offset, idx_t cardinality);

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

  std::vector<BoundOrderBy> orders;
  idx_t limit;
  idx_t offset;
};

}  // namespace fluxdb
