// A_Expr: operators, comparisons, IN, LIKE, BETWEEN, IS DISTINCT FROM, NULLIF.
#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

bool ComparisonFromOperator(std::string_view op, ComparisonOp& out) {
  static constexpr std::pair<std::string_view, ComparisonOp> kOps[] = {
      {"=", ComparisonOp::kEqual},     {"==", ComparisonOp::kEqual},
      {"<>", ComparisonOp::kNotEqual}, {"!=", ComparisonOp::kNotEqual},
      {"<", ComparisonOp::kLess},      {"<=", ComparisonOp::kLessEqual},
      {">", ComparisonOp::kGreater},   {">=", ComparisonOp::kGreaterEqual},
  };
  for (const auto& [name, cmp] : kOps) {
    if (op == name) {
      out = cmp;
      return true;
    }
  }
  return false;
}

struct LikeOperator {
  std::string_view name;
  LikeExpr::Kind kind;
  bool negated;
};
constexpr LikeOperator kLikeOperators[] = {
    {"~~", LikeExpr::Kind::kLike, false},   {"!~~", LikeExpr::Kind::kLike, true},
    {"~~*", LikeExpr::Kind::kILike, false}, {"!~~*", LikeExpr::Kind::kILike, true},
    {"~~~", LikeExpr::Kind::kGlob, false},  {"!~~~", LikeExpr::Kind::kGlob, true},
};

const LikeOperator* FindLikeOperator(std::string_view op) {
  for (const LikeOperator& like : kLikeOperators) {
    if (like.name == op) return &like;
  }
  return nullptr;
}

/// The operator of an A_Expr: the last name (OPERATOR(pg_catalog.+) has two).
std::string OperatorName(const PgQuery__AExpr* expr) {
  return expr->n_name > 0 ? pg::StrVal(expr->name[expr->n_name - 1]) : "";
}

/// PostgreSQL wraps LIKE ... ESCAPE e into like_escape(pattern, e) and every SIMILAR TO pattern
/// into similar_to_escape(pattern [, e]).
const PgQuery__FuncCall* EscapeWrapper(const pg::Node* node, std::string_view function) {
  if (!pg::Is(node, PG_QUERY__NODE__NODE_FUNC_CALL)) return nullptr;
  const PgQuery__FuncCall* call = node->func_call;
  if (call->n_funcname != 2 || std::string_view(pg::StrVal(call->funcname[0])) != "pg_catalog" ||
      std::string_view(pg::StrVal(call->funcname[1])) != function) {
    return nullptr;
  }
  return call;
}

}  // namespace

StatusOr<ExprPtr> Transformer::TransformAExpr(const PgQuery__AExpr* expr) {
  int32_t location = Loc(expr->location);
  std::string op = OperatorName(expr);
  auto finish = [&](ExprPtr result) -> StatusOr<ExprPtr> {
    result->location = location;
    return result;
  };

  switch (expr->kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP: {
      if (expr->lexpr == nullptr) {
        FLUX_ASSIGN_OR_RETURN(ExprPtr operand, TransformExpr(expr->rexpr));
        if (op == "#" && operand->kind == ExprKind::kConstant &&
            operand->As<ConstantExpr>().value.type().IsIntegral() &&
            !operand->As<ConstantExpr>().value.is_null()) {
          // DuckDB's #2: the second column of the select list.
          int64_t index = operand->As<ConstantExpr>().value.GetInt64();
          if (index < 1)
            return ErrorAt(ParserError("positional reference #", index, " must be at least 1"),
                           expr->location);
          return finish(std::make_unique<PositionalRefExpr>(index));
        }
        ExprList args;
        args.push_back(std::move(operand));
        auto result = std::make_unique<FunctionExpr>(op, std::move(args));
        result->is_operator = true;
        return finish(std::move(result));
      }
      FLUX_ASSIGN_OR_RETURN(ExprPtr left, TransformExpr(expr->lexpr));
      if (expr->rexpr == nullptr) {
        return ErrorAt(NotImplementedError("postfix operators are not supported"), expr->location);
      }
      FLUX_ASSIGN_OR_RETURN(ExprPtr right, TransformExpr(expr->rexpr));
      ComparisonOp cmp;
      if (ComparisonFromOperator(op, cmp)) {
        return finish(std::make_unique<ComparisonExpr>(cmp, std::move(left), std::move(right)));
      }
      if (const LikeOperator* like = FindLikeOperator(op)) {
        return finish(std::make_unique<LikeExpr>(like->kind, std::move(left), std::move(right),
                                                 like->negated));
      }
      ExprList args;
      args.push_back(std::move(left));
      args.push_back(std::move(right));
      auto result = std::make_unique<FunctionExpr>(op, std::move(args));
      result->is_operator = true;
      return finish(std::move(result));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL: {
      // x = ANY (ARRAY[a, b]) is x IN (a, b); x <> ALL (ARRAY[a, b]) is x NOT IN (a, b).
      bool any = expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY;
      if (pg::Is(expr->rexpr, PG_QUERY__NODE__NODE_A_ARRAY_EXPR) &&
          ((any && op == "=") || (!any && (op == "<>" || op == "!=")))) {
        FLUX_ASSIGN_OR_RETURN(ExprPtr input, TransformExpr(expr->lexpr));
        FLUX_ASSIGN_OR_RETURN(ExprList list,
                              TransformExprList(PG_LIST(expr->rexpr->a_array_expr, elements)));
        return finish(std::make_unique<InListExpr>(std::move(input), std::move(list), !any));
      }
      // x op ANY (list) / x op ALL (list) over a list value's elements.
      FLUX_ASSIGN_OR_RETURN(ExprPtr input, TransformExpr(expr->lexpr));
      FLUX_ASSIGN_OR_RETURN(ExprPtr list, TransformExpr(expr->rexpr));
      ExprList args;
      args.push_back(std::move(input));
      args.push_back(std::move(list));
      args.push_back(std::make_unique<ConstantExpr>(Value::Varchar(op)));
      return finish(
          std::make_unique<FunctionExpr>(any ? "__list_any" : "__list_all", std::move(args)));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT: {
      FLUX_ASSIGN_OR_RETURN(ExprPtr left, TransformExpr(expr->lexpr));
      FLUX_ASSIGN_OR_RETURN(ExprPtr right, TransformExpr(expr->rexpr));
      return finish(std::make_unique<IsDistinctExpr>(
          std::move(left), std::move(right),
          expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
      FLUX_ASSIGN_OR_RETURN(ExprPtr left, TransformExpr(expr->lexpr));
      FLUX_ASSIGN_OR_RETURN(ExprPtr right, TransformExpr(expr->rexpr));
      return finish(std::make_unique<NullIfExpr>(std::move(left), std::move(right)));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
      FLUX_ASSIGN_OR_RETURN(ExprPtr input, TransformExpr(expr->lexpr));
      if (!pg::Is(expr->rexpr, PG_QUERY__NODE__NODE_LIST)) {
        return ErrorAt(ParserError("malformed IN list"), expr->location);
      }
      const PgQuery__List* items = expr->rexpr->list;
      if (items->n_items == 1 && pg::Is(items->items[0], PG_QUERY__NODE__NODE_COLUMN_REF)) {
        const PgQuery__ColumnRef* ref = items->items[0]->column_ref;
        if (ref->n_fields == 1 && std::string_view(pg::StrVal(ref->fields[0])) == sql::kEmptyList &&
            dialect().empty_lists.count(Loc(ref->location))) {
          return finish(std::make_unique<InListExpr>(std::move(input), ExprList(), op == "<>"));
        }
      }
      FLUX_ASSIGN_OR_RETURN(ExprList list, TransformExprList(PG_LIST(items, items)));
      return finish(std::make_unique<InListExpr>(std::move(input), std::move(list), op == "<>"));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR: {
      bool similar = expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR;
      LikeExpr::Kind kind = similar ? LikeExpr::Kind::kSimilar
                            : expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE
                                ? LikeExpr::Kind::kILike
                                : LikeExpr::Kind::kLike;
      bool negated = !op.empty() && op[0] == '!';
      FLUX_ASSIGN_OR_RETURN(ExprPtr input, TransformExpr(expr->lexpr));
      const pg::Node* pattern_node = expr->rexpr;
      const pg::Node* escape_node = nullptr;
      if (const PgQuery__FuncCall* wrapper =
              EscapeWrapper(expr->rexpr, similar ? "similar_to_escape" : "like_escape")) {
        if (wrapper->n_args < 1 || wrapper->n_args > 2) {
          return ErrorAt(ParserError("malformed ESCAPE clause"), expr->location);
        }
        pattern_node = wrapper->args[0];
        if (wrapper->n_args == 2) escape_node = wrapper->args[1];
      }
      FLUX_ASSIGN_OR_RETURN(ExprPtr pattern, TransformExpr(pattern_node));
      auto result = std::make_unique<LikeExpr>(kind, std::move(input), std::move(pattern), negated);
      FLUX_ASSIGN_OR_RETURN(result->escape, TransformExprOrNull(escape_node));
      return finish(std::move(result));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
      if (!pg::Is(expr->rexpr, PG_QUERY__NODE__NODE_LIST) || expr->rexpr->list->n_items != 2) {
        return ErrorAt(ParserError("malformed BETWEEN"), expr->location);
      }
      bool negated = expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN ||
                     expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      bool symmetric = expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM ||
                       expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      FLUX_ASSIGN_OR_RETURN(ExprPtr input, TransformExpr(expr->lexpr));
      FLUX_ASSIGN_OR_RETURN(ExprPtr lower, TransformExpr(expr->rexpr->list->items[0]));
      FLUX_ASSIGN_OR_RETURN(ExprPtr upper, TransformExpr(expr->rexpr->list->items[1]));
      if (!symmetric) {
        return finish(std::make_unique<BetweenExpr>(std::move(input), std::move(lower),
                                                    std::move(upper), negated));
      }
      // x BETWEEN SYMMETRIC a AND b  ==  x BETWEEN a AND b OR x BETWEEN b AND a
      auto forward =
          std::make_unique<BetweenExpr>(input->Copy(), lower->Copy(), upper->Copy(), false);
      auto backward = std::make_unique<BetweenExpr>(std::move(input), std::move(upper),
                                                    std::move(lower), false);
      forward->location = backward->location = location;
      ExprList children;
      children.push_back(std::move(forward));
      children.push_back(std::move(backward));
      ExprPtr either = std::make_unique<ConjunctionExpr>(false, std::move(children));
      either->location = location;
      if (!negated) return either;
      return finish(std::make_unique<NotExpr>(std::move(either)));
    }
    default:
      return ErrorAt(NotImplementedError("operator ", op, " is not supported"), expr->location);
  }
}

}  // namespace fluxdb::ast
