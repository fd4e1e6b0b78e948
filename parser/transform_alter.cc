// DROP, ALTER TABLE and ALTER ... RENAME.
#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

bool DropObjectKind(PgQuery__ObjectType type, ObjectKind& out) {
  switch (type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      out = ObjectKind::kTable;
      return true;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      out = ObjectKind::kView;
      return true;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      out = ObjectKind::kSchema;
      return true;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
      out = ObjectKind::kIndex;
      return true;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      out = ObjectKind::kSequence;
      return true;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
      out = ObjectKind::kFunction;
      return true;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
      out = ObjectKind::kType;
      return true;
    default:
      return false;
  }
}

/// Splits [catalog.][schema.]name into schema and name.
Status QualifiedName(pg::Repeated<pg::Node> parts, std::string& schema, std::string& name) {
  if (parts.empty() || parts.size() > 3) return ParserError("malformed object name");
  name = pg::StrVal(parts[parts.size() - 1]);
  if (parts.size() >= 2) schema = pg::StrVal(parts[parts.size() - 2]);
  return Status();
}

}  // namespace

StatusOr<std::vector<StatementPtr>> Transformer::TransformDrop(const PgQuery__DropStmt* stmt) {
  ObjectKind kind;
  if (!DropObjectKind(stmt->remove_type, kind)) {
    return NotImplementedError("DROP of this kind of object is not supported");
  }
  std::vector<StatementPtr> result;
  // DROP TABLE a, b drops each in turn: one statement per object.
  for (const pg::Node* object : PG_LIST(stmt, objects)) {
    auto drop = std::make_unique<DropStatement>();
    drop->object_kind = kind;
    drop->if_exists = stmt->missing_ok;
    drop->cascade = stmt->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    if (pg::Is(object, PG_QUERY__NODE__NODE_STRING)) {
      drop->name = object->string->sval;
    } else if (pg::Is(object, PG_QUERY__NODE__NODE_LIST)) {
      FLUX_RETURN_IF_ERROR(QualifiedName(PG_LIST(object->list, items), drop->schema, drop->name));
    } else if (pg::Is(object, PG_QUERY__NODE__NODE_TYPE_NAME)) {
      FLUX_RETURN_IF_ERROR(
          QualifiedName(PG_LIST(object->type_name, names), drop->schema, drop->name));
    } else if (pg::Is(object, PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)) {
      FLUX_RETURN_IF_ERROR(
          QualifiedName(PG_LIST(object->object_with_args, objname), drop->schema, drop->name));
    } else {
      return NotImplementedError("DROP of this kind of object is not supported");
    }
    result.push_back(std::move(drop));
  }
  return result;
}

StatusOr<std::vector<StatementPtr>> Transformer::TransformAlterTable(
    const PgQuery__AlterTableStmt* stmt) {
  if (stmt->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    return NotImplementedError("only ALTER TABLE is supported");
  }
  std::vector<StatementPtr> result;
  // ALTER TABLE t ADD a INT, ADD b INT: one statement per action.
  for (const pg::Node* node : PG_LIST(stmt, cmds)) {
    if (!pg::Is(node, PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)) continue;
    const PgQuery__AlterTableCmd* cmd = node->alter_table_cmd;
    auto alter = std::make_unique<AlterTableStatement>();
    alter->schema = stmt->relation->schemaname;
    alter->table = stmt->relation->relname;
    alter->if_exists = stmt->missing_ok;
    alter->column = cmd->name ? cmd->name : "";
    alter->column_if_exists = cmd->missing_ok;
    alter->cascade = cmd->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    switch (cmd->subtype) {
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
        if (!pg::Is(cmd->def, PG_QUERY__NODE__NODE_COLUMN_DEF)) {
          return ParserError("malformed ADD COLUMN");
        }
        alter->alter_kind = AlterKind::kAddColumn;
        FLUX_ASSIGN_OR_RETURN(ColumnDefinition column,
                              TransformColumnDef(cmd->def->column_def, nullptr));
        alter->column = column.name;
        alter->new_column = std::make_unique<ColumnDefinition>(std::move(column));
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
        alter->alter_kind = AlterKind::kDropColumn;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType: {
        if (!pg::Is(cmd->def, PG_QUERY__NODE__NODE_COLUMN_DEF)) {
          return ParserError("malformed ALTER COLUMN TYPE");
        }
        const PgQuery__ColumnDef* def = cmd->def->column_def;
        alter->alter_kind = AlterKind::kAlterColumnType;
        FLUX_ASSIGN_OR_RETURN(alter->new_type, TransformTypeName(def->type_name));
        if (def->raw_default != nullptr) {
          FLUX_ASSIGN_OR_RETURN(alter->expression, TransformExpr(def->raw_default));
        }
        if (def->coll_clause != nullptr) {
          return NotImplementedError("ALTER COLUMN TYPE ... COLLATE is not supported");
        }
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
        if (cmd->def == nullptr) {
          alter->alter_kind = AlterKind::kDropDefault;
        } else {
          alter->alter_kind = AlterKind::kSetDefault;
          FLUX_ASSIGN_OR_RETURN(alter->expression, TransformExpr(cmd->def));
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
        alter->alter_kind = AlterKind::kSetNotNull;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
        alter->alter_kind = AlterKind::kDropNotNull;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
        return NotImplementedError("ALTER TABLE ... ADD CONSTRAINT is not supported");
      default:
        return NotImplementedError("this ALTER TABLE action is not supported");
    }
    result.push_back(std::move(alter));
  }
  return result;
}

StatusOr<StatementPtr> Transformer::TransformRename(const PgQuery__RenameStmt* stmt) {
  auto alter = std::make_unique<AlterTableStatement>();
  if (stmt->relation == nullptr) return NotImplementedError("this RENAME is not supported");
  alter->schema = stmt->relation->schemaname;
  alter->table = stmt->relation->relname;
  alter->if_exists = stmt->missing_ok;
  alter->new_name = stmt->newname;
  switch (stmt->rename_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      alter->alter_kind = AlterKind::kRenameTable;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
      if (stmt->relation_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
        return NotImplementedError("only columns of tables can be renamed");
      }
      alter->alter_kind = AlterKind::kRenameColumn;
      alter->column = stmt->subname;
      break;
    default:
      return NotImplementedError("only tables and their columns can be renamed");
  }
  return StatementPtr(std::move(alter));
}

}  // namespace fluxdb::ast
