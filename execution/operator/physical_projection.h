// PROJECTION: computes a list of expressions over each input chunk.
#pragma once

#include "execution/expression/bound_expression.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

class PhysicalProjection : public PhysicalOperator {
 public:
  PhysicalProjection(std::vector<LogicalType> types, BoundExprList expressions, idx_t cardinality);

  std::vector<std::string> Details() const override;
  StatusOr<std::unique_ptr<OperatorState>> GetOperatorState(ExecutionContext& context) const override;
  StatusOr<OperatorResult> Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                                   OperatorState& state) const override;

  BoundExprList expressions;
};

}  // namespace fluxdb
