// ExpressionBinder: AST expressions -> typed BoundExpressions.
//
// Column names resolve against the binder's FROM clause, then against enclosing queries
// (producing correlated references with depth > 0). Where the SQL clause allows them,
// aggregate and window calls are handed to a collector that replaces each with a reference to
// the aggregate / window operator's output column.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "common/status.h"
#include "execution/expression/bound_expression.h"
#include "parser/parsed_expression.h"

namespace fluxdb {

class Binder;
struct ScalarFunction;

/// Aggregates and groups of one SELECT block.
struct AggregateCollector {
  idx_t group_index = 0;
  idx_t aggregate_index = 0;
  BoundExprList groups;
  BoundExprList aggregates;
  /// GROUP BY present or an aggregate appears in SELECT / HAVING / ORDER BY.
  bool is_aggregate_query = false;

  /// Adds an aggregate (reusing an identical one) and returns a reference to its result.
  BoundExprPtr Add(BoundExprPtr aggregate);
  /// In an aggregate query, replaces subtrees equal to a group expression with a reference to
  /// the group column; any other column of the FROM clause left over is an error.
  Status Rewrite(BoundExprPtr& expr, const std::vector<idx_t>& allowed_tables) const;

 private:
  Status RewriteGroups(BoundExprPtr& expr, const std::vector<idx_t>& allowed_tables) const;
};

/// Window functions of one SELECT block.
struct WindowCollector {
  idx_t window_index = 0;
  BoundExprList windows;
  BoundExprPtr Add(BoundExprPtr window);
};

/// Which clause an expression belongs to (decides what is allowed and error wording).
enum class ExpressionClause {
  kWhere,
  kSelect,
  kGroupBy,
  kHaving,
  kQualify,
  kOrderBy,
  kJoinCondition,
  kValues,
  kConstant,  // DEFAULT, table function arguments: no columns at all
  kLimit,     // LIMIT / OFFSET: no columns, but scalar subqueries
  kCheck,
  kUpdate,
};

class ExpressionBinder {
 public:
  ExpressionBinder(Binder& binder, ExpressionClause clause);

  StatusOr<BoundExprPtr> Bind(const ast::ParsedExpression& expr);
  /// Binds and casts to BOOLEAN (WHERE, HAVING, ON, CHECK).
  StatusOr<BoundExprPtr> BindCondition(const ast::ParsedExpression& expr);

  /// Tried before the FROM clause for unqualified names (ORDER BY / HAVING select aliases);
  /// returns nullopt to fall through.
  std::function<StatusOr<std::optional<BoundExprPtr>>(const ast::ColumnRefExpr&)> alias_hook;
  /// Tried after the FROM clause (GROUP BY on a select alias).
  std::function<StatusOr<std::optional<BoundExprPtr>>(const ast::ColumnRefExpr&)> fallback_hook;
  AggregateCollector* aggregates = nullptr;
  WindowCollector* windows = nullptr;
  /// Tables whose columns may appear in an aggregate query outside aggregates (the group,
  /// aggregate and window outputs).
  std::vector<idx_t> post_aggregate_tables;

  // Helpers shared with the statement binders.
  static BoundExprPtr AddCast(BoundExprPtr expr, const LogicalType& type);
  static bool IsLiteral(const BoundExpression& expr);
  /// False for a text literal that does not convert to `type` ('hello' vs INTEGER).
  static bool LiteralFitsType(const BoundExpression& expr, const LogicalType& type);
  /// True if `constant` (of a type with no common type with `other`) can equal no value of
  /// `other` even when both are compared as text (x'303132' vs INTEGER).
  static bool ConstantNeverEquals(const BoundExpression& constant, const LogicalType& other);
  static StatusOr<BoundExprPtr> CastToBoolean(BoundExprPtr expr);
  /// Resolves a scalar function call by name with bound arguments (overloads, implicit casts,
  /// the function's bind callback).
  StatusOr<BoundExprPtr> BindScalarFunction(const std::string& name, BoundExprList args,
                                            bool is_operator);

 private:
  StatusOr<BoundExprPtr> BindColumnRef(const ast::ColumnRefExpr& ref);
  StatusOr<BoundExprPtr> BindFunction(const ast::FunctionExpr& call);
  StatusOr<BoundExprPtr> BindAggregate(const ast::FunctionExpr& call);
  StatusOr<BoundExprPtr> BindWindow(const ast::WindowExpr& call);
  StatusOr<BoundExprPtr> BindComparison(ast::ComparisonOp op, const ast::ParsedExpression& left,
                                        const ast::ParsedExpression& right);
  StatusOr<BoundExprPtr> BindComparison(ComparisonType type, BoundExprPtr left, BoundExprPtr right);
  StatusOr<BoundExprPtr> BindCase(const ast::CaseExpr& expr);
  StatusOr<BoundExprPtr> BindInList(const ast::InListExpr& expr);
  StatusOr<BoundExprPtr> BindLike(const ast::LikeExpr& expr);
  StatusOr<BoundExprPtr> BindCast(const ast::CastExpr& expr);
  StatusOr<BoundExprPtr> BindSubquery(const ast::SubqueryExpr& expr);
  StatusOr<BoundExprPtr> BindCoalesce(const ast::CoalesceExpr& expr);
  StatusOr<BoundExprPtr> BindChildInAggregate(const ast::ParsedExpression& expr);

  Binder& binder_;
  ExpressionClause clause_;
  bool inside_aggregate_ = false;
  bool inside_window_ = false;
  bool inside_try_ = false;  // binding the argument of try()
};

/// Unifies `exprs` to one type (CASE branches, IN lists, COALESCE, UNION columns).
StatusOr<LogicalType> UnifyTypes(const BoundExprList& exprs, const char* context);

}  // namespace fluxdb
