// The logical plan: what a query computes, before choosing how.
//
// Every operator's output columns are named by ColumnBindings (table index, column index).
// Operators that make new columns (get, projection, aggregate, window, set operation, values)
// own a table index; filters, orders and limits pass their child's bindings through; joins
// concatenate them. Expressions refer to columns only by binding, so operators can be moved and
// columns pruned without renumbering anything.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/chunk_collection.h"
#include "execution/expression/bound_expression.h"
#include "execution/expression/window_spec.h"
#include "execution/operator/physical_dml.h"
#include "execution/table_function/table_function.h"
#include "storage/table_filter.h"

namespace fluxdb {

class TableEntry;

enum class LogicalOperatorType : uint8_t {
  kGet,
  kTableFunction,
  kExpressionGet,
  kDummyScan,
  kEmptyResult,
  kFilter,
  kProjection,
  kAggregate,
  kWindow,
  kOrder,
  kTopN,
  kLimit,
  kJoin,
  kCrossProduct,
  kSetOperation,
  kInsert,
  kDelete,
  kUpdate,
  kMaterializedCte,
  kCteRef,
  kDelimGet,
};

class LogicalOperator {
 public:
  explicit LogicalOperator(LogicalOperatorType type) : type(type) {}
  virtual ~LogicalOperator() = default;

  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  /// The bindings of this operator's output columns, in order.
  virtual std::vector<ColumnBinding> GetColumnBindings() const;
  /// Output types, in the order of GetColumnBindings.
  virtual std::vector<LogicalType> GetTypes() const;
  /// One-line description for debugging.
  virtual std::string ToString() const;
  /// Estimated output rows (for join ordering / build-side choice): the optimizer's estimate
  /// from statistics once it made one (CardinalityEstimator), else a guess from the shape.
  idx_t EstimateCardinality() const {
    return estimated_cardinality != kInvalidIndex ? estimated_cardinality : GuessCardinality();
  }
  /// A rough estimate without statistics.
  virtual idx_t GuessCardinality() const;

  LogicalOperatorType type;
  std::vector<std::unique_ptr<LogicalOperator>> children;
  /// Filter: conjuncts; projection: the projected expressions; window: window expressions.
  BoundExprList expressions;
  /// Set by the optimizer's cardinality estimation; kInvalidIndex before.
  idx_t estimated_cardinality = kInvalidIndex;
};

using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

/// A base table scan. Bindings are (table_index, table column index) for each entry of
/// column_ids, so pruning columns never renumbers references.
class LogicalGet : public LogicalOperator {
 public:
  LogicalGet(idx_t table_index, TableEntry& table);
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
  std::string ToString() const override;
  idx_t GuessCardinality() const override;

  idx_t table_index;
  TableEntry& table;
  std::vector<uint32_t> column_ids;  // table column indexes (or kRowIdColumn)
  std::shared_ptr<TableFilterSet> filters = std::make_shared<TableFilterSet>();
  /// Rows visible when the query was bound.
  idx_t base_cardinality = 0;
};

class LogicalTableFunction : public LogicalOperator {
 public:
  LogicalTableFunction(idx_t table_index, const TableFunction& function,
                       TableFunctionBindResult bind);
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override { return types; }
  std::string ToString() const override { return "TABLE_FUNCTION " + function.name; }
  idx_t GuessCardinality() const override { return cardinality; }

  idx_t table_index;
  const TableFunction& function;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::shared_ptr<TableFunctionData> data;
  idx_t cardinality;
};

/// VALUES (...), (...): rows of constant-or-correlated expressions.
class LogicalExpressionGet : public LogicalOperator {
 public:
  LogicalExpressionGet(idx_t table_index, std::vector<LogicalType> types,
                       std::vector<BoundExprList> rows)
      : LogicalOperator(LogicalOperatorType::kExpressionGet),
        table_index(table_index),
        types(std::move(types)),
        rows(std::move(rows)) {}
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override { return types; }
  idx_t GuessCardinality() const override { return rows.size(); }

  idx_t table_index;
  std::vector<LogicalType> types;
  std::vector<BoundExprList> rows;
};

/// One row, no columns (SELECT without FROM).
class LogicalDummyScan : public LogicalOperator {
 public:
  explicit LogicalDummyScan(idx_t table_index)
      : LogicalOperator(LogicalOperatorType::kDummyScan), table_index(table_index) {}
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }
  std::vector<LogicalType> GetTypes() const override { return {}; }
  idx_t GuessCardinality() const override { return 1; }
  idx_t table_index;
};

/// No rows, with the bindings of the operator it replaced.
class LogicalEmptyResult : public LogicalOperator {
 public:
  LogicalEmptyResult(std::vector<ColumnBinding> bindings, std::vector<LogicalType> types)
      : LogicalOperator(LogicalOperatorType::kEmptyResult),
        bindings(std::move(bindings)),
        types(std::move(types)) {}
  std::vector<ColumnBinding> GetColumnBindings() const override { return bindings; }
  std::vector<LogicalType> GetTypes() const override { return types; }
  idx_t GuessCardinality() const override { return 0; }
  std::vector<ColumnBinding> bindings;
  std::vector<LogicalType> types;
};

class LogicalFilter : public LogicalOperator {
 public:
  LogicalFilter() : LogicalOperator(LogicalOperatorType::kFilter) {}
  idx_t GuessCardinality() const override;
};

class LogicalProjection : public LogicalOperator {
 public:
  LogicalProjection(idx_t table_index, BoundExprList expressions)
      : LogicalOperator(LogicalOperatorType::kProjection), table_index(table_index) {
    this->expressions = std::move(expressions);
  }
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
  idx_t table_index;
};

/// GROUP BY: outputs (group_index, i) for each group then (aggregate_index, j) per aggregate.
class LogicalAggregate : public LogicalOperator {
 public:
  LogicalAggregate(idx_t group_index, idx_t aggregate_index)
      : LogicalOperator(LogicalOperatorType::kAggregate),
        group_index(group_index),
        aggregate_index(aggregate_index) {}
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
  idx_t GuessCardinality() const override;
  idx_t group_index;
  idx_t aggregate_index;
  BoundExprList groups;
  // `expressions` holds the aggregates.
};

/// Window functions: outputs the child's columns then (window_index, i) per window expression.
class LogicalWindow : public LogicalOperator {
 public:
  explicit LogicalWindow(idx_t window_index)
      : LogicalOperator(LogicalOperatorType::kWindow), window_index(window_index) {}
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
  idx_t window_index;
};

class LogicalOrder : public LogicalOperator {
 public:
  LogicalOrder() : LogicalOperator(LogicalOperatorType::kOrder) {}
  std::vector<BoundOrderBy> orders;
};

class LogicalLimit : public LogicalOperator {
 public:
  static constexpr idx_t kNoLimit = static_cast<idx_t>(-1);
  LogicalLimit(idx_t limit, idx_t offset)
      : LogicalOperator(LogicalOperatorType::kLimit), limit(limit), offset(offset) {}
  idx_t GuessCardinality() const override;
  idx_t limit;
  idx_t offset;
  /// LIMIT p%: keeps p percent of the input's rows (`limit` is then kNoLimit).
  std::optional<double> percent;
  /// LIMIT / OFFSET given by a scalar subquery: positions in `expressions` of the value, read
  /// from the first input row (the subquery's column, joined in), or kInvalidIndex. `limit` /
  /// `percent` and `offset` are then decided at run time.
  idx_t limit_expression = kInvalidIndex;
  idx_t offset_expression = kInvalidIndex;
};

class LogicalTopN : public LogicalOperator {
 public:
  LogicalTopN(std::vector<BoundOrderBy> orders, idx_t limit, idx_t offset)
      : LogicalOperator(LogicalOperatorType::kTopN),
        orders(std::move(orders)),
        limit(limit),
        offset(offset) {}
  idx_t GuessCardinality() const override { return limit; }
  std::vector<BoundOrderBy> orders;
  idx_t limit;
  idx_t offset;
};

enum class JoinKind : uint8_t {
  kInner,
  kLeft,
  kRight,
  kFull,
  kSemi,    // left rows with a match
  kAnti,    // left rows without a match
  kMark,    // left rows + a BOOLEAN "has a match" column (IN / EXISTS with NULL semantics)
  kSingle,  // left rows + the (at most one) matching right row, NULLs without (scalar subquery)
};
const char* JoinKindName(JoinKind kind);

struct JoinCondition {
  BoundExprPtr left;   // over the left child
  BoundExprPtr right;  // over the right child
  ComparisonType comparison = ComparisonType::kEqual;
  JoinCondition Copy() const { return {left->Copy(), right->Copy(), comparison}; }
};

/// A join with conditions `left op right` (ANDed) plus an optional residual predicate over both
/// sides (`expressions`, ANDed, evaluated on candidate pairs).
class LogicalJoin : public LogicalOperator {
 public:
  explicit LogicalJoin(JoinKind kind) : LogicalOperator(LogicalOperatorType::kJoin), kind(kind) {}
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
  std::string ToString() const override;
  idx_t GuessCardinality() const override;
  JoinKind kind;
  std::vector<JoinCondition> conditions;
  idx_t mark_index = kInvalidIndex;  // kMark: binding (mark_index, 0) of the BOOLEAN column
  /// kMark for NOT IN / IN: a NULL comparison makes the mark NULL instead of FALSE.
  bool mark_null_aware = true;
  /// kSingle (scalar subquery): more than one match is an error.
  bool single_error_on_multiple = true;
  /// A dependent ("delim") join made by subquery decorrelation: the distinct values of
  /// `delim_columns` (over the left child) are what LogicalDelimGet(delim_index) nodes in the
  /// right child read.
  idx_t delim_index = kInvalidIndex;
  BoundExprList delim_columns;
};

/// The distinct values of a delim join's correlated columns (see LogicalJoin::delim_index).
class LogicalDelimGet : public LogicalOperator {
 public:
  LogicalDelimGet(idx_t table_index, idx_t delim_index, std::vector<LogicalType> types)
      : LogicalOperator(LogicalOperatorType::kDelimGet),
        table_index(table_index),
        delim_index(delim_index),
        types(std::move(types)) {}
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override { return types; }
  idx_t GuessCardinality() const override { return 100; }
  idx_t table_index;
  idx_t delim_index;
  std::vector<LogicalType> types;
};

class LogicalCrossProduct : public LogicalOperator {
 public:
  LogicalCrossProduct() : LogicalOperator(LogicalOperatorType::kCrossProduct) {}
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
  idx_t GuessCardinality() const override;
};

enum class SetOperationKind : uint8_t { kUnion, kIntersect, kExcept };

class LogicalSetOperation : public LogicalOperator {
 public:
  LogicalSetOperation(SetOperationKind kind, bool all, idx_t table_index, idx_t column_count)
      : LogicalOperator(LogicalOperatorType::kSetOperation),
        kind(kind),
        all(all),
        table_index(table_index),
        column_count(column_count) {}
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
  idx_t GuessCardinality() const override;
  SetOperationKind kind;
  bool all;
  idx_t table_index;
  idx_t column_count;
};

/// INSERT / DELETE / UPDATE: output (table_index, 0), the count of changed rows.
class LogicalDml : public LogicalOperator {
 public:
  LogicalDml(LogicalOperatorType type, idx_t table_index, TableEntry& table)
      : LogicalOperator(type), table_index(table_index), table(table) {}
  std::vector<ColumnBinding> GetColumnBindings() const override {
    if (returning_types.empty()) return {{table_index, 0}};
    std::vector<ColumnBinding> bindings;
    for (idx_t i = 0; i < returning_types.size(); i++) bindings.push_back({table_index, i});
    return bindings;
  }
  std::vector<LogicalType> GetTypes() const override {
    if (returning_types.empty()) return {LogicalType::BigInt()};
    return returning_types;
  }
  idx_t table_index;
  TableEntry& table;
  /// RETURNING: the table's column types; the operator then outputs the rows it wrote (see
  /// PhysicalDml) instead of their count.
  std::vector<LogicalType> returning_types;
  /// CHECK constraints over the table's columns (as kReference 0..n-1).
  BoundExprList checks;
  /// INSERT OR IGNORE / OR REPLACE, ON CONFLICT DO NOTHING / DO UPDATE.
  ConflictAction on_conflict = ConflictAction::kError;
  /// ON CONFLICT (columns): the key (in PhysicalDml's order: primary key first, then the unique
  /// keys) whose conflicts on_conflict resolves.
  std::optional<idx_t> conflict_key;
  ConflictUpdate conflict_update;
};

/// Materializes children[0] once; children[1] may read it any number of times via
/// LogicalCteRef(cte_index). Outputs children[1]'s columns.
class LogicalMaterializedCte : public LogicalOperator {
 public:
  LogicalMaterializedCte(idx_t cte_index, std::string name)
      : LogicalOperator(LogicalOperatorType::kMaterializedCte),
        cte_index(cte_index),
        name(std::move(name)) {}
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
  idx_t GuessCardinality() const override { return children[1]->EstimateCardinality(); }
  idx_t cte_index;
  std::string name;
};

class LogicalCteRef : public LogicalOperator {
 public:
  LogicalCteRef(idx_t table_index, idx_t cte_index, std::vector<LogicalType> types,
                idx_t cardinality)
      : LogicalOperator(LogicalOperatorType::kCteRef),
        table_index(table_index),
        cte_index(cte_index),
        types(std::move(types)),
        cardinality(cardinality) {}
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override { return types; }
  idx_t GuessCardinality() const override { return cardinality; }
  idx_t table_index;
  idx_t cte_index;
  std::vector<LogicalType> types;
  idx_t cardinality;
};

/// A bound query: its plan and result names, as held by subquery expressions.
struct BoundQueryPlan {
  LogicalOperatorPtr plan;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  /// Correlated columns of enclosing queries that the plan refers to (depth 1 from inside).
  std::vector<ColumnBinding> correlated;
  std::vector<LogicalType> correlated_types;
};

}  // namespace fluxdb
