// The Transformer's entry points: one statement's text in, AST statements out; plus the helpers
// every transform_*.cc uses (locations, sub-parses, the depth guard).
#include <algorithm>

#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::pg {

ParseTree& ParseTree::operator=(ParseTree&& other) noexcept {
  std::swap(result_, other.result_);
  return *this;
}

ParseTree::~ParseTree() {
  if (result_ != nullptr) pg_query__parse_result__free_unpacked(result_, nullptr);
}

StatusOr<ParseTree> ParseTree::Parse(const std::string& text, const sql::OffsetMap& map) {
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(text.c_str());
  if (parsed.error != nullptr) {
    std::string message = parsed.error->message ? parsed.error->message : "syntax error";
    int32_t offset = sql::CharPositionToByteOffset(text, parsed.error->cursorpos);
    pg_query_free_protobuf_parse_result(parsed);
    return Parser::WithErrorOffset(ParserError(message), offset < 0 ? -1 : map.ToOriginal(offset));
  }
  ParseTree tree;
  tree.result_ = pg_query__parse_result__unpack(
      nullptr, parsed.parse_tree.len, reinterpret_cast<const uint8_t*>(parsed.parse_tree.data));
  pg_query_free_protobuf_parse_result(parsed);
  if (tree.result_ == nullptr) return InternalError("could not unpack the parse tree");
  return tree;
}

const char* StrVal(const Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_STRING) return "";
  return node->string->sval;
}

}  // namespace fluxdb::pg

namespace fluxdb::ast {

namespace {

/// "create_seq_stmt" -> "CreateSeqStmt", for messages about unsupported statements.
std::string NodeName(const pg::Node* node) {
  const ProtobufCFieldDescriptor* field = protobuf_c_message_descriptor_get_field(
      &pg_query__node__descriptor, static_cast<unsigned>(node->node_case));
  if (field == nullptr) return "unknown";
  std::string out;
  bool upper = true;
  for (const char* p = field->name; *p; p++) {
    if (*p == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(*p))) : *p;
    upper = false;
  }
  return out;
}

std::string DescribeUnsupportedStatement(const pg::Node* node) {
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
      return "CREATE FUNCTION / MACRO";
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
    case PG_QUERY__NODE__NODE_DEFINE_STMT:
      return "CREATE TYPE";
    case PG_QUERY__NODE__NODE_MERGE_STMT:
      return "MERGE";
    case PG_QUERY__NODE__NODE_GRANT_STMT:
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
      return "GRANT / REVOKE";
    case PG_QUERY__NODE__NODE_LOAD_STMT:
      return "LOAD";
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
      return "CREATE TRIGGER";
    default:
      return Concat("statement ", NodeName(node));
  }
}

/// Restores a pointer when leaving a scope.
template <typename T>
class ScopedSet {
 public:
  ScopedSet(T*& slot, T* value) : slot_(slot), saved_(slot) { slot_ = value; }
  ~ScopedSet() { slot_ = saved_; }

 private:
  T*& slot_;
  T* saved_;
};

}  // namespace

Status Transformer::DepthGuard::Check() const {
  if (t_.depth_ > kMaxTransformDepth) return ParserError("expression nesting too deep");
  return Status();
}

int32_t Transformer::Loc(int32_t pg_location) const {
  if (pg_location < 0 || map_ == nullptr) return -1;
  return map_->ToOriginal(pg_location);
}

Status Transformer::ErrorAt(Status status, int32_t pg_location) const {
  if (Parser::ErrorOffset(status) >= 0) return status;
  return Parser::WithErrorOffset(std::move(status), Loc(pg_location));
}

std::string Transformer::SourceText(int32_t begin, int32_t end) const {
  begin = std::clamp<int32_t>(begin, 0, static_cast<int32_t>(source_.text.size()));
  end = std::clamp<int32_t>(end, begin, static_cast<int32_t>(source_.text.size()));
  return source_.text.substr(begin, end - begin);
}

size_t Transformer::TokenAt(int32_t offset) const {
  const auto& tokens = source_.tokens;
  auto it = std::lower_bound(tokens.begin(), tokens.end(), offset,
                             [](const sql::Token& t, int32_t pos) { return t.start < pos; });
  return static_cast<size_t>(it - tokens.begin());
}

size_t Transformer::MatchingParen(size_t open) const {
  const auto& tokens = source_.tokens;
  int depth = 0;
  for (size_t i = open; i < tokens.size(); i++) {
    if (tokens[i].IsPunct('(')) depth++;
    if (tokens[i].IsPunct(')') && --depth == 0) return i;
  }
  return tokens.size();
}

StatusOr<std::vector<StatementPtr>> Transformer::TransformStatementText() {
  FLUX_ASSIGN_OR_RETURN(StatementPtr special, TryTransformSpecialStatement());
  std::vector<StatementPtr> result;
  if (special != nullptr) {
    result.push_back(std::move(special));
  } else {
    sql::RewrittenText rewritten =
        sql::Render(source_.text, source_.tokens, sql::TokenRange{0, source_.tokens.size()},
                    source_.dialect, "");
    FLUX_ASSIGN_OR_RETURN(result, TransformParsedText(rewritten.text, rewritten.map));
  }
  for (const auto& [owner, range] : source_.dialect.qualify) {
    if (!consumed_qualify_.count(owner)) {
      return Parser::WithErrorOffset(ParserError("QUALIFY is only allowed in a SELECT"),
                                     source_.tokens[range.begin].start);
    }
  }
  int32_t parameters = std::max(max_parameter_, source_.dialect.parameter_count);
  for (StatementPtr& statement : result) statement->parameter_count = parameters;
  return result;
}

StatusOr<std::vector<StatementPtr>> Transformer::TransformParsedText(const std::string& text,
                                                                     const sql::OffsetMap& map) {
  FLUX_ASSIGN_OR_RETURN(pg::ParseTree tree, pg::ParseTree::Parse(text, map));
  ScopedSet<const sql::OffsetMap> scoped(map_, &map);
  auto statements = tree.statements();
  if (statements.size() != 1) {
    return ParserError("expected exactly one statement, found ", statements.size());
  }
  return TransformStatement(statements[0]->stmt);
}

StatusOr<ExprList> Transformer::TransformTokenRangeAsTargets(size_t begin, size_t end) {
  if (begin >= end) {
    return Parser::WithErrorOffset(
        ParserError("syntax error: empty expression list"),
        begin < source_.tokens.size() ? source_.tokens[begin].start : -1);
  }
  sql::RewrittenText rewritten = sql::Render(
      source_.text, source_.tokens, sql::TokenRange{begin, end}, source_.dialect, "SELECT ");
  FLUX_ASSIGN_OR_RETURN(pg::ParseTree tree, pg::ParseTree::Parse(rewritten.text, rewritten.map));
  ScopedSet<const sql::OffsetMap> scoped(map_, &rewritten.map);
  auto statements = tree.statements();
  const pg::Node* node = statements.size() == 1 ? statements[0]->stmt : nullptr;
  const PgQuery__SelectStmt* select =
      pg::Is(node, PG_QUERY__NODE__NODE_SELECT_STMT) ? node->select_stmt : nullptr;
  if (select == nullptr || select->op != PG_QUERY__SET_OPERATION__SETOP_NONE ||
      select->n_from_clause > 0 || select->where_clause != nullptr || select->n_group_clause > 0 ||
      select->having_clause != nullptr || select->n_sort_clause > 0 ||
      select->limit_count != nullptr || select->limit_offset != nullptr ||
      select->n_window_clause > 0 || select->n_distinct_clause > 0 ||
      select->with_clause != nullptr || select->n_values_lists > 0 || select->into_clause) {
    return Parser::WithErrorOffset(ParserError("syntax error: expected a list of expressions"),
                                   source_.tokens[begin].start);
  }
  return TransformTargetList(PG_LIST(select, target_list));
}

StatusOr<StatementPtr> Transformer::TransformTokenRangeAsStatement(size_t begin, size_t end) {
  sql::RewrittenText rewritten =
      sql::Render(source_.text, source_.tokens, sql::TokenRange{begin, end}, source_.dialect, "");
  FLUX_ASSIGN_OR_RETURN(pg::ParseTree tree, pg::ParseTree::Parse(rewritten.text, rewritten.map));
  ScopedSet<const sql::OffsetMap> scoped(map_, &rewritten.map);
  auto statements = tree.statements();
  if (statements.size() != 1) {
    return Parser::WithErrorOffset(ParserError("syntax error: expected one statement"),
                                   source_.tokens[begin].start);
  }
  return TransformSingleStatement(statements[0]->stmt, "this statement");
}

StatusOr<StatementPtr> Transformer::TransformSingleStatement(const pg::Node* node,
                                                             const char* context) {
  FLUX_ASSIGN_OR_RETURN(std::vector<StatementPtr> statements, TransformStatement(node));
  if (statements.size() != 1) {
    return NotImplementedError(context, " cannot contain a statement acting on several objects");
  }
  return std::move(statements[0]);
}

StatusOr<std::vector<StatementPtr>> Transformer::TransformStatement(const pg::Node* node) {
  DepthGuard guard(*this);
  FLUX_RETURN_IF_ERROR(guard.Check());
  std::vector<StatementPtr> result;
  auto one = [&](StatusOr<StatementPtr> statement) -> StatusOr<std::vector<StatementPtr>> {
    if (!statement.ok()) return statement.status();
    result.push_back(std::move(statement).value());
    return std::move(result);
  };
  if (node == nullptr) return InternalError("missing statement");
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      return one(TransformSelectStatement(node->select_stmt));
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      return one(TransformInsert(node->insert_stmt));
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      return one(TransformUpdate(node->update_stmt));
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      return one(TransformDelete(node->delete_stmt));
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      return TransformTruncate(node->truncate_stmt);
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      return one(TransformCreateTable(node->create_stmt));
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      return one(TransformCreateTableAs(node->create_table_as_stmt));
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      return one(TransformCreateView(node->view_stmt));
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
      return one(TransformCreateSchema(node->create_schema_stmt));
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return one(TransformCreateIndex(node->index_stmt));
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      return one(TransformCreateSequence(node->create_seq_stmt));
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return TransformDrop(node->drop_stmt);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return TransformAlterTable(node->alter_table_stmt);
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      return one(TransformRename(node->rename_stmt));
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
      return one(TransformExplain(node->explain_stmt));
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      return one(TransformVariableSet(node->variable_set_stmt));
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT:
      return one(TransformVariableShow(node->variable_show_stmt));
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      return one(TransformTransaction(node->transaction_stmt));
    case PG_QUERY__NODE__NODE_COPY_STMT:
      return one(TransformCopy(node->copy_stmt));
    case PG_QUERY__NODE__NODE_CHECK_POINT_STMT:
      return one(StatementPtr(std::make_unique<CheckpointStatement>()));
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      return one(TransformVacuum(node->vacuum_stmt));
    case PG_QUERY__NODE__NODE_CALL_STMT:
      return one(TransformCall(node->call_stmt));
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
      return one(TransformPrepare(node->prepare_stmt));
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
      return one(TransformExecute(node->execute_stmt));
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT: {
      auto deallocate = std::make_unique<DeallocateStatement>();
      deallocate->name = node->deallocate_stmt->name;
      return one(StatementPtr(std::move(deallocate)));
    }
    default:
      return NotImplementedError(DescribeUnsupportedStatement(node), " is not supported");
  }
}

StatusOr<StatementPtr> Transformer::TransformSelectStatement(const PgQuery__SelectStmt* stmt) {
  auto statement = std::make_unique<SelectStatement>();
  FLUX_ASSIGN_OR_RETURN(statement->node, TransformSelectNode(stmt));
  return StatementPtr(std::move(statement));
}

}  // namespace fluxdb::ast
