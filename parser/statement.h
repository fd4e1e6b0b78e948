// Statements of the AST.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parser/parsed_expression.h"
#include "parser/query_node.h"
#include "parser/table_ref.h"

namespace fluxdb::ast {

enum class StatementKind : uint8_t {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateView,
  kCreateSchema,
  kCreateIndex,
  kDrop,
  kAlterTable,
  kExplain,
  kPragma,
  kSet,
  kReset,
  kShow,  // SHOW name / SHOW TABLES / DESCRIBE t / SUMMARIZE
  kTransaction,
  kCopy,
  kCheckpoint,  // CHECKPOINT / FORCE CHECKPOINT
  kVacuum,
  kCall,     // CALL f(args)
  kPrepare,  // PREPARE name AS statement
  kExecute,  // EXECUTE name(args)
  kDeallocate,
  kReindex,     // REINDEX name
  kCreateSequence,
};

class Statement {
 public:
  explicit Statement(StatementKind kind) : kind(kind) {}
  virtual ~Statement() = default;

  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  StatementKind kind;
  /// The statement's own text (without the terminating ';'); locations inside the statement are
  /// byte offsets into this text.
  std::string text;
  /// Byte offset of `text` within the whole input given to the parser.
  int32_t text_offset = 0;
  /// Number of $n / ? parameters in the statement.
  int32_t parameter_count = 0;
};

using StatementPtr = std::unique_ptr<Statement>;

class SelectStatement : public Statement {
 public:
  SelectStatement() : Statement(StatementKind::kSelect) {}
  QueryNodePtr node;
};

enum class OnConflict : uint8_t { kError, kReplace, kIgnore, kUpdate };

struct SetClause {
  std::string column;
  ExprPtr value;
};

class InsertStatement : public Statement {
 public:
  InsertStatement() : Statement(StatementKind::kInsert) {}
  std::string schema;
  std::string table;
  std::string alias;
  std::vector<std::string> columns;  // empty: all columns in order
  QueryNodePtr query;                // VALUES arrive as a SelectNode over an ExpressionListRef
  bool default_values = false;       // INSERT INTO t DEFAULT VALUES
  bool by_name = false;              // INSERT INTO t BY NAME SELECT ...
  OnConflict on_conflict = OnConflict::kError;  // INSERT OR REPLACE / ON CONFLICT DO ...
  /// ON CONFLICT (columns): the key whose conflicts the action handles; empty when not given.
  std::vector<std::string> conflict_columns;
  /// ON CONFLICT ... DO UPDATE SET ... [WHERE ...]: over the existing row (the table's name or
  /// alias) and the proposed one (`excluded`).
  std::vector<SetClause> conflict_set;
  ExprPtr conflict_where;
  ExprList returning;
};

class UpdateStatement : public Statement {
 public:
  UpdateStatement() : Statement(StatementKind::kUpdate) {}
  std::string schema;
  std::string table;
  std::string alias;
  std::vector<SetClause> set;
  TableRefPtr from;  // UPDATE .. FROM (may be null)
  ExprPtr where;
  ExprList returning;
};

class DeleteStatement : public Statement {
 public:
  DeleteStatement() : Statement(StatementKind::kDelete) {}
  std::string schema;
  std::string table;
  std::string alias;
  std::vector<TableRefPtr> using_tables;
  ExprPtr where;
  ExprList returning;
};

struct ColumnDefinition {
  std::string name;
  TypeName type;
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  ExprPtr default_value;  // may be null
  ExprPtr check;          // column CHECK constraint, may be null
  int32_t location = -1;
  std::string check_text;  // the column CHECK expression as written
  std::string collation;   // COLLATE name, empty when none
};

enum class ConstraintKind : uint8_t { kPrimaryKey, kUnique, kCheck, kNotNull, kForeignKey };

/// A table-level constraint: PRIMARY KEY (a, b), UNIQUE (a), CHECK (expr), FOREIGN KEY ...
struct TableConstraint {
  ConstraintKind kind;
  std::vector<std::string> columns;
  ExprPtr check;
  std::string check_text;  // CHECK expression as written, for persisting it
  std::string name;        // CONSTRAINT name, empty when unnamed
  // kForeignKey: REFERENCES [fk_schema.]fk_table [(fk_columns)]
  std::string fk_schema;
  std::string fk_table;
  std::vector<std::string> fk_columns;
};

class CreateTableStatement : public Statement {
 public:
  CreateTableStatement() : Statement(StatementKind::kCreateTable) {}
  std::string schema;
  std::string table;
  bool if_not_exists = false;
  bool or_replace = false;
  bool temporary = false;
  std::vector<ColumnDefinition> columns;
  std::vector<TableConstraint> constraints;
  QueryNodePtr as_query;  // CREATE TABLE t AS SELECT ... (columns then empty)
};

class CreateViewStatement : public Statement {
 public:
  CreateViewStatement() : Statement(StatementKind::kCreateView) {}
  std::string schema;
  std::string view;
  std::vector<std::string> column_aliases;
  bool or_replace = false;
  bool if_not_exists = false;
  bool temporary = false;
  QueryNodePtr query;
  /// The text of the view's SELECT, as written; stored in the catalog and re-parsed on load.
  std::string query_text;
};

class CreateSchemaStatement : public Statement {
 public:
  CreateSchemaStatement() : Statement(StatementKind::kCreateSchema) {}
  std::string schema;
  bool if_not_exists = false;
};

class CreateIndexStatement : public Statement {
 public:
  CreateIndexStatement() : Statement(StatementKind::kCreateIndex) {}
  std::string schema;
  std::string index;
  std::string table;
  ExprList expressions;
  bool unique = false;
  bool if_not_exists = false;
};

/// CREATE SEQUENCE: options not given are left unset and take DuckDB's defaults (which depend on
/// the increment's sign).
class CreateSequenceStatement : public Statement {
 public:
  CreateSequenceStatement() : Statement(StatementKind::kCreateSequence) {}
  std::string schema;
  std::string name;
  bool if_not_exists = false;
  bool or_replace = false;
  int64_t increment = 1;
  std::optional<int64_t> start;
  std::optional<int64_t> min_value;  // unset also for NO MINVALUE
  std::optional<int64_t> max_value;
  bool cycle = false;
};

enum class ObjectKind : uint8_t {
  kTable,
  kView,
  kSchema,
  kIndex,
  kSequence,
  kTrigger,
  kFunction,
  kType
};

class DropStatement : public Statement {
 public:
  DropStatement() : Statement(StatementKind::kDrop) {}
  ObjectKind object_kind = ObjectKind::kTable;
  std::string schema;
  std::string name;
  bool if_exists = false;
  bool cascade = false;
};

enum class AlterKind : uint8_t {
  kRenameTable,
  kRenameColumn,
  kAddColumn,
  kDropColumn,
  kAlterColumnType,
  kSetDefault,
  kDropDefault,
  kSetNotNull,
  kDropNotNull
};

class AlterTableStatement : public Statement {
 public:
  AlterTableStatement() : Statement(StatementKind::kAlterTable) {}
  AlterKind alter_kind = AlterKind::kRenameTable;
  std::string schema;
  std::string table;
  bool if_exists = false;
  std::string column;                            // the column acted on
  std::string new_name;                          // renames
  std::unique_ptr<ColumnDefinition> new_column;  // ADD COLUMN
  TypeName new_type;                             // ALTER COLUMN TYPE
  ExprPtr expression;                            // SET DEFAULT / USING
  bool column_if_exists = false;                 // DROP COLUMN IF EXISTS / ADD COLUMN IF NOT EXISTS
  bool cascade = false;                          // DROP COLUMN ... CASCADE
};

enum class ExplainFormat : uint8_t { kText, kJson };

class ExplainStatement : public Statement {
 public:
  ExplainStatement() : Statement(StatementKind::kExplain) {}
  StatementPtr statement;
  bool analyze = false;
  ExplainFormat format = ExplainFormat::kText;
};

/// PRAGMA name; PRAGMA name(args); PRAGMA name = value. (Not in the PostgreSQL grammar: the
/// parser recognizes it itself.)
class PragmaStatement : public Statement {
 public:
  PragmaStatement() : Statement(StatementKind::kPragma) {}
  std::string name;  // lower-cased
  ExprList args;
  ExprPtr assigned;  // PRAGMA name = value
};

enum class SetScope : uint8_t { kDefault, kLocal, kSession, kGlobal };

class SetStatement : public Statement {
 public:
  SetStatement() : Statement(StatementKind::kSet) {}
  std::string name;  // lower-cased
  ExprPtr value;     // constant expression (identifiers arrive as VARCHAR constants)
  SetScope scope = SetScope::kDefault;
};

class ResetStatement : public Statement {
 public:
  ResetStatement() : Statement(StatementKind::kReset) {}
  std::string name;
};

/// SHOW name, SHOW TABLES, SHOW ALL TABLES, DESCRIBE t, DESCRIBE SELECT ..., SUMMARIZE t.
class ShowStatement : public Statement {
 public:
  enum class Kind : uint8_t { kVariable, kTables, kDescribe, kSummarize };
  ShowStatement() : Statement(StatementKind::kShow) {}
  Kind show_kind = Kind::kVariable;
  std::string name;          // variable name or table name
  std::string schema;        // DESCRIBE s.t / SUMMARIZE s.t
  bool all_schemas = false;  // SHOW ALL TABLES
  QueryNodePtr query;        // DESCRIBE/SUMMARIZE of a query
};

enum class TransactionKind : uint8_t { kBegin, kCommit, kRollback };

class TransactionStatement : public Statement {
 public:
  explicit TransactionStatement(TransactionKind t)
      : Statement(StatementKind::kTransaction), transaction_kind(t) {}
  TransactionKind transaction_kind;
};

/// COPY t [(cols)] FROM 'file' (options); COPY t|(query) TO 'file' (options). Option names are
/// lower-cased; values are constants (a bare option such as HEADER is TRUE).
class CopyStatement : public Statement {
 public:
  CopyStatement() : Statement(StatementKind::kCopy) {}
  std::string schema;
  std::string table;
  std::vector<std::string> columns;
  QueryNodePtr query;  // COPY (SELECT ...) TO
  bool is_from = true;
  std::string path;
  std::vector<std::pair<std::string, Value>> options;
};

class CheckpointStatement : public Statement {
 public:
  CheckpointStatement() : Statement(StatementKind::kCheckpoint) {}
  bool force = false;
};

class VacuumStatement : public Statement {
 public:
  VacuumStatement() : Statement(StatementKind::kVacuum) {}
  std::string table;  // empty: every table
  bool analyze = false;
};

class CallStatement : public Statement {
 public:
  CallStatement() : Statement(StatementKind::kCall) {}
  std::unique_ptr<FunctionExpr> function;
};

class PrepareStatement : public Statement {
 public:
  PrepareStatement() : Statement(StatementKind::kPrepare) {}
  std::string name;
  StatementPtr statement;
};

class ExecuteStatement : public Statement {
 public:
  ExecuteStatement() : Statement(StatementKind::kExecute) {}
  std::string name;
  ExprList args;
};

/// REINDEX [name]: rebuilds indexes. FluxDB's indexes have no physical structure, so this only
/// checks that the named index or table exists.
class ReindexStatement : public Statement {
 public:
  ReindexStatement() : Statement(StatementKind::kReindex) {}
  std::string name;  // empty: all
};

class DeallocateStatement : public Statement {
 public:
  DeallocateStatement() : Statement(StatementKind::kDeallocate) {}
  std::string name;  // empty: ALL
};

}  // namespace fluxdb::ast
