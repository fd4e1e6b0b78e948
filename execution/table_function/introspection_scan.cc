#include "execution/table_function/introspection_scan.h"

#include "catalog/catalog.h"
#include "common/chunk_collection.h"
#include "execution/cast/vector_cast.h"
#include "storage/storage_manager.h"

namespace fluxdb {

namespace {
struct IntrospectionState : GlobalSourceState {
  ChunkCollection rows;
  idx_t next_chunk = 0;
};
}  // namespace

TableFunctionBindResult BindIntrospection(const TableFunctionBindInput& input,
                                          const std::vector<IntrospectionColumn>& columns,
                                          IntrospectionData::Producer produce) {
  TableFunctionBindResult result;
  auto data = std::make_unique<IntrospectionData>();
  for (const IntrospectionColumn& column : columns) {
    result.names.push_back(column.name);
    result.types.push_back(column.type);
  }
  data->types = result.types;
  data->arguments = input.arguments;
  data->produce = produce;
  result.data = std::move(data);
  result.estimated_cardinality = 100;
  return result;
}

StatusOr<std::unique_ptr<GlobalSourceState>> IntrospectionScan::Init(
    ExecutionContext& context, const TableFunctionData& data) {
  const auto& d = static_cast<const IntrospectionData&>(data);
  IntrospectionRows rows(d.types);
  FLUX_RETURN_IF_ERROR(d.produce(context, d, rows));
  auto state = std::make_unique<IntrospectionState>();
  state->rows = ChunkCollection(d.types);
  DataChunk chunk;
  chunk.Initialize(d.types);
  for (const std::vector<Value>& row : rows.rows_) {
    idx_t r = chunk.size();
    for (idx_t c = 0; c < d.types.size(); c++) {
      const Value& value = row[c];
      if (value.type() == d.types[c] || value.is_null()) {
        chunk.SetValue(c, r, value.is_null() ? Value(d.types[c]) : value);
      } else {
        FLUX_ASSIGN_OR_RETURN(Value cast, CastValue(value, d.types[c]));
        chunk.SetValue(c, r, cast);
      }
    }
    chunk.SetCardinality(r + 1);
    if (chunk.size() == kVectorSize) {
      state->rows.Append(chunk);
      chunk.Reset();
    }
  }
  if (chunk.size() > 0) state->rows.Append(chunk);
  return std::unique_ptr<GlobalSourceState>(std::move(state));
}

StatusOr<SourceResult> IntrospectionScan::Scan(ExecutionContext&, const TableFunctionData&,
                                               GlobalSourceState& state, LocalSourceState& local,
                                               DataChunk& out) {
  auto& s = static_cast<IntrospectionState&>(state);
  if (s.next_chunk >= s.rows.chunk_count()) return SourceResult::kFinished;
  idx_t index = s.next_chunk++;
  local.batch_index = index;
  out.Reference(s.rows.chunk(index));
  return s.next_chunk >= s.rows.chunk_count() ? SourceResult::kFinished
                                              : SourceResult::kHaveMoreOutput;
}

StatusOr<TableEntry*> FindTableArgument(const Catalog& catalog, const Value& argument) {
  std::string name = argument.ToString();
  std::string schema;
  if (auto dot = name.find('.'); dot != std::string::npos) {
    schema = name.substr(0, dot);
    name = name.substr(dot + 1);
  }
  return catalog.GetTable(schema, name);
}

std::string DatabaseName(const StorageManager& storage) {
  if (storage.in_memory()) return "memory";
  std::string name = storage.path();
  if (auto slash = name.find_last_of('/'); slash != std::string::npos)
    name = name.substr(slash + 1);
  if (auto dot = name.find('.'); dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  return name;
}

}  // namespace fluxdb
