// Binder: resolves an AST statement against the catalog into a typed logical plan.
//
// One Binder binds one query level (a SELECT block); subqueries get a child Binder whose parent
// pointer lets their expressions see the enclosing FROM clause (correlated columns). Method
// bodies are split by what they bind: bind_select.cc, bind_table_ref.cc, bind_set_operation.cc,
// bind_dml.cc; expressions are bound by ExpressionBinder.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "execution/execution_context.h"
#include "parser/statement.h"
#include "planner/binder/bind_context.h"
#include "planner/logical/logical_operator.h"

namespace fluxdb {

class Catalog;
class StorageManager;
class TableEntry;
class Transaction;

/// Shared by every binder of one statement.
struct BinderState {
  Catalog& catalog;
  StorageManager& storage;
  Transaction& transaction;
  const ExecutionSettings& settings;
  idx_t next_table_index = 0;
  int view_depth = 0;
  /// How NULLs sort when ORDER BY does not say: DuckDB puts them last in both directions;
  /// "sqlite" puts them first ascending, last descending.
  bool nulls_first_ascending = false;
  bool nulls_first_descending = false;
  /// Values of $1, $2 ... when running a prepared statement.
  const std::vector<Value>* parameters = nullptr;
};

/// A column a star (`*`, `t.*`, COLUMNS(...)) stands for.
struct StarColumn {
  ResolvedColumn column;
  const ast::ParsedExpression* replacement = nullptr;  // * REPLACE (expr AS name)
  std::string name;                                    // after RENAME and the star's alias
};

/// The column as an expression to bind: its REPLACE expression or a reference to it.
ast::ExprPtr StarColumnExpression(const StarColumn& column);

/// An expression with COLUMNS(...) in it, written out for one column.
struct ExpandedExpression {
  ast::ExprPtr expr;
  std::string name;
};

struct BoundQuery {
  LogicalOperatorPtr plan;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
};

/// A column of an enclosing query referenced from inside a subquery.
struct CorrelatedColumn {
  ColumnBinding binding;
  LogicalType type;
  std::string name;
  bool operator==(const CorrelatedColumn& other) const { return binding == other.binding; }
};

class Binder {
 public:
  explicit Binder(BinderState& state, Binder* parent = nullptr);

  StatusOr<BoundQuery> BindQuery(const ast::QueryNode& node);
  StatusOr<BoundQuery> BindInsert(const ast::InsertStatement& statement);
  StatusOr<BoundQuery> BindDelete(const ast::DeleteStatement& statement);
  StatusOr<BoundQuery> BindUpdate(const ast::UpdateStatement& statement);

  /// Binds a subquery in a child binder; the plan's correlated columns are listed in the result.
  StatusOr<std::shared_ptr<BoundQueryPlan>> BindSubquery(const ast::QueryNode& node);

  BinderState& state() { return state_; }
  BindContext& bind_context() { return bind_context_; }
  Binder* parent() { return parent_; }
  idx_t NewTableIndex() { return state_.next_table_index++; }
  /// Records that this query level reads `column` of an enclosing level.
  void AddCorrelatedColumn(const CorrelatedColumn& column);
  const std::vector<CorrelatedColumn>& correlated_columns() const { return correlated_columns_; }

  /// Finds a CTE visible at this level (or an enclosing one).
  const ast::CommonTableExpr* FindCte(std::string_view name) const;

  /// Turns subquery expressions inside `expr` into joins on top of `plan`.
  Status PlanSubqueries(BoundExprPtr& expr, LogicalOperatorPtr& plan);

  /// ORDER BY / DISTINCT ON a constant that is no ordinal orders nothing: DuckDB rejects it
  /// unless order_by_non_integer_literal is set. `clause` is "ORDER BY" or "DISTINCT ON".
  Status CheckNonIntegerLiteral(const char* clause) const {
    if (state_.settings.order_by_non_integer_literal) return Status();
    return BinderError(clause,
                       " non-integer literal has no effect.\n* SET "
                       "order_by_non_integer_literal=true to allow this behavior.");
  }

  /// The columns `star` stands for: its FROM item's (or the whole FROM clause's) columns after
  /// EXCLUDE, REPLACE and RENAME, narrowed by a COLUMNS regex or lambda or a star filter.
  StatusOr<std::vector<StarColumn>> StarColumns(const ast::StarExpr& star);
  /// `expr` written out once per column of the COLUMNS(...) inside it (every COLUMNS in one
  /// expression must be the same); nullopt when it holds none.
  StatusOr<std::optional<std::vector<ExpandedExpression>>> ExpandColumns(
      const ast::ParsedExpression& expr);

  /// ORDER BY direction defaults from the session.
  bool DefaultNullsFirst(bool ascending) const {
    return ascending ? state_.nulls_first_ascending : state_.nulls_first_descending;
  }

 private:
  friend class SelectBinder;
  StatusOr<BoundQuery> BindSelectNode(const ast::SelectNode& node);
  StatusOr<BoundQuery> BindSetOperation(const ast::SetOperationNode& node);
  StatusOr<LogicalOperatorPtr> BindTableRef(const ast::TableRef& ref);
  StatusOr<LogicalOperatorPtr> BindBaseTable(const ast::BaseTableRef& ref);
  StatusOr<LogicalOperatorPtr> BindJoin(const ast::JoinRef& ref);
  StatusOr<LogicalOperatorPtr> BindSubqueryRef(const ast::SubqueryRef& ref);
  StatusOr<LogicalOperatorPtr> BindTableFunction(const ast::TableFunctionRef& ref);
  /// (DESCRIBE ...) / (SUMMARIZE ...) as a FROM item (see show_queries.h).
  StatusOr<LogicalOperatorPtr> BindShowRef(const ast::TableFunctionRef& ref);
  StatusOr<LogicalOperatorPtr> BindExpressionList(const ast::ExpressionListRef& ref);
  StatusOr<LogicalOperatorPtr> BindCteReference(const ast::CommonTableExpr& cte,
                                                const ast::BaseTableRef& ref);
  /// Applies ORDER BY / LIMIT / OFFSET of `modifiers` to a bound query whose columns are `query`.
  Status BindModifiers(const ast::ResultModifiers& modifiers, BoundQuery& query);
  /// RETURNING: the DML operator outputs the rows it wrote; `returning` is evaluated over them.
  StatusOr<BoundQuery> BindReturning(const ast::ExprList& returning, TableEntry& table,
                                     const std::string& alias, std::unique_ptr<LogicalDml> dml);
  /// Puts the LIMIT / OFFSET of `modifiers` on top of `plan`. A value given by a scalar
  /// subquery joins the subquery's column to `plan`: the result then has extra columns.
  Status BindLimit(const ast::ResultModifiers& modifiers, LogicalOperatorPtr& plan);
  /// Registers `plan`'s output as a FROM item named `alias` with `names`.
  Status AddPlanBinding(const std::string& alias, LogicalOperator& plan,
                        std::vector<std::string> names);

  BinderState& state_;
  Binder* parent_;
  BindContext bind_context_;
  std::vector<CorrelatedColumn> correlated_columns_;
  std::map<std::string, const ast::CommonTableExpr*> ctes_;  // normalized name -> definition
};

}  // namespace fluxdb
