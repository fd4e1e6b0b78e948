// SQL rendering of expressions in DuckDB's style; the binder names result columns with it
// (SELECT a + 1 -> "(a + 1)", count(*) -> "count_star()").
#include "parser/ast_to_string.h"

#include "parser/parsed_expression.h"
#include "parser/query_node.h"

namespace fluxdb::ast {

std::string QuoteIdentifierIfNeeded(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || static_cast<unsigned char>(c) >= 0x80;
    if (!ok) plain = false;
  }
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string JoinExprs(const ExprList& list, const char* separator) {
  std::string out;
  for (size_t i = 0; i < list.size(); i++) {
    if (i > 0) out += separator;
    out += list[i] ? list[i]->ToString() : "";
  }
  return out;
}

namespace {

std::string Str(const ExprPtr& expr) { return expr ? expr->ToString() : "NULL"; }

std::string Arguments(const ExprList& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); i++) {
    if (i > 0) out += ", ";
    if (!args[i]->alias.empty()) out += QuoteIdentifierIfNeeded(args[i]->alias) + " := ";
    out += args[i]->ToString();
  }
  return out;
}

std::string Orders(const std::vector<OrderByItem>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); i++) {
    if (i > 0) out += ", ";
    out += items[i].ToString();
  }
  return out;
}

std::string FrameBoundToString(const FrameBound& bound) {
  switch (bound.kind) {
    case FrameBoundKind::kUnboundedPreceding:
      return "UNBOUNDED PRECEDING";
    case FrameBoundKind::kPreceding:
      return Str(bound.offset) + " PRECEDING";
    case FrameBoundKind::kCurrentRow:
      return "CURRENT ROW";
    case FrameBoundKind::kFollowing:
      return Str(bound.offset) + " FOLLOWING";
    case FrameBoundKind::kUnboundedFollowing:
      return "UNBOUNDED FOLLOWING";
  }
  return "";
}

}  // namespace

std::string ConstantExpr::ToString() const { return value.ToSQLString(); }

std::string ColumnRefExpr::ToString() const {
  std::string out;
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) out += ".";
    out += QuoteIdentifierIfNeeded(names[i]);
  }
  return out;
}

std::string StarExpr::ToString() const {
  std::string out = relation.empty() ? "*" : QuoteIdentifierIfNeeded(relation) + ".*";
  if (!exclude.empty()) {
    out += " EXCLUDE (";
    for (size_t i = 0; i < exclude.size(); i++) {
      if (i > 0) out += ", ";
      if (i < exclude_qualifiers.size() && !exclude_qualifiers[i].empty()) {
        out += QuoteIdentifierIfNeeded(exclude_qualifiers[i]) + ".";
      }
      out += QuoteIdentifierIfNeeded(exclude[i]);
    }
    out += ")";
  }
  if (!replace.empty()) {
    out += " REPLACE (";
    for (size_t i = 0; i < replace.size(); i++) {
      if (i > 0) out += ", ";
      out += Str(replace[i].second) + " AS " + QuoteIdentifierIfNeeded(replace[i].first);
    }
    out += ")";
  }
  if (!rename.empty()) {
    out += " RENAME (";
    for (size_t i = 0; i < rename.size(); i++) {
      if (i > 0) out += ", ";
      out += QuoteIdentifierIfNeeded(rename[i].first) + " AS " +
             QuoteIdentifierIfNeeded(rename[i].second);
    }
    out += ")";
  }
  if (lambda_body) {
    std::string lambda = lambda_param + " -> " + lambda_body->ToString();
    return columns ? "COLUMNS(" + lambda + ")" : out + " (" + lambda + ")";
  }
  if (regex) return "COLUMNS(" + regex->ToString() + ")";
  if (columns) return "COLUMNS(" + out + ")";
  return out;
}

std::string ParameterExpr::ToString() const { return "$" + std::to_string(index); }

std::string FunctionExpr::ToString() const {
  if (is_operator && !distinct && filter == nullptr && order_by.empty()) {
    if (args.size() == 1) return name + "(" + Str(args[0]) + ")";
    if (args.size() == 2) return "(" + Str(args[0]) + " " + name + " " + Str(args[1]) + ")";
  }
  std::string out = schema.empty() ? name : schema + "." + name;
  if (star && name == "count" && args.empty()) {
    out = schema.empty() ? "count_star" : schema + ".count_star";
  }
  out += "(";
  if (distinct) out += "DISTINCT ";
  if (star && name != "count") out += "*";
  out += Arguments(args);
  if (!order_by.empty()) out += " ORDER BY " + Orders(order_by);
  out += ")";
  if (filter) out += " FILTER (WHERE " + filter->ToString() + ")";
  return out;
}

std::string ComparisonExpr::ToString() const {
  return "(" + Str(left) + " " + ComparisonOpToString(op) + " " + Str(right) + ")";
}

std::string ConjunctionExpr::ToString() const {
  return "(" + JoinExprs(children, is_and ? " AND " : " OR ") + ")";
}

std::string NotExpr::ToString() const { return "(NOT " + Str(child) + ")"; }

std::string IsNullExpr::ToString() const {
  return "(" + Str(child) + (negated ? " IS NOT NULL)" : " IS NULL)");
}

std::string IsDistinctExpr::ToString() const {
  return "(" + Str(left) + (negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") +
         Str(right) + ")";
}

std::string IsBoolExpr::ToString() const {
  const char* value = test == Test::kTrue ? "TRUE" : test == Test::kFalse ? "FALSE" : "UNKNOWN";
  return "(" + Str(child) + (negated ? " IS NOT " : " IS ") + value + ")";
}

std::string BetweenExpr::ToString() const {
  return "(" + Str(input) + (negated ? " NOT BETWEEN " : " BETWEEN ") + Str(lower) + " AND " +
         Str(upper) + ")";
}

std::string InListExpr::ToString() const {
  return "(" + Str(input) + (negated ? " NOT IN (" : " IN (") + JoinExprs(list, ", ") + "))";
}

std::string LikeExpr::ToString() const {
  // DuckDB's spelling: the LIKE operators, like_escape(...) with ESCAPE, regexp_full_match for
  // SIMILAR TO.
  if (like_kind == Kind::kSimilar) {
    std::string call = "regexp_full_match(" + Str(input) + ", " + Str(pattern) +
                       (escape ? ", " + escape->ToString() : "") + ")";
    return negated ? "(NOT " + call + ")" : call;
  }
  if (escape) {
    std::string name = like_kind == Kind::kILike ? "ilike_escape" : "like_escape";
    if (like_kind == Kind::kGlob) name = "glob_escape";
    if (negated) name = "not_" + name;
    return name + "(" + Str(input) + ", " + Str(pattern) + ", " + escape->ToString() + ")";
  }
  const char* op = "~~";
  switch (like_kind) {
    case Kind::kLike:
      op = negated ? "!~~" : "~~";
      break;
    case Kind::kILike:
      op = negated ? "!~~*" : "~~*";
      break;
    case Kind::kGlob:
      op = negated ? "!~~~" : "~~~";
      break;
    case Kind::kSimilar:
      break;
  }
  return "(" + Str(input) + " " + op + " " + Str(pattern) + ")";
}

std::string CaseExpr::ToString() const {
  // DuckDB turns CASE x WHEN v into CASE WHEN (x = v) and prints the ELSE always.
  std::string out = "CASE ";
  for (const CaseCheck& check : checks) {
    std::string when = Str(check.when);
    if (operand) when = "(" + operand->ToString() + " = " + when + ")";
    out += " WHEN (" + when + ") THEN (" + Str(check.then) + ")";
  }
  out += " ELSE " + Str(else_expr) + " END";
  return out;
}

std::string CastExpr::ToString() const {
  auto resolved = ResolveTypeName(type);
  std::string type_text = resolved.ok() ? resolved->ToString() : type.ToString();
  return std::string(try_cast ? "TRY_CAST(" : "CAST(") + Str(child) + " AS " + type_text + ")";
}

std::string SubqueryExpr::ToString() const {
  std::string text = query ? query->ToString() : "";
  switch (subquery_kind) {
    case SubqueryKind::kScalar:
      return "(" + text + ")";
    case SubqueryKind::kExists:
      return "EXISTS(" + text + ")";
    case SubqueryKind::kAny:
      return "(" + Str(left) + " " + ComparisonOpToString(comparison) + " ANY(" + text + "))";
    case SubqueryKind::kAll:
      return "(" + Str(left) + " " + ComparisonOpToString(comparison) + " ALL(" + text + "))";
  }
  return text;
}

std::string WindowExpr::ToString() const {
  std::string out = (star && name == "count" && args.empty()) ? "count_star" : name;
  out += "(";
  if (distinct) out += "DISTINCT ";
  if (star && name != "count") out += "*";
  out += Arguments(args);
  if (ignore_nulls) out += " IGNORE NULLS";
  if (filter) out += ") FILTER (WHERE " + filter->ToString();
  out += ") OVER (";
  std::string separator;
  if (!partition_by.empty()) {
    out += "PARTITION BY " + JoinExprs(partition_by, ", ");
    separator = " ";
  }
  if (!order_by.empty()) {
    out += separator + "ORDER BY " + Orders(order_by);
    separator = " ";
  }
  if (frame.present) {
    const char* unit = frame.unit == FrameUnit::kRows     ? "ROWS"
                       : frame.unit == FrameUnit::kGroups ? "GROUPS"
                                                          : "RANGE";
    out += separator + unit + " BETWEEN " + FrameBoundToString(frame.start) + " AND " +
           FrameBoundToString(frame.end);
  }
  return out + ")";
}

std::string CoalesceExpr::ToString() const { return "COALESCE(" + JoinExprs(args, ", ") + ")"; }

std::string NullIfExpr::ToString() const { return "nullif(" + Str(left) + ", " + Str(right) + ")"; }

std::string DefaultExpr::ToString() const { return "DEFAULT"; }

std::string CollateExpr::ToString() const { return Str(child) + " COLLATE " + collation; }

std::string PositionalRefExpr::ToString() const { return "#" + std::to_string(index); }

}  // namespace fluxdb::ast
