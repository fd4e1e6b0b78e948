// FILTER: keeps the rows for which a boolean expression is TRUE (a selection, no copying).
#pragma once

#include "execution/expression/bound_expression.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

class PhysicalFilter : public PhysicalOperator {
 public:
  PhysicalFilter(std::vector<LogicalType> types, BoundExprPtr predicate, idx_t cardinality);

  std::vector<std::string> Details() const override;
  StatusOr<std::unique_ptr<OperatorState>> GetOperatorState(ExecutionContext& context) const override;
  StatusOr<OperatorResult> Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                                   OperatorState& state) const override;

  BoundExprPtr predicate;
};

}  // namespace fluxdb
