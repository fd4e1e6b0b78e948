#include "planner/binder/binder.h"

#include <set>

#include "catalog/catalog_entry.h"
#include "execution/expression/expression_executor.h"
#include "planner/binder/expression_binder.h"

namespace fluxdb {

Binder::Binder(BinderState& state, Binder* parent) : state_(state), parent_(parent) {}

void Binder::AddCorrelatedColumn(const CorrelatedColumn& column) {
  for (const auto& existing : correlated_columns_) {
    if (existing == column) return;
  }
  correlated_columns_.push_back(column);
}

const ast::CommonTableExpr* Binder::FindCte(std::string_view name) const {
  auto it = ctes_.find(NormalizeName(name));
  if (it != ctes_.end()) return it->second;
  return parent_ != nullptr ? parent_->FindCte(name) : nullptr;
}

StatusOr<BoundQuery> Binder::BindQuery(const ast::QueryNode& node) {
  for (const auto& cte : node.ctes) {
    std::string key = NormalizeName(cte.name);
    if (ctes_.contains(key)) {
      return BinderError("Duplicate CTE name \"", cte.name, "\"");
    }
    ctes_[key] = &cte;
  }
  if (node.recursive_ctes) {
    for (const auto& cte : node.ctes) {
      (void)cte;
    }
  }
  StatusOr<BoundQuery> result = node.kind == ast::QueryNodeKind::kSelect
                                    ? BindSelectNode(node.As<ast::SelectNode>())
                                    : BindSetOperation(node.As<ast::SetOperationNode>());
  return result;
}

StatusOr<std::shared_ptr<BoundQueryPlan>> Binder::BindSubquery(const ast::QueryNode& node) {
  Binder child(state_, this);
  FLUX_ASSIGN_OR_RETURN(BoundQuery query, child.BindQuery(node));
  auto plan = std::make_shared<BoundQueryPlan>();
  plan->plan = std::move(query.plan);
  plan->names = std::move(query.names);
  plan->types = std::move(query.types);
  for (const auto& column : child.correlated_columns()) {
    plan->correlated.push_back(column.binding);
    plan->correlated_types.push_back(column.type);
  }
  return plan;
}

Status Binder::AddPlanBinding(const std::string& alias, LogicalOperator& plan,
                              std::vector<std::string> names) {
  BindingEntry entry;
  entry.alias = alias;
  auto bindings = plan.GetColumnBindings();
  entry.types = plan.GetTypes();
  if (!bindings.empty()) entry.table_index = bindings[0].table_index;
  for (idx_t i = 0; i < bindings.size(); i++) {
    entry.binding_columns.push_back(bindings[i].column_index);
  }
  // All columns of a plan binding share one table index except after joins; callers wrap
  // multi-index plans in a projection first.
  // Names repeated (ignoring case) get a suffix, as in DuckDB: a, a -> a, a_1.
  std::set<std::string> used;
  for (auto& name : names) {
    if (used.insert(NormalizeName(name)).second) continue;
    for (idx_t suffix = 1;; suffix++) {
      std::string candidate = Concat(name, "_", suffix);
      if (used.insert(NormalizeName(candidate)).second) {
        name = std::move(candidate);
        break;
      }
    }
  }
  entry.names = std::move(names);
  return bind_context_.AddEntry(std::move(entry));
}

}  // namespace fluxdb
