// SQL rendering of query nodes and FROM items in DuckDB's style.
#include "parser/ast_to_string.h"
#include "parser/query_node.h"
#include "parser/table_ref.h"

namespace fluxdb::ast {

namespace {

std::string CTEsToString(const QueryNode& node) {
  if (node.ctes.empty()) return "";
  std::string out = node.recursive_ctes ? "WITH RECURSIVE " : "WITH ";
  for (size_t i = 0; i < node.ctes.size(); i++) {
    const CommonTableExpr& cte = node.ctes[i];
    if (i > 0) out += ", ";
    out += QuoteIdentifierIfNeeded(cte.name);
    if (!cte.column_aliases.empty()) {
      out += " (";
      for (size_t j = 0; j < cte.column_aliases.size(); j++) {
        if (j > 0) out += ", ";
        out += QuoteIdentifierIfNeeded(cte.column_aliases[j]);
      }
      out += ")";
    }
    out += cte.materialized ? " AS MATERIALIZED (" : " AS (";
    out += cte.query ? cte.query->ToString() : "";
    out += ")";
  }
  return out + " ";
}

std::string ModifiersToString(const ResultModifiers& modifiers) {
  std::string out;
  if (modifiers.order_by_all) {
    out += " ORDER BY ALL";
    if (!modifiers.order_by_all_ascending) out += " DESC";
    if (modifiers.order_by_all_nulls == NullOrder::kNullsFirst) out += " NULLS FIRST";
    if (modifiers.order_by_all_nulls == NullOrder::kNullsLast) out += " NULLS LAST";
  } else if (!modifiers.order_by.empty()) {
    out += " ORDER BY ";
    for (size_t i = 0; i < modifiers.order_by.size(); i++) {
      if (i > 0) out += ", ";
      out += modifiers.order_by[i].ToString();
    }
  }
  if (modifiers.limit) {
    out += " LIMIT " + modifiers.limit->ToString();
    if (modifiers.limit_percent) out += "%";
  }
  if (modifiers.offset) out += " OFFSET " + modifiers.offset->ToString();
  return out;
}

/// " AS alias(a, b)" for a FROM item.
std::string AliasToString(const TableRef& ref) {
  std::string out;
  if (!ref.alias.empty()) out += " AS " + QuoteIdentifierIfNeeded(ref.alias);
  if (!ref.column_aliases.empty()) {
    out += "(";
    for (size_t i = 0; i < ref.column_aliases.size(); i++) {
      if (i > 0) out += ", ";
      out += QuoteIdentifierIfNeeded(ref.column_aliases[i]);
    }
    out += ")";
  }
  return out;
}

}  // namespace

/// Whether the node is a VALUES statement: SELECT * over a bare expression list.
static bool IsValuesList(const SelectNode& node) {
  return node.select_list.size() == 1 && node.select_list[0]->kind == ExprKind::kStar &&
         node.select_list[0]->ToString() == "*" && node.select_list[0]->alias.empty() &&
         node.from && node.from->kind == TableRefKind::kExpressionList &&
         node.from->alias.empty() && node.from->column_aliases.empty() && !node.where &&
         node.group_by.empty() && !node.group_by_all && !node.having && !node.qualify &&
         !node.distinct;
}

std::string SelectNode::ToString() const {
  if (IsValuesList(*this)) {
    std::string out = CTEsToString(*this) + "VALUES ";
    const auto& rows = from->As<ExpressionListRef>().rows;
    for (size_t i = 0; i < rows.size(); i++) {
      if (i > 0) out += ", ";
      out += "(" + JoinExprs(rows[i], ", ") + ")";
    }
    return out + ModifiersToString(modifiers);
  }
  std::string out = CTEsToString(*this) + "SELECT ";
  if (distinct) {
    out += "DISTINCT ";
    if (!distinct_on.empty()) out += "ON (" + JoinExprs(distinct_on, ", ") + ") ";
  }
  for (size_t i = 0; i < select_list.size(); i++) {
    if (i > 0) out += ", ";
    out += select_list[i]->ToString();
    if (!select_list[i]->alias.empty()) {
      out += " AS " + QuoteIdentifierIfNeeded(select_list[i]->alias);
    }
  }
  if (from && from->kind != TableRefKind::kEmpty) out += " FROM " + from->ToString();
  if (where) out += " WHERE " + where->ToString();
  if (group_by_all) {
    out += " GROUP BY ALL";
  } else if (!group_by.empty()) {
    out += " GROUP BY " + JoinExprs(group_by, ", ");
  }
  if (having) out += " HAVING " + having->ToString();
  if (qualify) out += " QUALIFY " + qualify->ToString();
  return out + ModifiersToString(modifiers);
}

std::string SetOperationNode::ToString() const {
  std::string out = CTEsToString(*this) + "(" + (left ? left->ToString() : "") + ") ";
  switch (op) {
    case SetOpKind::kUnion:
      out += "UNION";
      break;
    case SetOpKind::kUnionByName:
      out += "UNION";
      break;
    case SetOpKind::kIntersect:
      out += "INTERSECT";
      break;
    case SetOpKind::kExcept:
      out += "EXCEPT";
      break;
  }
  if (all) out += " ALL";
  if (op == SetOpKind::kUnionByName) out += " BY NAME";
  out += " (" + (right ? right->ToString() : "") + ")";
  return out + ModifiersToString(modifiers);
}

std::string EmptyTableRef::ToString() const { return ""; }

std::string BaseTableRef::ToString() const {
  std::string out;
  if (!catalog.empty()) out += QuoteIdentifierIfNeeded(catalog) + ".";
  if (!schema.empty()) out += QuoteIdentifierIfNeeded(schema) + ".";
  out += QuoteIdentifierIfNeeded(table);
  return out + AliasToString(*this);
}

std::string JoinRef::ToString() const {
  std::string out = (left ? left->ToString() : "") + " ";
  const char* type = "INNER";
  switch (join_type) {
    case JoinType::kInner:
      type = "INNER";
      break;
    case JoinType::kLeft:
      type = "LEFT";
      break;
    case JoinType::kRight:
      type = "RIGHT";
      break;
    case JoinType::kFull:
      type = "FULL";
      break;
    case JoinType::kSemi:
      type = "SEMI";
      break;
    case JoinType::kAnti:
      type = "ANTI";
      break;
    case JoinType::kMark:
      type = "MARK";
      break;
    case JoinType::kSingle:
      type = "SINGLE";
      break;
    case JoinType::kCross:
      type = nullptr;
      break;
  }
  if (type == nullptr) {
    out += "CROSS JOIN ";
  } else {
    out += std::string(natural ? "NATURAL " : "") + type + " JOIN ";
  }
  out += right ? right->ToString() : "";
  if (condition) {
    out += " ON (" + condition->ToString() + ")";
  } else if (!using_columns.empty()) {
    out += " USING (";
    for (size_t i = 0; i < using_columns.size(); i++) {
      if (i > 0) out += ", ";
      out += QuoteIdentifierIfNeeded(using_columns[i]);
    }
    out += ")";
  }
  if (!alias.empty() || !column_aliases.empty()) out = "(" + out + ")" + AliasToString(*this);
  return out;
}

std::string SubqueryRef::ToString() const {
  return std::string(lateral ? "LATERAL " : "") + "(" + (query ? query->ToString() : "") + ")" +
         AliasToString(*this);
}

std::string TableFunctionRef::ToString() const {
  std::string out = name + "(";
  for (size_t i = 0; i < args.size(); i++) {
    if (i > 0) out += ", ";
    if (!args[i]->alias.empty()) out += QuoteIdentifierIfNeeded(args[i]->alias) + " := ";
    out += args[i]->ToString();
  }
  return out + ")" + AliasToString(*this);
}

std::string ExpressionListRef::ToString() const {
  std::string out = "(VALUES ";
  for (size_t i = 0; i < rows.size(); i++) {
    if (i > 0) out += ", ";
    out += "(" + JoinExprs(rows[i], ", ") + ")";
  }
  return out + ")" + AliasToString(*this);
}

}  // namespace fluxdb::ast
