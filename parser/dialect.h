// The DuckDB dialect on top of PostgreSQL's grammar.
//
// AnalyzeDialect looks at a statement's tokens for DuckDB spellings the PostgreSQL grammar rejects
// or would misread (`?`, GROUP BY ALL, SELECT * EXCLUDE (a), LIMIT 10%, INSERT OR REPLACE, QUALIFY,
// TRY_CAST, SEMI JOIN ...). It decides how to render the statement for PostgreSQL (tokens replaced
// or dropped) and records what was removed, keyed by byte offsets in the original text, so that the
// transformer can put it back into the AST.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "parser/sql_token.h"
#include "parser/text_rewrite.h"

namespace fluxdb::sql {

/// Tokens [begin, end) of a statement.
struct TokenRange {
  size_t begin = 0;
  size_t end = 0;
};

/// EXCLUDE / REPLACE lists following a `*` or `t.*`.
struct StarModifiers {
  std::vector<std::string> exclude;
  std::vector<std::string> exclude_qualifiers;  // per exclude entry: its table, "" if none
  std::vector<TokenRange> replace;              // the insides of each REPLACE (...)
  std::vector<std::pair<std::string, std::string>> rename;  // RENAME (old AS new)
  /// `* [NOT] LIKE 'p' [ESCAPE 'e']` (also ILIKE, GLOB, SIMILAR TO): the condition, rendered
  /// with its first token prefixed by kStarColumn, so that it parses as `kStarColumn LIKE 'p'`.
  std::optional<TokenRange> filter;
  std::optional<std::string> alias;  // `* LIKE 'p' AS name` (name may be a string)
};

/// Placeholder names the rewrite puts into the text PostgreSQL parses.
inline constexpr char kUnnamedSubquery[] = "__fluxdb_unnamed_subquery";
/// The table function `(DESCRIBE ...)` / `(SUMMARIZE ...)` in FROM become (its argument is the
/// statement's text; the binder runs it, see planner/binder/show_queries.h).
inline constexpr char kShowFunction[] = "__fluxdb_show";
inline constexpr char kEmptyList[] = "__fluxdb_empty_list__";
/// The column name a star filter (`* LIKE 'p'`) tests, as a lambda parameter.
inline constexpr char kStarColumn[] = "__fluxdb_star_column";

enum class JoinMarker : uint8_t { kSemi, kAnti, kMark, kSingle };
enum class InsertMarker : uint8_t { kNone, kReplace, kIgnore };
enum class ScopeMarker : uint8_t { kNone, kGlobal, kSession, kLocal };

struct DialectInfo {
  /// Per token: the text PostgreSQL sees instead (empty string: dropped), or nullopt to keep it.
  std::vector<std::optional<std::string>> replacement;
  /// Token spans cut out of the text because they are parsed on their own (EXCLUDE / REPLACE lists,
  /// QUALIFY): dropped when rendering a range that contains them, kept when rendering inside one.
  std::vector<TokenRange> moved;
  /// Token spans rendered right after another token instead of in place, keyed by that token
  /// (FROM-first: `FROM t SELECT a WHERE ...` is rendered `SELECT a FROM t WHERE ...`).
  std::map<size_t, TokenRange> render_after;

  // What the rewrite took out, keyed by byte offsets in the original statement text.
  std::set<int32_t> all_markers;                    // the ALL of GROUP BY ALL / ORDER BY ALL
  std::map<int32_t, StarModifiers> star_modifiers;  // keyed by where the star reference starts
  std::set<int32_t> try_casts;                      // TRY_CAST keywords
  std::vector<std::pair<int32_t, int32_t>> limit_percent;  // LIMIT expression spans before a '%'
  std::set<int32_t> ignore_nulls;                          // function names of f(x IGNORE NULLS)
  std::vector<int32_t> select_keywords;                    // every SELECT keyword, ascending
  std::map<int32_t, TokenRange> qualify;       // owning SELECT keyword -> QUALIFY condition
  std::vector<int32_t> set_op_keywords;        // UNION / INTERSECT / EXCEPT, ascending
  std::set<int32_t> union_by_name;             // UNION keywords followed by BY NAME
  std::vector<int32_t> join_keywords;          // JOIN keywords, ascending
  std::map<int32_t, JoinMarker> join_markers;  // SEMI / ANTI JOIN, keyed by the JOIN keyword
  std::set<int32_t> empty_lists;               // x IN () (SQLite), keyed by the '('
  /// COLUMNS(x -> body) / COLUMNS(lambda x: body), keyed by COLUMNS: the parameter (the text
  /// PostgreSQL sees is COLUMNS(body)).
  std::map<int32_t, std::string> columns_lambdas;

  InsertMarker insert = InsertMarker::kNone;   // INSERT OR REPLACE / OR IGNORE / REPLACE INTO
  bool insert_by_name = false;                 // INSERT INTO t BY NAME ...
  bool create_or_replace_table = false;        // CREATE OR REPLACE TABLE / SEQUENCE
  bool view_if_not_exists = false;             // CREATE VIEW IF NOT EXISTS
  ScopeMarker set_scope = ScopeMarker::kNone;  // SET GLOBAL / SESSION / LOCAL
  int32_t parameter_count = 0;                 // number of `?` placeholders
};

/// Finds the DuckDB spellings in a statement. Fails (Not implemented / Parser Error) on DuckDB
/// syntax FluxDB does not support and that PostgreSQL would silently misread (ASOF JOIN ...).
StatusOr<DialectInfo> AnalyzeDialect(std::string_view text, const std::vector<Token>& tokens);

/// Renders tokens [range.begin, range.end) for PostgreSQL, applying `info.replacement`, after
/// `prefix` (e.g. "SELECT " to parse an expression list). Text between tokens (whitespace and
/// comments) is kept as is.
RewrittenText Render(std::string_view text, const std::vector<Token>& tokens, TokenRange range,
                     const DialectInfo& info, std::string_view prefix);

/// An upper bound on the expression nesting the tokens can produce (parentheses, operator chains,
/// CASE, set operations, joins), computed cheaply before PostgreSQL's recursive code sees them.
struct NestingEstimate {
  int max_depth = 0;
  int64_t first_excess = -1;  // index of the first token beyond the limit, -1 if none
};
NestingEstimate EstimateNesting(const std::vector<Token>& tokens, int limit);

}  // namespace fluxdb::sql
