// Query nodes of the AST: SELECT blocks and set operations, with their modifiers and CTEs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parser/parsed_expression.h"
#include "parser/table_ref.h"

namespace fluxdb::ast {

enum class QueryNodeKind : uint8_t { kSelect, kSetOperation };

struct CommonTableExpr {
  std::string name;
  std::vector<std::string> column_aliases;
  std::unique_ptr<QueryNode> query;
  bool materialized = false;  // AS MATERIALIZED
  CommonTableExpr Copy() const;
};

/// ORDER BY / LIMIT / OFFSET that apply to the result of a query node.
struct ResultModifiers {
  std::vector<OrderByItem> order_by;
  bool order_by_all = false;  // ORDER BY ALL (DuckDB)
  /// Direction of ORDER BY ALL [ASC|DESC] [NULLS FIRST|LAST] (order_by is then empty).
  bool order_by_all_ascending = true;
  NullOrder order_by_all_nulls = NullOrder::kDefault;
  ExprPtr limit;               // null: none
  ExprPtr offset;              // null: none
  bool limit_percent = false;  // LIMIT 10%
  ResultModifiers Copy() const;
};

class QueryNode {
 public:
  explicit QueryNode(QueryNodeKind kind) : kind(kind) {}
  virtual ~QueryNode() = default;
  virtual std::unique_ptr<QueryNode> Copy() const = 0;
  virtual std::string ToString() const = 0;

  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  QueryNodeKind kind;
  /// WITH clause attached to this node, in order of definition.
  std::vector<CommonTableExpr> ctes;
  bool recursive_ctes = false;
  ResultModifiers modifiers;

 protected:
  void CopyBase(QueryNode& target) const;
};

using QueryNodePtr = std::unique_ptr<QueryNode>;

class SelectNode : public QueryNode {
 public:
  SelectNode() : QueryNode(QueryNodeKind::kSelect) {}
  QueryNodePtr Copy() const override;
  std::string ToString() const override;

  ExprList select_list;
  TableRefPtr from;  // never null: EmptyTableRef without FROM
  ExprPtr where;
  ExprList group_by;
  bool group_by_all = false;  // GROUP BY ALL (DuckDB)
  ExprPtr having;
  ExprPtr qualify;
  bool distinct = false;
  ExprList distinct_on;  // DISTINCT ON (...)
};

enum class SetOpKind : uint8_t { kUnion, kIntersect, kExcept, kUnionByName };

class SetOperationNode : public QueryNode {
 public:
  SetOperationNode() : QueryNode(QueryNodeKind::kSetOperation) {}
  QueryNodePtr Copy() const override;
  std::string ToString() const override;
  SetOpKind op = SetOpKind::kUnion;
  bool all = false;
  QueryNodePtr left;
  QueryNodePtr right;
};

}  // namespace fluxdb::ast
