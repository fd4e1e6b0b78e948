// AggregateInputs: evaluates the arguments (and FILTER clause) of each aggregate of an operator.
#pragma once

#include <memory>
#include <vector>

#include "execution/expression/expression_executor.h"

namespace fluxdb {

/// Key types of a DISTINCT aggregate's dedup table: the group keys, then its arguments.
std::vector<LogicalType> DistinctKeyTypes(const std::vector<LogicalType>& group_types,
                                          const BoundExpression& aggregate);

class AggregateInputs {
 public:
  struct Rows {
    DataChunk arguments;                         // one column per aggregate argument
    const SelectionVector* selection = nullptr;  // rows of the input kept by FILTER (null: all)
    idx_t count = 0;
  };

  AggregateInputs(const ExecutionContext* context, const BoundExprList& aggregates);

  /// Evaluates aggregate `a` over `input`; the result stays valid until the next call for `a`.
  StatusOr<const Rows*> Evaluate(idx_t a, const DataChunk& input);
  /// Builds [keys..., arguments...] for the kept rows (keys sliced like the arguments).
  void DistinctKeys(const DataChunk& keys, const Rows& rows, DataChunk* out) const;

 private:
  struct PerAggregate {
    std::unique_ptr<ExpressionExecutor> arguments;
    std::unique_ptr<ExpressionExecutor> filter;
    SelectionVector filter_selection{kVectorSize};
    Rows rows;
  };
  std::vector<PerAggregate> aggregates_;
};

}  // namespace fluxdb
