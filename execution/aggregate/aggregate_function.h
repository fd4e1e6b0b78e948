// AggregateFunction: sum, count, min, ... as a table of function pointers over raw state memory.
//
// An aggregate's state is `state_size` bytes that the aggregate operator allocates (one per
// group, in arenas) and the function initializes, updates, combines and finalizes. Updates are
// vectorized: `update` receives a whole chunk of arguments and, for grouped aggregation, one
// state pointer per row. States that own heap memory (string_agg, median) set `destroy`.
// Templates in aggregate_executor.h build these pointers from a small State/Operation struct.
#pragma once

#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "execution/expression/bound_expression.h"
#include "execution/function/scalar_function.h"

namespace fluxdb {

using StatePtr = uint8_t*;

struct AggregateFunction {
  using UpdateFn = Status (*)(const BoundExpression& expr, const Vector* inputs, idx_t input_count,
                              StatePtr* states, idx_t count);
  using SimpleUpdateFn = Status (*)(const BoundExpression& expr, const Vector* inputs,
                                    idx_t input_count, StatePtr state, idx_t count);
  using CombineFn = Status (*)(const BoundExpression& expr, StatePtr* sources, StatePtr* targets,
                               idx_t count);
  using FinalizeFn = Status (*)(const BoundExpression& expr, StatePtr* states, Vector& result,
                                idx_t count, idx_t offset);

  std::string name;
  std::vector<LogicalType> arguments;  // kAnyType / kAnyDecimal placeholders as for scalars
  LogicalType return_type;
  /// Bytes of one state (for this bound call; may depend on argument types).
  idx_t (*state_size)(const BoundExpression& expr) = nullptr;
  void (*initialize)(const BoundExpression& expr, StatePtr state) = nullptr;
  /// Grouped update: row i of `inputs` goes into states[i]. Rows with a NULL argument are
  /// skipped by the function unless it counts NULLs (count(*)).
  Status (*update)(const BoundExpression& expr, const Vector* inputs, idx_t input_count,
                   StatePtr* states, idx_t count) = nullptr;
  /// Ungrouped update: every row goes into `state`.
  Status (*simple_update)(const BoundExpression& expr, const Vector* inputs, idx_t input_count,
                          StatePtr state, idx_t count) = nullptr;
  /// Merges sources[i] into targets[i] (thread-local partial results into the global ones).
  Status (*combine)(const BoundExpression& expr, StatePtr* sources, StatePtr* targets,
                    idx_t count) = nullptr;
  /// Writes the result of states[i] to row offset + i of `result`.
  Status (*finalize)(const BoundExpression& expr, StatePtr* states, Vector& result, idx_t count,
                     idx_t offset) = nullptr;
  /// Frees what states own (null when states are trivially destructible).
  void (*destroy)(const BoundExpression& expr, StatePtr* states, idx_t count) = nullptr;
  /// Refines the return type / state after overload resolution (DECIMAL sums, min/max of any type).
  ScalarFunctionBind bind = nullptr;
  /// count(*) and count(x) of no rows give 0; every other aggregate gives NULL.
  bool empty_is_zero = false;
  /// The result depends on input order (first, string_agg without ORDER BY ...).
  bool order_dependent = false;
};

}  // namespace fluxdb
