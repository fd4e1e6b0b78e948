// BoundExpression: a typed, resolved expression, evaluable by the ExpressionExecutor.
//
// The binder produces these from the AST. Column references first name a (table index, column
// index) binding of the logical plan (kColumnRef); the physical planner rewrites them into
// positions in the operator's input chunk (kReference). One struct serves every kind so that
// rewrites (constant folding, pushdown, decorrelation) can walk `children` generically; the
// comment on each field says which kinds use it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/types.h"
#include "common/value.h"

namespace fluxdb {

struct ScalarFunction;
struct AggregateFunction;
struct FunctionData;
struct BoundQueryPlan;

enum class BoundExprKind : uint8_t {
  kConstant,     // value
  kColumnRef,    // binding (+ depth for correlated references)
  kReference,    // index: position in the input chunk
  kParameter,    // index: 1-based prepared-statement parameter (replaced before execution)
  kFunction,     // scalar function over children
  kAggregate,    // aggregate over children (only inside an aggregate operator's list)
  kWindow,       // window function (only inside a window operator's list)
  kCast,         // children[0] cast to type; try_cast
  kComparison,   // comparison over children[0], children[1]
  kConjunction,  // is_and ? AND : OR over children (two or more)
  kNot,          // NOT children[0]
  kIsNull,       // children[0] IS NULL (negated: IS NOT NULL)
  kCase,         // children = when0, then0, when1, then1, ..., else
  kInList,       // children[0] IN (children[1..]) (negated: NOT IN), SQL NULL semantics
  kCoalesce,     // first non-NULL of children
  kSubquery,     // binder-only: replaced by the planner (subquery field)
};

enum class ComparisonType : uint8_t {
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kDistinctFrom,     // IS DISTINCT FROM: NULLs compare as values
  kNotDistinctFrom,  // IS NOT DISTINCT FROM
};
const char* ComparisonTypeSymbol(ComparisonType type);
/// a op b  <=>  b Flip(op) a
ComparisonType FlipComparison(ComparisonType type);
/// NOT (a op b)  <=>  a Negate(op) b  (two-valued; callers handle NULL)
ComparisonType NegateComparison(ComparisonType type);

/// Identifies a column produced by a logical operator: the operator's table index and the
/// column's position among that operator's outputs.
struct ColumnBinding {
  idx_t table_index = kInvalidIndex;
  idx_t column_index = kInvalidIndex;
  bool operator==(const ColumnBinding&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const ColumnBinding& b) {
    return H::combine(std::move(h), b.table_index, b.column_index);
  }
};

enum class SubqueryType : uint8_t { kScalar, kExists, kNotExists, kAny, kAll };

/// Per-function data computed at bind time (a compiled regex, a decimal scale ...).
struct FunctionData {
  virtual ~FunctionData() = default;
  virtual std::unique_ptr<FunctionData> Copy() const = 0;
  /// Whether two calls of one function with equal arguments compute the same (most data is
  /// derived from the arguments; data that is not, such as an ordered aggregate's directions,
  /// says so here).
  virtual bool Equals(const FunctionData& other) const {
    (void)other;
    return true;
  }
};

struct WindowFrameSpec;

struct BoundExpression {
  BoundExpression(BoundExprKind kind, LogicalType type) : kind(kind), type(type) {}
  ~BoundExpression();

  BoundExprKind kind;
  LogicalType type;
  std::string alias;  // result column name when this is a select-list item
  std::vector<std::unique_ptr<BoundExpression>> children;

  Value value;                  // kConstant
  ColumnBinding binding;        // kColumnRef
  idx_t depth = 0;              // kColumnRef: 0 = this query, 1 = enclosing query, ...
  idx_t index = 0;              // kReference / kParameter
  const ScalarFunction* function = nullptr;         // kFunction
  const AggregateFunction* aggregate = nullptr;     // kAggregate / kWindow (aggregate windows)
  std::unique_ptr<FunctionData> bind_data;          // kFunction / kAggregate
  bool distinct = false;        // kAggregate
  std::unique_ptr<BoundExpression> filter;          // kAggregate FILTER (WHERE ...)
  ComparisonType comparison = ComparisonType::kEqual;  // kComparison; kSubquery (ANY/ALL)
  bool is_and = true;           // kConjunction
  bool negated = false;         // kIsNull, kInList
  bool try_cast = false;        // kCast
  std::string function_name;    // kFunction / kAggregate / kWindow: name for display
  SubqueryType subquery_type = SubqueryType::kScalar;  // kSubquery
  std::shared_ptr<BoundQueryPlan> subquery;            // kSubquery: the bound subquery
  std::shared_ptr<WindowFrameSpec> window;             // kWindow: partitions, orders, frame

  std::unique_ptr<BoundExpression> Copy() const;
  /// Display form for EXPLAIN and column names.
  std::string ToString() const;
  /// True for constants and expressions over constants only (no columns, parameters, volatile
  /// functions, aggregates, subqueries).
  bool IsFoldable() const;
  /// True if any node (transitively) satisfies `pred`.
  bool Any(const std::function<bool(const BoundExpression&)>& pred) const;
  /// Structural equality (used to match GROUP BY expressions in the select list).
  bool Equals(const BoundExpression& other) const;

  // Constructors for the common kinds.
  static std::unique_ptr<BoundExpression> Constant(Value value);
  static std::unique_ptr<BoundExpression> ColumnRef(LogicalType type, ColumnBinding binding,
                                                    idx_t depth = 0);
  static std::unique_ptr<BoundExpression> Reference(LogicalType type, idx_t index);
  static std::unique_ptr<BoundExpression> Cast(std::unique_ptr<BoundExpression> child,
                                               LogicalType type, bool try_cast = false);
  static std::unique_ptr<BoundExpression> Comparison(ComparisonType type,
                                                     std::unique_ptr<BoundExpression> left,
                                                     std::unique_ptr<BoundExpression> right);
  static std::unique_ptr<BoundExpression> Conjunction(
      bool is_and, std::vector<std::unique_ptr<BoundExpression>> children);
  static std::unique_ptr<BoundExpression> Not(std::unique_ptr<BoundExpression> child);
  static std::unique_ptr<BoundExpression> IsNull(std::unique_ptr<BoundExpression> child,
                                                 bool negated);
};

using BoundExprPtr = std::unique_ptr<BoundExpression>;
using BoundExprList = std::vector<BoundExprPtr>;

BoundExprList CopyExpressions(const BoundExprList& list);

}  // namespace fluxdb
