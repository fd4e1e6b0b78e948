// Expressions: the dispatch over expression nodes and the simple node kinds.
#include <algorithm>
#include <cctype>

#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

// A column may be named once per list, and in only one of EXCLUDE, REPLACE and RENAME.
Status CheckStarModifiers(const StarExpr& star) {
  auto same = [](const std::string& a, const std::string& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return std::tolower(static_cast<unsigned char>(x)) ==
             std::tolower(static_cast<unsigned char>(y));
    });
  };
  // Names qualified by different tables (EXCLUDE (a.x, b.x)) are different columns.
  auto qualifier = [&](size_t i) -> std::string {
    return i < star.exclude_qualifiers.size() ? star.exclude_qualifiers[i] : "";
  };
  auto duplicates = [&](const std::vector<std::string>& names, const char* list,
                        bool qualified) -> Status {
    for (size_t i = 0; i < names.size(); i++) {
      for (size_t j = 0; j < i; j++) {
        bool other_table = qualified && !qualifier(i).empty() && !qualifier(j).empty() &&
                           !same(qualifier(i), qualifier(j));
        if (same(names[i], names[j]) && !other_table) {
          return ParserError("Duplicate entry \"", names[i], "\" in ", list, " list");
        }
      }
    }
    return Status();
  };
  std::vector<std::string> replaced, renamed;
  for (const auto& [name, expr] : star.replace) replaced.push_back(name);
  for (const auto& [from, to] : star.rename) renamed.push_back(from);
  FLUX_RETURN_IF_ERROR(duplicates(star.exclude, "EXCLUDE", true));
  FLUX_RETURN_IF_ERROR(duplicates(replaced, "REPLACE", false));
  FLUX_RETURN_IF_ERROR(duplicates(renamed, "EXCLUDE", false));  // sic: DuckDB's wording
  auto disjoint = [&](const std::vector<std::string>& a, const char* a_list,
                      const std::vector<std::string>& b, const char* b_list) -> Status {
    for (const auto& x : a) {
      for (const auto& y : b) {
        if (same(x, y)) {
          return ParserError("Column \"", x, "\" cannot occur in both ", a_list, " and ", b_list,
                             " list");
        }
      }
    }
    return Status();
  };
  FLUX_RETURN_IF_ERROR(disjoint(star.exclude, "EXCLUDE", replaced, "REPLACE"));
  FLUX_RETURN_IF_ERROR(disjoint(star.exclude, "EXCLUDE", renamed, "RENAME"));
  return disjoint(replaced, "REPLACE", renamed, "RENAME");
}

}  // namespace

namespace {

bool IsAllMarker(const PgQuery__ColumnRef* ref) {
  return ref->n_fields == 1 && std::string_view(pg::StrVal(ref->fields[0])) == "__fluxdb_all__";
}

}  // namespace

StatusOr<ExprPtr> Transformer::TransformExprOrNull(const pg::Node* node) {
  if (node == nullptr || node->node_case == PG_QUERY__NODE__NODE__NOT_SET) return ExprPtr();
  return TransformExpr(node);
}

StatusOr<ExprList> Transformer::TransformExprList(pg::Repeated<pg::Node> items) {
  ExprList out;
  out.reserve(items.size());
  for (const pg::Node* item : items) {
    FLUX_ASSIGN_OR_RETURN(ExprPtr expr, TransformExpr(item));
    out.push_back(std::move(expr));
  }
  return out;
}

StatusOr<ExprList> Transformer::TransformTargetList(pg::Repeated<pg::Node> items) {
  ExprList out;
  out.reserve(items.size());
  for (const pg::Node* item : items) {
    if (!pg::Is(item, PG_QUERY__NODE__NODE_RES_TARGET)) {
      return ParserError("unexpected node in a select list");
    }
    const PgQuery__ResTarget* target = item->res_target;
    if (target->n_indirection > 0) {
      return ErrorAt(NotImplementedError("subscripts and field selection are not supported"),
                     target->location);
    }
    FLUX_ASSIGN_OR_RETURN(ExprPtr expr, TransformExpr(target->val));
    if (target->name != nullptr && target->name[0] != '\0') expr->alias = target->name;
    out.push_back(std::move(expr));
  }
  return out;
}

StatusOr<std::unique_ptr<StarExpr>> Transformer::TransformStar(const std::string& relation,
                                                               int32_t location) {
  auto star = std::make_unique<StarExpr>();
  star->location = location;
  star->relation = relation;
  auto modifiers = dialect().star_modifiers.find(location);
  if (modifiers != dialect().star_modifiers.end()) {
    star->exclude = modifiers->second.exclude;
    star->exclude_qualifiers = modifiers->second.exclude_qualifiers;
    star->rename = modifiers->second.rename;
    for (const sql::TokenRange& range : modifiers->second.replace) {
      FLUX_ASSIGN_OR_RETURN(ExprList replacements,
                            TransformTokenRangeAsTargets(range.begin, range.end));
      for (ExprPtr& replacement : replacements) {
        if (replacement->alias.empty()) {
          return Parser::WithErrorOffset(
              ParserError("REPLACE list entries need an alias: * REPLACE (expr AS name)"),
              replacement->location);
        }
        std::string name = replacement->alias;
        replacement->alias.clear();
        star->replace.emplace_back(std::move(name), std::move(replacement));
      }
    }
    FLUX_RETURN_IF_ERROR(CheckStarModifiers(*star));
    if (modifiers->second.filter) {
      const sql::TokenRange& range = *modifiers->second.filter;
      auto parsed = TransformTokenRangeAsTargets(range.begin, range.end);
      const auto& tokens = source_.tokens;
      if (!parsed.ok() && range.end < tokens.size() &&
          parsed.status().message().find("at end of input") != std::string_view::npos) {
        // The condition was cut short: the user's text goes on with what ended it.
        return Parser::WithErrorOffset(
            ParserError("syntax error at or near \"", tokens[range.end].word, "\""),
            tokens[range.end].start);
      }
      FLUX_ASSIGN_OR_RETURN(ExprList condition, std::move(parsed));
      if (condition.size() != 1) {
        // The condition ended where it should not have (* LIKE 'a%' + FROM t).
        bool at_end = range.end >= tokens.size();
        return Parser::WithErrorOffset(
            at_end ? ParserError("syntax error at end of input")
                   : ParserError("syntax error at or near \"", tokens[range.end].word, "\""),
            at_end ? tokens.back().end : tokens[range.end].start);
      }
      star->lambda_param = sql::kStarColumn;
      star->lambda_body = std::move(condition[0]);
    }
    if (modifiers->second.alias) star->alias = *modifiers->second.alias;
  }
  return star;
}

StatusOr<ExprPtr> Transformer::TransformColumnRef(const PgQuery__ColumnRef* ref) {
  int32_t location = Loc(ref->location);
  std::vector<std::string> names;
  for (size_t i = 0; i < ref->n_fields; i++) {
    const pg::Node* field = ref->fields[i];
    if (pg::Is(field, PG_QUERY__NODE__NODE_A_STAR)) {
      if (i + 1 != ref->n_fields) {
        return ErrorAt(ParserError("syntax error: * must be last in a column reference"),
                       ref->location);
      }
      FLUX_ASSIGN_OR_RETURN(auto star, TransformStar(names.empty() ? "" : names.back(), location));
      return ExprPtr(std::move(star));
    }
    if (!pg::Is(field, PG_QUERY__NODE__NODE_STRING)) {
      return ErrorAt(ParserError("unsupported column reference"), ref->location);
    }
    names.emplace_back(field->string->sval);
  }
  if (IsAllMarker(ref) && dialect().all_markers.count(location)) {
    return Parser::WithErrorOffset(
        ParserError("syntax error at or near \"ALL\": ALL is only allowed as GROUP BY ALL or "
                    "ORDER BY ALL"),
        location);
  }
  auto expr = std::make_unique<ColumnRefExpr>(std::move(names));
  expr->location = location;
  return ExprPtr(std::move(expr));
}

StatusOr<ExprPtr> Transformer::TransformBoolExpr(const PgQuery__BoolExpr* expr) {
  if (expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR) {
    if (expr->n_args != 1) return ErrorAt(ParserError("NOT takes one argument"), expr->location);
    FLUX_ASSIGN_OR_RETURN(ExprPtr child, TransformExpr(expr->args[0]));
    auto result = std::make_unique<NotExpr>(std::move(child));
    result->location = Loc(expr->location);
    return ExprPtr(std::move(result));
  }
  bool is_and = expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR;
  ExprList children;
  for (const pg::Node* arg : PG_LIST(expr, args)) {
    FLUX_ASSIGN_OR_RETURN(ExprPtr child, TransformExpr(arg));
    // (a AND b) AND c is one conjunction of three.
    if (child->kind == ExprKind::kConjunction && child->As<ConjunctionExpr>().is_and == is_and &&
        child->alias.empty()) {
      for (ExprPtr& grandchild : child->As<ConjunctionExpr>().children) {
        children.push_back(std::move(grandchild));
      }
    } else {
      children.push_back(std::move(child));
    }
  }
  auto result = std::make_unique<ConjunctionExpr>(is_and, std::move(children));
  result->location = Loc(expr->location);
  return ExprPtr(std::move(result));
}

StatusOr<ExprPtr> Transformer::TransformCase(const PgQuery__CaseExpr* expr) {
  auto result = std::make_unique<CaseExpr>();
  result->location = Loc(expr->location);
  FLUX_ASSIGN_OR_RETURN(result->operand, TransformExprOrNull(expr->arg));
  for (const pg::Node* arg : PG_LIST(expr, args)) {
    if (!pg::Is(arg, PG_QUERY__NODE__NODE_CASE_WHEN)) {
      return ErrorAt(ParserError("malformed CASE expression"), expr->location);
    }
    CaseCheck check;
    FLUX_ASSIGN_OR_RETURN(check.when, TransformExpr(arg->case_when->expr));
    FLUX_ASSIGN_OR_RETURN(check.then, TransformExpr(arg->case_when->result));
    result->checks.push_back(std::move(check));
  }
  FLUX_ASSIGN_OR_RETURN(result->else_expr, TransformExprOrNull(expr->defresult));
  return ExprPtr(std::move(result));
}

StatusOr<ExprPtr> Transformer::TransformTypeCast(const PgQuery__TypeCast* cast) {
  FLUX_ASSIGN_OR_RETURN(TypeName type, TransformTypeName(cast->type_name));
  FLUX_ASSIGN_OR_RETURN(ExprPtr child, TransformExpr(cast->arg));
  int32_t location = Loc(cast->location);
  bool try_cast = dialect().try_casts.count(location) > 0;
  if (type.name == "interval" && !type.modifiers.empty()) {
    // INTERVAL '2' DAY: PostgreSQL's range mask says which unit the number is in.
    static constexpr std::pair<int64_t, const char*> kUnits[] = {
        {1 << 2, "year"},  {1 << 1, "month"},   {1 << 3, "day"},
        {1 << 10, "hour"}, {1 << 11, "minute"}, {1 << 12, "second"},
    };
    constexpr int64_t kFullRange = 0x7FFF;
    int64_t mask = type.modifiers[0];
    const char* unit = nullptr;
    for (const auto& [bit, name] : kUnits) {
      if (mask == bit) unit = name;
    }
    if (mask != kFullRange) {
      bool constant = child->kind == ExprKind::kConstant &&
                      child->As<ConstantExpr>().value.type().id() == TypeId::kVarchar;
      if (!constant) {
        return ErrorAt(NotImplementedError("INTERVAL with a unit needs a constant string"),
                       cast->location);
      }
      if (unit != nullptr) {
        auto& value = child->As<ConstantExpr>().value;
        value = Value::Varchar(Concat(value.GetString(), " ", unit));
      }
    }
    type.modifiers.clear();
  }
  auto result = std::make_unique<CastExpr>(std::move(child), std::move(type), try_cast);
  result->location = location;
  return ExprPtr(std::move(result));
}

StatusOr<ExprPtr> Transformer::TransformSubLink(const PgQuery__SubLink* link) {
  SubqueryKind kind;
  switch (link->sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
      kind = SubqueryKind::kExists;
      break;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK:
      kind = SubqueryKind::kScalar;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
      kind = SubqueryKind::kAny;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK:
      kind = SubqueryKind::kAll;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
      return ErrorAt(NotImplementedError("ARRAY(subquery) is not supported"), link->location);
    default:
      return ErrorAt(NotImplementedError("row comparisons with subqueries are not supported"),
                     link->location);
  }
  FLUX_ASSIGN_OR_RETURN(QueryNodePtr query, TransformQueryNode(link->subselect));
  auto result = std::make_unique<SubqueryExpr>(kind, std::move(query));
  result->location = Loc(link->location);
  if (kind == SubqueryKind::kAny || kind == SubqueryKind::kAll) {
    if (pg::Is(link->testexpr, PG_QUERY__NODE__NODE_ROW_EXPR)) {
      return ErrorAt(NotImplementedError("row comparisons with subqueries are not supported"),
                     link->location);
    }
    FLUX_ASSIGN_OR_RETURN(result->left, TransformExpr(link->testexpr));
    std::string op =
        link->n_oper_name > 0 ? pg::StrVal(link->oper_name[link->n_oper_name - 1]) : "=";
    static constexpr std::pair<const char*, ComparisonOp> kOps[] = {
        {"=", ComparisonOp::kEqual},         {"<>", ComparisonOp::kNotEqual},
        {"!=", ComparisonOp::kNotEqual},     {"<", ComparisonOp::kLess},
        {"<=", ComparisonOp::kLessEqual},    {">", ComparisonOp::kGreater},
        {">=", ComparisonOp::kGreaterEqual}, {"==", ComparisonOp::kEqual},
    };
    bool found = false;
    for (const auto& [name, cmp] : kOps) {
      if (op == name) {
        result->comparison = cmp;
        found = true;
      }
    }
    if (!found) {
      return ErrorAt(
          NotImplementedError("operator ", op, " with ANY/ALL (subquery) is not supported"),
          link->location);
    }
  }
  return ExprPtr(std::move(result));
}

StatusOr<ExprPtr> Transformer::TransformSQLValueFunction(const PgQuery__SQLValueFunction* fn) {
  const char* name = nullptr;
  switch (fn->op) {
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
      name = "current_date";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
      name = "current_time";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
      name = "current_timestamp";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
      name = "localtime";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
      name = "localtimestamp";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
      name = "current_role";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
      name = "current_user";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
      name = "user";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
      name = "session_user";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
      name = "current_catalog";
      break;
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
      name = "current_schema";
      break;
    default:
      return ErrorAt(NotImplementedError("CURRENT_TIME / CURRENT_TIMESTAMP with a precision is "
                                         "not supported"),
                     fn->location);
  }
  auto result = std::make_unique<FunctionExpr>(name, ExprList());
  result->location = Loc(fn->location);
  return ExprPtr(std::move(result));
}

StatusOr<ExprPtr> Transformer::TransformExpr(const pg::Node* node) {
  DepthGuard guard(*this);
  FLUX_RETURN_IF_ERROR(guard.Check());
  if (node == nullptr) return ParserError("missing expression");
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
      return TransformConstant(node->a_const);
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return TransformColumnRef(node->column_ref);
    case PG_QUERY__NODE__NODE_PARAM_REF: {
      const PgQuery__ParamRef* param = node->param_ref;
      if (param->number <= 0) {
        return ErrorAt(ParserError("parameter numbers start at $1"), param->location);
      }
      NoteParameter(param->number);
      auto result = std::make_unique<ParameterExpr>(param->number);
      result->location = Loc(param->location);
      return ExprPtr(std::move(result));
    }
    case PG_QUERY__NODE__NODE_A_EXPR:
      return TransformAExpr(node->a_expr);
    case PG_QUERY__NODE__NODE_BOOL_EXPR:
      return TransformBoolExpr(node->bool_expr);
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return TransformFuncCall(node->func_call);
    case PG_QUERY__NODE__NODE_TYPE_CAST:
      return TransformTypeCast(node->type_cast);
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return TransformSubLink(node->sub_link);
    case PG_QUERY__NODE__NODE_CASE_EXPR:
      return TransformCase(node->case_expr);
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      return TransformSQLValueFunction(node->sqlvalue_function);
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      const PgQuery__NullTest* test = node->null_test;
      FLUX_ASSIGN_OR_RETURN(ExprPtr child, TransformExpr(test->arg));
      auto result = std::make_unique<IsNullExpr>(
          std::move(child), test->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL);
      result->location = Loc(test->location);
      return ExprPtr(std::move(result));
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      const PgQuery__BooleanTest* test = node->boolean_test;
      FLUX_ASSIGN_OR_RETURN(ExprPtr child, TransformExpr(test->arg));
      IsBoolExpr::Test kind = IsBoolExpr::Test::kTrue;
      bool negated = false;
      switch (test->booltesttype) {
        case PG_QUERY__BOOL_TEST_TYPE__IS_TRUE:
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE:
          negated = true;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_FALSE:
          kind = IsBoolExpr::Test::kFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_FALSE:
          kind = IsBoolExpr::Test::kFalse;
          negated = true;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_UNKNOWN:
          kind = IsBoolExpr::Test::kUnknown;
          break;
        default:
          kind = IsBoolExpr::Test::kUnknown;
          negated = true;
          break;
      }
      auto result = std::make_unique<IsBoolExpr>(std::move(child), kind, negated);
      result->location = Loc(test->location);
      return ExprPtr(std::move(result));
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      FLUX_ASSIGN_OR_RETURN(ExprList args, TransformExprList(PG_LIST(node->coalesce_expr, args)));
      auto result = std::make_unique<CoalesceExpr>(std::move(args));
      result->location = Loc(node->coalesce_expr->location);
      return ExprPtr(std::move(result));
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
      const PgQuery__MinMaxExpr* minmax = node->min_max_expr;
      FLUX_ASSIGN_OR_RETURN(ExprList args, TransformExprList(PG_LIST(minmax, args)));
      auto result = std::make_unique<FunctionExpr>(
          minmax->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least", std::move(args));
      result->location = Loc(minmax->location);
      return ExprPtr(std::move(result));
    }
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: {
      const PgQuery__CollateClause* collate = node->collate_clause;
      FLUX_ASSIGN_OR_RETURN(ExprPtr child, TransformExpr(collate->arg));
      std::string collation =
          collate->n_collname > 0 ? pg::StrVal(collate->collname[collate->n_collname - 1]) : "";
      auto result = std::make_unique<CollateExpr>(std::move(child), std::move(collation));
      result->location = Loc(collate->location);
      return ExprPtr(std::move(result));
    }
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT: {
      auto result = std::make_unique<DefaultExpr>();
      result->location = Loc(node->set_to_default->location);
      return ExprPtr(std::move(result));
    }
    case PG_QUERY__NODE__NODE_NAMED_ARG_EXPR: {
      FLUX_ASSIGN_OR_RETURN(ExprPtr arg, TransformExpr(node->named_arg_expr->arg));
      arg->alias = node->named_arg_expr->name;
      return arg;
    }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: {
      // ARRAY[a, b] and DuckDB's [a, b] (rewritten to ARRAY[ by the dialect) build a list.
      FLUX_ASSIGN_OR_RETURN(ExprList elements,
                            TransformExprList(PG_LIST(node->a_array_expr, elements)));
      auto result = std::make_unique<FunctionExpr>("list_value", std::move(elements));
      result->location = Loc(node->a_array_expr->location);
      return ExprPtr(std::move(result));
    }
    case PG_QUERY__NODE__NODE_A_INDIRECTION: {
      // x[i] is list_extract(x, i), x[a:b] list_slice(x, a, b) (a missing bound is NULL: open),
      // x.name struct_extract(x, 'name').
      const PgQuery__AIndirection* indirection = node->a_indirection;
      FLUX_ASSIGN_OR_RETURN(ExprPtr result, TransformExpr(indirection->arg));
      for (const PgQuery__Node* step : PG_LIST(indirection, indirection)) {
        ExprList args;
        args.push_back(std::move(result));
        std::string function;
        if (pg::Is(step, PG_QUERY__NODE__NODE_A_INDICES)) {
          const PgQuery__AIndices* indices = step->a_indices;
          if (indices->is_slice) {
            function = "list_slice";
            for (const PgQuery__Node* bound : {indices->lidx, indices->uidx}) {
              if (bound != nullptr) {
                FLUX_ASSIGN_OR_RETURN(ExprPtr b, TransformExpr(bound));
                args.push_back(std::move(b));
              } else {
                args.push_back(std::make_unique<ConstantExpr>(Value()));
              }
            }
          } else {
            function = "list_extract";
            FLUX_ASSIGN_OR_RETURN(ExprPtr index, TransformExpr(indices->uidx));
            args.push_back(std::move(index));
          }
        } else if (pg::Is(step, PG_QUERY__NODE__NODE_STRING)) {
          function = "struct_extract";
          args.push_back(std::make_unique<ConstantExpr>(Value::Varchar(pg::StrVal(step))));
        } else {
          return NotImplementedError("this kind of subscript is not supported");
        }
        result = std::make_unique<FunctionExpr>(function, std::move(args));
      }
      return result;
    }
    case PG_QUERY__NODE__NODE_ROW_EXPR:
      return ErrorAt(NotImplementedError("row expressions are not supported"),
                     node->row_expr->location);
    case PG_QUERY__NODE__NODE_GROUPING_FUNC:
      return ErrorAt(NotImplementedError("GROUPING() is not supported"),
                     node->grouping_func->location);
    case PG_QUERY__NODE__NODE_A_STAR: {
      auto star = std::make_unique<StarExpr>();
      return ExprPtr(std::move(star));
    }
    default:
      return NotImplementedError("this kind of expression is not supported");
  }
}

}  // namespace fluxdb::ast
