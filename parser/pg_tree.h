// The libpg_query side of the parser: the protobuf parse tree and the Transformer that turns it
// into FluxDB's AST.
//
// This is the only header that includes libpg_query; only the parser's .cc files include it, so no
// PostgreSQL type is visible past the parser.
#pragma once

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "parser/dialect.h"
#include "parser/parsed_expression.h"
#include "parser/query_node.h"
#include "parser/sql_token.h"
#include "parser/statement.h"
#include "parser/table_ref.h"
#include "parser/text_rewrite.h"

namespace fluxdb::pg {

using Node = PgQuery__Node;

/// A range over one of protobuf-c's repeated fields (`n_x`, `x`).
template <typename T>
class Repeated {
 public:
  Repeated(size_t n, T** items) : n_(n), items_(items) {}
  T** begin() const { return items_; }
  T** end() const { return items_ + n_; }
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  T* operator[](size_t i) const { return items_[i]; }

 private:
  size_t n_;
  T** items_;
};
#define PG_LIST(msg, field) ::fluxdb::pg::Repeated((msg)->n_##field, (msg)->field)

/// The unpacked result of pg_query_parse_protobuf, freed on destruction.
class ParseTree {
 public:
  ParseTree() = default;
  ParseTree(ParseTree&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  ParseTree& operator=(ParseTree&& other) noexcept;
  ParseTree(const ParseTree&) = delete;
  ParseTree& operator=(const ParseTree&) = delete;
  ~ParseTree();

  /// Parses `text` with PostgreSQL's grammar. Errors are Parser Errors whose offset is mapped back
  /// through `map` into the statement's original text.
  static StatusOr<ParseTree> Parse(const std::string& text, const sql::OffsetMap& map);

  Repeated<PgQuery__RawStmt> statements() const {
    return Repeated<PgQuery__RawStmt>(result_->n_stmts, result_->stmts);
  }

 private:
  PgQuery__ParseResult* result_ = nullptr;
};

/// The string of a String node ("" for anything else).
const char* StrVal(const Node* node);
inline bool Is(const Node* node, PgQuery__Node__NodeCase c) {
  return node != nullptr && node->node_case == c;
}

}  // namespace fluxdb::pg

namespace fluxdb::ast {

/// The statement being transformed: its original text, its tokens, and what the dialect pass found.
struct StatementSource {
  const std::string& text;
  const std::vector<sql::Token>& tokens;
  const sql::DialectInfo& dialect;
};

/// Walks libpg_query's parse tree of one statement and builds FluxDB's AST. Locations are mapped
/// back from the rewritten text PostgreSQL saw to the statement's original text.
class Transformer {
 public:
  explicit Transformer(const StatementSource& source) : source_(source) {}

  /// Transforms one statement's text (the DuckDB statements PostgreSQL lacks included). A few
  /// statements expand into several (DROP TABLE a, b).
  StatusOr<std::vector<StatementPtr>> TransformStatementText();

  // ---- statements (transformer.cc and transform_*.cc) ----
  StatusOr<std::vector<StatementPtr>> TransformStatement(const pg::Node* node);
  StatusOr<StatementPtr> TransformSingleStatement(const pg::Node* node, const char* context);
  StatusOr<StatementPtr> TransformSelectStatement(const PgQuery__SelectStmt* stmt);
  StatusOr<StatementPtr> TransformCreateTable(const PgQuery__CreateStmt* stmt);
  StatusOr<StatementPtr> TransformCreateTableAs(const PgQuery__CreateTableAsStmt* stmt);
  StatusOr<ColumnDefinition> TransformColumnDef(const PgQuery__ColumnDef* def,
                                                std::vector<TableConstraint>* table_constraints);
  StatusOr<TableConstraint> TransformTableConstraint(const PgQuery__Constraint* constraint);
  /// The text of a CHECK constraint's expression as written.
  std::string CheckText(const PgQuery__Constraint* constraint);
  StatusOr<StatementPtr> TransformCreateView(const PgQuery__ViewStmt* stmt);
  StatusOr<StatementPtr> TransformCreateSchema(const PgQuery__CreateSchemaStmt* stmt);
  StatusOr<StatementPtr> TransformCreateIndex(const PgQuery__IndexStmt* stmt);
  StatusOr<StatementPtr> TransformCreateSequence(const PgQuery__CreateSeqStmt* stmt);
  StatusOr<std::vector<StatementPtr>> TransformDrop(const PgQuery__DropStmt* stmt);
  StatusOr<std::vector<StatementPtr>> TransformAlterTable(const PgQuery__AlterTableStmt* stmt);
  StatusOr<StatementPtr> TransformRename(const PgQuery__RenameStmt* stmt);
  StatusOr<StatementPtr> TransformInsert(const PgQuery__InsertStmt* stmt);
  StatusOr<StatementPtr> TransformUpdate(const PgQuery__UpdateStmt* stmt);
  /// UPDATE ... SET / ON CONFLICT DO UPDATE SET targets.
  StatusOr<std::vector<SetClause>> TransformSetClauses(pg::Repeated<pg::Node> targets);
  StatusOr<StatementPtr> TransformDelete(const PgQuery__DeleteStmt* stmt);
  StatusOr<std::vector<StatementPtr>> TransformTruncate(const PgQuery__TruncateStmt* stmt);
  StatusOr<StatementPtr> TransformExplain(const PgQuery__ExplainStmt* stmt);
  StatusOr<StatementPtr> TransformVariableSet(const PgQuery__VariableSetStmt* stmt);
  StatusOr<StatementPtr> TransformVariableShow(const PgQuery__VariableShowStmt* stmt);
  StatusOr<StatementPtr> TransformTransaction(const PgQuery__TransactionStmt* stmt);
  StatusOr<StatementPtr> TransformCopy(const PgQuery__CopyStmt* stmt);
  StatusOr<StatementPtr> TransformVacuum(const PgQuery__VacuumStmt* stmt);
  StatusOr<StatementPtr> TransformCall(const PgQuery__CallStmt* stmt);
  StatusOr<StatementPtr> TransformPrepare(const PgQuery__PrepareStmt* stmt);
  StatusOr<StatementPtr> TransformExecute(const PgQuery__ExecuteStmt* stmt);

  // ---- DuckDB statements PostgreSQL lacks (special_statements.cc) ----
  /// Recognizes PRAGMA / DESCRIBE / SUMMARIZE / SHOW ALL TABLES / FORCE CHECKPOINT; null if the
  /// statement is none of them.
  StatusOr<StatementPtr> TryTransformSpecialStatement();

  // ---- query nodes (transform_select.cc) ----
  StatusOr<QueryNodePtr> TransformSelectNode(const PgQuery__SelectStmt* stmt);
  StatusOr<QueryNodePtr> TransformQueryNode(const pg::Node* node);  // a SelectStmt node
  Status TransformCTEs(const PgQuery__WithClause* with, QueryNode& node);
  Status TransformOrderBy(pg::Repeated<pg::Node> items, std::vector<OrderByItem>& out);
  Status TransformModifiers(const PgQuery__SelectStmt* stmt, QueryNode& node);

  // ---- FROM (transform_table_ref.cc) ----
  StatusOr<TableRefPtr> TransformFromList(pg::Repeated<pg::Node> items);
  StatusOr<TableRefPtr> TransformTableRef(const pg::Node* node);
  StatusOr<std::unique_ptr<BaseTableRef>> TransformRangeVar(const PgQuery__RangeVar* range_var);

  // ---- expressions (transform_expression.cc, transform_operator.cc, transform_function.cc) ----
  StatusOr<ExprPtr> TransformExpr(const pg::Node* node);
  StatusOr<ExprPtr> TransformExprOrNull(const pg::Node* node);  // null in, null out
  StatusOr<ExprList> TransformExprList(pg::Repeated<pg::Node> items);
  /// A select list / RETURNING list: ResTargets with their aliases.
  StatusOr<ExprList> TransformTargetList(pg::Repeated<pg::Node> items);
  StatusOr<ExprPtr> TransformConstant(const PgQuery__AConst* constant);
  StatusOr<ExprPtr> TransformColumnRef(const PgQuery__ColumnRef* ref);
  /// `*` / `t.*` with the dialect's modifiers, which are keyed by `location`.
  StatusOr<std::unique_ptr<StarExpr>> TransformStar(const std::string& relation, int32_t location);
  /// COLUMNS(*), COLUMNS('regex'), COLUMNS(x -> condition).
  StatusOr<ExprPtr> TransformColumnsCall(const PgQuery__FuncCall* call, ExprList args);
  StatusOr<ExprPtr> TransformAExpr(const PgQuery__AExpr* expr);
  StatusOr<ExprPtr> TransformBoolExpr(const PgQuery__BoolExpr* expr);
  StatusOr<ExprPtr> TransformTypeCast(const PgQuery__TypeCast* cast);
  StatusOr<ExprPtr> TransformSubLink(const PgQuery__SubLink* link);
  StatusOr<ExprPtr> TransformCase(const PgQuery__CaseExpr* expr);
  StatusOr<ExprPtr> TransformFuncCall(const PgQuery__FuncCall* call);
  StatusOr<ExprPtr> TransformSQLValueFunction(const PgQuery__SQLValueFunction* fn);
  Status TransformWindowSpec(const PgQuery__WindowDef* def, WindowExpr& window);
  StatusOr<TypeName> TransformTypeName(const PgQuery__TypeName* type_name);

  // ---- helpers (transformer.cc) ----
  /// Maps a location in the text PostgreSQL parsed back to the statement's original text.
  int32_t Loc(int32_t pg_location) const;
  /// Parses `SELECT <tokens [begin, end)>` and returns its select list (PRAGMA arguments, the
  /// REPLACE list of a star, a QUALIFY condition).
  StatusOr<ExprList> TransformTokenRangeAsTargets(size_t begin, size_t end);
  /// Parses tokens [begin, end) as a statement of its own (DESCRIBE SELECT ...).
  StatusOr<StatementPtr> TransformTokenRangeAsStatement(size_t begin, size_t end);
  /// The text of the statement between two byte offsets.
  std::string SourceText(int32_t begin, int32_t end) const;
  /// Index of the first token starting at or after `offset` in the original statement text.
  size_t TokenAt(int32_t offset) const;
  /// Index of the token closing the parenthesis opened by token `open`.
  size_t MatchingParen(size_t open) const;
  Status ErrorAt(Status status, int32_t pg_location) const;
  int32_t parameter_count() const { return max_parameter_; }

  /// Counts the recursion depth of the transform; deep input fails instead of overflowing.
  class DepthGuard {
   public:
    explicit DepthGuard(Transformer& t) : t_(t) { ++t_.depth_; }
    ~DepthGuard() { --t_.depth_; }
    Status Check() const;

   private:
    Transformer& t_;
  };

  const StatementSource& source() const { return source_; }
  const sql::DialectInfo& dialect() const { return source_.dialect; }
  void NoteParameter(int32_t index) { max_parameter_ = std::max(max_parameter_, index); }
  /// The QUALIFY condition of the SELECT whose select list starts at `first_target` (original
  /// offset), or null.
  StatusOr<ExprPtr> TakeQualify(int32_t first_target);
  /// Where a transformed query node starts in the original text (-1 if unknown).
  int32_t QueryStart(const QueryNode& node) const;
  /// Where a transformed FROM item starts in the original text (-1 if unknown).
  int32_t TableRefStart(const TableRef& ref) const;

  /// Named windows (WINDOW w AS (...)) of the SELECT being transformed.
  std::map<std::string, const PgQuery__WindowDef*>* named_windows = nullptr;

 private:
  StatusOr<std::vector<StatementPtr>> TransformParsedText(const std::string& text,
                                                          const sql::OffsetMap& map);

  const StatementSource& source_;
  const sql::OffsetMap* map_ = nullptr;
  int depth_ = 0;
  std::set<int32_t> consumed_qualify_;
  // Where each query node's text starts (its first select-list item), to attribute UNION BY NAME
  // and SEMI / ANTI JOIN markers to the right node.
  std::map<const QueryNode*, int32_t> query_starts_;
  int32_t max_parameter_ = 0;
};

/// A numeric literal typed like DuckDB: INTEGER, BIGINT, HUGEINT, DECIMAL(width, scale) or DOUBLE.
StatusOr<Value> NumericLiteral(const std::string& text);

/// Expression depth beyond which the parser gives up (DuckDB's default max_expression_depth).
inline constexpr int kMaxTransformDepth = 1000;

}  // namespace fluxdb::ast
