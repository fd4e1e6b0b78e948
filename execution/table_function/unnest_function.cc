// unnest(list) in FROM: one row per element of a constant list, in a column named "unnest".
#include <memory>

#include "common/chunk_collection.h"
#include "execution/table_function/table_function.h"
#include "execution/table_function/table_function_list.h"

namespace fluxdb {

namespace {

StatusOr<TableFunctionBindResult> BindUnnest(TableFunctionBindInput& input) {
  const Value& list = input.arguments[0];
  LogicalType type = list.type();
  if (type.id() == TypeId::kNull) type = LogicalType::List(LogicalType::Integer());
  if (type.id() != TypeId::kList) {
    return BinderError("No function matches the given name and argument types 'unnest(",
                       type.ToString(), ")'. You might need to add explicit type casts.");
  }
  LogicalType element = type.child();
  if (element.id() == TypeId::kNull) element = LogicalType::Integer();
  auto rows = std::make_shared<ChunkCollection>(std::vector<LogicalType>{element});
  DataChunk chunk;
  chunk.Initialize({element});
  for (const Value& v : list.Children()) {
    chunk.SetValue(0, chunk.size(), v.is_null() ? Value(element) : v);
    chunk.SetCardinality(chunk.size() + 1);
    if (chunk.size() == kVectorSize) {
      rows->Append(chunk);
      chunk.Reset();
    }
  }
  if (chunk.size() > 0) rows->Append(chunk);
  auto data = std::make_unique<MaterializedFunctionData>();
  data->rows = rows;
  TableFunctionBindResult result;
  result.names = {"unnest"};
  result.types = {element};
  result.estimated_cardinality = std::max<idx_t>(1, rows->row_count());
  result.data = std::move(data);
  return result;
}

}  // namespace

void AddUnnestFunction(std::vector<TableFunction>& functions) {
  functions.push_back(
      TableFunction{"unnest", 1, 1, BindUnnest, InitMaterializedScan, ScanMaterialized});
}

}  // namespace fluxdb
