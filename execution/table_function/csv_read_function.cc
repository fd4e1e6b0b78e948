// read_csv('file', ...) and read_csv_auto('file', ...): a CSV file as a table.
//
// Bind opens the file and sniffs what the named options leave open (csv_sniffer.h). The scan
// splits the file into byte ranges that threads claim one at a time (csv_range_scanner.h); batch
// indexes (range, chunk) keep the file's row order for order-preserving sinks. When every range
// is done, the last thread checks that consecutive ranges met at the same record, which fails only
// if quoted fields spanning lines appear beyond the sniffer's sample.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <unordered_map>

#include "execution/table_function/csv_file.h"
#include "execution/table_function/csv_options.h"
#include "execution/table_function/csv_range_scanner.h"
#include "execution/table_function/csv_sniffer.h"
#include "execution/table_function/table_function.h"
#include "execution/table_function/table_function_list.h"

namespace fluxdb {

namespace {

constexpr idx_t kMinRangeBytes = 1 << 20;
constexpr idx_t kMaxRangeBytes = 8 << 20;

struct CsvReadData : TableFunctionData {
  CsvOptions options;
  std::shared_ptr<CsvFile> file;
  idx_t data_start = 0;
  bool serial = false;
};

struct CsvCursor {
  std::unique_ptr<CsvRangeScanner> scanner;
  idx_t range = 0;
  idx_t chunk = 0;
  std::unique_ptr<char[]> spare_buffer;  // the last range's read buffer, for the next range
  idx_t spare_capacity = 0;
};

struct CsvScanState : GlobalSourceState {
  std::vector<std::pair<idx_t, idx_t>> ranges;
  std::atomic<idx_t> next_range{0};
  std::mutex mutex;
  std::unordered_map<const LocalSourceState*, CsvCursor> cursors;
  std::vector<idx_t> first_record;
  std::vector<idx_t> next_record;
  idx_t finished = 0;
  idx_t MaxThreads() const override { return std::max<idx_t>(1, ranges.size()); }
};

StatusOr<TableFunctionBindResult> BindReadCsv(TableFunctionBindInput& input) {
  const Value& path = input.arguments[0];
  if (path.is_null() || path.type().id() != TypeId::kVarchar) {
    return BinderError("read_csv needs a file name (VARCHAR) as its first argument");
  }
  auto data = std::make_unique<CsvReadData>();
  for (const auto& [name, value] : input.named) {
    FLUX_RETURN_IF_ERROR(data->options.Set(name, value, /*for_write=*/false));
  }
  FLUX_ASSIGN_OR_RETURN(data->file, CsvFile::Open(path.GetString()));
  FLUX_ASSIGN_OR_RETURN(CsvSniffResult sniffed, SniffCsv(*data->file, data->options));
  data->data_start = sniffed.data_start;
  data->serial = sniffed.needs_serial_scan || !data->options.parallel;
  TableFunctionBindResult result;
  result.names = data->options.names;
  result.types = data->options.types;
  result.estimated_cardinality =
      std::max<idx_t>(1, (data->file->size() - std::min(data->file->size(), data->data_start)) /
                             std::max<idx_t>(8, 6 * result.types.size()));
  result.data = std::move(data);
  return result;
}

StatusOr<std::unique_ptr<GlobalSourceState>> InitReadCsv(ExecutionContext& context,
                                                         const TableFunctionData& bind_data) {
  const auto& data = static_cast<const CsvReadData&>(bind_data);
  auto state = std::make_unique<CsvScanState>();
  idx_t start = data.data_start;
  idx_t size = data.file->size();
  if (start < size) {
    idx_t threads = context.settings != nullptr ? context.settings->threads : 1;
    idx_t bytes = size - start;
    if (data.serial || threads <= 1) {
      state->ranges.emplace_back(start, size);
    } else {
      idx_t range = std::clamp<idx_t>(bytes / (threads * 4), kMinRangeBytes, kMaxRangeBytes);
      for (idx_t s = start; s < size; s += range) {
        state->ranges.emplace_back(s, std::min(size, s + range));
      }
    }
  }
  state->first_record.assign(state->ranges.size(), 0);
  state->next_record.assign(state->ranges.size(), 0);
  return std::unique_ptr<GlobalSourceState>(std::move(state));
}

/// Records where a finished range began and ended; the last one checks the seams.
Status FinishRange(const CsvReadData& data, CsvScanState& state, const CsvCursor& cursor) {
  std::lock_guard lock(state.mutex);
  state.first_record[cursor.range] = cursor.scanner->first_record();
  state.next_record[cursor.range] = cursor.scanner->next_record();
  if (++state.finished < state.ranges.size()) return Status();
  for (idx_t i = 0; i + 1 < state.ranges.size(); i++) {
    if (state.next_record[i] != state.first_record[i + 1]) {
      return InvalidInputError(
          "CSV file \"", data.file->path(),
          "\" has quoted fields spanning lines beyond the sampled rows, which the parallel reader "
          "cannot split; read it with parallel=false");
    }
  }
  return Status();
}

StatusOr<SourceResult> ScanReadCsv(ExecutionContext&, const TableFunctionData& bind_data,
                                   GlobalSourceState& global, LocalSourceState& local,
                                   DataChunk& out) {
  const auto& data = static_cast<const CsvReadData&>(bind_data);
  auto& state = static_cast<CsvScanState&>(global);
  CsvCursor* cursor;
  {
    std::lock_guard lock(state.mutex);
    cursor = &state.cursors[&local];
  }
  while (true) {
    if (cursor->scanner == nullptr) {
      idx_t range = state.next_range.fetch_add(1);
      if (range >= state.ranges.size()) {
        out.SetCardinality(0);
        return SourceResult::kFinished;
      }
      cursor->scanner =
          std::make_unique<CsvRangeScanner>(data.file, data.options, state.ranges[range].first,
                                            state.ranges[range].second, range == 0);
      cursor->scanner->AdoptBuffer(std::move(cursor->spare_buffer), cursor->spare_capacity);
      cursor->range = range;
      cursor->chunk = 0;
    }
    FLUX_ASSIGN_OR_RETURN(bool more, cursor->scanner->Next(out));
    local.batch_index = (cursor->range << 32) | cursor->chunk++;
    if (!more) {
      FLUX_RETURN_IF_ERROR(FinishRange(data, state, *cursor));
      cursor->spare_buffer = cursor->scanner->ReleaseBuffer(&cursor->spare_capacity);
      cursor->scanner.reset();
    }
    if (out.size() > 0) return SourceResult::kHaveMoreOutput;
  }
}

}  // namespace

void AddCsvFunctions(std::vector<TableFunction>& functions) {
  functions.push_back(TableFunction{"read_csv", 1, 1, BindReadCsv, InitReadCsv, ScanReadCsv});
  functions.push_back(TableFunction{"read_csv_auto", 1, 1, BindReadCsv, InitReadCsv, ScanReadCsv});
}

}  // namespace fluxdb
