// EXPLAIN [ANALYZE] [(FORMAT JSON)] of a query or DML statement.
#include <chrono>

#include "absl/strings/str_format.h"
#include "execution/operator/physical_result_collector.h"
#include "execution/pipeline/executor.h"
#include "main/client_context.h"
#include "main/plan_renderer.h"
#include "main/statement_runners.h"
#include "planner/binder/binder.h"

namespace fluxdb {

ResultOr RunExplain(ClientContext& context, const ast::ExplainStatement& statement) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  StatusOr<BoundQuery> bound = InternalError("unsupported EXPLAIN target");
  const ast::Statement& inner = *statement.statement;
  switch (inner.kind) {
    case ast::StatementKind::kSelect:
      bound = binder.BindQuery(*inner.As<ast::SelectStatement>().node);
      break;
    case ast::StatementKind::kInsert:
      bound = binder.BindInsert(inner.As<ast::InsertStatement>());
      break;
    case ast::StatementKind::kUpdate:
      bound = binder.BindUpdate(inner.As<ast::UpdateStatement>());
      break;
    case ast::StatementKind::kDelete:
      bound = binder.BindDelete(inner.As<ast::DeleteStatement>());
      break;
    default:
      return NotImplementedError("EXPLAIN of this statement kind");
  }
  FLUX_RETURN_IF_ERROR(bound.status());
  BoundQuery query = std::move(bound).value();
  std::vector<LogicalType> types = query.types;
  FLUX_ASSIGN_OR_RETURN(auto root, context.PlanQuery(query, binder));
  bool json = statement.format == ast::ExplainFormat::kJson;
  std::string text;
  if (statement.analyze) {
    auto collector = std::make_unique<PhysicalResultCollector>(types, std::move(root), false);
    ExecutionContext execution = context.MakeExecutionContext();
    Executor executor(execution);
    auto start = std::chrono::steady_clock::now();
    FLUX_RETURN_IF_ERROR(executor.Execute(*collector));
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const PhysicalOperator& plan = *collector->children[0];
    QueryProfileSummary summary;
    summary.query = inner.text.empty() ? statement.text : inner.text;
    summary.total_ms = seconds * 1e3;
    summary.peak_memory_bytes = execution.memory != nullptr ? execution.memory->peak() : 0;
    text = json ? RenderAnalyzeJson(plan, summary) : RenderAnalyzeText(plan, summary);
  } else {
    text = json ? RenderPlanJson(*root, false) : RenderPlanText(*root, false);
  }
  return RowsResult({"explain_key", "explain_value"}, {LogicalType::Varchar(), LogicalType::Varchar()},
                    {{Value::Varchar(statement.analyze ? "analyzed_plan" : "physical_plan"),
                      Value::Varchar(text)}});
}

}  // namespace fluxdb
