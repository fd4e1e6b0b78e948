// Utility statements: EXPLAIN, SET / RESET / SHOW, transactions, COPY, VACUUM, CALL, PREPARE and
// EXECUTE.
#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

std::string LowerCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The value of a DefElem / VariableSetStmt argument as a constant.
StatusOr<Value> OptionValue(const pg::Node* arg) {
  if (arg == nullptr || arg->node_case == PG_QUERY__NODE__NODE__NOT_SET)
    return Value::Boolean(true);
  switch (arg->node_case) {
    case PG_QUERY__NODE__NODE_STRING:
      return Value::Varchar(arg->string->sval);
    case PG_QUERY__NODE__NODE_INTEGER:
      return Value::Integer(arg->integer->ival);
    case PG_QUERY__NODE__NODE_FLOAT:
      return NumericLiteral(arg->float_->fval);
    case PG_QUERY__NODE__NODE_BOOLEAN:
      return Value::Boolean(arg->boolean->boolval);
    case PG_QUERY__NODE__NODE_A_STAR:
      return Value::Varchar("*");
    case PG_QUERY__NODE__NODE_TYPE_NAME: {
      std::string name;
      for (const pg::Node* part : PG_LIST(arg->type_name, names)) {
        if (!name.empty()) name += ".";
        name += pg::StrVal(part);
      }
      return Value::Varchar(name);
    }
    case PG_QUERY__NODE__NODE_LIST: {
      // FORCE_QUOTE (a, b) -> 'a, b'
      std::string joined;
      for (const pg::Node* item : PG_LIST(arg->list, items)) {
        FLUX_ASSIGN_OR_RETURN(Value v, OptionValue(item));
        if (!joined.empty()) joined += ", ";
        joined += v.ToString();
      }
      return Value::Varchar(joined);
    }
    default:
      return NotImplementedError("unsupported option value");
  }
}

}  // namespace

StatusOr<StatementPtr> Transformer::TransformExplain(const PgQuery__ExplainStmt* stmt) {
  auto explain = std::make_unique<ExplainStatement>();
  for (const pg::Node* node : PG_LIST(stmt, options)) {
    if (!pg::Is(node, PG_QUERY__NODE__NODE_DEF_ELEM)) continue;
    const PgQuery__DefElem* option = node->def_elem;
    std::string name = LowerCase(option->defname);
    auto value = OptionValue(option->arg);
    if (!value.ok()) return ErrorAt(value.status(), option->location);
    std::string text = LowerCase(value->ToString());
    if (name == "analyze") {
      explain->analyze = text == "true" || text == "on" || text == "1";
    } else if (name == "format") {
      if (text == "json") {
        explain->format = ExplainFormat::kJson;
      } else if (text == "text") {
        explain->format = ExplainFormat::kText;
      } else {
        return ErrorAt(NotImplementedError("EXPLAIN format ", text, " is not supported"),
                       option->location);
      }
    } else if (name != "verbose" && name != "costs") {
      return ErrorAt(NotImplementedError("EXPLAIN option ", name, " is not supported"),
                     option->location);
    }
  }
  FLUX_ASSIGN_OR_RETURN(explain->statement, TransformSingleStatement(stmt->query, "EXPLAIN"));
  return StatementPtr(std::move(explain));
}

StatusOr<StatementPtr> Transformer::TransformVariableSet(const PgQuery__VariableSetStmt* stmt) {
  std::string name = stmt->name ? stmt->name : "";
  switch (stmt->kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE: {
      auto set = std::make_unique<SetStatement>();
      set->name = LowerCase(name);
      switch (dialect().set_scope) {
        case sql::ScopeMarker::kGlobal:
          set->scope = SetScope::kGlobal;
          break;
        case sql::ScopeMarker::kSession:
          set->scope = SetScope::kSession;
          break;
        case sql::ScopeMarker::kLocal:
          set->scope = SetScope::kLocal;
          break;
        case sql::ScopeMarker::kNone:
          break;
      }
      if (stmt->is_local) set->scope = SetScope::kLocal;
      if (stmt->n_args == 1) {
        FLUX_ASSIGN_OR_RETURN(set->value, TransformExpr(stmt->args[0]));
      } else {
        // SET search_path = a, b -> 'a,b'
        std::string joined;
        for (const pg::Node* arg : PG_LIST(stmt, args)) {
          FLUX_ASSIGN_OR_RETURN(ExprPtr expr, TransformExpr(arg));
          if (expr->kind != ExprKind::kConstant) {
            return NotImplementedError("SET with a list of non-constant values is not supported");
          }
          if (!joined.empty()) joined += ",";
          joined += expr->As<ConstantExpr>().value.ToString();
        }
        set->value = std::make_unique<ConstantExpr>(Value::Varchar(joined));
      }
      return StatementPtr(std::move(set));
    }
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET: {
      auto reset = std::make_unique<ResetStatement>();
      reset->name = LowerCase(name);
      return StatementPtr(std::move(reset));
    }
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL: {
      auto reset = std::make_unique<ResetStatement>();
      reset->name = "all";
      return StatementPtr(std::move(reset));
    }
    default:
      return NotImplementedError("SET ", name, " is not supported");
  }
}

StatusOr<StatementPtr> Transformer::TransformVariableShow(const PgQuery__VariableShowStmt* stmt) {
  auto show = std::make_unique<ShowStatement>();
  show->name = stmt->name;
  if (show->name == "tables") {
    show->show_kind = ShowStatement::Kind::kTables;
    show->name.clear();
  }
  return StatementPtr(std::move(show));
}

StatusOr<StatementPtr> Transformer::TransformTransaction(const PgQuery__TransactionStmt* stmt) {
  if (stmt->chain) return NotImplementedError("COMMIT / ROLLBACK AND CHAIN is not supported");
  switch (stmt->kind) {
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
      return StatementPtr(std::make_unique<TransactionStatement>(TransactionKind::kBegin));
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
      return StatementPtr(std::make_unique<TransactionStatement>(TransactionKind::kCommit));
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
      return StatementPtr(std::make_unique<TransactionStatement>(TransactionKind::kRollback));
    default:
      return NotImplementedError("savepoints and two-phase commit are not supported");
  }
}

StatusOr<StatementPtr> Transformer::TransformCopy(const PgQuery__CopyStmt* stmt) {
  auto copy = std::make_unique<CopyStatement>();
  copy->is_from = stmt->is_from;
  if (stmt->is_program) return NotImplementedError("COPY ... PROGRAM is not supported");
  if (stmt->filename == nullptr || stmt->filename[0] == '\0') {
    return NotImplementedError("COPY ... STDIN / STDOUT is not supported");
  }
  if (stmt->where_clause != nullptr) return NotImplementedError("COPY ... WHERE is not supported");
  copy->path = stmt->filename;
  if (stmt->relation != nullptr) {
    copy->schema = stmt->relation->schemaname;
    copy->table = stmt->relation->relname;
  }
  for (const pg::Node* column : PG_LIST(stmt, attlist)) copy->columns.push_back(pg::StrVal(column));
  if (stmt->query != nullptr) {
    if (copy->is_from) return ParserError("COPY (query) FROM is not allowed");
    FLUX_ASSIGN_OR_RETURN(copy->query, TransformQueryNode(stmt->query));
  }
  for (const pg::Node* node : PG_LIST(stmt, options)) {
    if (!pg::Is(node, PG_QUERY__NODE__NODE_DEF_ELEM)) continue;
    const PgQuery__DefElem* option = node->def_elem;
    auto value = OptionValue(option->arg);
    if (!value.ok()) return ErrorAt(value.status(), option->location);
    // PostgreSQL turns the keywords TRUE / FALSE into strings; HEADER false means a boolean.
    if (value->type().id() == TypeId::kVarchar &&
        (value->GetString() == "true" || value->GetString() == "false")) {
      size_t name_token = TokenAt(Loc(option->location));
      const auto& tokens = source().tokens;
      if (name_token + 1 < tokens.size() && tokens[name_token + 1].kind == sql::TokenKind::kWord &&
          tokens[name_token + 1].word == value->GetString()) {
        *value = Value::Boolean(value->GetString() == "true");
      }
    }
    copy->options.emplace_back(LowerCase(option->defname), std::move(value).value());
  }
  return StatementPtr(std::move(copy));
}

StatusOr<StatementPtr> Transformer::TransformVacuum(const PgQuery__VacuumStmt* stmt) {
  auto vacuum = std::make_unique<VacuumStatement>();
  vacuum->analyze = !stmt->is_vacuumcmd;
  for (const pg::Node* node : PG_LIST(stmt, options)) {
    if (pg::Is(node, PG_QUERY__NODE__NODE_DEF_ELEM) &&
        LowerCase(node->def_elem->defname) == "analyze") {
      vacuum->analyze = true;
    }
  }
  if (stmt->n_rels > 1) return NotImplementedError("VACUUM of several tables is not supported");
  if (stmt->n_rels == 1 && pg::Is(stmt->rels[0], PG_QUERY__NODE__NODE_VACUUM_RELATION)) {
    const PgQuery__VacuumRelation* rel = stmt->rels[0]->vacuum_relation;
    if (rel->relation != nullptr) {
      vacuum->table = rel->relation->schemaname[0] != '\0'
                          ? Concat(rel->relation->schemaname, ".", rel->relation->relname)
                          : rel->relation->relname;
    }
  }
  return StatementPtr(std::move(vacuum));
}

StatusOr<StatementPtr> Transformer::TransformCall(const PgQuery__CallStmt* stmt) {
  if (stmt->funccall == nullptr) return ParserError("CALL needs a function");
  FLUX_ASSIGN_OR_RETURN(ExprPtr expr, TransformFuncCall(stmt->funccall));
  if (expr->kind != ExprKind::kFunction) {
    return ErrorAt(ParserError("CALL needs a plain function call"), stmt->funccall->location);
  }
  auto call = std::make_unique<CallStatement>();
  call->function.reset(static_cast<FunctionExpr*>(expr.release()));
  return StatementPtr(std::move(call));
}

StatusOr<StatementPtr> Transformer::TransformPrepare(const PgQuery__PrepareStmt* stmt) {
  if (stmt->n_argtypes > 0) {
    return NotImplementedError("PREPARE with parameter types is not supported");
  }
  auto prepare = std::make_unique<PrepareStatement>();
  prepare->name = stmt->name;
  FLUX_ASSIGN_OR_RETURN(prepare->statement, TransformSingleStatement(stmt->query, "PREPARE"));
  prepare->statement->parameter_count = std::max(parameter_count(), dialect().parameter_count);
  return StatementPtr(std::move(prepare));
}

StatusOr<StatementPtr> Transformer::TransformExecute(const PgQuery__ExecuteStmt* stmt) {
  auto execute = std::make_unique<ExecuteStatement>();
  execute->name = stmt->name;
  FLUX_ASSIGN_OR_RETURN(execute->args, TransformExprList(PG_LIST(stmt, params)));
  return StatementPtr(std::move(execute));
}

}  // namespace fluxdb::ast
