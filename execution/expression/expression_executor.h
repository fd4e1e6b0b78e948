// ExpressionExecutor: evaluates bound expressions over data chunks.
//
// Each expression gets a state tree (argument buffers, function-local state) built once, so a
// chunk's evaluation allocates nothing in the common case. CASE, COALESCE and the conjuncts of a
// filter evaluate their later parts only on the rows that still need them (by slicing the
// input), so `CASE WHEN x > 0 THEN sqrt(x) END` never computes sqrt of a negative number.
#pragma once

#include <memory>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "execution/execution_context.h"
#include "execution/expression/bound_expression.h"

namespace fluxdb {

struct FunctionLocalState;

struct ExpressionState {
  ExpressionState(const BoundExpression& expr, const ExecutionContext* context);
  ~ExpressionState();

  const BoundExpression& expr;
  const ExecutionContext* context;
  std::vector<std::unique_ptr<ExpressionState>> children;
  /// Function arguments / intermediate child results, one column per child.
  DataChunk intermediate;
  std::unique_ptr<FunctionLocalState> local;
};

class ExpressionExecutor {
 public:
  explicit ExpressionExecutor(const ExecutionContext* context = nullptr) : context_(context) {}
  ExpressionExecutor(const ExecutionContext* context, const BoundExprList& expressions);

  void AddExpression(const BoundExpression& expr);
  idx_t ExpressionCount() const { return expressions_.size(); }

  /// Evaluates expression i for every row of `input` into column i of `result`.
  Status Execute(const DataChunk& input, DataChunk& result);
  /// Evaluates expression `index` into `result` (reset to flat first by this call).
  Status ExecuteExpression(idx_t index, const DataChunk& input, Vector& result);
  /// For a single boolean expression: writes the rows of `input` where it is TRUE to `sel` and
  /// returns their number.
  StatusOr<idx_t> Select(const DataChunk& input, SelectionVector& sel);

  /// Evaluates an expression without inputs (constant folding, LIMIT values).
  static StatusOr<Value> EvaluateScalar(const BoundExpression& expr,
                                        const ExecutionContext* context = nullptr);

 private:
  const ExecutionContext* context_;
  std::vector<const BoundExpression*> expressions_;
  std::vector<std::unique_ptr<ExpressionState>> states_;
};

/// Evaluates `expr` on every row of `input` into `result` (type expr.type, writable flat).
Status EvaluateExpression(ExpressionState& state, const DataChunk& input, Vector& result);
/// Rows of `input` where boolean `expr` is TRUE.
StatusOr<idx_t> SelectExpression(ExpressionState& state, const DataChunk& input,
                                 SelectionVector& true_sel);

}  // namespace fluxdb
