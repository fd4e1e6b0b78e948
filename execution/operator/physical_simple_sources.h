// Sources that produce rows without reading a table: a single empty row (SELECT without FROM),
// nothing at all (a filter known to be false), and rows already materialized (VALUES lists).
#pragma once

#include <memory>

#include "common/chunk_collection.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

/// One row with no columns.
class PhysicalDummyScan : public PhysicalOperator {
 public:
  PhysicalDummyScan() : PhysicalOperator(PhysicalOperatorType::kDummyScan, {}, 1) {}
  bool IsSource() const override { return true; }
  StatusOr<SourceResult> GetData(ExecutionContext& context, DataChunk& chunk,
                                 GlobalSourceState& global, LocalSourceState& local) const override;
};

/// No rows.
class PhysicalEmptyResult : public PhysicalOperator {
 public:
  explicit PhysicalEmptyResult(std::vector<LogicalType> types)
      : PhysicalOperator(PhysicalOperatorType::kEmptyResult, std::move(types), 0) {}
  bool IsSource() const override { return true; }
  StatusOr<SourceResult> GetData(ExecutionContext& context, DataChunk& chunk,
                                 GlobalSourceState& global, LocalSourceState& local) const override;
};

/// The rows of a ChunkCollection (shared: a CTE may be scanned several times).
class PhysicalColumnDataScan : public PhysicalOperator {
 public:
  PhysicalColumnDataScan(std::vector<LogicalType> types,
                         std::shared_ptr<const ChunkCollection> collection)
      : PhysicalOperator(PhysicalOperatorType::kColumnDataScan, std::move(types),
                         collection->row_count()),
        collection(std::move(collection)) {}
  bool IsSource() const override { return true; }
  StatusOr<std::unique_ptr<GlobalSourceState>> GetGlobalSourceState(
      ExecutionContext& context) const override;
  StatusOr<SourceResult> GetData(ExecutionContext& context, DataChunk& chunk,
                                 GlobalSourceState& global, LocalSourceState& local) const override;

  std::shared_ptr<const ChunkCollection> collection;
};

/// UNION ALL of two inputs: the executor runs each child into the same pipeline tail.
class PhysicalUnion : public PhysicalOperator {
 public:
  PhysicalUnion(std::vector<LogicalType> types, idx_t cardinality)
      : PhysicalOperator(PhysicalOperatorType::kUnion, std::move(types), cardinality) {}
};

}  // namespace fluxdb
