// Rewrites of OR predicates for filter pushdown.
//
// A predicate that is one big OR cannot be pushed anywhere or hashed, but what its branches
// share, or imply per table, can:
//   (a AND b) OR (a AND c)        ->  a AND (b OR c)   (a may be a join key: TPC-H Q19)
//   (t.x = 1 AND u.y = 2) OR (t.x = 3 AND u.y = 4)  implies  t.x IN (1, 3) and u.y IN (2, 4),
//   which filter t and u before they are joined (TPC-H Q07); the OR itself stays.
// Both hold in SQL's three-valued logic (AND distributes over OR and absorbs it).
#pragma once

#include <functional>
#include <vector>

#include "execution/expression/bound_expression.h"

namespace fluxdb {

/// Replaces each OR among `conjuncts` whose branches all contain some conjunct by those common
/// conjuncts plus the OR of what remains of the branches (nothing if a branch is left empty).
/// ORs with volatile functions are left alone.
void FactorOrConjuncts(BoundExprList& conjuncts);

/// For an OR `disjunction`, the weaker predicate it implies that reads only columns accepted by
/// `readable`: per branch, the AND of the branch's conjuncts that are readable. Null when some
/// branch has no such conjunct (nothing is implied). OR-ed equalities of one expression with
/// constants come back as an IN list, which scans can use for pruning.
BoundExprPtr DeriveImpliedPredicate(const BoundExpression& disjunction,
                                    const std::function<bool(const BoundExpression&)>& readable);

/// Splits nested ANDs (is_and) or ORs (!is_and) into their terms.
void FlattenConjunction(BoundExprPtr expr, bool is_and, BoundExprList* out);
/// The same without taking ownership: pointers to the terms of `expr`.
void CollectTerms(const BoundExpression& expr, bool is_and,
                  std::vector<const BoundExpression*>* out);

}  // namespace fluxdb
