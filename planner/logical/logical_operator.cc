#include "planner/logical/logical_operator.h"

#include <algorithm>

#include "catalog/catalog_entry.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {
std::vector<ColumnBinding> Indexed(idx_t table_index, idx_t count) {
  std::vector<ColumnBinding> bindings;
  for (idx_t i = 0; i < count; i++) bindings.push_back({table_index, i});
  return bindings;
}
template <typename List>
std::vector<LogicalType> TypesOf(const List& expressions) {
  std::vector<LogicalType> types;
  for (const auto& e : expressions) types.push_back(e->type);
  return types;
}
}  // namespace

std::vector<ColumnBinding> LogicalOperator::GetColumnBindings() const {
  return children.empty() ? std::vector<ColumnBinding>{} : children[0]->GetColumnBindings();
}

std::vector<LogicalType> LogicalOperator::GetTypes() const {
  return children.empty() ? std::vector<LogicalType>{} : children[0]->GetTypes();
}

std::string LogicalOperator::ToString() const {
  switch (type) {
    case LogicalOperatorType::kFilter:
      return "FILTER";
    case LogicalOperatorType::kProjection:
      return "PROJECTION";
    case LogicalOperatorType::kAggregate:
      return "AGGREGATE";
    case LogicalOperatorType::kOrder:
      return "ORDER";
    case LogicalOperatorType::kLimit:
      return "LIMIT";
    default:
      return "OPERATOR";
  }
}

idx_t LogicalOperator::GuessCardinality() const {
  return children.empty() ? 1 : children[0]->EstimateCardinality();
}

LogicalGet::LogicalGet(idx_t table_index, TableEntry& table)
    : LogicalOperator(LogicalOperatorType::kGet), table_index(table_index), table(table) {}

std::vector<ColumnBinding> LogicalGet::GetColumnBindings() const {
  std::vector<ColumnBinding> bindings;
  for (uint32_t id : column_ids) bindings.push_back({table_index, id});
  return bindings;
}

std::vector<LogicalType> LogicalGet::GetTypes() const {
  std::vector<LogicalType> types;
  for (uint32_t id : column_ids) {
    types.push_back(id == kRowIdColumn ? LogicalType::BigInt() : table.columns()[id].type);
  }
  return types;
}

std::string LogicalGet::ToString() const { return "GET " + table.name(); }

idx_t LogicalGet::GuessCardinality() const {
  if (!filters->filters.empty()) return std::max<idx_t>(1, base_cardinality / 5);
  return base_cardinality;
}

LogicalTableFunction::LogicalTableFunction(idx_t table_index, const TableFunction& function,
                                           TableFunctionBindResult bind)
    : LogicalOperator(LogicalOperatorType::kTableFunction),
      table_index(table_index),
      function(function),
      names(std::move(bind.names)),
      types(std::move(bind.types)),
      data(std::move(bind.data)),
      cardinality(bind.estimated_cardinality) {}

std::vector<ColumnBinding> LogicalTableFunction::GetColumnBindings() const {
  return Indexed(table_index, types.size());
}

std::vector<ColumnBinding> LogicalExpressionGet::GetColumnBindings() const {
  return Indexed(table_index, types.size());
}

idx_t LogicalFilter::GuessCardinality() const {
  return std::max<idx_t>(1, children[0]->EstimateCardinality() / 5);
}

std::vector<ColumnBinding> LogicalProjection::GetColumnBindings() const {
  return Indexed(table_index, expressions.size());
}

std::vector<LogicalType> LogicalProjection::GetTypes() const { return TypesOf(expressions); }

std::vector<ColumnBinding> LogicalAggregate::GetColumnBindings() const {
  auto bindings = Indexed(group_index, groups.size());
  auto aggregates = Indexed(aggregate_index, expressions.size());
  bindings.insert(bindings.end(), aggregates.begin(), aggregates.end());
  return bindings;
}

std::vector<LogicalType> LogicalAggregate::GetTypes() const {
  auto types = TypesOf(groups);
  auto aggregates = TypesOf(expressions);
  types.insert(types.end(), aggregates.begin(), aggregates.end());
  return types;
}

idx_t LogicalAggregate::GuessCardinality() const {
  if (groups.empty()) return 1;
  return std::max<idx_t>(1, children[0]->EstimateCardinality() / 2);
}

std::vector<ColumnBinding> LogicalWindow::GetColumnBindings() const {
  auto bindings = children[0]->GetColumnBindings();
  auto windows = Indexed(window_index, expressions.size());
  bindings.insert(bindings.end(), windows.begin(), windows.end());
  return bindings;
}

std::vector<LogicalType> LogicalWindow::GetTypes() const {
  auto types = children[0]->GetTypes();
  auto windows = TypesOf(expressions);
  types.insert(types.end(), windows.begin(), windows.end());
  return types;
}

idx_t LogicalLimit::GuessCardinality() const {
  idx_t child = children[0]->EstimateCardinality();
  return limit == kNoLimit ? child : std::min(child, limit);
}

const char* JoinKindName(JoinKind kind) {
  switch (kind) {
    case JoinKind::kInner:
      return "INNER";
    case JoinKind::kLeft:
      return "LEFT";
    case JoinKind::kRight:
      return "RIGHT";
    case JoinKind::kFull:
      return "FULL";
    case JoinKind::kSemi:
      return "SEMI";
    case JoinKind::kAnti:
      return "ANTI";
    case JoinKind::kMark:
      return "MARK";
    case JoinKind::kSingle:
      return "SINGLE";
  }
  return "?";
}

std::vector<ColumnBinding> LogicalJoin::GetColumnBindings() const {
  auto bindings = children[0]->GetColumnBindings();
  switch (kind) {
    case JoinKind::kSemi:
    case JoinKind::kAnti:
      return bindings;
    case JoinKind::kMark:
      bindings.push_back({mark_index, 0});
      return bindings;
    default: {
      auto right = children[1]->GetColumnBindings();
      bindings.insert(bindings.end(), right.begin(), right.end());
      return bindings;
    }
  }
}

std::vector<LogicalType> LogicalJoin::GetTypes() const {
  auto types = children[0]->GetTypes();
  switch (kind) {
    case JoinKind::kSemi:
    case JoinKind::kAnti:
      return types;
    case JoinKind::kMark:
      types.push_back(LogicalType::Boolean());
      return types;
    default: {
      auto right = children[1]->GetTypes();
      types.insert(types.end(), right.begin(), right.end());
      return types;
    }
  }
}

std::string LogicalJoin::ToString() const { return Concat(JoinKindName(kind), " JOIN"); }

idx_t LogicalJoin::GuessCardinality() const {
  idx_t left = children[0]->EstimateCardinality();
  idx_t right = children[1]->EstimateCardinality();
  switch (kind) {
    case JoinKind::kSemi:
    case JoinKind::kAnti:
    case JoinKind::kMark:
    case JoinKind::kSingle:
      return left;
    default:
      if (conditions.empty()) return left * std::max<idx_t>(1, right);
      return std::max(left, right);
  }
}

std::vector<ColumnBinding> LogicalCrossProduct::GetColumnBindings() const {
  auto bindings = children[0]->GetColumnBindings();
  auto right = children[1]->GetColumnBindings();
  bindings.insert(bindings.end(), right.begin(), right.end());
  return bindings;
}

std::vector<LogicalType> LogicalCrossProduct::GetTypes() const {
  auto types = children[0]->GetTypes();
  auto right = children[1]->GetTypes();
  types.insert(types.end(), right.begin(), right.end());
  return types;
}

idx_t LogicalCrossProduct::GuessCardinality() const {
  return children[0]->EstimateCardinality() * std::max<idx_t>(1, children[1]->EstimateCardinality());
}

std::vector<ColumnBinding> LogicalSetOperation::GetColumnBindings() const {
  return Indexed(table_index, column_count);
}

std::vector<LogicalType> LogicalSetOperation::GetTypes() const { return children[0]->GetTypes(); }

idx_t LogicalSetOperation::GuessCardinality() const {
  return children[0]->EstimateCardinality() + children[1]->EstimateCardinality();
}

std::vector<ColumnBinding> LogicalMaterializedCte::GetColumnBindings() const {
  return children[1]->GetColumnBindings();
}

std::vector<LogicalType> LogicalMaterializedCte::GetTypes() const {
  return children[1]->GetTypes();
}

std::vector<ColumnBinding> LogicalDelimGet::GetColumnBindings() const {
  return Indexed(table_index, types.size());
}

std::vector<ColumnBinding> LogicalCteRef::GetColumnBindings() const {
  return Indexed(table_index, types.size());
}

}  // namespace fluxdb
