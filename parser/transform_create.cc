// CREATE TABLE [AS], CREATE VIEW, CREATE SCHEMA, CREATE INDEX.
#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

std::vector<std::string> StringList(pg::Repeated<pg::Node> items) {
  std::vector<std::string> out;
  for (const pg::Node* item : items) out.push_back(pg::StrVal(item));
  return out;
}

std::string Trim(std::string s) {
  size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

bool IsTemporary(const PgQuery__RangeVar* rel) {
  return rel->relpersistence != nullptr && std::string_view(rel->relpersistence) == "t";
}

}  // namespace

std::string Transformer::CheckText(const PgQuery__Constraint* constraint) {
  // CHECK's location is its CONSTRAINT or CHECK keyword; the expression is the parenthesized text
  // that follows.
  const auto& tokens = source().tokens;
  size_t i = TokenAt(Loc(constraint->location));
  while (i < tokens.size() && !tokens[i].IsPunct('(')) i++;
  size_t close = MatchingParen(i);
  if (i >= tokens.size() || close >= tokens.size()) return "";
  return Trim(SourceText(tokens[i].end, tokens[close].start));
}

StatusOr<TableConstraint> Transformer::TransformTableConstraint(
    const PgQuery__Constraint* constraint) {
  TableConstraint out;
  out.name = constraint->conname;
  switch (constraint->contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      out.kind = ConstraintKind::kPrimaryKey;
      out.columns = StringList(PG_LIST(constraint, keys));
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      out.kind = ConstraintKind::kUnique;
      out.columns = StringList(PG_LIST(constraint, keys));
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
      out.kind = ConstraintKind::kCheck;
      FLUX_ASSIGN_OR_RETURN(out.check, TransformExpr(constraint->raw_expr));
      out.check_text = CheckText(constraint);
      break;
    }
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
      out.kind = ConstraintKind::kForeignKey;
      out.columns = StringList(PG_LIST(constraint, fk_attrs));
      if (constraint->pktable != nullptr) {
        out.fk_schema = constraint->pktable->schemaname;
        out.fk_table = constraint->pktable->relname;
      }
      out.fk_columns = StringList(PG_LIST(constraint, pk_attrs));
      break;
    default:
      return ErrorAt(NotImplementedError("this table constraint is not supported"),
                     constraint->location);
  }
  if (constraint->deferrable || constraint->initdeferred) {
    return ErrorAt(NotImplementedError("deferrable constraints are not supported"),
                   constraint->location);
  }
  if (constraint->where_clause != nullptr || constraint->n_including > 0) {
    return ErrorAt(NotImplementedError("this table constraint is not supported"),
                   constraint->location);
  }
  return out;
}

StatusOr<ColumnDefinition> Transformer::TransformColumnDef(
    const PgQuery__ColumnDef* def, std::vector<TableConstraint>* table_constraints) {
  ColumnDefinition column;
  column.name = def->colname;
  column.location = Loc(def->location);
  if (def->type_name == nullptr) {
    return ErrorAt(ParserError("column \"", column.name, "\" needs a type"), def->location);
  }
  FLUX_ASSIGN_OR_RETURN(column.type, TransformTypeName(def->type_name));
  if (def->coll_clause != nullptr && def->coll_clause->n_collname > 0) {
    column.collation = pg::StrVal(def->coll_clause->collname[def->coll_clause->n_collname - 1]);
  }
  column.not_null = def->is_not_null;
  if (def->raw_default != nullptr) {
    FLUX_ASSIGN_OR_RETURN(column.default_value, TransformExpr(def->raw_default));
  }
  for (const pg::Node* node : PG_LIST(def, constraints)) {
    if (!pg::Is(node, PG_QUERY__NODE__NODE_CONSTRAINT)) continue;
    const PgQuery__Constraint* constraint = node->constraint;
    switch (constraint->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
        column.not_null = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT: {
        FLUX_ASSIGN_OR_RETURN(column.default_value, TransformExpr(constraint->raw_expr));
        break;
      }
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
        if (column.check != nullptr) {
          return ErrorAt(NotImplementedError("several CHECK constraints on one column; use a "
                                             "table constraint"),
                         constraint->location);
        }
        FLUX_ASSIGN_OR_RETURN(column.check, TransformExpr(constraint->raw_expr));
        column.check_text = CheckText(constraint);
        break;
      }
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        column.primary_key = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        column.unique = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: {
        if (table_constraints == nullptr) {
          return ErrorAt(NotImplementedError("REFERENCES is not supported here"),
                         constraint->location);
        }
        FLUX_ASSIGN_OR_RETURN(TableConstraint fk, TransformTableConstraint(constraint));
        fk.columns = {column.name};
        table_constraints->push_back(std::move(fk));
        break;
      }
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
        break;  // the defaults
      case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
      case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
        return ErrorAt(NotImplementedError("generated and identity columns are not supported"),
                       constraint->location);
      default:
        return ErrorAt(NotImplementedError("this column constraint is not supported"),
                       constraint->location);
    }
  }
  return column;
}

StatusOr<StatementPtr> Transformer::TransformCreateTable(const PgQuery__CreateStmt* stmt) {
  auto create = std::make_unique<CreateTableStatement>();
  create->schema = stmt->relation->schemaname;
  create->table = stmt->relation->relname;
  create->temporary = IsTemporary(stmt->relation);
  create->if_not_exists = stmt->if_not_exists;
  create->or_replace = dialect().create_or_replace_table;
  if (create->or_replace && create->if_not_exists) {
    return ParserError("CREATE OR REPLACE and IF NOT EXISTS cannot be combined");
  }
  if (stmt->n_inh_relations > 0 || stmt->partbound != nullptr || stmt->partspec != nullptr ||
      stmt->of_typename != nullptr) {
    return NotImplementedError("table inheritance and partitioning are not supported");
  }
  if (stmt->n_options > 0)
    return NotImplementedError("CREATE TABLE ... WITH (options) is not supported");
  if (stmt->oncommit != PG_QUERY__ON_COMMIT_ACTION__ONCOMMIT_NOOP &&
      stmt->oncommit != PG_QUERY__ON_COMMIT_ACTION__ON_COMMIT_ACTION_UNDEFINED) {
    return NotImplementedError("ON COMMIT is not supported");
  }
  auto add_constraint = [&](const pg::Node* node) -> Status {
    FLUX_ASSIGN_OR_RETURN(TableConstraint constraint, TransformTableConstraint(node->constraint));
    create->constraints.push_back(std::move(constraint));
    return Status();
  };
  for (const pg::Node* element : PG_LIST(stmt, table_elts)) {
    if (pg::Is(element, PG_QUERY__NODE__NODE_COLUMN_DEF)) {
      FLUX_ASSIGN_OR_RETURN(ColumnDefinition column,
                            TransformColumnDef(element->column_def, &create->constraints));
      create->columns.push_back(std::move(column));
    } else if (pg::Is(element, PG_QUERY__NODE__NODE_CONSTRAINT)) {
      FLUX_RETURN_IF_ERROR(add_constraint(element));
    } else {
      return NotImplementedError("CREATE TABLE ... LIKE is not supported");
    }
  }
  for (const pg::Node* element : PG_LIST(stmt, constraints)) {
    if (pg::Is(element, PG_QUERY__NODE__NODE_CONSTRAINT))
      FLUX_RETURN_IF_ERROR(add_constraint(element));
  }
  return StatementPtr(std::move(create));
}

StatusOr<StatementPtr> Transformer::TransformCreateTableAs(const PgQuery__CreateTableAsStmt* stmt) {
  if (stmt->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    return NotImplementedError("materialized views are not supported");
  }
  const PgQuery__IntoClause* into = stmt->into;
  if (into == nullptr || into->rel == nullptr) return ParserError("CREATE TABLE AS needs a name");
  if (into->skip_data)
    return NotImplementedError("CREATE TABLE AS ... WITH NO DATA is not supported");
  if (into->n_options > 0)
    return NotImplementedError("CREATE TABLE ... WITH (options) is not supported");
  auto create = std::make_unique<CreateTableStatement>();
  create->schema = into->rel->schemaname;
  create->table = into->rel->relname;
  create->temporary = IsTemporary(into->rel);
  create->if_not_exists = stmt->if_not_exists;
  create->or_replace = dialect().create_or_replace_table;
  FLUX_ASSIGN_OR_RETURN(QueryNodePtr query, TransformQueryNode(stmt->query));
  if (into->n_col_names > 0) {
    // CREATE TABLE t (a, b) AS SELECT ... renames the query's columns.
    auto subquery = std::make_unique<SubqueryRef>(std::move(query));
    subquery->column_aliases = StringList(PG_LIST(into, col_names));
    auto select = std::make_unique<SelectNode>();
    select->select_list.push_back(std::make_unique<StarExpr>());
    select->from = std::move(subquery);
    query = std::move(select);
  }
  create->as_query = std::move(query);
  return StatementPtr(std::move(create));
}

StatusOr<StatementPtr> Transformer::TransformCreateView(const PgQuery__ViewStmt* stmt) {
  if (stmt->n_options > 0 ||
      (stmt->with_check_option != PG_QUERY__VIEW_CHECK_OPTION__NO_CHECK_OPTION &&
       stmt->with_check_option != PG_QUERY__VIEW_CHECK_OPTION__VIEW_CHECK_OPTION_UNDEFINED)) {
    return NotImplementedError("view options and WITH CHECK OPTION are not supported");
  }
  auto create = std::make_unique<CreateViewStatement>();
  create->schema = stmt->view->schemaname;
  create->view = stmt->view->relname;
  create->temporary = IsTemporary(stmt->view);
  create->or_replace = stmt->replace;
  create->if_not_exists = dialect().view_if_not_exists;
  create->column_aliases = StringList(PG_LIST(stmt, aliases));
  FLUX_ASSIGN_OR_RETURN(create->query, TransformQueryNode(stmt->query));
  // The query text: everything after the first AS that follows VIEW outside parentheses.
  const auto& tokens = source().tokens;
  size_t i = 0;
  while (i < tokens.size() && !tokens[i].Is("view")) i++;
  int depth = 0;
  for (; i < tokens.size(); i++) {
    if (tokens[i].IsPunct('(')) depth++;
    if (tokens[i].IsPunct(')')) depth--;
    if (depth == 0 && tokens[i].Is("as")) break;
  }
  if (i + 1 >= tokens.size()) return ParserError("CREATE VIEW needs AS followed by a query");
  create->query_text = SourceText(tokens[i + 1].start, static_cast<int32_t>(source().text.size()));
  return StatementPtr(std::move(create));
}

StatusOr<StatementPtr> Transformer::TransformCreateSchema(const PgQuery__CreateSchemaStmt* stmt) {
  if (stmt->n_schema_elts > 0) {
    return NotImplementedError("CREATE SCHEMA with schema elements is not supported");
  }
  if (stmt->schemaname == nullptr || stmt->schemaname[0] == '\0') {
    return NotImplementedError("CREATE SCHEMA AUTHORIZATION is not supported");
  }
  auto create = std::make_unique<CreateSchemaStatement>();
  create->schema = stmt->schemaname;
  create->if_not_exists = stmt->if_not_exists;
  return StatementPtr(std::move(create));
}

StatusOr<StatementPtr> Transformer::TransformCreateIndex(const PgQuery__IndexStmt* stmt) {
  std::string_view method = stmt->access_method ? stmt->access_method : "";
  if (!method.empty() && method != "btree" && method != "art") {
    return NotImplementedError("index type ", method, " is not supported");
  }
  if (stmt->where_clause != nullptr)
    return NotImplementedError("partial indexes are not supported");
  if (stmt->n_index_including_params > 0 || stmt->n_options > 0) {
    return NotImplementedError("INCLUDE and WITH options of indexes are not supported");
  }
  auto create = std::make_unique<CreateIndexStatement>();
  create->index = stmt->idxname;
  create->schema = stmt->relation->schemaname;
  create->table = stmt->relation->relname;
  create->unique = stmt->unique;
  create->if_not_exists = stmt->if_not_exists;
  if (create->index.empty()) return ParserError("CREATE INDEX needs an index name");
  for (const pg::Node* param : PG_LIST(stmt, index_params)) {
    if (!pg::Is(param, PG_QUERY__NODE__NODE_INDEX_ELEM)) continue;
    const PgQuery__IndexElem* elem = param->index_elem;
    if (elem->n_collation > 0 || elem->n_opclass > 0 ||
        elem->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC ||
        (elem->nulls_ordering != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_DEFAULT &&
         elem->nulls_ordering != PG_QUERY__SORT_BY_NULLS__SORT_BY_NULLS_UNDEFINED)) {
      return NotImplementedError("index column options are not supported");
    }
    if (elem->expr != nullptr) {
      FLUX_ASSIGN_OR_RETURN(ExprPtr expr, TransformExpr(elem->expr));
      create->expressions.push_back(std::move(expr));
    } else {
      create->expressions.push_back(
          std::make_unique<ColumnRefExpr>(std::vector<std::string>{elem->name}));
    }
  }
  return StatementPtr(std::move(create));
}

}  // namespace fluxdb::ast
