// Table functions: FROM range(10), storage_info('t'), read_csv('f') ...
//
// Binding happens once per query with constant arguments: it fixes the output columns and
// precomputes what the scan needs (TableFunctionData). Scanning is a source: init creates the
// shared state, `scan` fills chunks until it returns kFinished; it may be called from several
// threads when the global state says so.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "execution/execution_context.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

class Catalog;
class StorageManager;

struct TableFunctionData {
  virtual ~TableFunctionData() = default;
};

struct TableFunctionBindInput {
  std::vector<Value> arguments;                            // positional
  std::vector<std::pair<std::string, Value>> named;        // name => value (lower-case names)
  Catalog* catalog = nullptr;
  StorageManager* storage = nullptr;
  const ExecutionSettings* settings = nullptr;
};

struct TableFunctionBindResult {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::unique_ptr<TableFunctionData> data;
  idx_t estimated_cardinality = 1000;
};

struct TableFunction {
  std::string name;
  /// Accepted positional argument counts [min, max].
  idx_t min_arguments = 0;
  idx_t max_arguments = 0;
  StatusOr<TableFunctionBindResult> (*bind)(TableFunctionBindInput& input) = nullptr;
  StatusOr<std::unique_ptr<GlobalSourceState>> (*init)(ExecutionContext& context,
                                                       const TableFunctionData& data) = nullptr;
  StatusOr<SourceResult> (*scan)(ExecutionContext& context, const TableFunctionData& data,
                                 GlobalSourceState& state, LocalSourceState& local,
                                 DataChunk& out) = nullptr;
};

/// Looks a table function up by lower-case name; null when unknown.
const TableFunction* LookupTableFunction(std::string_view name);
std::vector<std::string> TableFunctionNames();

/// A source that runs a bound table function.
class PhysicalTableFunction : public PhysicalOperator {
 public:
  PhysicalTableFunction(std::vector<LogicalType> types, const TableFunction& function,
                        std::shared_ptr<TableFunctionData> data, idx_t cardinality)
      : PhysicalOperator(PhysicalOperatorType::kTableFunction, std::move(types), cardinality),
        function(function),
        data(std::move(data)) {}

  std::vector<std::string> Details() const override { return {function.name}; }
  bool IsSource() const override { return true; }
  StatusOr<std::unique_ptr<GlobalSourceState>> GetGlobalSourceState(
      ExecutionContext& context) const override {
    return function.init(context, *data);
  }
  StatusOr<SourceResult> GetData(ExecutionContext& context, DataChunk& chunk,
                                 GlobalSourceState& global, LocalSourceState& local) const override {
    return function.scan(context, *data, global, local, chunk);
  }

  const TableFunction& function;
  std::shared_ptr<TableFunctionData> data;
};

/// Helpers for table functions whose rows are computed up front (introspection functions).
struct MaterializedFunctionData : TableFunctionData {
  std::shared_ptr<class ChunkCollection> rows;
};
StatusOr<std::unique_ptr<GlobalSourceState>> InitMaterializedScan(ExecutionContext& context,
                                                                   const TableFunctionData& data);
StatusOr<SourceResult> ScanMaterialized(ExecutionContext& context, const TableFunctionData& data,
                                        GlobalSourceState& state, LocalSourceState& local,
                                        DataChunk& out);

}  // namespace fluxdb
