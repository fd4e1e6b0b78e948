// Join ordering: the tree of inner joins over a set of inputs (already filtered) and the join
// predicates between them that produces the fewest intermediate rows.
//
// Up to kMaxDpInputs inputs, every connected split of every subset is tried (dynamic programming
// over subsets, bushy trees allowed): the cost of a tree is the sum of the estimated rows of its
// joins (C_out), a subset's rows being the product of its inputs' rows and the selectivities of
// the predicates among them, so the same estimate serves every tree shape. Each hash join builds
// on its smaller side. Inputs that no predicate connects are combined by cross products last.
// With more inputs, a greedy order: from the largest input, add the smallest connected one.
#pragma once

#include <set>
#include <vector>

#include "planner/logical/logical_operator.h"
#include "planner/optimizer/cardinality_estimator.h"

namespace fluxdb {

using TableSet = std::set<idx_t>;

/// The table indexes `expr` reads (depth 0 column references).
TableSet TablesOf(const BoundExpression& expr);
/// The table indexes of `op`'s outputs.
TableSet OutputTables(const LogicalOperator& op);
/// True if every table of `a` is in `b`.
bool SubsetOf(const TableSet& a, const TableSet& b);
/// True if `expr` holds a subquery or a volatile function: it must not be moved or duplicated.
bool HasSideEffects(const BoundExpression& expr);

/// Adds `predicate` to `join`: as a hashable condition when it compares an expression over the
/// left side with one over the right side, else as a residual predicate.
void AddJoinPredicate(LogicalJoin& join, BoundExprPtr predicate, const TableSet& left,
                      const TableSet& right);

/// Joins `inputs` with `predicates` (each reads two or more inputs' tables). Predicates placed
/// in the tree are taken out of the list (left null); the others must be applied above.
LogicalOperatorPtr OrderInnerJoins(std::vector<LogicalOperatorPtr> inputs,
                                   BoundExprList& predicates, CardinalityEstimator& estimator);

}  // namespace fluxdb
