// Comparison simplification: `CAST(col AS T) op constant` becomes `col op constant'` when the cast
// preserves order and distinctness (DATE -> TIMESTAMP, integer and decimal widening, FLOAT ->
// DOUBLE) and the constant has an equivalent of the column's type.
//
// `l_shipdate < DATE '1995-01-01' + INTERVAL '1' YEAR` binds as
// `CAST(l_shipdate AS TIMESTAMP) < TIMESTAMP '1995-01-01 00:00:00'`; only the rewritten form
// `l_shipdate < DATE '1995-01-01'` reaches the scan's zone-map filters, and it no longer casts
// every row. A TIMESTAMP bound that is not a midnight still becomes a DATE bound: for a date d,
// d < TIMESTAMP '1995-01-01 12:00' exactly when d <= DATE '1995-01-01'.
#include "execution/cast/vector_cast.h"
#include "planner/optimizer/optimizer.h"
#include "planner/optimizer/plan_walk.h"

namespace fluxdb {

namespace {

int IntegerRank(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
      return 1;
    case TypeId::kSmallInt:
      return 2;
    case TypeId::kInteger:
      return 3;
    case TypeId::kBigInt:
      return 4;
    case TypeId::kHugeInt:
      return 5;
    default:
      return 0;
  }
}

// True if CAST(x AS to) never fails and keeps the order and distinctness of every x of `from`.
bool IsOrderPreservingWidening(const LogicalType& from, const LogicalType& to) {
  if (from.id() == TypeId::kDate && to.id() == TypeId::kTimestamp) return true;
  if (from.id() == TypeId::kFloat && to.id() == TypeId::kDouble) return true;
  int from_rank = IntegerRank(from.id()), to_rank = IntegerRank(to.id());
  if (from_rank > 0 && to_rank > 0) return from_rank <= to_rank;
  if (from.id() == TypeId::kDecimal && to.id() == TypeId::kDecimal) {
    return to.scale() >= from.scale() && to.width() - to.scale() >= from.width() - from.scale();
  }
  return false;
}

bool IsOrdering(ComparisonType type) {
  return type == ComparisonType::kLess || type == ComparisonType::kLessEqual ||
         type == ComparisonType::kGreater || type == ComparisonType::kGreaterEqual;
}

// `column op constant` with `constant` of the column's type equivalent to `cast_op bound` where
// `bound` is a constant of the cast's type; false if there is none.
bool ToColumnBound(const LogicalType& column_type, const Value& bound, ComparisonType* op,
                   Value* constant) {
  auto converted = CastValue(bound, column_type, /*try_cast=*/true);
  if (!converted.ok() || converted->is_null()) return false;
  auto back = CastValue(*converted, bound.type(), /*try_cast=*/true);
  if (!back.ok() || back->is_null()) return false;
  if (*back == bound) {
    *constant = *converted;
    return true;
  }
  // A TIMESTAMP between two dates: compare with the date before it (the cast to DATE floors).
  if (column_type.id() != TypeId::kDate || !IsOrdering(*op) || Value::Compare(*back, bound) >= 0) {
    return false;
  }
  if (*op == ComparisonType::kLess) *op = ComparisonType::kLessEqual;
  if (*op == ComparisonType::kGreaterEqual) *op = ComparisonType::kGreater;
  *constant = *converted;
  return true;
}

void Simplify(BoundExpression& expr) {
  for (auto& child : expr.children) Simplify(*child);
  if (expr.kind != BoundExprKind::kComparison) return;
  if (expr.comparison == ComparisonType::kDistinctFrom ||
      expr.comparison == ComparisonType::kNotDistinctFrom) {
    return;
  }
  int cast_side = expr.children[0]->kind == BoundExprKind::kCast ? 0 : 1;
  BoundExpression& cast = *expr.children[cast_side];
  BoundExpression& constant = *expr.children[1 - cast_side];
  if (cast.kind != BoundExprKind::kCast || cast.try_cast ||
      constant.kind != BoundExprKind::kConstant || constant.value.is_null() ||
      constant.value.type() != cast.type) {
    return;
  }
  const LogicalType& column_type = cast.children[0]->type;
  if (!IsOrderPreservingWidening(column_type, cast.type)) return;
  // Work in `cast op constant` orientation.
  ComparisonType op = cast_side == 0 ? expr.comparison : FlipComparison(expr.comparison);
  Value bound;
  if (!ToColumnBound(column_type, constant.value, &op, &bound)) return;
  BoundExprPtr column = std::move(cast.children[0]);
  expr.children[0] = std::move(column);
  expr.children[1] = BoundExpression::Constant(std::move(bound));
  expr.comparison = op;
}

}  // namespace

void SimplifyComparisons(LogicalOperator& plan) {
  ForEachOperatorExpression(plan, [](BoundExprPtr& e) { Simplify(*e); });
  for (auto& child : plan.children) SimplifyComparisons(*child);
}

}  // namespace fluxdb
