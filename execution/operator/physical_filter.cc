#include "execution/operator/physical_filter.h"

#include "execution/expression/expression_executor.h"

namespace fluxdb {

namespace {
struct FilterState : OperatorState {
  FilterState(const ExecutionContext* context, const BoundExpression& predicate)
      : executor(context), selection(kVectorSize) {
    executor.AddExpression(predicate);
  }
  ExpressionExecutor executor;
  SelectionVector selection;
};
}  // namespace

PhysicalFilter::PhysicalFilter(std::vector<LogicalType> types, BoundExprPtr predicate,
                               idx_t cardinality)
    : PhysicalOperator(PhysicalOperatorType::kFilter, std::move(types), cardinality),
      predicate(std::move(predicate)) {}

std::vector<std::string> PhysicalFilter::Details() const { return {predicate->ToString()}; }

StatusOr<std::unique_ptr<OperatorState>> PhysicalFilter::GetOperatorState(
    ExecutionContext& context) const {
  return std::unique_ptr<OperatorState>(std::make_unique<FilterState>(&context, *predicate));
}

StatusOr<OperatorResult> PhysicalFilter::Execute(ExecutionContext&, DataChunk& input,
                                                 DataChunk& output, OperatorState& state) const {
  auto& filter = static_cast<FilterState&>(state);
  FLUX_ASSIGN_OR_RETURN(idx_t count, filter.executor.Select(input, filter.selection));
  if (count == input.size()) {
    output.Reference(input);
  } else if (count > 0) {
    output.Reference(input);
    output.Slice(filter.selection, count);
  }
  return OperatorResult::kNeedMoreInput;
}

}  // namespace fluxdb
