// FROM-clause items of the AST.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parser/parsed_expression.h"

namespace fluxdb::ast {

enum class TableRefKind : uint8_t {
  kEmpty,      // SELECT without FROM
  kBaseTable,  // t, s.t
  kJoin,
  kSubquery,        // (SELECT ...) AS x
  kTableFunction,   // range(10), read_csv('f'), storage_info('t')
  kExpressionList,  // VALUES (1, 'a'), (2, 'b')
};

/// kMark and kSingle exist only through DuckDB's debugging syntax JOIN BY (TYPE mark / single).
enum class JoinType : uint8_t {
  kInner,
  kLeft,
  kRight,
  kFull,
  kCross,
  kSemi,
  kAnti,
  kMark,
  kSingle
};

class TableRef {
 public:
  explicit TableRef(TableRefKind kind) : kind(kind) {}
  virtual ~TableRef() = default;
  virtual std::unique_ptr<TableRef> Copy() const = 0;
  virtual std::string ToString() const = 0;

  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  TableRefKind kind;
  std::string alias;                        // AS x
  std::vector<std::string> column_aliases;  // AS x(a, b)
  int32_t location = -1;

 protected:
  void CopyBase(TableRef& target) const {
    target.alias = alias;
    target.column_aliases = column_aliases;
    target.location = location;
  }
};

using TableRefPtr = std::unique_ptr<TableRef>;

class EmptyTableRef : public TableRef {
 public:
  EmptyTableRef() : TableRef(TableRefKind::kEmpty) {}
  TableRefPtr Copy() const override;
  std::string ToString() const override;
};

class BaseTableRef : public TableRef {
 public:
  BaseTableRef() : TableRef(TableRefKind::kBaseTable) {}
  TableRefPtr Copy() const override;
  std::string ToString() const override;
  std::string catalog;  // rarely given
  std::string schema;   // empty = default ("main")
  std::string table;
};

class JoinRef : public TableRef {
 public:
  JoinRef() : TableRef(TableRefKind::kJoin) {}
  TableRefPtr Copy() const override;
  std::string ToString() const override;
  JoinType join_type = JoinType::kInner;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr condition;                       // ON ...; null for CROSS / NATURAL / USING
  std::vector<std::string> using_columns;  // USING (a, b)
  bool natural = false;
};

class SubqueryRef : public TableRef {
 public:
  explicit SubqueryRef(std::unique_ptr<QueryNode> query);
  ~SubqueryRef() override;
  TableRefPtr Copy() const override;
  std::string ToString() const override;
  std::unique_ptr<QueryNode> query;
  bool lateral = false;
};

class TableFunctionRef : public TableRef {
 public:
  TableFunctionRef() : TableRef(TableRefKind::kTableFunction) {}
  TableRefPtr Copy() const override;
  std::string ToString() const override;
  std::string name;  // lower-cased
  ExprList args;     // positional arguments; named ones (x := 1 / x => 1) carry their name as alias
};

class ExpressionListRef : public TableRef {
 public:
  ExpressionListRef() : TableRef(TableRefKind::kExpressionList) {}
  TableRefPtr Copy() const override;
  std::string ToString() const override;
  std::vector<ExprList> rows;
};

}  // namespace fluxdb::ast
