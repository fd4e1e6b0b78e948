// CREATE SEQUENCE name [INCREMENT [BY] n] [MINVALUE n | NO MINVALUE] [MAXVALUE n | NO MAXVALUE]
//                      [START [WITH] n] [[NO] CYCLE]
#include <cerrno>
#include <cstdlib>

#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

// NumericOnly in the grammar: an Integer node, or a Float node holding the digits of a number
// too large for int32 (a leading '-' included).
StatusOr<int64_t> SequenceOptionValue(const PgQuery__DefElem* option) {
  const pg::Node* arg = option->arg;
  if (pg::Is(arg, PG_QUERY__NODE__NODE_INTEGER)) return int64_t{arg->integer->ival};
  if (pg::Is(arg, PG_QUERY__NODE__NODE_FLOAT)) {
    const char* text = arg->float_->fval;
    char* end = nullptr;
    errno = 0;
    long long value = std::strtoll(text, &end, 10);
    if (errno == 0 && end != text && *end == '\0') return static_cast<int64_t>(value);
    return ParserError("Expected an integer argument for option ", option->defname);
  }
  return ParserError("Expected an integer argument for option ", option->defname);
}

}  // namespace

StatusOr<StatementPtr> Transformer::TransformCreateSequence(const PgQuery__CreateSeqStmt* stmt) {
  auto create = std::make_unique<CreateSequenceStatement>();
  create->schema = stmt->sequence->schemaname;
  create->name = stmt->sequence->relname;
  create->if_not_exists = stmt->if_not_exists;
  create->or_replace = dialect().create_or_replace_table;
  if (create->or_replace && create->if_not_exists) {
    return ParserError(
        "Cannot specify both OR REPLACE and IF NOT EXISTS within single create "
        "statement");
  }
  std::set<std::string> seen;
  for (const pg::Node* node : PG_LIST(stmt, options)) {
    if (!pg::Is(node, PG_QUERY__NODE__NODE_DEF_ELEM)) continue;
    const PgQuery__DefElem* option = node->def_elem;
    std::string name = option->defname;
    if (!seen.insert(name).second) {
      return ErrorAt(ParserError(name, " should be passed at most once"), option->location);
    }
    bool has_value = option->arg != nullptr;
    if (name == "increment") {
      FLUX_ASSIGN_OR_RETURN(create->increment, SequenceOptionValue(option));
      if (create->increment == 0) return ParserError("Increment must not be zero");
    } else if (name == "minvalue") {
      if (has_value) {
        FLUX_ASSIGN_OR_RETURN(create->min_value, SequenceOptionValue(option));
      }
    } else if (name == "maxvalue") {
      if (has_value) {
        FLUX_ASSIGN_OR_RETURN(create->max_value, SequenceOptionValue(option));
      }
    } else if (name == "start") {
      FLUX_ASSIGN_OR_RETURN(create->start, SequenceOptionValue(option));
    } else if (name == "cycle") {
      create->cycle = pg::Is(option->arg, PG_QUERY__NODE__NODE_BOOLEAN)
                          ? option->arg->boolean->boolval
                          : !pg::Is(option->arg, PG_QUERY__NODE__NODE_INTEGER) ||
                                option->arg->integer->ival != 0;
    } else if (name == "cache") {
      // Accepted and ignored, as DuckDB does: values are handed out one at a time.
    } else {
      return ErrorAt(NotImplementedError("CREATE SEQUENCE option ", name, " is not supported"),
                     option->location);
    }
  }
  return StatementPtr(std::move(create));
}

}  // namespace fluxdb::ast
