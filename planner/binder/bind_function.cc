// Binding of function calls: scalar functions (overload resolution with implicit casts),
// aggregates and window functions.
#include "absl/strings/str_join.h"
#include "catalog/name_suggestion.h"
#include "execution/aggregate/ordered_aggregate.h"
#include "execution/cast/cast_rules.h"
#include "execution/expression/window_spec.h"
#include "execution/function/function_registry.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"

namespace fluxdb {

namespace {

bool IsWindowOnlyName(std::string_view name) {
  static const char* kNames[] = {"row_number", "rank",       "dense_rank", "percent_rank",
                                 "cume_dist",  "ntile",      "lag",        "lead",
                                 "first_value", "last_value", "nth_value"};
  for (const char* n : kNames) {
    if (name == n) return true;
  }
  return false;
}

std::string Signature(const std::string& name, const std::vector<LogicalType>& types) {
  std::vector<std::string> parts;
  for (const auto& t : types) parts.push_back(t.ToString());
  return Concat(name, "(", absl::StrJoin(parts, ", "), ")");
}

std::string ArgumentTypeName(const LogicalType& type) {
  if (type.id() == TypeId::kInvalid) return "ANY";
  if (type.id() == TypeId::kDecimal && type.width() == 0) return "DECIMAL";
  return type.ToString();
}

// Cost of calling a function taking `params` (+ varargs) with `args`, or -1.
template <typename Function>
int64_t CallCost(const Function& f, const BoundExprList& args, bool has_varargs,
                 LogicalType varargs) {
  if (args.size() < f.arguments.size()) return -1;
  if (args.size() > f.arguments.size() && !has_varargs) return -1;
  int64_t total = 0;
  for (idx_t i = 0; i < args.size(); i++) {
    const LogicalType& param = i < f.arguments.size() ? f.arguments[i] : varargs;
    int cost = ImplicitCastCost(args[i]->type, param, ExpressionBinder::IsLiteral(*args[i]));
    if (cost < 0) return -1;
    total += cost;
  }
  return total;
}

// Whether `a` and `b` take a non-NULL argument of the call as different types: a tie that the
// call's real values would have to break.
template <typename Function>
bool DifferAtTypedArgument(const Function& a, const Function& b, const BoundExprList& args) {
  for (idx_t i = 0; i < args.size(); i++) {
    if (args[i]->type.id() == TypeId::kNull) continue;
    const LogicalType& pa = i < a.arguments.size() ? a.arguments[i] : a.varargs;
    const LogicalType& pb = i < b.arguments.size() ? b.arguments[i] : b.varargs;
    if (pa != pb) return true;
  }
  return false;
}

// DuckDB's error for a call that several overloads fit equally well; string literals are named
// as DuckDB names them, since their type is what is undecided.
template <typename Function>
Status AmbiguousCallError(const std::string& name, const std::vector<const Function*>& candidates,
                          const BoundExprList& args) {
  std::vector<std::string> types;
  for (const auto& a : args) {
    bool string_literal = a->type.id() == TypeId::kVarchar && ExpressionBinder::IsLiteral(*a);
    types.push_back(string_literal ? "STRING_LITERAL" : ArgumentTypeName(a->type));
  }
  std::string listed;
  for (const Function* f : candidates) {
    std::vector<std::string> params;
    for (const auto& p : f->arguments) params.push_back(ArgumentTypeName(p));
    absl::StrAppend(&listed, "\n\t", name, "(", absl::StrJoin(params, ", "), ") -> ",
                    ArgumentTypeName(f->return_type));
  }
  return BinderError("Could not choose a best candidate function for the function call \"", name,
                     "(", absl::StrJoin(types, ", "),
                     ")\". In order to select one, please add explicit type casts.",
                     "\n\tCandidate functions:", listed);
}

template <typename Function>
StatusOr<const Function*> ChooseOverload(const std::string& name,
                                         const std::vector<Function>& overloads,
                                         const BoundExprList& args, bool aggregate) {
  const Function* best = nullptr;
  int64_t best_cost = -1;
  std::vector<const Function*> tied;  // later overloads exactly as cheap as `best`
  for (const auto& f : overloads) {
    bool has_varargs = false;
    LogicalType varargs = LogicalType::Invalid();
    if constexpr (std::is_same_v<Function, ScalarFunction>) {
      has_varargs = f.has_varargs;
      varargs = f.varargs;
    }
    int64_t cost = CallCost(f, args, has_varargs, varargs);
    if (cost < 0) continue;
    if (best == nullptr || cost < best_cost) {
      best = &f;
      best_cost = cost;
      tied.clear();
    } else if (cost == best_cost) {
      tied.push_back(&f);
    }
  }
  if (best != nullptr) {
    if constexpr (std::is_same_v<Function, ScalarFunction>) {
      if (best->ambiguous_if_tied) {
        std::vector<const Function*> candidates;
        for (const Function* f : tied) {
          if (f->ambiguous_if_tied && DifferAtTypedArgument(*best, *f, args)) {
            candidates.push_back(f);
          }
        }
        if (!candidates.empty()) {
          // DuckDB lists the rivals before the overload it would otherwise have taken.
          candidates.push_back(best);
          return AmbiguousCallError(name, candidates, args);
        }
      }
    }
    return best;
  }
  std::vector<LogicalType> types;
  for (const auto& a : args) types.push_back(a->type);
  std::string candidates;
  for (const auto& f : overloads) {
    std::vector<std::string> params;
    for (const auto& p : f.arguments) params.push_back(ArgumentTypeName(p));
    if constexpr (std::is_same_v<Function, ScalarFunction>) {
      if (f.has_varargs) params.push_back(ArgumentTypeName(f.varargs) + "...");
    }
    absl::StrAppend(&candidates, "\n\t", name, "(", absl::StrJoin(params, ", "), ") -> ",
                    ArgumentTypeName(f.return_type));
  }
  return BinderError("No function matches the given name and argument types '",
                     Signature(name, types), "'. You might need to add explicit type casts.",
                     "\n\tCandidate functions:", candidates);
}

void CastArguments(BoundExprList& args, const std::vector<LogicalType>& params,
                   LogicalType varargs) {
  for (idx_t i = 0; i < args.size(); i++) {
    const LogicalType& param = i < params.size() ? params[i] : varargs;
    if (param.id() == TypeId::kInvalid) {
      // "any": a bare NULL still needs a concrete type to be stored in a vector.
      continue;
    }
    args[i] = ExpressionBinder::AddCast(std::move(args[i]), param);
  }
}

}  // namespace

StatusOr<BoundExprPtr> ExpressionBinder::BindScalarFunction(const std::string& name,
                                                            BoundExprList args, bool is_operator) {
  std::string resolved = name;
  if (name == "||") {
    for (auto& arg : args) {
      if (arg->type.id() != TypeId::kVarchar) arg = AddCast(std::move(arg), LogicalType::Varchar());
    }
  }
  if (name == "/" && binder_.state().settings.integer_division && args.size() == 2 &&
      (args[0]->type.IsIntegral() || args[0]->type.id() == TypeId::kNull) &&
      (args[1]->type.IsIntegral() || args[1]->type.id() == TypeId::kNull)) {
    resolved = "//";
  }
  const auto& registry = FunctionRegistry::Get();
  const auto* overloads = registry.LookupScalar(resolved);
  if (overloads == nullptr) {
    if (registry.LookupAggregate(resolved) != nullptr) {
      return BinderError("aggregate function ", name, " is not allowed here");
    }
    std::string message = Concat("Scalar Function with name ", name, " does not exist!");
    std::string suggestion = ClosestName(name, registry.AllNames());
    if (!suggestion.empty()) message = Concat(message, "\nDid you mean \"", suggestion, "\"?");
    return CatalogError(message);
  }
  FLUX_ASSIGN_OR_RETURN(const ScalarFunction* function,
                        ChooseOverload(name, *overloads, args, false));
  CastArguments(args, function->arguments, function->varargs);
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kFunction, function->return_type);
  expr->function = function;
  expr->function_name = name;
  expr->children = std::move(args);
  if (function->bind != nullptr) FLUX_RETURN_IF_ERROR(function->bind(*expr));
  if (expr->type.id() == TypeId::kInvalid) {
    return InternalError("function ", name, " did not resolve its return type");
  }
  (void)is_operator;
  return expr;
}

StatusOr<BoundExprPtr> ExpressionBinder::BindChildInAggregate(const ast::ParsedExpression& expr) {
  bool saved = inside_aggregate_;
  inside_aggregate_ = true;
  auto result = Bind(expr);
  inside_aggregate_ = saved;
  return result;
}

StatusOr<BoundExprPtr> ExpressionBinder::BindFunction(const ast::FunctionExpr& call) {
  const auto& registry = FunctionRegistry::Get();
  bool is_aggregate = registry.LookupAggregate(call.name) != nullptr &&
                      registry.LookupScalar(call.name) == nullptr;
  if (is_aggregate) return BindAggregate(call);
  if (IsWindowOnlyName(call.name)) {
    return BinderError("Window function ", call.name, " requires an OVER clause");
  }
  if (call.distinct || call.filter) {
    return BinderError("DISTINCT or FILTER specified, but ", call.name,
                       " is not an aggregate function");
  }
  // try(x) re-evaluates x row by row after a failure; an aggregate inside it is computed by
  // another operator and cannot be redone per row, so DuckDB refuses it.
  bool is_try = call.name == "try";
  if (is_try && call.args.size() != 1) {
    return ParserError("Wrong number of arguments provided to TRY expression");
  }
  BoundExprList args;
  for (const auto& arg : call.args) {
    bool saved_try = inside_try_;
    inside_try_ = saved_try || is_try;
    auto bound_or = Bind(*arg);
    inside_try_ = saved_try;
    FLUX_ASSIGN_OR_RETURN(auto bound, std::move(bound_or));
    if (call.name == "struct_pack") {
      // A struct's field names: the argument's name (k := v) or the column's name, as DuckDB.
      bound->alias = !arg->alias.empty() ? arg->alias
                     : arg->kind == ast::ExprKind::kColumnRef
                         ? arg->As<ast::ColumnRefExpr>().column_name()
                         : arg->ToString();
    }
    args.push_back(std::move(bound));
  }
  return BindScalarFunction(call.name, std::move(args), call.is_operator);
}

StatusOr<BoundExprPtr> ExpressionBinder::BindAggregate(const ast::FunctionExpr& call) {
  if (aggregates == nullptr) {
    switch (clause_) {
      case ExpressionClause::kWhere:
        return BinderError("WHERE clause cannot contain aggregates!");
      case ExpressionClause::kGroupBy:
        return BinderError("GROUP BY clause cannot contain aggregates!");
      case ExpressionClause::kJoinCondition:
        return BinderError("JOIN clause cannot contain aggregates!");
      case ExpressionClause::kLimit:
        return BinderError("Aggregate functions are not supported here");
      default:
        return BinderError("aggregate function calls are not allowed here");
    }
  }
  if (inside_aggregate_) {
    return BinderError("aggregate function calls cannot be nested");
  }
  if (inside_try_) return BinderError("aggregates are not allowed inside the TRY expression");
  BoundExprList args;
  for (const auto& arg : call.args) {
    FLUX_ASSIGN_OR_RETURN(auto bound, BindChildInAggregate(*arg));
    args.push_back(std::move(bound));
  }
  std::string name = call.name;
  if (name == "count" && (call.star || args.empty())) name = "count_star";
  const auto* overloads = FunctionRegistry::Get().LookupAggregate(name);
  if (overloads == nullptr) return CatalogError("Aggregate Function with name ", name, " does not exist!");
  FLUX_ASSIGN_OR_RETURN(const AggregateFunction* function,
                        ChooseOverload(name, *overloads, args, true));
  CastArguments(args, function->arguments, LogicalType::Invalid());
  // An untyped NULL argument still needs a storable type.
  for (auto& arg : args) {
    if (arg->type.id() == TypeId::kNull) arg = AddCast(std::move(arg), LogicalType::Integer());
  }
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kAggregate, function->return_type);
  expr->aggregate = function;
  expr->function_name = call.name == "count" && name == "count_star" ? "count_star" : call.name;
  expr->distinct = call.distinct;
  expr->children = std::move(args);
  if (call.filter) {
    bool saved = inside_aggregate_;
    inside_aggregate_ = true;
    auto filter = BindCondition(*call.filter);
    inside_aggregate_ = saved;
    if (!filter.ok()) return filter.status();
    expr->filter = std::move(filter).value();
  }
  // ORDER BY inside an order-insensitive aggregate changes nothing: it is dropped. A constant
  // orders nothing either.
  std::vector<BoundOrderBy> orders;
  for (const auto& order : call.order_by) {
    if (order.expr->kind == ast::ExprKind::kConstant) {
      const Value& value = order.expr->As<ast::ConstantExpr>().value;
      if (value.is_null() || !value.type().IsIntegral()) {
        FLUX_RETURN_IF_ERROR(binder_.CheckNonIntegerLiteral("ORDER BY"));
      }
      continue;
    }
    FLUX_ASSIGN_OR_RETURN(auto key, BindChildInAggregate(*order.expr));
    if (call.distinct) {
      // The key must be an argument or a non-volatile function of the arguments only (DuckDB's
      // functional dependency: ORDER BY list_position(l, x) in string_agg(DISTINCT x ...)).
      std::function<bool(const BoundExpression&)> dependent = [&](const BoundExpression& e) {
        for (const auto& arg : expr->children) {
          if (arg->Equals(e)) return true;
        }
        if (e.kind == BoundExprKind::kConstant) return true;
        if (e.kind != BoundExprKind::kFunction && e.kind != BoundExprKind::kCast &&
            e.kind != BoundExprKind::kComparison) {
          return false;
        }
        if (e.kind == BoundExprKind::kFunction && e.function->is_volatile) return false;
        for (const auto& child : e.children) {
          if (!dependent(*child)) return false;
        }
        return true;
      };
      bool is_argument = dependent(*key);
      if (!is_argument) {
        return BinderError(
            "In a DISTINCT aggregate, ORDER BY expressions must appear in the argument list");
      }
    }
    bool nulls_first = order.nulls == ast::NullOrder::kDefault
                           ? binder_.DefaultNullsFirst(order.ascending)
                           : order.nulls == ast::NullOrder::kNullsFirst;
    orders.push_back(BoundOrderBy{std::move(key), order.ascending, nulls_first});
  }
  if (function->bind != nullptr) FLUX_RETURN_IF_ERROR(function->bind(*expr));
  if (expr->distinct && (name == "min" || name == "max")) expr->distinct = false;
  if (!orders.empty() && expr->aggregate->order_dependent) {
    expr = MakeOrderedAggregate(std::move(expr), std::move(orders));
  }
  return aggregates->Add(std::move(expr));
}

StatusOr<BoundExprPtr> ExpressionBinder::BindWindow(const ast::WindowExpr& call) {
  if (windows == nullptr) {
    switch (clause_) {
      case ExpressionClause::kWhere:
        return BinderError("WHERE clause cannot contain window functions!");
      case ExpressionClause::kGroupBy:
        return BinderError("GROUP BY clause cannot contain window functions!");
      case ExpressionClause::kLimit:
        return NotImplementedError(
            "Unimplemented expression class in ExpressionBinder::BindExpression: WINDOW");
      default:
        return BinderError("window functions are not allowed here");
    }
  }
  if (inside_window_) return BinderError("window function calls cannot be nested");
  if (inside_aggregate_) return BinderError("aggregate function calls cannot contain window function calls");
  inside_window_ = true;
  auto restore = [&] { inside_window_ = false; };
  BoundExprList args;
  for (const auto& arg : call.args) {
    auto bound = Bind(*arg);
    if (!bound.ok()) {
      restore();
      return bound.status();
    }
    args.push_back(std::move(bound).value());
  }
  auto spec = std::make_shared<WindowFrameSpec>();
  for (const auto& partition : call.partition_by) {
    auto bound = Bind(*partition);
    if (!bound.ok()) {
      restore();
      return bound.status();
    }
    spec->partitions.push_back(std::move(bound).value());
  }
  for (const auto& order : call.order_by) {
    auto bound = Bind(*order.expr);
    if (!bound.ok()) {
      restore();
      return bound.status();
    }
    bool nulls_first = order.nulls == ast::NullOrder::kDefault
                           ? binder_.DefaultNullsFirst(order.ascending)
                           : order.nulls == ast::NullOrder::kNullsFirst;
    spec->orders.push_back(BoundOrderBy{std::move(bound).value(), order.ascending, nulls_first});
  }
  spec->ignore_nulls = call.ignore_nulls;
  if (call.frame.present) {
    spec->default_frame = false;
    spec->unit = call.frame.unit == ast::FrameUnit::kRows    ? FrameUnitKind::kRows
                 : call.frame.unit == ast::FrameUnit::kRange ? FrameUnitKind::kRange
                                                             : FrameUnitKind::kGroups;
    auto convert = [&](const ast::FrameBound& bound, FrameBoundType* type,
                       BoundExprPtr* offset) -> Status {
      switch (bound.kind) {
        case ast::FrameBoundKind::kUnboundedPreceding:
          *type = FrameBoundType::kUnboundedPreceding;
          break;
        case ast::FrameBoundKind::kPreceding:
          *type = FrameBoundType::kOffsetPreceding;
          break;
        case ast::FrameBoundKind::kCurrentRow:
          *type = FrameBoundType::kCurrentRow;
          break;
        case ast::FrameBoundKind::kFollowing:
          *type = FrameBoundType::kOffsetFollowing;
          break;
        case ast::FrameBoundKind::kUnboundedFollowing:
          *type = FrameBoundType::kUnboundedFollowing;
          break;
      }
      if (bound.offset) {
        FLUX_ASSIGN_OR_RETURN(*offset, Bind(*bound.offset));
      }
      return Status();
    };
    Status s = convert(call.frame.start, &spec->start, &spec->start_offset);
    if (s.ok()) s = convert(call.frame.end, &spec->end, &spec->end_offset);
    if (!s.ok()) {
      restore();
      return s;
    }
  } else {
    spec->default_frame = true;
    spec->unit = FrameUnitKind::kRange;
    spec->start = FrameBoundType::kUnboundedPreceding;
    spec->end = spec->orders.empty() ? FrameBoundType::kUnboundedFollowing
                                     : FrameBoundType::kCurrentRow;
  }
  restore();

  LogicalType type;
  const AggregateFunction* aggregate = nullptr;
  const std::string& name = call.name;
  if (name == "row_number" || name == "rank" || name == "dense_rank" || name == "ntile") {
    type = LogicalType::BigInt();
    if (name == "ntile") {
      if (args.size() != 1) return BinderError("ntile requires one argument");
      args[0] = AddCast(std::move(args[0]), LogicalType::BigInt());
    }
  } else if (name == "percent_rank" || name == "cume_dist") {
    type = LogicalType::Double();
  } else if (name == "lag" || name == "lead" || name == "first_value" || name == "last_value" ||
             name == "nth_value") {
    if (args.empty()) return BinderError(name, " requires at least one argument");
    type = args[0]->type;
    if (type.id() == TypeId::kNull) {
      type = LogicalType::Integer();
      args[0] = AddCast(std::move(args[0]), type);
    }
    if (args.size() > 1) args[1] = AddCast(std::move(args[1]), LogicalType::BigInt());
    if ((name == "lag" || name == "lead") && args.size() > 2) {
      args[2] = AddCast(std::move(args[2]), type);
    }
  } else {
    std::string aggregate_name = name;
    if (name == "count" && (call.star || args.empty())) aggregate_name = "count_star";
    const auto* overloads = FunctionRegistry::Get().LookupAggregate(aggregate_name);
    if (overloads == nullptr) {
      return CatalogError("Window Function with name ", name, " does not exist!");
    }
    FLUX_ASSIGN_OR_RETURN(aggregate, ChooseOverload(aggregate_name, *overloads, args, true));
    CastArguments(args, aggregate->arguments, LogicalType::Invalid());
    for (auto& arg : args) {
      if (arg->type.id() == TypeId::kNull) arg = AddCast(std::move(arg), LogicalType::Integer());
    }
    type = aggregate->return_type;
  }
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kWindow, type);
  expr->function_name = name;
  expr->aggregate = aggregate;
  expr->distinct = call.distinct;
  expr->children = std::move(args);
  expr->window = std::move(spec);
  if (aggregate != nullptr && aggregate->bind != nullptr) {
    FLUX_RETURN_IF_ERROR(aggregate->bind(*expr));
  }
  if (call.filter) {
    FLUX_ASSIGN_OR_RETURN(expr->filter, BindCondition(*call.filter));
  }
  return windows->Add(std::move(expr));
}

}  // namespace fluxdb
