// FluxDB's own expression AST, produced by the transformer from libpg_query's parse tree.
//
// Nothing of libpg_query is visible past the parser: the binder sees only these nodes. Every node
// records `location`, the byte offset of its first character in the statement text (-1 when
// unknown), so that errors can point at the culprit. ToString() renders SQL in DuckDB's style; the
// binder uses it to name result columns (SELECT a + 1 -> column "(a + 1)").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/value.h"
#include "parser/type_name.h"

namespace fluxdb::ast {

class QueryNode;

enum class ExprKind : uint8_t {
  kConstant,
  kColumnRef,
  kStar,
  kParameter,
  kFunction,  // f(args), aggregates included; operators like + are functions too
  kComparison,
  kConjunction,
  kNot,
  kIsNull,      // IS NULL / IS NOT NULL
  kIsDistinct,  // IS [NOT] DISTINCT FROM
  kBetween,
  kInList,  // x [NOT] IN (a, b, c)
  kLike,    // LIKE / ILIKE / SIMILAR TO / GLOB, with optional ESCAPE
  kCase,
  kCast,
  kSubquery,
  kWindow,
  kCoalesce,
  kNullIf,
  kDefault,  // DEFAULT in INSERT ... VALUES
  kCollate,
  kPositionalRef,  // ORDER BY 2 is kept as a constant; #2 (DuckDB) as this
  kIsBool,         // IS [NOT] TRUE / FALSE / UNKNOWN
};

class ParsedExpression {
 public:
  explicit ParsedExpression(ExprKind kind) : kind(kind) {}
  virtual ~ParsedExpression() = default;

  virtual std::unique_ptr<ParsedExpression> Copy() const = 0;
  virtual std::string ToString() const = 0;

  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  ExprKind kind;
  int32_t location = -1;
  /// `AS name` in a select list (empty when none).
  std::string alias;

 protected:
  /// Copies the fields of this base into `target` (used by every Copy()).
  void CopyBase(ParsedExpression& target) const {
    target.location = location;
    target.alias = alias;
  }
};

using ExprPtr = std::unique_ptr<ParsedExpression>;
using ExprList = std::vector<ExprPtr>;

enum class NullOrder : uint8_t { kDefault, kNullsFirst, kNullsLast };

struct OrderByItem {
  ExprPtr expr;
  bool ascending = true;
  NullOrder nulls = NullOrder::kDefault;
  OrderByItem Copy() const;
  std::string ToString() const;
};

/// A literal. Integer literals are INTEGER when they fit, else BIGINT, else HUGEINT; a literal with
/// a decimal point is DECIMAL(width, scale) like DuckDB (1.5 -> DECIMAL(2,1)) unless it needs more
/// than 38 digits or has an exponent (DOUBLE); 'text' is VARCHAR (the binder may re-type a string
/// literal when compared to a typed column); TRUE/FALSE BOOLEAN; NULL the untyped NULL.
class ConstantExpr : public ParsedExpression {
 public:
  explicit ConstantExpr(Value value)
      : ParsedExpression(ExprKind::kConstant), value(std::move(value)) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  Value value;
};

/// A possibly qualified column name: a, t.a, s.t.a. Names are as written; unquoted identifiers
/// arrive lower-cased from the PostgreSQL grammar.
class ColumnRefExpr : public ParsedExpression {
 public:
  explicit ColumnRefExpr(std::vector<std::string> names)
      : ParsedExpression(ExprKind::kColumnRef), names(std::move(names)) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  const std::string& column_name() const { return names.back(); }
  /// The qualifier (table or alias), empty when unqualified.
  std::string table_name() const { return names.size() >= 2 ? names[names.size() - 2] : ""; }
  std::vector<std::string> names;
};

/// `*` or `t.*`, with DuckDB's EXCLUDE (a, t.b), REPLACE (expr AS a) and RENAME (a AS b) lists,
/// and DuckDB's COLUMNS(...): COLUMNS(*), COLUMNS('regex'), COLUMNS(x -> condition on x), and
/// `* LIKE 'p'` (held as COLUMNS(x -> x LIKE 'p')).
class StarExpr : public ParsedExpression {
 public:
  StarExpr() : ParsedExpression(ExprKind::kStar) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  std::string relation;  // empty for a bare *
  std::vector<std::string> exclude;
  std::vector<std::string> exclude_qualifiers;  // per exclude entry: its table, "" if none
  std::vector<std::pair<std::string, ExprPtr>> replace;
  std::vector<std::pair<std::string, std::string>> rename;  // RENAME (old AS new)
  /// Written COLUMNS(...): it may stand inside an expression, which the binder repeats once per
  /// column.
  bool columns = false;
  /// COLUMNS('regex'): only the columns whose name contains a match (a constant expression).
  ExprPtr regex;
  /// COLUMNS(param -> body), * LIKE 'p': only the columns whose name makes `body` true.
  std::string lambda_param;
  ExprPtr lambda_body;
};

/// $1 or ? (numbered from 1 in order of appearance for ?).
class ParameterExpr : public ParsedExpression {
 public:
  explicit ParameterExpr(int32_t index) : ParsedExpression(ExprKind::kParameter), index(index) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  int32_t index;  // 1-based
};

/// A function call, including aggregates and the arithmetic / string operators, which arrive as
/// functions named "+", "-", "*", "/", "//", "%", "^", "||", "~~" etc. with `is_operator` set.
class FunctionExpr : public ParsedExpression {
 public:
  FunctionExpr(std::string name, ExprList args)
      : ParsedExpression(ExprKind::kFunction), name(std::move(name)), args(std::move(args)) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  std::string schema;  // qualifier, rarely used
  std::string name;    // lower-cased
  ExprList args;
  bool distinct = false;              // count(DISTINCT x)
  bool is_operator = false;           // rendered infix by ToString
  bool star = false;                  // count(*)
  ExprPtr filter;                     // agg(x) FILTER (WHERE ...)
  std::vector<OrderByItem> order_by;  // string_agg(x, ',' ORDER BY y)
};

enum class ComparisonOp : uint8_t { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };
const char* ComparisonOpToString(ComparisonOp op);

class ComparisonExpr : public ParsedExpression {
 public:
  ComparisonExpr(ComparisonOp op, ExprPtr left, ExprPtr right)
      : ParsedExpression(ExprKind::kComparison),
        op(op),
        left(std::move(left)),
        right(std::move(right)) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ComparisonOp op;
  ExprPtr left;
  ExprPtr right;
};

/// AND / OR over two or more children (nested ANDs are flattened by the transformer).
class ConjunctionExpr : public ParsedExpression {
 public:
  ConjunctionExpr(bool is_and, ExprList children)
      : ParsedExpression(ExprKind::kConjunction), is_and(is_and), children(std::move(children)) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  bool is_and;
  ExprList children;
};

class NotExpr : public ParsedExpression {
 public:
  explicit NotExpr(ExprPtr child) : ParsedExpression(ExprKind::kNot), child(std::move(child)) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr child;
};

class IsNullExpr : public ParsedExpression {
 public:
  IsNullExpr(ExprPtr child, bool negated)
      : ParsedExpression(ExprKind::kIsNull), child(std::move(child)), negated(negated) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr child;
  bool negated;  // IS NOT NULL
};

/// a IS [NOT] DISTINCT FROM b
class IsDistinctExpr : public ParsedExpression {
 public:
  IsDistinctExpr(ExprPtr left, ExprPtr right, bool negated)
      : ParsedExpression(ExprKind::kIsDistinct),
        left(std::move(left)),
        right(std::move(right)),
        negated(negated) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr left;
  ExprPtr right;
  bool negated;  // IS NOT DISTINCT FROM
};

/// x IS [NOT] TRUE | FALSE | UNKNOWN
class IsBoolExpr : public ParsedExpression {
 public:
  enum class Test : uint8_t { kTrue, kFalse, kUnknown };
  IsBoolExpr(ExprPtr child, Test test, bool negated)
      : ParsedExpression(ExprKind::kIsBool),
        child(std::move(child)),
        test(test),
        negated(negated) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr child;
  Test test;
  bool negated;
};

class BetweenExpr : public ParsedExpression {
 public:
  BetweenExpr(ExprPtr input, ExprPtr lower, ExprPtr upper, bool negated)
      : ParsedExpression(ExprKind::kBetween),
        input(std::move(input)),
        lower(std::move(lower)),
        upper(std::move(upper)),
        negated(negated) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr input;
  ExprPtr lower;
  ExprPtr upper;
  bool negated;
};

class InListExpr : public ParsedExpression {
 public:
  InListExpr(ExprPtr input, ExprList list, bool negated)
      : ParsedExpression(ExprKind::kInList),
        input(std::move(input)),
        list(std::move(list)),
        negated(negated) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr input;
  ExprList list;
  bool negated;
};

class LikeExpr : public ParsedExpression {
 public:
  enum class Kind : uint8_t { kLike, kILike, kSimilar, kGlob };
  LikeExpr(Kind like_kind, ExprPtr input, ExprPtr pattern, bool negated)
      : ParsedExpression(ExprKind::kLike),
        like_kind(like_kind),
        input(std::move(input)),
        pattern(std::move(pattern)),
        negated(negated) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  Kind like_kind;
  ExprPtr input;
  ExprPtr pattern;
  ExprPtr escape;  // may be null
  bool negated;
};

struct CaseCheck {
  ExprPtr when;
  ExprPtr then;
};

/// CASE [operand] WHEN .. THEN .. [ELSE ..] END. With an operand, each `when` is the value to
/// compare against (the transformer does not rewrite it into a comparison).
class CaseExpr : public ParsedExpression {
 public:
  CaseExpr() : ParsedExpression(ExprKind::kCase) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr operand;  // may be null
  std::vector<CaseCheck> checks;
  ExprPtr else_expr;  // may be null
};

/// CAST(x AS t), x::t, TRY_CAST(x AS t), and typed literals such as DATE '1992-01-01'.
class CastExpr : public ParsedExpression {
 public:
  CastExpr(ExprPtr child, TypeName type, bool try_cast = false)
      : ParsedExpression(ExprKind::kCast),
        child(std::move(child)),
        type(std::move(type)),
        try_cast(try_cast) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr child;
  TypeName type;
  bool try_cast;
};

enum class SubqueryKind : uint8_t {
  kScalar,  // (SELECT ...)
  kExists,  // EXISTS (SELECT ...)
  kAny,     // x op ANY (SELECT ...), x IN (SELECT ...) is kAny with kEqual
  kAll,     // x op ALL (SELECT ...), x NOT IN (SELECT ...) is NOT(kAny) by the transformer
};

class SubqueryExpr : public ParsedExpression {
 public:
  SubqueryExpr(SubqueryKind subquery_kind, std::unique_ptr<QueryNode> query);
  ~SubqueryExpr() override;
  ExprPtr Copy() const override;
  std::string ToString() const override;
  SubqueryKind subquery_kind;
  std::unique_ptr<QueryNode> query;
  ExprPtr left;  // kAny / kAll: the left operand
  ComparisonOp comparison = ComparisonOp::kEqual;
};

enum class FrameUnit : uint8_t { kRows, kRange, kGroups };
enum class FrameBoundKind : uint8_t {
  kUnboundedPreceding,
  kPreceding,  // offset PRECEDING
  kCurrentRow,
  kFollowing,  // offset FOLLOWING
  kUnboundedFollowing,
};
struct FrameBound {
  FrameBoundKind kind;
  ExprPtr offset;  // kPreceding / kFollowing only
};
/// The window frame; `present` false means the default (RANGE UNBOUNDED PRECEDING to CURRENT ROW
/// with ORDER BY, the whole partition without).
struct WindowFrame {
  bool present = false;
  FrameUnit unit = FrameUnit::kRange;
  FrameBound start{FrameBoundKind::kUnboundedPreceding, nullptr};
  FrameBound end{FrameBoundKind::kCurrentRow, nullptr};
  WindowFrame Copy() const;
};

/// f(args) OVER (PARTITION BY .. ORDER BY .. frame). Named windows (WINDOW w AS (...)) are resolved
/// by the transformer.
class WindowExpr : public ParsedExpression {
 public:
  WindowExpr(std::string name, ExprList args);
  ~WindowExpr() override;
  ExprPtr Copy() const override;
  std::string ToString() const override;
  std::string name;  // lower-cased function name
  ExprList args;
  bool distinct = false;
  bool star = false;  // count(*) OVER ()
  bool ignore_nulls = false;
  ExprPtr filter;
  ExprList partition_by;
  std::vector<OrderByItem> order_by;
  WindowFrame frame;
};

/// COALESCE(a, b, ...)
class CoalesceExpr : public ParsedExpression {
 public:
  explicit CoalesceExpr(ExprList args)
      : ParsedExpression(ExprKind::kCoalesce), args(std::move(args)) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprList args;
};

class NullIfExpr : public ParsedExpression {
 public:
  NullIfExpr(ExprPtr left, ExprPtr right)
      : ParsedExpression(ExprKind::kNullIf), left(std::move(left)), right(std::move(right)) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr left;
  ExprPtr right;
};

class DefaultExpr : public ParsedExpression {
 public:
  DefaultExpr() : ParsedExpression(ExprKind::kDefault) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
};

class CollateExpr : public ParsedExpression {
 public:
  CollateExpr(ExprPtr child, std::string collation)
      : ParsedExpression(ExprKind::kCollate),
        child(std::move(child)),
        collation(std::move(collation)) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  ExprPtr child;
  std::string collation;
};

/// DuckDB's #n positional column reference.
class PositionalRefExpr : public ParsedExpression {
 public:
  explicit PositionalRefExpr(int64_t index)
      : ParsedExpression(ExprKind::kPositionalRef), index(index) {}
  ExprPtr Copy() const override;
  std::string ToString() const override;
  int64_t index;  // 1-based
};

ExprList CopyList(const ExprList& list);

}  // namespace fluxdb::ast
