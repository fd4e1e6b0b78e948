// INSERT, UPDATE, DELETE and TRUNCATE.
#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

StatusOr<StatementPtr> Transformer::TransformInsert(const PgQuery__InsertStmt* stmt) {
  auto insert = std::make_unique<InsertStatement>();
  insert->schema = stmt->relation->schemaname;
  insert->table = stmt->relation->relname;
  if (stmt->relation->alias != nullptr) insert->alias = stmt->relation->alias->aliasname;
  for (const pg::Node* col : PG_LIST(stmt, cols)) {
    if (!pg::Is(col, PG_QUERY__NODE__NODE_RES_TARGET)) continue;
    if (col->res_target->n_indirection > 0) {
      return ErrorAt(NotImplementedError("subscripts in INSERT column lists are not supported"),
                     col->res_target->location);
    }
    insert->columns.push_back(col->res_target->name);
  }
  if (stmt->override != PG_QUERY__OVERRIDING_KIND__OVERRIDING_NOT_SET &&
      stmt->override != PG_QUERY__OVERRIDING_KIND__OVERRIDING_KIND_UNDEFINED) {
    return NotImplementedError("OVERRIDING ... VALUE is not supported");
  }
  if (stmt->select_stmt == nullptr) {
    insert->default_values = true;
    if (stmt->with_clause != nullptr) {
      return NotImplementedError("WITH ... INSERT ... DEFAULT VALUES is not supported");
    }
  } else {
    FLUX_ASSIGN_OR_RETURN(insert->query, TransformQueryNode(stmt->select_stmt));
    if (stmt->with_clause != nullptr) {
      if (!insert->query->ctes.empty()) {
        return NotImplementedError("two WITH clauses in one INSERT are not supported");
      }
      FLUX_RETURN_IF_ERROR(TransformCTEs(stmt->with_clause, *insert->query));
    }
  }
  switch (dialect().insert) {
    case sql::InsertMarker::kReplace:
      insert->on_conflict = OnConflict::kReplace;
      break;
    case sql::InsertMarker::kIgnore:
      insert->on_conflict = OnConflict::kIgnore;
      break;
    case sql::InsertMarker::kNone:
      break;
  }
  if (stmt->on_conflict_clause != nullptr) {
    const PgQuery__OnConflictClause* conflict = stmt->on_conflict_clause;
    if (insert->on_conflict != OnConflict::kError) {
      return ErrorAt(ParserError("INSERT OR ... cannot be combined with ON CONFLICT"),
                     conflict->location);
    }
    if (conflict->infer != nullptr) {
      if (conflict->infer->where_clause != nullptr) {
        return ErrorAt(BinderError("ON CONFLICT WHERE clause is only supported in DO UPDATE SET "
                                   "... WHERE ...\nThe WHERE clause after the conflict columns is "
                                   "used for partial indexes which are not supported."),
                       conflict->location);
      }
      if (conflict->infer->conname != nullptr && conflict->infer->conname[0] != '\0') {
        return ErrorAt(NotImplementedError("ON CONFLICT ON CONSTRAINT is not supported"),
                       conflict->location);
      }
      for (const pg::Node* elem : PG_LIST(conflict->infer, index_elems)) {
        if (!pg::Is(elem, PG_QUERY__NODE__NODE_INDEX_ELEM) || elem->index_elem->expr != nullptr) {
          return ErrorAt(NotImplementedError("ON CONFLICT targets must be column names"),
                         conflict->location);
        }
        insert->conflict_columns.push_back(elem->index_elem->name);
      }
    }
    if (conflict->action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_UPDATE) {
      insert->on_conflict = OnConflict::kUpdate;
      FLUX_ASSIGN_OR_RETURN(insert->conflict_set,
                            TransformSetClauses(PG_LIST(conflict, target_list)));
      FLUX_ASSIGN_OR_RETURN(insert->conflict_where, TransformExprOrNull(conflict->where_clause));
    } else {
      insert->on_conflict = OnConflict::kIgnore;
    }
  }
  insert->by_name = dialect().insert_by_name;
  FLUX_ASSIGN_OR_RETURN(insert->returning, TransformTargetList(PG_LIST(stmt, returning_list)));
  return StatementPtr(std::move(insert));
}

StatusOr<StatementPtr> Transformer::TransformUpdate(const PgQuery__UpdateStmt* stmt) {
  if (stmt->with_clause != nullptr) return NotImplementedError("WITH ... UPDATE is not supported");
  auto update = std::make_unique<UpdateStatement>();
  update->schema = stmt->relation->schemaname;
  update->table = stmt->relation->relname;
  if (stmt->relation->alias != nullptr) update->alias = stmt->relation->alias->aliasname;
  FLUX_ASSIGN_OR_RETURN(update->set, TransformSetClauses(PG_LIST(stmt, target_list)));
  if (stmt->n_from_clause > 0) {
    FLUX_ASSIGN_OR_RETURN(update->from, TransformFromList(PG_LIST(stmt, from_clause)));
  }
  FLUX_ASSIGN_OR_RETURN(update->where, TransformExprOrNull(stmt->where_clause));
  FLUX_ASSIGN_OR_RETURN(update->returning, TransformTargetList(PG_LIST(stmt, returning_list)));
  return StatementPtr(std::move(update));
}

StatusOr<std::vector<SetClause>> Transformer::TransformSetClauses(pg::Repeated<pg::Node> targets) {
  std::vector<SetClause> result;
  for (const pg::Node* item : targets) {
    if (!pg::Is(item, PG_QUERY__NODE__NODE_RES_TARGET)) continue;
    const PgQuery__ResTarget* target = item->res_target;
    if (target->n_indirection > 0) {
      return ErrorAt(NotImplementedError("subscripts in UPDATE ... SET are not supported"),
                     target->location);
    }
    if (pg::Is(target->val, PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF)) {
      return ErrorAt(NotImplementedError("UPDATE ... SET (a, b) = ... is not supported"),
                     target->location);
    }
    SetClause clause;
    clause.column = target->name;
    FLUX_ASSIGN_OR_RETURN(clause.value, TransformExpr(target->val));
    result.push_back(std::move(clause));
  }
  return result;
}

StatusOr<StatementPtr> Transformer::TransformDelete(const PgQuery__DeleteStmt* stmt) {
  if (stmt->with_clause != nullptr) return NotImplementedError("WITH ... DELETE is not supported");
  auto del = std::make_unique<DeleteStatement>();
  del->schema = stmt->relation->schemaname;
  del->table = stmt->relation->relname;
  if (stmt->relation->alias != nullptr) del->alias = stmt->relation->alias->aliasname;
  for (const pg::Node* item : PG_LIST(stmt, using_clause)) {
    FLUX_ASSIGN_OR_RETURN(TableRefPtr ref, TransformTableRef(item));
    del->using_tables.push_back(std::move(ref));
  }
  FLUX_ASSIGN_OR_RETURN(del->where, TransformExprOrNull(stmt->where_clause));
  FLUX_ASSIGN_OR_RETURN(del->returning, TransformTargetList(PG_LIST(stmt, returning_list)));
  return StatementPtr(std::move(del));
}

StatusOr<std::vector<StatementPtr>> Transformer::TransformTruncate(
    const PgQuery__TruncateStmt* stmt) {
  // TRUNCATE t is DELETE FROM t (as in DuckDB).
  std::vector<StatementPtr> result;
  for (const pg::Node* item : PG_LIST(stmt, relations)) {
    if (!pg::Is(item, PG_QUERY__NODE__NODE_RANGE_VAR)) continue;
    auto del = std::make_unique<DeleteStatement>();
    del->schema = item->range_var->schemaname;
    del->table = item->range_var->relname;
    result.push_back(std::move(del));
  }
  return result;
}

}  // namespace fluxdb::ast
