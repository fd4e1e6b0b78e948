// Writing CSV: formatting chunks as text and the COPY ... TO sink.
//
// Values are written as CAST(x AS VARCHAR) prints them (DuckDB's CSV writer does the same);
// integers, decimals, doubles, dates and timestamps are formatted straight into the output buffer
// without a std::string per value. Strings are quoted when they hold the delimiter, the quote, a
// line break, or equal the NULL text (so '' is written as "" and NULL as nothing).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "execution/operator/physical_operator.h"
#include "execution/table_function/csv_options.h"

namespace fluxdb {

/// Appends the rows of `chunk` (any vector encoding) to `out`, one line each.
void FormatCsvChunk(const DataChunk& chunk, const CsvOptions& options, std::string* out);
/// Appends the header line.
void FormatCsvHeader(const std::vector<std::string>& names, const CsvOptions& options,
                     std::string* out);

/// Shortest round-trip text of a double as CAST(x AS VARCHAR) prints it (FormatDouble's output,
/// without allocating).
void AppendCsvDouble(double value, std::string* out);
void AppendCsvFloat(float value, std::string* out);

/// COPY ... TO 'file' (FORMAT csv): a sink that writes its input to a file and then produces
/// the number of rows written. Threads format their chunks in parallel; text is written in
/// batch-index order, as soon as no thread can still produce an earlier batch.
class PhysicalCsvWrite : public PhysicalOperator {
 public:
  PhysicalCsvWrite(std::vector<LogicalType> input_types, std::vector<std::string> names,
                   CsvOptions options, std::string path, bool preserve_order);

  std::string Name() const override { return "COPY_TO_FILE"; }
  std::vector<std::string> Details() const override { return {path_}; }
  bool IsSink() const override { return true; }
  bool SinkOrderDependent() const override { return preserve_order_; }
  StatusOr<std::unique_ptr<GlobalSinkState>> GetGlobalSinkState(
      ExecutionContext& context) const override;
  StatusOr<std::unique_ptr<LocalSinkState>> GetLocalSinkState(
      ExecutionContext& context, GlobalSinkState& global) const override;
  StatusOr<SinkResult> Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                            LocalSinkState& local) const override;
  Status Combine(ExecutionContext& context, GlobalSinkState& global,
                 LocalSinkState& local) const override;
  Status Finalize(ExecutionContext& context, GlobalSinkState& global) const override;

  /// Rows written (valid after Finalize).
  idx_t RowsWritten() const;

 private:
  std::vector<std::string> names_;
  CsvOptions options_;
  std::string path_;
  bool preserve_order_;
  mutable idx_t rows_written_ = 0;
};

}  // namespace fluxdb
