// SELECT, INSERT, UPDATE, DELETE and CALL: bind, then optimize, plan and run.
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "planner/binder/binder.h"

namespace fluxdb {

std::unique_ptr<QueryResult> EmptyResult() {
  return std::make_unique<QueryResult>(ResultKind::kNothing, std::vector<std::string>{},
                                       std::vector<LogicalType>{});
}

std::unique_ptr<QueryResult> RowsResult(std::vector<std::string> names,
                                        std::vector<LogicalType> types,
                                        const std::vector<std::vector<Value>>& rows) {
  auto result = std::make_unique<QueryResult>(ResultKind::kRows, std::move(names), types);
  for (idx_t start = 0; start < rows.size(); start += kVectorSize) {
    DataChunk chunk;
    chunk.Initialize(types);
    idx_t n = std::min<idx_t>(kVectorSize, rows.size() - start);
    for (idx_t r = 0; r < n; r++) {
      for (idx_t c = 0; c < types.size(); c++) chunk.SetValue(c, r, rows[start + r][c]);
    }
    chunk.SetCardinality(n);
    result->Append(std::move(chunk));
  }
  return result;
}

ResultOr RunSelect(ClientContext& context, const ast::SelectStatement& statement) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindQuery(*statement.node));
  return context.RunQuery(std::move(query), ResultKind::kRows);
}

ResultOr RunInsert(ClientContext& context, const ast::InsertStatement& statement) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindInsert(statement));
  return context.RunQuery(std::move(query), statement.returning.empty() ? ResultKind::kChangedRows
                                                                        : ResultKind::kRows);
}

ResultOr RunUpdate(ClientContext& context, const ast::UpdateStatement& statement) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindUpdate(statement));
  return context.RunQuery(std::move(query), statement.returning.empty() ? ResultKind::kChangedRows
                                                                        : ResultKind::kRows);
}

ResultOr RunDelete(ClientContext& context, const ast::DeleteStatement& statement) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindDelete(statement));
  return context.RunQuery(std::move(query), statement.returning.empty() ? ResultKind::kChangedRows
                                                                        : ResultKind::kRows);
}

ResultOr RunCall(ClientContext& context, const ast::CallStatement& statement) {
  auto node = std::make_unique<ast::SelectNode>();
  node->select_list.push_back(std::make_unique<ast::StarExpr>());
  auto function = std::make_unique<ast::TableFunctionRef>();
  function->name = statement.function->name;
  function->args = ast::CopyList(statement.function->args);
  node->from = std::move(function);
  ast::SelectStatement select;
  select.node = std::move(node);
  return RunSelect(context, select);
}

}  // namespace fluxdb
