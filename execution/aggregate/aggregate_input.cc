#include "execution/aggregate/aggregate_input.h"

namespace fluxdb {

std::vector<LogicalType> DistinctKeyTypes(const std::vector<LogicalType>& group_types,
                                          const BoundExpression& aggregate) {
  std::vector<LogicalType> types = group_types;
  for (const auto& child : aggregate.children) types.push_back(child->type);
  return types;
}

AggregateInputs::AggregateInputs(const ExecutionContext* context, const BoundExprList& aggregates) {
  aggregates_.resize(aggregates.size());
  for (idx_t a = 0; a < aggregates.size(); a++) {
    PerAggregate& p = aggregates_[a];
    p.arguments = std::make_unique<ExpressionExecutor>(context, aggregates[a]->children);
    std::vector<LogicalType> types;
    for (const auto& child : aggregates[a]->children) types.push_back(child->type);
    p.rows.arguments.Initialize(types);
    if (aggregates[a]->filter) {
      p.filter = std::make_unique<ExpressionExecutor>(context);
      p.filter->AddExpression(*aggregates[a]->filter);
    }
  }
}

StatusOr<const AggregateInputs::Rows*> AggregateInputs::Evaluate(idx_t a, const DataChunk& input) {
  PerAggregate& p = aggregates_[a];
  FLUX_RETURN_IF_ERROR(p.arguments->Execute(input, p.rows.arguments));
  p.rows.arguments.SetCardinality(input.size());
  p.rows.count = input.size();
  p.rows.selection = nullptr;
  if (p.filter) {
    FLUX_ASSIGN_OR_RETURN(idx_t kept, p.filter->Select(input, p.filter_selection));
    if (kept < input.size()) {
      p.rows.arguments.Slice(p.filter_selection, kept);
      p.rows.selection = &p.filter_selection;
      p.rows.count = kept;
    }
  }
  return &p.rows;
}

void AggregateInputs::DistinctKeys(const DataChunk& keys, const Rows& rows, DataChunk* out) const {
  for (idx_t c = 0; c < keys.ColumnCount(); c++) {
    Vector v;
    if (rows.selection != nullptr) {
      v.Slice(keys.column(c), *rows.selection, rows.count);
    } else {
      v.Reference(keys.column(c));
    }
    out->AddColumn(std::move(v));
  }
  for (idx_t c = 0; c < rows.arguments.ColumnCount(); c++) {
    Vector v;
    v.Reference(rows.arguments.column(c));
    out->AddColumn(std::move(v));
  }
  out->SetCardinality(rows.count);
}

}  // namespace fluxdb
