#include "execution/operator/physical_operator.h"

namespace fluxdb {

PhysicalOperator::PhysicalOperator(PhysicalOperatorType type, std::vector<LogicalType> types,
                                   idx_t estimated_cardinality)
    : type_(type), types_(std::move(types)), estimated_cardinality_(estimated_cardinality) {}

PhysicalOperator::~PhysicalOperator() = default;

std::string PhysicalOperator::Name() const {
  switch (type_) {
    case PhysicalOperatorType::kTableScan:
      return "TABLE_SCAN";
    case PhysicalOperatorType::kDummyScan:
      return "DUMMY_SCAN";
    case PhysicalOperatorType::kColumnDataScan:
      return "COLUMN_DATA_SCAN";
    case PhysicalOperatorType::kTableFunction:
      return "TABLE_FUNCTION";
    case PhysicalOperatorType::kFilter:
      return "FILTER";
    case PhysicalOperatorType::kProjection:
      return "PROJECTION";
    case PhysicalOperatorType::kHashAggregate:
      return "HASH_GROUP_BY";
    case PhysicalOperatorType::kUngroupedAggregate:
      return "UNGROUPED_AGGREGATE";
    case PhysicalOperatorType::kOrder:
      return "ORDER_BY";
    case PhysicalOperatorType::kTopN:
      return "TOP_N";
    case PhysicalOperatorType::kLimit:
      return "LIMIT";
    case PhysicalOperatorType::kHashJoin:
      return "HASH_JOIN";
    case PhysicalOperatorType::kNestedLoopJoin:
      return "NESTED_LOOP_JOIN";
    case PhysicalOperatorType::kCrossProduct:
      return "CROSS_PRODUCT";
    case PhysicalOperatorType::kUnion:
      return "UNION";
    case PhysicalOperatorType::kWindow:
      return "WINDOW";
    case PhysicalOperatorType::kInsert:
      return "INSERT";
    case PhysicalOperatorType::kDelete:
      return "DELETE";
    case PhysicalOperatorType::kUpdate:
      return "UPDATE";
    case PhysicalOperatorType::kResultCollector:
      return "RESULT_COLLECTOR";
    case PhysicalOperatorType::kCreateTableAs:
      return "CREATE_TABLE_AS";
    case PhysicalOperatorType::kEmptyResult:
      return "EMPTY_RESULT";
    case PhysicalOperatorType::kMaterializedCte:
      return "CTE";
    case PhysicalOperatorType::kCteScan:
      return "CTE_SCAN";
  }
  return "UNKNOWN";
}

StatusOr<std::unique_ptr<GlobalSourceState>> PhysicalOperator::GetGlobalSourceState(
    ExecutionContext&) const {
  return std::make_unique<GlobalSourceState>();
}

StatusOr<std::unique_ptr<LocalSourceState>> PhysicalOperator::GetLocalSourceState(
    ExecutionContext&, GlobalSourceState&) const {
  return std::make_unique<LocalSourceState>();
}

StatusOr<SourceResult> PhysicalOperator::GetData(ExecutionContext&, DataChunk&,
                                                 GlobalSourceState&, LocalSourceState&) const {
  return InternalError(Name(), " is not a source");
}

StatusOr<std::unique_ptr<OperatorState>> PhysicalOperator::GetOperatorState(
    ExecutionContext&) const {
  return std::make_unique<OperatorState>();
}

StatusOr<OperatorResult> PhysicalOperator::Execute(ExecutionContext&, DataChunk&, DataChunk&,
                                                   OperatorState&) const {
  return InternalError(Name(), " is not a streaming operator");
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalOperator::GetGlobalSinkState(
    ExecutionContext&) const {
  return std::make_unique<GlobalSinkState>();
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalOperator::GetLocalSinkState(
    ExecutionContext&, GlobalSinkState&) const {
  return std::make_unique<LocalSinkState>();
}

StatusOr<SinkResult> PhysicalOperator::Sink(ExecutionContext&, DataChunk&, GlobalSinkState&,
                                            LocalSinkState&) const {
  return InternalError(Name(), " is not a sink");
}

Status PhysicalOperator::Combine(ExecutionContext&, GlobalSinkState&, LocalSinkState&) const {
  return Status();
}

Status PhysicalOperator::Finalize(ExecutionContext&, GlobalSinkState&) const { return Status(); }

}  // namespace fluxdb
