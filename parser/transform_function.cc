// Function calls: aggregates (DISTINCT, FILTER, ORDER BY, WITHIN GROUP), window functions with
// their frames and named windows, and PostgreSQL's SQL-syntax functions (EXTRACT, TRIM ...).
#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

// PostgreSQL's frameOptions bits (nodes/parsenodes.h).
constexpr int32_t kFrameNonDefault = 0x00001;
constexpr int32_t kFrameRange = 0x00002;
constexpr int32_t kFrameRows = 0x00004;
constexpr int32_t kFrameGroups = 0x00008;
constexpr int32_t kFrameStartUnboundedPreceding = 0x00020;
constexpr int32_t kFrameEndUnboundedPreceding = 0x00040;
constexpr int32_t kFrameStartUnboundedFollowing = 0x00080;
constexpr int32_t kFrameEndUnboundedFollowing = 0x00100;
constexpr int32_t kFrameStartCurrentRow = 0x00200;
constexpr int32_t kFrameEndCurrentRow = 0x00400;
constexpr int32_t kFrameStartOffsetPreceding = 0x00800;
constexpr int32_t kFrameEndOffsetPreceding = 0x01000;
constexpr int32_t kFrameStartOffsetFollowing = 0x02000;
constexpr int32_t kFrameEndOffsetFollowing = 0x04000;
constexpr int32_t kFrameExclusion = 0x08000 | 0x10000 | 0x20000;

/// A window specification after resolving references to named windows.
struct WindowSpec {
  pg::Repeated<pg::Node> partition{0, nullptr};
  pg::Repeated<pg::Node> order{0, nullptr};
  int32_t frame_options = 0;
  const pg::Node* start_offset = nullptr;
  const pg::Node* end_offset = nullptr;
};

WindowSpec OwnSpec(const PgQuery__WindowDef* def) {
  WindowSpec spec;
  spec.partition = PG_LIST(def, partition_clause);
  spec.order = PG_LIST(def, order_clause);
  spec.frame_options = def->frame_options;
  spec.start_offset = def->start_offset;
  spec.end_offset = def->end_offset;
  return spec;
}

std::string LowerCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

namespace {

/// Resolves `WINDOW w2 AS (w1 ORDER BY x)` chains and `OVER (w PARTITION ...)` per SQL's rules:
/// a window may add ORDER BY and a frame to the one it names, but not replace them.
StatusOr<WindowSpec> ResolveWindow(const PgQuery__WindowDef* def,
                                   const std::map<std::string, const PgQuery__WindowDef*>* named,
                                   int hops) {
  if (hops > 100) return ParserError("window definitions refer to each other in a cycle");
  if (def->refname == nullptr || def->refname[0] == '\0') return OwnSpec(def);
  if (named == nullptr || !named->count(def->refname)) {
    return ParserError("window \"", def->refname, "\" does not exist");
  }
  auto it = named->find(def->refname);
  FLUX_ASSIGN_OR_RETURN(WindowSpec base, ResolveWindow(it->second, named, hops + 1));
  if (def->n_partition_clause > 0) {
    return ParserError("cannot override PARTITION BY clause of window \"", def->refname, "\"");
  }
  if (def->n_order_clause > 0 && !base.order.empty()) {
    return ParserError("cannot override ORDER BY clause of window \"", def->refname, "\"");
  }
  if (base.frame_options & kFrameNonDefault) {
    return ParserError("cannot copy window \"", def->refname, "\" because it has a frame clause");
  }
  WindowSpec spec = base;
  if (def->n_order_clause > 0) spec.order = PG_LIST(def, order_clause);
  spec.frame_options = def->frame_options;
  spec.start_offset = def->start_offset;
  spec.end_offset = def->end_offset;
  return spec;
}

}  // namespace

Status Transformer::TransformWindowSpec(const PgQuery__WindowDef* def, WindowExpr& window) {
  WindowSpec spec;
  if (def->name != nullptr && def->name[0] != '\0') {
    // OVER w
    if (named_windows == nullptr || !named_windows->count(def->name)) {
      return ErrorAt(ParserError("window \"", def->name, "\" does not exist"), def->location);
    }
    auto it = named_windows->find(def->name);
    auto resolved = ResolveWindow(it->second, named_windows, 0);
    if (!resolved.ok()) return ErrorAt(resolved.status(), def->location);
    spec = *resolved;
  } else {
    auto resolved = ResolveWindow(def, named_windows, 0);
    if (!resolved.ok()) return ErrorAt(resolved.status(), def->location);
    spec = *resolved;
  }
  FLUX_ASSIGN_OR_RETURN(window.partition_by, TransformExprList(spec.partition));
  FLUX_RETURN_IF_ERROR(TransformOrderBy(spec.order, window.order_by));

  int32_t options = spec.frame_options;
  if (!(options & kFrameNonDefault)) return Status();
  if (options & kFrameExclusion) {
    return ErrorAt(NotImplementedError("EXCLUDE in window frames is not supported"), def->location);
  }
  WindowFrame& frame = window.frame;
  frame.present = true;
  frame.unit = (options & kFrameRows)     ? FrameUnit::kRows
               : (options & kFrameGroups) ? FrameUnit::kGroups
                                          : FrameUnit::kRange;
  (void)kFrameRange;
  if (options & kFrameStartUnboundedPreceding) {
    frame.start.kind = FrameBoundKind::kUnboundedPreceding;
  } else if (options & kFrameStartCurrentRow) {
    frame.start.kind = FrameBoundKind::kCurrentRow;
  } else if (options & kFrameStartOffsetPreceding) {
    frame.start.kind = FrameBoundKind::kPreceding;
    FLUX_ASSIGN_OR_RETURN(frame.start.offset, TransformExpr(spec.start_offset));
  } else if (options & kFrameStartOffsetFollowing) {
    frame.start.kind = FrameBoundKind::kFollowing;
    FLUX_ASSIGN_OR_RETURN(frame.start.offset, TransformExpr(spec.start_offset));
  } else if (options & kFrameStartUnboundedFollowing) {
    return ErrorAt(ParserError("frame start cannot be UNBOUNDED FOLLOWING"), def->location);
  }
  if (options & kFrameEndUnboundedFollowing) {
    frame.end.kind = FrameBoundKind::kUnboundedFollowing;
  } else if (options & kFrameEndCurrentRow) {
    frame.end.kind = FrameBoundKind::kCurrentRow;
  } else if (options & kFrameEndOffsetPreceding) {
    frame.end.kind = FrameBoundKind::kPreceding;
    FLUX_ASSIGN_OR_RETURN(frame.end.offset, TransformExpr(spec.end_offset));
  } else if (options & kFrameEndOffsetFollowing) {
    frame.end.kind = FrameBoundKind::kFollowing;
    FLUX_ASSIGN_OR_RETURN(frame.end.offset, TransformExpr(spec.end_offset));
  } else if (options & kFrameEndUnboundedPreceding) {
    return ErrorAt(ParserError("frame end cannot be UNBOUNDED PRECEDING"), def->location);
  }
  return Status();
}

StatusOr<ExprPtr> Transformer::TransformFuncCall(const PgQuery__FuncCall* call) {
  int32_t location = Loc(call->location);
  std::vector<std::string> names;
  for (const pg::Node* name : PG_LIST(call, funcname)) names.push_back(pg::StrVal(name));
  if (names.empty()) return ErrorAt(ParserError("function without a name"), call->location);
  std::string name = LowerCase(names.back());
  std::string schema = names.size() >= 2 ? LowerCase(names[names.size() - 2]) : "";
  if (names.size() > 2) {
    return ErrorAt(ParserError("function name has too many qualifiers"), call->location);
  }
  if (schema == "pg_catalog") {
    // PostgreSQL's SQL-syntax functions: EXTRACT(f FROM x), TRIM(BOTH ...), POSITION(a IN b) ...
    schema.clear();
    if (name == "extract") name = "date_part";
    if (name == "btrim") name = "trim";
  }
  if (name == "now" && schema.empty() && call->n_args == 0 && call->over == nullptr) {
    name = "current_timestamp";  // now() is CURRENT_TIMESTAMP
  }
  if (call->func_variadic) {
    return ErrorAt(NotImplementedError("VARIADIC arguments are not supported"), call->location);
  }
  FLUX_ASSIGN_OR_RETURN(ExprList args, TransformExprList(PG_LIST(call, args)));
  if (name == "columns" && schema.empty() && call->over == nullptr) {
    return TransformColumnsCall(call, std::move(args));
  }
  std::vector<OrderByItem> order_by;
  FLUX_RETURN_IF_ERROR(TransformOrderBy(PG_LIST(call, agg_order), order_by));
  FLUX_ASSIGN_OR_RETURN(ExprPtr filter, TransformExprOrNull(call->agg_filter));

  if (call->agg_within_group) {
    // Ordered-set aggregates become DuckDB's: percentile_cont(f) WITHIN GROUP (ORDER BY x) is
    // quantile_cont(x, f); the ORDER BY is kept for its direction.
    if (order_by.size() != 1) {
      return ErrorAt(ParserError("Cannot use multiple ORDER BY clauses with WITHIN GROUP"),
                     call->location);
    }
    if (name == "percentile_cont" || name == "percentile_disc") {
      if (args.size() != 1) {
        return ErrorAt(
            ParserError("Wrong number of arguments for ",
                        name == "percentile_cont" ? "PERCENTILE_CONT" : "PERCENTILE_DISC"),
            call->location);
      }
      name = name == "percentile_cont" ? "quantile_cont" : "quantile_disc";
    } else if (name == "mode") {
      if (!args.empty()) {
        return ErrorAt(ParserError("Wrong number of arguments for MODE"), call->location);
      }
    } else {
      return ErrorAt(ParserError("Unknown ordered aggregate \"", names.back(), "\"."),
                     call->location);
    }
    args.insert(args.begin(), order_by[0].expr->Copy());
  }

  if (call->over != nullptr) {
    auto window = std::make_unique<WindowExpr>(name, std::move(args));
    window->location = location;
    window->distinct = call->agg_distinct;
    window->star = call->agg_star;
    window->filter = std::move(filter);
    window->ignore_nulls = dialect().ignore_nulls.count(location) > 0;
    if (!order_by.empty()) {
      return ErrorAt(NotImplementedError("ORDER BY inside the arguments of a window function is "
                                         "not supported"),
                     call->location);
    }
    if (!schema.empty()) {
      return ErrorAt(NotImplementedError("schema-qualified window functions are not supported"),
                     call->location);
    }
    FLUX_RETURN_IF_ERROR(TransformWindowSpec(call->over, *window));
    return ExprPtr(std::move(window));
  }
  if (dialect().ignore_nulls.count(location)) {
    return ErrorAt(ParserError("IGNORE NULLS is only allowed for window functions"),
                   call->location);
  }
  auto function = std::make_unique<FunctionExpr>(name, std::move(args));
  function->location = location;
  function->schema = schema;
  function->distinct = call->agg_distinct;
  function->star = call->agg_star;
  function->filter = std::move(filter);
  function->order_by = std::move(order_by);
  return ExprPtr(std::move(function));
}

StatusOr<ExprPtr> Transformer::TransformColumnsCall(const PgQuery__FuncCall* call, ExprList args) {
  int32_t location = Loc(call->location);
  auto lambda = dialect().columns_lambdas.find(location);
  std::unique_ptr<StarExpr> star;
  if (call->agg_star && args.empty()) {
    // COLUMNS(* EXCLUDE ...): the modifiers are keyed by the star, two tokens on.
    star = std::make_unique<StarExpr>();
    size_t token = TokenAt(location) + 2;
    if (token < source_.tokens.size()) {
      FLUX_ASSIGN_OR_RETURN(star, TransformStar("", source_.tokens[token].start));
    }
  } else if (args.size() == 1 && args[0]->kind == ExprKind::kStar) {
    star.reset(&args[0].release()->As<StarExpr>());
  } else if (args.size() == 1 && !call->agg_star && !call->agg_distinct) {
    star = std::make_unique<StarExpr>();
    if (lambda != dialect().columns_lambdas.end()) {
      star->lambda_param = lambda->second;
      star->lambda_body = std::move(args[0]);
    } else {
      star->regex = std::move(args[0]);
    }
  } else {
    return ErrorAt(ParserError("COLUMNS takes one argument: *, a regex or a lambda"),
                   call->location);
  }
  star->columns = true;
  star->location = location;
  return ExprPtr(std::move(star));
}

}  // namespace fluxdb::ast
