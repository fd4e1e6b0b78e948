#include "execution/operator/physical_projection.h"

#include "execution/expression/expression_executor.h"

namespace fluxdb {

namespace {
struct ProjectionState : OperatorState {
  ProjectionState(const ExecutionContext* context, const BoundExprList& expressions)
      : executor(context, expressions) {}
  ExpressionExecutor executor;
};
}  // namespace

PhysicalProjection::PhysicalProjection(std::vector<LogicalType> types, BoundExprList expressions,
                                       idx_t cardinality)
    : PhysicalOperator(PhysicalOperatorType::kProjection, std::move(types), cardinality),
      expressions(std::move(expressions)) {}

std::vector<std::string> PhysicalProjection::Details() const {
  std::vector<std::string> details;
  for (const auto& expr : expressions) details.push_back(expr->ToString());
  return details;
}

StatusOr<std::unique_ptr<OperatorState>> PhysicalProjection::GetOperatorState(
    ExecutionContext& context) const {
  return std::unique_ptr<OperatorState>(std::make_unique<ProjectionState>(&context, expressions));
}

StatusOr<OperatorResult> PhysicalProjection::Execute(ExecutionContext&, DataChunk& input,
                                                     DataChunk& output, OperatorState& state) const {
  auto& projection = static_cast<ProjectionState&>(state);
  FLUX_RETURN_IF_ERROR(projection.executor.Execute(input, output));
  return OperatorResult::kNeedMoreInput;
}

}  // namespace fluxdb
