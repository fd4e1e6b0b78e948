#include <atomic>

#include "common/chunk_collection.h"
#include "execution/table_function/table_function.h"
#include "execution/table_function/table_function_list.h"

namespace fluxdb {

namespace {
const std::vector<TableFunction>& AllFunctions() {
  static const std::vector<TableFunction> functions = [] {
    std::vector<TableFunction> list;
    AddRangeFunctions(list);
    AddRepeatFunction(list);
    AddUnnestFunction(list);
    AddStorageInfoFunctions(list);
    AddCsvFunctions(list);
    AddStorageIntrospectionFunctions(list);
    AddCatalogIntrospectionFunctions(list);
    AddDuckDbCatalogFunctions(list);
    return list;
  }();
  return functions;
}

struct MaterializedScanState : GlobalSourceState {
  std::atomic<idx_t> next_chunk{0};
};
}  // namespace

const TableFunction* LookupTableFunction(std::string_view name) {
  for (const auto& f : AllFunctions()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> TableFunctionNames() {
  std::vector<std::string> names;
  for (const auto& f : AllFunctions()) names.push_back(f.name);
  return names;
}

StatusOr<std::unique_ptr<GlobalSourceState>> InitMaterializedScan(ExecutionContext&,
                                                                   const TableFunctionData&) {
  return std::unique_ptr<GlobalSourceState>(std::make_unique<MaterializedScanState>());
}

StatusOr<SourceResult> ScanMaterialized(ExecutionContext&, const TableFunctionData& data,
                                        GlobalSourceState& state, LocalSourceState& local,
                                        DataChunk& out) {
  const auto& rows = *static_cast<const MaterializedFunctionData&>(data).rows;
  auto& s = static_cast<MaterializedScanState&>(state);
  idx_t index = s.next_chunk.fetch_add(1);
  if (index >= rows.chunk_count()) return SourceResult::kFinished;
  local.batch_index = index;
  out.Reference(rows.chunk(index));
  return index + 1 >= rows.chunk_count() ? SourceResult::kFinished : SourceResult::kHaveMoreOutput;
}

}  // namespace fluxdb
