// repeat(value, count): a one-column table holding `value` `count` times (DuckDB's table
// function; the scalar repeat(string, n) is another function). The column is named after the
// value, as in DuckDB.
#include <atomic>

#include "execution/table_function/table_function.h"
#include "execution/table_function/table_function_list.h"

namespace fluxdb {

namespace {

struct RepeatData : TableFunctionData {
  Value value;
  idx_t count = 0;
};

struct RepeatState : GlobalSourceState {
  std::atomic<idx_t> next_block{0};
  idx_t blocks = 0;
  idx_t MaxThreads() const override { return std::max<idx_t>(1, blocks / 60); }
};

StatusOr<TableFunctionBindResult> BindRepeat(TableFunctionBindInput& input) {
  const Value& count = input.arguments[1];
  if (count.is_null()) return BinderError("Repeat second parameter cannot be NULL");
  if (!count.type().IsIntegral()) {
    return BinderError("No function matches the given name and argument types 'repeat(",
                       input.arguments[0].type().ToString(), ", ", count.type().ToString(),
                       ")'. You might need to add explicit type casts.");
  }
  if (count.GetInt128() < 0) {
    return BinderError("Repeat second parameter cannot be be less than 0");  // sic, as DuckDB
  }
  auto data = std::make_unique<RepeatData>();
  data->value = input.arguments[0];
  // An untyped NULL needs a storable type; DuckDB makes it INTEGER.
  if (data->value.type().id() == TypeId::kNull) data->value = Value(LogicalType::Integer());
  data->count = static_cast<idx_t>(count.GetInt128());
  TableFunctionBindResult result;
  result.names = {input.arguments[0].ToString()};
  result.types = {data->value.type()};
  result.estimated_cardinality = data->count;
  result.data = std::move(data);
  return result;
}

StatusOr<std::unique_ptr<GlobalSourceState>> InitRepeat(ExecutionContext&,
                                                        const TableFunctionData& data) {
  auto state = std::make_unique<RepeatState>();
  state->blocks = (static_cast<const RepeatData&>(data).count + kVectorSize - 1) / kVectorSize;
  return std::unique_ptr<GlobalSourceState>(std::move(state));
}

StatusOr<SourceResult> ScanRepeat(ExecutionContext&, const TableFunctionData& data,
                                  GlobalSourceState& global, LocalSourceState& local,
                                  DataChunk& out) {
  const auto& repeat = static_cast<const RepeatData&>(data);
  auto& state = static_cast<RepeatState&>(global);
  idx_t block = state.next_block.fetch_add(1);
  if (block >= state.blocks) return SourceResult::kFinished;
  local.batch_index = block;
  idx_t n = std::min<idx_t>(kVectorSize, repeat.count - block * kVectorSize);
  out.column(0).SetConstant(repeat.value);
  out.column(0).Flatten(n);
  out.SetCardinality(n);
  return block + 1 >= state.blocks ? SourceResult::kFinished : SourceResult::kHaveMoreOutput;
}

}  // namespace

void AddRepeatFunction(std::vector<TableFunction>& functions) {
  functions.push_back(TableFunction{"repeat", 2, 2, BindRepeat, InitRepeat, ScanRepeat});
}

}  // namespace fluxdb
