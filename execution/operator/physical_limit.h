// LIMIT / OFFSET: keeps rows [offset, offset + limit) of its input, in input order; LIMIT p%
// keeps p percent of them.
#pragma once

#include <optional>

#include "execution/expression/bound_expression.h"
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

 private:
  /// Computes the limit / offset expressions from `chunk`'s first row, once.
  Status Resolve(ExecutionContext& context, const DataChunk& chunk, GlobalSinkState& global) const;

 public:
  /// LIMIT p%: the first p percent of the input's rows (after `offset`); `limit` is unused.
  std::optional<double> percent;
  /// LIMIT / OFFSET evaluated on the first input row (a scalar subquery's column joined to
  /// every row); null when constant. With `percent` set, the limit expression is the percentage.
  BoundExprPtr limit_expression;
  BoundExprPtr offset_expression;
};

}  // namespace fluxdb
