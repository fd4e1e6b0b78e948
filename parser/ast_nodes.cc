// Out-of-line members of the AST nodes that need complete types (QueryNode inside expressions).
#include "parser/parsed_expression.h"
#include "parser/query_node.h"
#include "parser/statement.h"
#include "parser/table_ref.h"

namespace fluxdb::ast {

const char* ComparisonOpToString(ComparisonOp op) {
  switch (op) {
    case ComparisonOp::kEqual:
      return "=";
    case ComparisonOp::kNotEqual:
      return "!=";
    case ComparisonOp::kLess:
      return "<";
    case ComparisonOp::kLessEqual:
      return "<=";
    case ComparisonOp::kGreater:
      return ">";
    case ComparisonOp::kGreaterEqual:
      return ">=";
  }
  return "?";
}

SubqueryExpr::SubqueryExpr(SubqueryKind subquery_kind, std::unique_ptr<QueryNode> query)
    : ParsedExpression(ExprKind::kSubquery),
      subquery_kind(subquery_kind),
      query(std::move(query)) {}
SubqueryExpr::~SubqueryExpr() = default;

WindowExpr::WindowExpr(std::string name, ExprList args)
    : ParsedExpression(ExprKind::kWindow), name(std::move(name)), args(std::move(args)) {}
WindowExpr::~WindowExpr() = default;

SubqueryRef::SubqueryRef(std::unique_ptr<QueryNode> query)
    : TableRef(TableRefKind::kSubquery), query(std::move(query)) {}
SubqueryRef::~SubqueryRef() = default;

ExprList CopyList(const ExprList& list) {
  ExprList out;
  out.reserve(list.size());
  for (const ExprPtr& expr : list) out.push_back(expr ? expr->Copy() : nullptr);
  return out;
}

OrderByItem OrderByItem::Copy() const {
  OrderByItem out;
  out.expr = expr ? expr->Copy() : nullptr;
  out.ascending = ascending;
  out.nulls = nulls;
  return out;
}

std::string OrderByItem::ToString() const {
  std::string out = expr ? expr->ToString() : "";
  if (!ascending) out += " DESC";
  if (nulls == NullOrder::kNullsFirst) out += " NULLS FIRST";
  if (nulls == NullOrder::kNullsLast) out += " NULLS LAST";
  return out;
}

WindowFrame WindowFrame::Copy() const {
  WindowFrame out;
  out.present = present;
  out.unit = unit;
  out.start.kind = start.kind;
  out.start.offset = start.offset ? start.offset->Copy() : nullptr;
  out.end.kind = end.kind;
  out.end.offset = end.offset ? end.offset->Copy() : nullptr;
  return out;
}

CommonTableExpr CommonTableExpr::Copy() const {
  CommonTableExpr out;
  out.name = name;
  out.column_aliases = column_aliases;
  out.query = query ? query->Copy() : nullptr;
  out.materialized = materialized;
  return out;
}

ResultModifiers ResultModifiers::Copy() const {
  ResultModifiers out;
  for (const OrderByItem& item : order_by) out.order_by.push_back(item.Copy());
  out.order_by_all = order_by_all;
  out.order_by_all_ascending = order_by_all_ascending;
  out.order_by_all_nulls = order_by_all_nulls;
  out.limit = limit ? limit->Copy() : nullptr;
  out.offset = offset ? offset->Copy() : nullptr;
  out.limit_percent = limit_percent;
  return out;
}

void QueryNode::CopyBase(QueryNode& target) const {
  target.ctes.clear();
  for (const CommonTableExpr& cte : ctes) target.ctes.push_back(cte.Copy());
  target.recursive_ctes = recursive_ctes;
  target.modifiers = modifiers.Copy();
}

}  // namespace fluxdb::ast
