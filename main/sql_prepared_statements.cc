// PREPARE name AS statement / EXECUTE name(args) / DEALLOCATE [PREPARE] name | ALL: prepared
// statements named in SQL, kept by the connection. EXECUTE binds the statement again with its
// arguments as the parameter values, exactly as the C API's prepared statements do.
#include "absl/strings/str_join.h"
#include "execution/expression/expression_executor.h"
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "parser/parser.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"

namespace fluxdb {

namespace {

// The statement a PREPARE names. Its AST is handed over the first time; a PREPARE run again
// (a C API prepared statement executed twice) parses its own text anew.
StatusOr<std::shared_ptr<ast::Statement>> TakePrepared(ast::PrepareStatement& statement) {
  if (statement.statement != nullptr)
    return std::shared_ptr<ast::Statement>(std::move(statement.statement));
  FLUX_ASSIGN_OR_RETURN(auto parsed, Parser::Parse(statement.text));
  if (parsed.size() != 1 || parsed[0]->kind != ast::StatementKind::kPrepare) {
    return InternalError("PREPARE text does not parse back to one PREPARE");
  }
  return std::shared_ptr<ast::Statement>(
      std::move(parsed[0]->As<ast::PrepareStatement>().statement));
}

}  // namespace

ResultOr RunPrepare(ClientContext& context, ast::PrepareStatement& statement) {
  FLUX_ASSIGN_OR_RETURN(auto prepared, TakePrepared(statement));
  context.prepared_statements()[statement.name] = std::move(prepared);
  return EmptyResult();
}

ResultOr RunExecute(ClientContext& context, const ast::ExecuteStatement& statement) {
  auto& prepared = context.prepared_statements();
  auto it = prepared.find(statement.name);
  if (it == prepared.end()) {
    return BinderError("Prepared statement \"", statement.name, "\" does not exist");
  }
  // Keeps the statement alive should it DEALLOCATE itself.
  std::shared_ptr<ast::Statement> target = it->second;
  idx_t expected = static_cast<idx_t>(target->parameter_count);
  idx_t given = statement.args.size();
  if (given > expected) {
    std::vector<idx_t> excess;
    for (idx_t i = expected + 1; i <= given; i++) excess.push_back(i);
    return InvalidInputError(
        "Parameter argument/count mismatch, identifiers of the excess parameters: ",
        absl::StrJoin(excess, ", "));
  }
  if (given < expected) {
    std::vector<idx_t> missing;
    for (idx_t i = given + 1; i <= expected; i++) missing.push_back(i);
    return InvalidInputError(
        "Values were not provided for the following prepared statement parameters: ",
        absl::StrJoin(missing, ", "));
  }
  std::vector<Value> values;
  for (const auto& arg : statement.args) {
    if (arg->kind == ast::ExprKind::kSubquery) {
      return InvalidInputError(
          "Only scalar parameters, named parameters or NULL supported for EXECUTE");
    }
    BinderState state = context.MakeBinderState();
    Binder binder(state);
    ExpressionBinder expression_binder(binder, ExpressionClause::kConstant);
    FLUX_ASSIGN_OR_RETURN(auto bound, expression_binder.Bind(*arg));
    FLUX_ASSIGN_OR_RETURN(Value value, ExpressionExecutor::EvaluateScalar(*bound));
    values.push_back(std::move(value));
  }
  return context.DispatchWithParameters(*target, values);
}

ResultOr RunDeallocate(ClientContext& context, const ast::DeallocateStatement& statement) {
  // As in DuckDB, deallocating a name that was never prepared is no error.
  if (statement.name.empty()) {
    context.prepared_statements().clear();
  } else {
    context.prepared_statements().erase(statement.name);
  }
  return EmptyResult();
}

}  // namespace fluxdb
