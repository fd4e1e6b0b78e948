// SUMMARIZE and DESCRIBE statements: the queries of planner/binder/show_queries.h, run.
#include "main/client_context.h"
#include "main/statement_runners.h"
#include "planner/binder/binder.h"
#include "planner/binder/show_queries.h"

namespace fluxdb {

ResultOr RunSummarize(ClientContext& context, const ast::ShowStatement& statement) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  FLUX_ASSIGN_OR_RETURN(auto node, SummarizeQuery(binder, statement));
  FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindQuery(*node));
  return context.RunQuery(std::move(query), ResultKind::kRows);
}

ResultOr RunDescribe(ClientContext& context, const ast::ShowStatement& statement) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  FLUX_ASSIGN_OR_RETURN(DescribeResult result, Describe(binder, statement));
  return RowsResult(std::move(result.names),
                    std::vector<LogicalType>(result.names.size(), LogicalType::Varchar()),
                    result.rows);
}

}  // namespace fluxdb
