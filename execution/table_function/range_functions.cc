// range(n), range(a, b[, step]) and generate_series(a, b[, step]) over BIGINT.
// range excludes the end, generate_series includes it (as in DuckDB).
#include <atomic>

#include "execution/table_function/table_function.h"
#include "execution/table_function/table_function_list.h"

namespace fluxdb {

namespace {

struct RangeData : TableFunctionData {
  int64_t start = 0;
  int64_t end = 0;  // exclusive
  int64_t step = 1;
  idx_t count = 0;
};

struct RangeState : GlobalSourceState {
  std::atomic<idx_t> next_block{0};
  idx_t blocks = 0;
  idx_t MaxThreads() const override { return std::max<idx_t>(1, blocks / 60); }
};

template <bool kInclusive>
StatusOr<TableFunctionBindResult> BindRange(TableFunctionBindInput& input) {
  auto data = std::make_unique<RangeData>();
  std::vector<int64_t> args;
  for (const Value& v : input.arguments) {
    if (v.is_null()) {
      // Any NULL argument yields an empty result.
      args.push_back(0);
      data->step = 0;
      continue;
    }
    if (!v.type().IsIntegral()) {
      return BinderError("range/generate_series arguments must be integers, got ",
                         v.type().ToString());
    }
    args.push_back(v.GetInt64());
  }
  bool has_null = data->step == 0;
  if (args.size() == 1) {
    data->start = 0;
    data->end = args[0];
    data->step = 1;
  } else {
    data->start = args[0];
    data->end = args[1];
    data->step = args.size() > 2 ? args[2] : 1;
  }
  if (has_null) {
    data->count = 0;
  } else if (data->step == 0) {
    return InvalidInputError("interval cannot be 0!");
  } else {
    int128_t start = data->start, end = data->end, step = data->step;
    if (kInclusive) end += step > 0 ? 1 : -1;
    int128_t span = step > 0 ? end - start : start - end;
    int128_t abs_step = step > 0 ? step : -step;
    data->count = span <= 0 ? 0 : static_cast<idx_t>((span + abs_step - 1) / abs_step);
  }
  TableFunctionBindResult result;
  result.names = {kInclusive ? "generate_series" : "range"};
  result.types = {LogicalType::BigInt()};
  result.estimated_cardinality = data->count;
  result.data = std::move(data);
  return result;
}

StatusOr<std::unique_ptr<GlobalSourceState>> InitRange(ExecutionContext&,
                                                       const TableFunctionData& data) {
  auto state = std::make_unique<RangeState>();
  const auto& range = static_cast<const RangeData&>(data);
  state->blocks = (range.count + kVectorSize - 1) / kVectorSize;
  return std::unique_ptr<GlobalSourceState>(std::move(state));
}

StatusOr<SourceResult> ScanRange(ExecutionContext&, const TableFunctionData& data,
                                 GlobalSourceState& global, LocalSourceState& local,
                                 DataChunk& out) {
  const auto& range = static_cast<const RangeData&>(data);
  auto& state = static_cast<RangeState&>(global);
  idx_t block = state.next_block.fetch_add(1);
  if (block >= state.blocks) return SourceResult::kFinished;
  local.batch_index = block;
  idx_t first = block * kVectorSize;
  idx_t n = std::min<idx_t>(kVectorSize, range.count - first);
  int64_t* values = out.column(0).data<int64_t>();
  int64_t value = range.start + static_cast<int64_t>(first) * range.step;
  for (idx_t i = 0; i < n; i++) {
    values[i] = value;
    value += range.step;
  }
  out.SetCardinality(n);
  return block + 1 >= state.blocks ? SourceResult::kFinished : SourceResult::kHaveMoreOutput;
}

}  // namespace

void AddRangeFunctions(std::vector<TableFunction>& functions) {
  functions.push_back(TableFunction{"range", 1, 3, BindRange<false>, InitRange, ScanRange});
  functions.push_back(
      TableFunction{"generate_series", 1, 3, BindRange<true>, InitRange, ScanRange});
}

}  // namespace fluxdb
