// Deep copies of every AST node.
#include "parser/parsed_expression.h"
#include "parser/query_node.h"
#include "parser/table_ref.h"

namespace fluxdb::ast {

namespace {

template <typename T>
std::unique_ptr<T> Finish(const ParsedExpression& source, std::unique_ptr<T> copy) {
  copy->location = source.location;
  copy->alias = source.alias;
  return copy;
}

ExprPtr CopyOrNull(const ExprPtr& expr) { return expr ? expr->Copy() : nullptr; }

std::vector<OrderByItem> CopyOrders(const std::vector<OrderByItem>& items) {
  std::vector<OrderByItem> out;
  for (const OrderByItem& item : items) out.push_back(item.Copy());
  return out;
}

}  // namespace

ExprPtr ConstantExpr::Copy() const { return Finish(*this, std::make_unique<ConstantExpr>(value)); }

ExprPtr ColumnRefExpr::Copy() const {
  return Finish(*this, std::make_unique<ColumnRefExpr>(names));
}

ExprPtr StarExpr::Copy() const {
  auto copy = std::make_unique<StarExpr>();
  copy->relation = relation;
  copy->exclude = exclude;
  copy->exclude_qualifiers = exclude_qualifiers;
  for (const auto& [name, expr] : replace) copy->replace.emplace_back(name, CopyOrNull(expr));
  copy->rename = rename;
  copy->columns = columns;
  copy->regex = CopyOrNull(regex);
  copy->lambda_param = lambda_param;
  copy->lambda_body = CopyOrNull(lambda_body);
  return Finish(*this, std::move(copy));
}

ExprPtr ParameterExpr::Copy() const {
  return Finish(*this, std::make_unique<ParameterExpr>(index));
}

ExprPtr FunctionExpr::Copy() const {
  auto copy = std::make_unique<FunctionExpr>(name, CopyList(args));
  copy->schema = schema;
  copy->distinct = distinct;
  copy->is_operator = is_operator;
  copy->star = star;
  copy->filter = CopyOrNull(filter);
  copy->order_by = CopyOrders(order_by);
  return Finish(*this, std::move(copy));
}

ExprPtr ComparisonExpr::Copy() const {
  return Finish(*this, std::make_unique<ComparisonExpr>(op, CopyOrNull(left), CopyOrNull(right)));
}

ExprPtr ConjunctionExpr::Copy() const {
  return Finish(*this, std::make_unique<ConjunctionExpr>(is_and, CopyList(children)));
}

ExprPtr NotExpr::Copy() const {
  return Finish(*this, std::make_unique<NotExpr>(CopyOrNull(child)));
}

ExprPtr IsNullExpr::Copy() const {
  return Finish(*this, std::make_unique<IsNullExpr>(CopyOrNull(child), negated));
}

ExprPtr IsDistinctExpr::Copy() const {
  return Finish(*this,
                std::make_unique<IsDistinctExpr>(CopyOrNull(left), CopyOrNull(right), negated));
}

ExprPtr IsBoolExpr::Copy() const {
  return Finish(*this, std::make_unique<IsBoolExpr>(CopyOrNull(child), test, negated));
}

ExprPtr BetweenExpr::Copy() const {
  return Finish(*this, std::make_unique<BetweenExpr>(CopyOrNull(input), CopyOrNull(lower),
                                                     CopyOrNull(upper), negated));
}

ExprPtr InListExpr::Copy() const {
  return Finish(*this, std::make_unique<InListExpr>(CopyOrNull(input), CopyList(list), negated));
}

ExprPtr LikeExpr::Copy() const {
  auto copy =
      std::make_unique<LikeExpr>(like_kind, CopyOrNull(input), CopyOrNull(pattern), negated);
  copy->escape = CopyOrNull(escape);
  return Finish(*this, std::move(copy));
}

ExprPtr CaseExpr::Copy() const {
  auto copy = std::make_unique<CaseExpr>();
  copy->operand = CopyOrNull(operand);
  for (const CaseCheck& check : checks) {
    copy->checks.push_back(CaseCheck{CopyOrNull(check.when), CopyOrNull(check.then)});
  }
  copy->else_expr = CopyOrNull(else_expr);
  return Finish(*this, std::move(copy));
}

ExprPtr CastExpr::Copy() const {
  return Finish(*this, std::make_unique<CastExpr>(CopyOrNull(child), type, try_cast));
}

ExprPtr SubqueryExpr::Copy() const {
  auto copy = std::make_unique<SubqueryExpr>(subquery_kind, query ? query->Copy() : nullptr);
  copy->left = CopyOrNull(left);
  copy->comparison = comparison;
  return Finish(*this, std::move(copy));
}

ExprPtr WindowExpr::Copy() const {
  auto copy = std::make_unique<WindowExpr>(name, CopyList(args));
  copy->distinct = distinct;
  copy->star = star;
  copy->ignore_nulls = ignore_nulls;
  copy->filter = CopyOrNull(filter);
  copy->partition_by = CopyList(partition_by);
  copy->order_by = CopyOrders(order_by);
  copy->frame = frame.Copy();
  return Finish(*this, std::move(copy));
}

ExprPtr CoalesceExpr::Copy() const {
  return Finish(*this, std::make_unique<CoalesceExpr>(CopyList(args)));
}

ExprPtr NullIfExpr::Copy() const {
  return Finish(*this, std::make_unique<NullIfExpr>(CopyOrNull(left), CopyOrNull(right)));
}

ExprPtr DefaultExpr::Copy() const { return Finish(*this, std::make_unique<DefaultExpr>()); }

ExprPtr CollateExpr::Copy() const {
  return Finish(*this, std::make_unique<CollateExpr>(CopyOrNull(child), collation));
}

ExprPtr PositionalRefExpr::Copy() const {
  return Finish(*this, std::make_unique<PositionalRefExpr>(index));
}

// ---- FROM items ----

TableRefPtr EmptyTableRef::Copy() const {
  auto copy = std::make_unique<EmptyTableRef>();
  CopyBase(*copy);
  return copy;
}

TableRefPtr BaseTableRef::Copy() const {
  auto copy = std::make_unique<BaseTableRef>();
  CopyBase(*copy);
  copy->catalog = catalog;
  copy->schema = schema;
  copy->table = table;
  return copy;
}

TableRefPtr JoinRef::Copy() const {
  auto copy = std::make_unique<JoinRef>();
  CopyBase(*copy);
  copy->join_type = join_type;
  copy->left = left ? left->Copy() : nullptr;
  copy->right = right ? right->Copy() : nullptr;
  copy->condition = CopyOrNull(condition);
  copy->using_columns = using_columns;
  copy->natural = natural;
  return copy;
}

TableRefPtr SubqueryRef::Copy() const {
  auto copy = std::make_unique<SubqueryRef>(query ? query->Copy() : nullptr);
  CopyBase(*copy);
  copy->lateral = lateral;
  return copy;
}

TableRefPtr TableFunctionRef::Copy() const {
  auto copy = std::make_unique<TableFunctionRef>();
  CopyBase(*copy);
  copy->name = name;
  copy->args = CopyList(args);
  return copy;
}

TableRefPtr ExpressionListRef::Copy() const {
  auto copy = std::make_unique<ExpressionListRef>();
  CopyBase(*copy);
  for (const ExprList& row : rows) copy->rows.push_back(CopyList(row));
  return copy;
}

// ---- query nodes ----

QueryNodePtr SelectNode::Copy() const {
  auto copy = std::make_unique<SelectNode>();
  CopyBase(*copy);
  copy->select_list = CopyList(select_list);
  copy->from = from ? from->Copy() : nullptr;
  copy->where = CopyOrNull(where);
  copy->group_by = CopyList(group_by);
  copy->group_by_all = group_by_all;
  copy->having = CopyOrNull(having);
  copy->qualify = CopyOrNull(qualify);
  copy->distinct = distinct;
  copy->distinct_on = CopyList(distinct_on);
  return copy;
}

QueryNodePtr SetOperationNode::Copy() const {
  auto copy = std::make_unique<SetOperationNode>();
  CopyBase(*copy);
  copy->op = op;
  copy->all = all;
  copy->left = left ? left->Copy() : nullptr;
  copy->right = right ? right->Copy() : nullptr;
  return copy;
}

}  // namespace fluxdb::ast
