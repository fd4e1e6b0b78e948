// Stars and DuckDB's COLUMNS(...): which columns `*`, `t.*`, COLUMNS('regex'), COLUMNS(x -> cond)
// and `* LIKE 'p'` stand for, and expressions holding COLUMNS(...) written out once per column.
#include <functional>

#include "catalog/catalog_entry.h"
#include "execution/cast/vector_cast.h"
#include "execution/expression/expression_executor.h"
#include "parser/dialect.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"
#include "re2/re2.h"

namespace fluxdb {

namespace {

using ChildVisitor = std::function<Status(ast::ExprPtr&)>;

// Calls `visit` on every direct child of `expr`; subqueries are left alone (their COLUMNS belong
// to them).
Status ForEachChild(ast::ParsedExpression& expr, const ChildVisitor& visit) {
  using ast::ExprKind;
  auto each = [&](ast::ExprList& list) -> Status {
    for (auto& child : list) FLUX_RETURN_IF_ERROR(visit(child));
    return Status();
  };
  auto maybe = [&](ast::ExprPtr& child) -> Status { return child ? visit(child) : Status(); };
  switch (expr.kind) {
    case ExprKind::kFunction: {
      auto& e = expr.As<ast::FunctionExpr>();
      FLUX_RETURN_IF_ERROR(each(e.args));
      for (auto& order : e.order_by) FLUX_RETURN_IF_ERROR(visit(order.expr));
      return maybe(e.filter);
    }
    case ExprKind::kWindow: {
      auto& e = expr.As<ast::WindowExpr>();
      FLUX_RETURN_IF_ERROR(each(e.args));
      FLUX_RETURN_IF_ERROR(each(e.partition_by));
      for (auto& order : e.order_by) FLUX_RETURN_IF_ERROR(visit(order.expr));
      return maybe(e.filter);
    }
    case ExprKind::kComparison: {
      auto& e = expr.As<ast::ComparisonExpr>();
      FLUX_RETURN_IF_ERROR(visit(e.left));
      return visit(e.right);
    }
    case ExprKind::kConjunction:
      return each(expr.As<ast::ConjunctionExpr>().children);
    case ExprKind::kNot:
      return visit(expr.As<ast::NotExpr>().child);
    case ExprKind::kIsNull:
      return visit(expr.As<ast::IsNullExpr>().child);
    case ExprKind::kIsBool:
      return visit(expr.As<ast::IsBoolExpr>().child);
    case ExprKind::kIsDistinct: {
      auto& e = expr.As<ast::IsDistinctExpr>();
      FLUX_RETURN_IF_ERROR(visit(e.left));
      return visit(e.right);
    }
    case ExprKind::kBetween: {
      auto& e = expr.As<ast::BetweenExpr>();
      FLUX_RETURN_IF_ERROR(visit(e.input));
      FLUX_RETURN_IF_ERROR(visit(e.lower));
      return visit(e.upper);
    }
    case ExprKind::kInList: {
      auto& e = expr.As<ast::InListExpr>();
      FLUX_RETURN_IF_ERROR(visit(e.input));
      return each(e.list);
    }
    case ExprKind::kLike: {
      auto& e = expr.As<ast::LikeExpr>();
      FLUX_RETURN_IF_ERROR(visit(e.input));
      FLUX_RETURN_IF_ERROR(visit(e.pattern));
      return maybe(e.escape);
    }
    case ExprKind::kCase: {
      auto& e = expr.As<ast::CaseExpr>();
      FLUX_RETURN_IF_ERROR(maybe(e.operand));
      for (auto& check : e.checks) {
        FLUX_RETURN_IF_ERROR(visit(check.when));
        FLUX_RETURN_IF_ERROR(visit(check.then));
      }
      return maybe(e.else_expr);
    }
    case ExprKind::kCast:
      return visit(expr.As<ast::CastExpr>().child);
    case ExprKind::kCoalesce:
      return each(expr.As<ast::CoalesceExpr>().args);
    case ExprKind::kNullIf: {
      auto& e = expr.As<ast::NullIfExpr>();
      FLUX_RETURN_IF_ERROR(visit(e.left));
      return visit(e.right);
    }
    case ExprKind::kCollate:
      return visit(expr.As<ast::CollateExpr>().child);
    case ExprKind::kSubquery:
      return maybe(expr.As<ast::SubqueryExpr>().left);
    default:
      return Status();
  }
}

// Replaces, in `slot` and below, every node for which `replacement` returns an expression.
Status ReplaceNodes(
    ast::ExprPtr& slot,
    const std::function<StatusOr<ast::ExprPtr>(const ast::ParsedExpression&)>& replacement) {
  FLUX_ASSIGN_OR_RETURN(ast::ExprPtr replaced, replacement(*slot));
  if (replaced) {
    slot = std::move(replaced);
    return Status();
  }
  return ForEachChild(*slot, [&](ast::ExprPtr& child) { return ReplaceNodes(child, replacement); });
}

// The COLUMNS(...) nodes inside `expr` (not inside subqueries).
void FindColumnsStars(const ast::ParsedExpression& expr, std::vector<const ast::StarExpr*>& stars) {
  if (expr.kind == ast::ExprKind::kStar) {
    if (expr.As<ast::StarExpr>().columns) stars.push_back(&expr.As<ast::StarExpr>());
    return;
  }
  // ForEachChild needs a mutable node; nothing is changed through it here.
  auto& mutable_expr = const_cast<ast::ParsedExpression&>(expr);
  (void)ForEachChild(mutable_expr, [&](ast::ExprPtr& child) {
    FindColumnsStars(*child, stars);
    return Status();
  });
}

bool ContainsColumnRef(ast::ParsedExpression& expr, std::string* name) {
  if (expr.kind == ast::ExprKind::kColumnRef) {
    *name = expr.As<ast::ColumnRefExpr>().column_name();
    return true;
  }
  bool found = false;
  (void)ForEachChild(expr, [&](ast::ExprPtr& child) {
    if (!found) found = ContainsColumnRef(*child, name);
    return Status();
  });
  return found;
}

bool SameName(std::string_view a, std::string_view b) {
  return NormalizeName(a) == NormalizeName(b);
}

/// The names of COLUMNS(['a', 'b']) (a list literal is a call of list_value); nullopt for other
/// stars.
StatusOr<std::optional<std::vector<std::string>>> ColumnList(const ast::StarExpr& star) {
  if (!star.regex || star.regex->kind != ast::ExprKind::kFunction) {
    return std::optional<std::vector<std::string>>();
  }
  const auto& list = star.regex->As<ast::FunctionExpr>();
  if (list.name != "list_value") return std::optional<std::vector<std::string>>();
  std::vector<std::string> names;
  for (const auto& element : list.args) {
    const Value* value = element->kind == ast::ExprKind::kConstant
                             ? &element->As<ast::ConstantExpr>().value
                             : nullptr;
    if (value == nullptr || value->is_null() || value->type().id() != TypeId::kVarchar) {
      names.clear();
      break;
    }
    names.push_back(value->GetString());
  }
  if (names.empty()) {
    return BinderError(
        "COLUMNS expects either a VARCHAR argument (regex) or a LIST of VARCHAR (list of "
        "columns)");
  }
  return std::optional<std::vector<std::string>>(std::move(names));
}

/// The regex of COLUMNS('regex') or of `* SIMILAR TO 'regex'` (which also names the columns of an
/// alias with \1 ...), as text; nullopt for other stars.
StatusOr<std::optional<std::string>> StarRegex(Binder& binder, const ast::StarExpr& star) {
  const ast::ParsedExpression* pattern = star.regex.get();
  bool similar = false;
  if (pattern == nullptr && star.lambda_body && star.lambda_body->kind == ast::ExprKind::kLike) {
    const auto& like = star.lambda_body->As<ast::LikeExpr>();
    if (like.like_kind == ast::LikeExpr::Kind::kSimilar && !like.negated && !like.escape) {
      pattern = like.pattern.get();
      similar = true;
    }
  }
  if (pattern == nullptr) return std::optional<std::string>();
  std::string column;
  auto& mutable_pattern = const_cast<ast::ParsedExpression&>(*pattern);
  if (ContainsColumnRef(mutable_pattern, &column)) {
    if (similar) return BinderError("Pattern applied to a star expression must be a constant");
    return BinderError("Failed to bind \"", column,
                       "\" - COLUMNS expression can only contain lambda parameters");
  }
  ExpressionBinder constant(binder, ExpressionClause::kConstant);
  auto bound = constant.Bind(*pattern);
  std::optional<Value> value;
  if (bound.ok()) {
    auto evaluated = ExpressionExecutor::EvaluateScalar(**bound);
    if (evaluated.ok()) value = std::move(*evaluated);
  }
  if (!value || value->is_null() || value->type().id() != TypeId::kVarchar) {
    if (similar) return BinderError("Pattern applied to a star expression must be a constant");
    return BinderError(
        "COLUMNS expects either a VARCHAR argument (regex) or a LIST of VARCHAR (list of "
        "columns)");
  }
  return std::optional<std::string>(value->GetString());
}

}  // namespace

ast::ExprPtr StarColumnExpression(const StarColumn& column) {
  if (column.replacement != nullptr) return column.replacement->Copy();
  // Qualified by its FROM item unless USING merged it from several.
  std::vector<std::string> names;
  if (column.column.relations.size() == 1) names.push_back(column.column.relations[0]);
  names.push_back(column.column.name);
  return std::make_unique<ast::ColumnRefExpr>(std::move(names));
}

StatusOr<std::vector<StarColumn>> Binder::StarColumns(const ast::StarExpr& star) {
  FLUX_ASSIGN_OR_RETURN(auto columns, bind_context_.ExpandStar(star.relation));
  const std::string where = star.relation.empty() ? "FROM clause" : star.relation;

  // The list, regex or lambda narrowing the columns.
  FLUX_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> listed, ColumnList(star));
  std::optional<std::string> regex_text;
  if (!listed) {
    FLUX_ASSIGN_OR_RETURN(regex_text, StarRegex(*this, star));
  }
  std::unique_ptr<RE2> regex;
  if (regex_text) {
    regex = std::make_unique<RE2>(*regex_text, RE2::Quiet);
    if (!regex->ok()) {
      return BinderError("Failed to compile regex \"", *regex_text, "\": ", regex->error());
    }
  }
  std::vector<bool> listed_found(listed ? listed->size() : 0, false);
  auto selected = [&](const std::string& name) -> StatusOr<bool> {
    if (listed) {
      bool found = false;
      for (size_t i = 0; i < listed->size(); i++) {
        if (SameName((*listed)[i], name)) found = listed_found[i] = true;
      }
      return found;
    }
    if (star.regex) return RE2::PartialMatch(name, *regex);
    if (!star.lambda_body) return true;
    ast::ExprPtr body = star.lambda_body->Copy();
    FLUX_RETURN_IF_ERROR(
        ReplaceNodes(body, [&](const ast::ParsedExpression& node) -> StatusOr<ast::ExprPtr> {
          if (node.kind != ast::ExprKind::kColumnRef) return ast::ExprPtr();
          const auto& ref = node.As<ast::ColumnRefExpr>();
          if (ref.names.size() != 1 || !SameName(ref.names[0], star.lambda_param)) {
            return ast::ExprPtr();
          }
          return ast::ExprPtr(std::make_unique<ast::ConstantExpr>(Value::Varchar(name)));
        }));
    std::string other;
    if (ContainsColumnRef(*body, &other)) {
      if (star.lambda_param == sql::kStarColumn) {
        return BinderError("Pattern applied to a star expression must be a constant");
      }
      return BinderError("Failed to bind \"", other,
                         "\" - COLUMNS expression can only contain lambda parameters");
    }
    ExpressionBinder constant(*this, ExpressionClause::kConstant);
    FLUX_ASSIGN_OR_RETURN(auto bound, constant.Bind(*body));
    FLUX_ASSIGN_OR_RETURN(Value value, ExpressionExecutor::EvaluateScalar(*bound));
    FLUX_ASSIGN_OR_RETURN(Value truth, CastValue(value, LogicalType::Boolean()));
    return !truth.is_null() && truth.GetBool();
  };

  auto excludes = [&](const ResolvedColumn& column, idx_t e) {
    if (!SameName(star.exclude[e], column.name)) return false;
    const std::string& qualifier =
        e < star.exclude_qualifiers.size() ? star.exclude_qualifiers[e] : "";
    if (qualifier.empty()) return true;
    for (const auto& relation : column.relations) {
      if (SameName(relation, qualifier)) return true;
    }
    return false;
  };
  std::vector<bool> excluded_used(star.exclude.size(), false);
  std::vector<bool> replaced_used(star.replace.size(), false);
  std::vector<StarColumn> result;
  for (auto& column : columns) {
    bool skip = false;
    for (idx_t e = 0; e < star.exclude.size(); e++) {
      if (excludes(column, e)) {
        skip = true;
        excluded_used[e] = true;
      }
    }
    if (skip) continue;
    FLUX_ASSIGN_OR_RETURN(bool keep, selected(column.name));
    if (!keep) continue;
    StarColumn out;
    for (idx_t r = 0; r < star.replace.size(); r++) {
      if (SameName(star.replace[r].first, column.name)) {
        out.replacement = star.replace[r].second.get();
        replaced_used[r] = true;
      }
    }
    out.name = column.name;
    for (const auto& [from, to] : star.rename) {
      if (SameName(from, column.name)) out.name = to;
    }
    if (!star.alias.empty()) {
      // COLUMNS('(a)') AS 'x\1': the alias rewrites the regex's match in the column's name.
      std::string renamed = out.name;
      if (regex && RE2::Replace(&renamed, *regex, star.alias)) {
        out.name = renamed;
      } else if (!regex) {
        out.name = star.alias;
      }
    }
    out.column = std::move(column);
    result.push_back(std::move(out));
  }
  for (idx_t e = 0; e < star.exclude.size(); e++) {
    if (excluded_used[e]) continue;
    const std::string& qualifier =
        e < star.exclude_qualifiers.size() ? star.exclude_qualifiers[e] : "";
    std::string shown = qualifier.empty() ? star.exclude[e] : qualifier + "." + star.exclude[e];
    return BinderError("Column \"", shown, "\" in EXCLUDE list not found in ", where);
  }
  for (idx_t r = 0; r < star.replace.size(); r++) {
    if (!replaced_used[r]) {
      return BinderError("Column \"", star.replace[r].first, "\" in REPLACE list not found in ",
                         where);
    }
  }
  for (size_t i = 0; i < listed_found.size(); i++) {
    if (!listed_found[i]) {
      return BinderError("Column \"", (*listed)[i],
                         "\" was selected but was not found in the FROM clause");
    }
  }
  if (result.empty() && star.regex) {
    return BinderError("No matching columns found that match regex \"", *regex_text, "\"");
  }
  if (result.empty() && star.lambda_body) {
    return BinderError("Star expression \"", star.ToString(),
                       "\" resulted in an empty set of columns");
  }
  return result;
}

StatusOr<std::optional<std::vector<ExpandedExpression>>> Binder::ExpandColumns(
    const ast::ParsedExpression& expr) {
  std::vector<const ast::StarExpr*> stars;
  FindColumnsStars(expr, stars);
  if (stars.empty()) return std::optional<std::vector<ExpandedExpression>>();
  const ast::StarExpr& star = *stars[0];
  std::string shape = star.ToString();
  for (const ast::StarExpr* other : stars) {
    if (other->ToString() != shape) {
      return BinderError(
          "Multiple different STAR/COLUMNS in the same expression are not supported");
    }
  }
  FLUX_ASSIGN_OR_RETURN(std::vector<StarColumn> columns, StarColumns(star));
  std::unique_ptr<RE2> regex;
  if (!expr.alias.empty()) {
    FLUX_ASSIGN_OR_RETURN(auto listed, ColumnList(star));
    std::optional<std::string> regex_text;
    if (!listed) {
      FLUX_ASSIGN_OR_RETURN(regex_text, StarRegex(*this, star));
    }
    if (regex_text) regex = std::make_unique<RE2>(*regex_text, RE2::Quiet);
  }
  std::vector<ExpandedExpression> result;
  for (const StarColumn& column : columns) {
    ast::ExprPtr copy = expr.Copy();
    FLUX_RETURN_IF_ERROR(
        ReplaceNodes(copy, [&](const ast::ParsedExpression& node) -> StatusOr<ast::ExprPtr> {
          if (node.kind != ast::ExprKind::kStar || !node.As<ast::StarExpr>().columns) {
            return ast::ExprPtr();
          }
          ast::ExprPtr replacement = StarColumnExpression(column);
          replacement->location = node.location;
          return replacement;
        }));
    std::string name = column.name;
    if (!expr.alias.empty()) {
      name = expr.alias;
      std::string renamed = column.name;
      if (regex && regex->ok() && RE2::Replace(&renamed, *regex, expr.alias)) name = renamed;
    }
    copy->alias = name;
    result.push_back(ExpandedExpression{std::move(copy), std::move(name)});
  }
  return std::optional<std::vector<ExpandedExpression>>(std::move(result));
}

}  // namespace fluxdb
