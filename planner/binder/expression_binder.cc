#include "planner/binder/expression_binder.h"

#include "catalog/name_suggestion.h"
#include "execution/cast/cast_rules.h"
#include "execution/cast/vector_cast.h"
#include "execution/expression/expression_executor.h"
#include "parser/type_name.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_simplifier.h"

namespace fluxdb {

// ---- collectors ----

BoundExprPtr AggregateCollector::Add(BoundExprPtr aggregate) {
  LogicalType type = aggregate->type;
  std::string alias = aggregate->ToString();
  for (idx_t i = 0; i < aggregates.size(); i++) {
    if (aggregates[i]->Equals(*aggregate)) {
      auto ref = BoundExpression::ColumnRef(type, {aggregate_index, i});
      ref->alias = alias;
      return ref;
    }
  }
  aggregates.push_back(std::move(aggregate));
  auto ref = BoundExpression::ColumnRef(type, {aggregate_index, aggregates.size() - 1});
  ref->alias = alias;
  return ref;
}

Status AggregateCollector::Rewrite(BoundExprPtr& expr, const std::vector<idx_t>& allowed) const {
  SimplifyExpression(expr);
  return RewriteGroups(expr, allowed);
}

Status AggregateCollector::RewriteGroups(BoundExprPtr& expr, const std::vector<idx_t>& allowed) const {
  for (idx_t g = 0; g < groups.size(); g++) {
    if (expr->Equals(*groups[g])) {
      std::string alias = expr->alias;
      expr = BoundExpression::ColumnRef(groups[g]->type, {group_index, g});
      expr->alias = alias;
      return Status();
    }
  }
  if (expr->kind == BoundExprKind::kColumnRef && expr->depth == 0) {
    idx_t table = expr->binding.table_index;
    if (table == group_index || table == aggregate_index) return Status();
    for (idx_t t : allowed) {
      if (t == table) return Status();
    }
    std::string name = expr->alias.empty() ? expr->ToString() : expr->alias;
    return BinderError("column \"", name,
                       "\" must appear in the GROUP BY clause or must be part of an aggregate "
                       "function.\nEither add it to the GROUP BY list, or use \"ANY_VALUE(",
                       name, ")\" if the exact value of \"", name, "\" is not important.");
  }
  if (expr->kind == BoundExprKind::kSubquery) return Status();
  for (auto& child : expr->children) FLUX_RETURN_IF_ERROR(RewriteGroups(child, allowed));
  return Status();
}

BoundExprPtr WindowCollector::Add(BoundExprPtr window) {
  LogicalType type = window->type;
  std::string alias = window->ToString();
  windows.push_back(std::move(window));
  auto ref = BoundExpression::ColumnRef(type, {window_index, windows.size() - 1});
  ref->alias = alias;
  return ref;
}

// ---- helpers ----

ExpressionBinder::ExpressionBinder(Binder& binder, ExpressionClause clause)
    : binder_(binder), clause_(clause) {}

bool ExpressionBinder::IsLiteral(const BoundExpression& expr) {
  return expr.kind == BoundExprKind::kConstant &&
         (expr.type.id() == TypeId::kVarchar || expr.type.id() == TypeId::kNull);
}

BoundExprPtr ExpressionBinder::AddCast(BoundExprPtr expr, const LogicalType& type) {
  if (expr->type == type || type.id() == TypeId::kInvalid) return expr;
  if (type.id() == TypeId::kDecimal && type.width() == 0) {
    if (expr->type.id() == TypeId::kDecimal) return expr;
    // Before the move: the order in which a call's arguments are evaluated is unspecified, and
    // clang moves `expr` out first.
    LogicalType decimal = DecimalForNumeric(expr->type);
    return BoundExpression::Cast(std::move(expr), decimal);
  }
  std::string alias = expr->alias;
  auto cast = BoundExpression::Cast(std::move(expr), type);
  cast->alias = alias;
  return cast;
}

StatusOr<BoundExprPtr> ExpressionBinder::CastToBoolean(BoundExprPtr expr) {
  const LogicalType& type = expr->type;
  if (type.id() == TypeId::kBoolean) return expr;
  if (type.id() == TypeId::kNull || type.IsNumeric() || IsLiteral(*expr)) {
    return AddCast(std::move(expr), LogicalType::Boolean());
  }
  return BinderError("Cannot implicitly cast ", expr->ToString(), " of type ", type.ToString(),
                     " to BOOLEAN");
}

StatusOr<LogicalType> UnifyTypes(const BoundExprList& exprs, const char* context) {
  LogicalType result = LogicalType::Null();
  bool result_literal = true;
  for (const auto& expr : exprs) {
    bool literal = ExpressionBinder::IsLiteral(*expr);
    auto common = CommonSuperType(result, expr->type, result_literal, literal);
    if (!common) {
      return BinderError("Cannot mix values of type ", result.ToString(), " and ",
                         expr->type.ToString(), " in ", context,
                         " - an explicit cast is required");
    }
    result = *common;
    result_literal = result_literal && literal;
  }
  // All string literals: the result stays VARCHAR; all NULL: keep NULL (callers decide).
  return result;
}

// ---- dispatch ----

StatusOr<BoundExprPtr> ExpressionBinder::BindCondition(const ast::ParsedExpression& expr) {
  FLUX_ASSIGN_OR_RETURN(auto bound, Bind(expr));
  return CastToBoolean(std::move(bound));
}

StatusOr<BoundExprPtr> ExpressionBinder::Bind(const ast::ParsedExpression& expr) {
  switch (expr.kind) {
    case ast::ExprKind::kConstant:
      return BoundExpression::Constant(expr.As<ast::ConstantExpr>().value);
    case ast::ExprKind::kColumnRef:
      return BindColumnRef(expr.As<ast::ColumnRefExpr>());
    case ast::ExprKind::kStar:
      return BinderError(
          "STAR expression is only allowed as the root element of an expression. Use COLUMNS(*) "
          "instead.");
    case ast::ExprKind::kParameter: {
      int32_t index = expr.As<ast::ParameterExpr>().index;
      const auto* values = binder_.state().parameters;
      if (values != nullptr && index >= 1 && static_cast<size_t>(index) <= values->size()) {
        return BoundExpression::Constant((*values)[index - 1]);
      }
      return InvalidInputError("Values were not provided for the following prepared statement "
                               "parameters: ",
                               index);
    }
    case ast::ExprKind::kFunction:
      return BindFunction(expr.As<ast::FunctionExpr>());
    case ast::ExprKind::kComparison: {
      const auto& c = expr.As<ast::ComparisonExpr>();
      return BindComparison(c.op, *c.left, *c.right);
    }
    case ast::ExprKind::kConjunction: {
      const auto& c = expr.As<ast::ConjunctionExpr>();
      BoundExprList children;
      for (const auto& child : c.children) {
        FLUX_ASSIGN_OR_RETURN(auto bound, Bind(*child));
        FLUX_ASSIGN_OR_RETURN(bound, CastToBoolean(std::move(bound)));
        children.push_back(std::move(bound));
      }
      return BoundExpression::Conjunction(c.is_and, std::move(children));
    }
    case ast::ExprKind::kNot: {
      FLUX_ASSIGN_OR_RETURN(auto child, Bind(*expr.As<ast::NotExpr>().child));
      FLUX_ASSIGN_OR_RETURN(child, CastToBoolean(std::move(child)));
      return BoundExpression::Not(std::move(child));
    }
    case ast::ExprKind::kIsNull: {
      const auto& e = expr.As<ast::IsNullExpr>();
      FLUX_ASSIGN_OR_RETURN(auto child, Bind(*e.child));
      return BoundExpression::IsNull(std::move(child), e.negated);
    }
    case ast::ExprKind::kIsDistinct: {
      const auto& e = expr.As<ast::IsDistinctExpr>();
      FLUX_ASSIGN_OR_RETURN(auto left, Bind(*e.left));
      FLUX_ASSIGN_OR_RETURN(auto right, Bind(*e.right));
      return BindComparison(
          e.negated ? ComparisonType::kNotDistinctFrom : ComparisonType::kDistinctFrom,
          std::move(left), std::move(right));
    }
    case ast::ExprKind::kIsBool: {
      const auto& e = expr.As<ast::IsBoolExpr>();
      FLUX_ASSIGN_OR_RETURN(auto child, Bind(*e.child));
      FLUX_ASSIGN_OR_RETURN(child, CastToBoolean(std::move(child)));
      if (e.test == ast::IsBoolExpr::Test::kUnknown) {
        return BoundExpression::IsNull(std::move(child), e.negated);
      }
      auto constant = BoundExpression::Constant(Value::Boolean(e.test == ast::IsBoolExpr::Test::kTrue));
      return BindComparison(e.negated ? ComparisonType::kDistinctFrom
                                      : ComparisonType::kNotDistinctFrom,
                            std::move(child), std::move(constant));
    }
    case ast::ExprKind::kBetween: {
      const auto& e = expr.As<ast::BetweenExpr>();
      FLUX_ASSIGN_OR_RETURN(auto input, Bind(*e.input));
      FLUX_ASSIGN_OR_RETURN(auto lower, Bind(*e.lower));
      FLUX_ASSIGN_OR_RETURN(auto upper, Bind(*e.upper));
      FLUX_ASSIGN_OR_RETURN(auto low_check, BindComparison(ComparisonType::kGreaterEqual,
                                                           input->Copy(), std::move(lower)));
      FLUX_ASSIGN_OR_RETURN(auto high_check, BindComparison(ComparisonType::kLessEqual,
                                                            std::move(input), std::move(upper)));
      BoundExprList both;
      both.push_back(std::move(low_check));
      both.push_back(std::move(high_check));
      auto between = BoundExpression::Conjunction(true, std::move(both));
      return e.negated ? BoundExpression::Not(std::move(between)) : std::move(between);
    }
    case ast::ExprKind::kInList:
      return BindInList(expr.As<ast::InListExpr>());
    case ast::ExprKind::kLike:
      return BindLike(expr.As<ast::LikeExpr>());
    case ast::ExprKind::kCase:
      return BindCase(expr.As<ast::CaseExpr>());
    case ast::ExprKind::kCast:
      return BindCast(expr.As<ast::CastExpr>());
    case ast::ExprKind::kSubquery:
      return BindSubquery(expr.As<ast::SubqueryExpr>());
    case ast::ExprKind::kWindow:
      return BindWindow(expr.As<ast::WindowExpr>());
    case ast::ExprKind::kCoalesce:
      return BindCoalesce(expr.As<ast::CoalesceExpr>());
    case ast::ExprKind::kNullIf: {
      const auto& e = expr.As<ast::NullIfExpr>();
      FLUX_ASSIGN_OR_RETURN(auto left, Bind(*e.left));
      FLUX_ASSIGN_OR_RETURN(auto right, Bind(*e.right));
      LogicalType type = left->type;
      FLUX_ASSIGN_OR_RETURN(auto equal, BindComparison(ComparisonType::kEqual, left->Copy(),
                                                       std::move(right)));
      auto result = std::make_unique<BoundExpression>(BoundExprKind::kCase, type);
      result->children.push_back(std::move(equal));
      result->children.push_back(BoundExpression::Constant(Value(type)));
      result->children.push_back(std::move(left));
      return result;
    }
    case ast::ExprKind::kDefault:
      if (clause_ == ExpressionClause::kGroupBy) {
        return BinderError("GROUP BY clause cannot contain DEFAULT clause");
      }
      return BinderError("DEFAULT is not allowed here");
    case ast::ExprKind::kCollate: {
      // Collations are accepted and ignored except NOCASE, which compares lower-cased text.
      const auto& e = expr.As<ast::CollateExpr>();
      FLUX_ASSIGN_OR_RETURN(auto child, Bind(*e.child));
      return child;
    }
    case ast::ExprKind::kPositionalRef:
      return BinderError("Positional reference #", expr.As<ast::PositionalRefExpr>().index,
                         " is not allowed here");
  }
  return InternalError("unknown expression kind");
}

// ---- column references ----

StatusOr<BoundExprPtr> ExpressionBinder::BindColumnRef(const ast::ColumnRefExpr& ref) {
  if (ref.names.size() > 3) {
    return BinderError("Unsupported column reference with ", ref.names.size(), " parts");
  }
  if (alias_hook && ref.names.size() == 1) {
    FLUX_ASSIGN_OR_RETURN(auto hooked, alias_hook(ref));
    if (hooked) return std::move(*hooked);
  }
  if (clause_ == ExpressionClause::kLimit) {
    return BinderError("Referenced column \"", ref.column_name(),
                       "\" was not found because the FROM clause is missing");
  }
  if (clause_ == ExpressionClause::kConstant) {
    return BinderError("Referenced column \"", ref.column_name(),
                       "\" not found: columns are not allowed here");
  }
  std::string table = ref.table_name();
  const std::string& column = ref.column_name();
  Binder* binder = &binder_;
  idx_t depth = 0;
  while (binder != nullptr) {
    FLUX_ASSIGN_OR_RETURN(auto resolved, binder->bind_context().Resolve(table, column));
    if (resolved) {
      BoundExprPtr expr = std::move(resolved->expr);
      if (depth > 0) {
        if (expr->kind != BoundExprKind::kColumnRef) {
          return NotImplementedError("correlated reference to a USING column");
        }
        expr->depth = depth;
        // Every level between the reference and its source sees the column as correlated.
        Binder* level = &binder_;
        for (idx_t d = 0; d < depth; d++) {
          level->AddCorrelatedColumn(CorrelatedColumn{expr->binding, expr->type, column});
          level = level->parent();
        }
      }
      return expr;
    }
    binder = binder->parent();
    depth++;
  }
  if (fallback_hook && ref.names.size() == 1) {
    FLUX_ASSIGN_OR_RETURN(auto hooked, fallback_hook(ref));
    if (hooked) return std::move(*hooked);
  }
  // DuckDB reads a.b, where no FROM item is called a, as field b of a STRUCT column a.
  if (ref.names.size() == 2 && binder_.bind_context().FindEntry(table) == nullptr) {
    bool table_anywhere = false;
    for (Binder* b = binder_.parent(); b != nullptr; b = b->parent()) {
      table_anywhere |= b->bind_context().FindEntry(table) != nullptr;
    }
    auto column_or =
        table_anywhere ? StatusOr<BoundExprPtr>(BinderError("")) : Bind(ast::ColumnRefExpr({table}));
    if (column_or.ok() && (*column_or)->type.id() == TypeId::kStruct) {
      BoundExprList args;
      args.push_back(std::move(*column_or));
      args.push_back(BoundExpression::Constant(Value::Varchar(column)));
      return BindScalarFunction("struct_extract", std::move(args), false);
    }
  }
  if (!table.empty() && binder_.bind_context().FindEntry(table) == nullptr) {
    bool found_anywhere = false;
    for (Binder* b = binder_.parent(); b != nullptr; b = b->parent()) {
      found_anywhere |= b->bind_context().FindEntry(table) != nullptr;
    }
    if (!found_anywhere) {
      // DuckDB names the FROM item closest to the reference, however far.
      std::string closest;
      size_t best = 0;
      for (const auto& entry : binder_.bind_context().entries()) {
        size_t distance = EditDistance(table, entry.alias);
        if (!entry.alias.empty() && (closest.empty() || distance < best)) {
          closest = entry.alias;
          best = distance;
        }
      }
      if (closest.empty()) return BinderError("Referenced table \"", table, "\" not found!");
      return BinderError("Referenced table \"", table, "\" not found!\nCandidate tables: \"",
                         closest, "\"");
    }
  }
  std::string message = Concat("Referenced column \"", column, "\" not found in FROM clause!");
  std::string suggestion = ClosestName(column, binder_.bind_context().AllColumnNames());
  if (!suggestion.empty()) message = Concat(message, "\nCandidate bindings: \"", suggestion, "\"");
  return BinderError(message);
}

// ---- comparisons, IN, CASE, LIKE, CAST, COALESCE ----

StatusOr<BoundExprPtr> ExpressionBinder::BindComparison(ast::ComparisonOp op,
                                                        const ast::ParsedExpression& left,
                                                        const ast::ParsedExpression& right) {
  FLUX_ASSIGN_OR_RETURN(auto l, Bind(left));
  FLUX_ASSIGN_OR_RETURN(auto r, Bind(right));
  ComparisonType type = ComparisonType::kEqual;
  switch (op) {
    case ast::ComparisonOp::kEqual:
      type = ComparisonType::kEqual;
      break;
    case ast::ComparisonOp::kNotEqual:
      type = ComparisonType::kNotEqual;
      break;
    case ast::ComparisonOp::kLess:
      type = ComparisonType::kLess;
      break;
    case ast::ComparisonOp::kLessEqual:
      type = ComparisonType::kLessEqual;
      break;
    case ast::ComparisonOp::kGreater:
      type = ComparisonType::kGreater;
      break;
    case ast::ComparisonOp::kGreaterEqual:
      type = ComparisonType::kGreaterEqual;
      break;
  }
  return BindComparison(type, std::move(l), std::move(r));
}

bool ExpressionBinder::LiteralFitsType(const BoundExpression& expr, const LogicalType& type) {
  if (!IsLiteral(expr) || expr.value.is_null() || type.id() == TypeId::kVarchar) return true;
  return CastValue(expr.value, type).ok();
}

bool ExpressionBinder::ConstantNeverEquals(const BoundExpression& constant,
                                          const LogicalType& other) {
  if (constant.kind != BoundExprKind::kConstant || constant.value.is_null()) return false;
  if (other.id() == TypeId::kVarchar) return false;
  // The constant's text must not be the canonical text of any value of `other`, so comparing
  // the two as text is exactly "never equal".
  auto text = CastValue(constant.value, LogicalType::Varchar());
  if (!text.ok()) return false;
  auto as_other = CastValue(*text, other);
  if (!as_other.ok()) return true;
  auto back = CastValue(*as_other, LogicalType::Varchar());
  return back.ok() && back->GetString() != text->GetString();
}

StatusOr<BoundExprPtr> ExpressionBinder::BindComparison(ComparisonType type, BoundExprPtr left,
                                                        BoundExprPtr right) {
  auto common = CommonSuperType(left->type, right->type, IsLiteral(*left), IsLiteral(*right));
  bool equality = type == ComparisonType::kEqual || type == ComparisonType::kNotEqual ||
                  type == ComparisonType::kDistinctFrom || type == ComparisonType::kNotDistinctFrom;
  if (common && equality && (!LiteralFitsType(*left, *common) || !LiteralFitsType(*right, *common))) {
    // A text literal that is no value of the other side's type equals none of its values:
    // compare as text, which gives exactly that answer (instead of a conversion error).
    common = LogicalType::Varchar();
  }
  if (!common && equality &&
      (ConstantNeverEquals(*left, right->type) || ConstantNeverEquals(*right, left->type))) {
    common = LogicalType::Varchar();  // likewise for a constant of an incomparable type
  }
  if (!common) {
    return BinderError("Cannot compare values of type ", left->type.ToString(), " and type ",
                       right->type.ToString(), " - an explicit cast is required");
  }
  LogicalType target = *common;
  if (target.id() == TypeId::kNull) target = LogicalType::Integer();
  return BoundExpression::Comparison(type, AddCast(std::move(left), target),
                                     AddCast(std::move(right), target));
}

StatusOr<BoundExprPtr> ExpressionBinder::BindInList(const ast::InListExpr& expr) {
  BoundExprList children;
  FLUX_ASSIGN_OR_RETURN(auto input, Bind(*expr.input));
  if (expr.list.empty()) {
    // x IN () is FALSE and x NOT IN () TRUE for every x, NULL included (SQLite's reading).
    return BoundExpression::Constant(Value::Boolean(expr.negated));
  }
  children.push_back(std::move(input));
  for (const auto& item : expr.list) {
    FLUX_ASSIGN_OR_RETURN(auto bound, Bind(*item));
    children.push_back(std::move(bound));
  }
  FLUX_ASSIGN_OR_RETURN(LogicalType type, UnifyTypes(children, "IN list"));
  if (type.id() == TypeId::kNull) type = LogicalType::Integer();
  for (const auto& child : children) {
    if (!LiteralFitsType(*child, type)) type = LogicalType::Varchar();  // see BindComparison
  }
  for (auto& child : children) child = AddCast(std::move(child), type);
  auto result = std::make_unique<BoundExpression>(BoundExprKind::kInList, LogicalType::Boolean());
  result->negated = expr.negated;
  result->children = std::move(children);
  return result;
}

StatusOr<BoundExprPtr> ExpressionBinder::BindCase(const ast::CaseExpr& expr) {
  BoundExprPtr operand;
  if (expr.operand) {
    FLUX_ASSIGN_OR_RETURN(operand, Bind(*expr.operand));
  }
  BoundExprList conditions, results;
  for (const auto& check : expr.checks) {
    FLUX_ASSIGN_OR_RETURN(auto when, Bind(*check.when));
    if (operand) {
      FLUX_ASSIGN_OR_RETURN(when, BindComparison(ComparisonType::kEqual, operand->Copy(),
                                                 std::move(when)));
    } else {
      FLUX_ASSIGN_OR_RETURN(when, CastToBoolean(std::move(when)));
    }
    conditions.push_back(std::move(when));
    FLUX_ASSIGN_OR_RETURN(auto then, Bind(*check.then));
    results.push_back(std::move(then));
  }
  if (expr.else_expr) {
    FLUX_ASSIGN_OR_RETURN(auto else_result, Bind(*expr.else_expr));
    results.push_back(std::move(else_result));
  } else {
    results.push_back(BoundExpression::Constant(Value()));
  }
  FLUX_ASSIGN_OR_RETURN(LogicalType type, UnifyTypes(results, "CASE"));
  if (type.id() == TypeId::kNull) type = LogicalType::Integer();
  auto result = std::make_unique<BoundExpression>(BoundExprKind::kCase, type);
  for (idx_t i = 0; i < conditions.size(); i++) {
    result->children.push_back(std::move(conditions[i]));
    result->children.push_back(AddCast(std::move(results[i]), type));
  }
  result->children.push_back(AddCast(std::move(results.back()), type));
  return result;
}

StatusOr<BoundExprPtr> ExpressionBinder::BindLike(const ast::LikeExpr& expr) {
  BoundExprList args;
  FLUX_ASSIGN_OR_RETURN(auto input, Bind(*expr.input));
  FLUX_ASSIGN_OR_RETURN(auto pattern, Bind(*expr.pattern));
  args.push_back(AddCast(std::move(input), LogicalType::Varchar()));
  args.push_back(AddCast(std::move(pattern), LogicalType::Varchar()));
  std::string name;
  if (expr.escape) {
    FLUX_ASSIGN_OR_RETURN(auto escape, Bind(*expr.escape));
    args.push_back(AddCast(std::move(escape), LogicalType::Varchar()));
    switch (expr.like_kind) {
      case ast::LikeExpr::Kind::kLike:
        name = expr.negated ? "not_like_escape" : "like_escape";
        break;
      case ast::LikeExpr::Kind::kILike:
        name = expr.negated ? "not_ilike_escape" : "ilike_escape";
        break;
      default:
        return NotImplementedError("ESCAPE is only supported for LIKE and ILIKE");
    }
  } else {
    switch (expr.like_kind) {
      case ast::LikeExpr::Kind::kLike:
        name = expr.negated ? "!~~" : "~~";
        break;
      case ast::LikeExpr::Kind::kILike:
        name = expr.negated ? "!~~*" : "~~*";
        break;
      case ast::LikeExpr::Kind::kSimilar:
        name = expr.negated ? "not_similar_to" : "similar_to";
        break;
      case ast::LikeExpr::Kind::kGlob:
        name = expr.negated ? "!~~~" : "~~~";
        break;
    }
  }
  return BindScalarFunction(name, std::move(args), true);
}

StatusOr<BoundExprPtr> ExpressionBinder::BindCast(const ast::CastExpr& expr) {
  FLUX_ASSIGN_OR_RETURN(auto child, Bind(*expr.child));
  FLUX_ASSIGN_OR_RETURN(LogicalType type, ast::ResolveTypeName(expr.type));
  if (child->type == type) return child;
  auto cast = BoundExpression::Cast(std::move(child), type, expr.try_cast);
  return cast;
}

StatusOr<BoundExprPtr> ExpressionBinder::BindCoalesce(const ast::CoalesceExpr& expr) {
  BoundExprList args;
  for (const auto& arg : expr.args) {
    FLUX_ASSIGN_OR_RETURN(auto bound, Bind(*arg));
    // Arguments after a non-NULL constant can never be reached: drop them (so, as in SQLite
    // and DuckDB, they do not need to be grouped in an aggregate query).
    bool stop = false;
    if (bound->IsFoldable()) {
      auto value = ExpressionExecutor::EvaluateScalar(*bound);
      stop = value.ok() && !value->is_null();
    }
    args.push_back(std::move(bound));
    if (stop) break;
  }
  FLUX_ASSIGN_OR_RETURN(LogicalType type, UnifyTypes(args, "COALESCE"));
  if (type.id() == TypeId::kNull) type = LogicalType::Integer();
  auto result = std::make_unique<BoundExpression>(BoundExprKind::kCoalesce, type);
  for (auto& arg : args) result->children.push_back(AddCast(std::move(arg), type));
  return result;
}

}  // namespace fluxdb
