// PhysicalOperator: a node of an executable plan, in up to three roles.
//
//  - source:   produces chunks (table scan, or a sink's result after it finished: aggregate
//              groups, sorted rows). GetData is called by several threads at once when the
//              global source state allows it (MaxThreads), each with its own local state.
//  - operator: turns an input chunk into output chunks (filter, projection, join probe).
//              Execute may be called concurrently with different OperatorStates.
//  - sink:     consumes every chunk of a pipeline (aggregate, sort, join build, result).
//              Sink runs concurrently on thread-local states; Combine merges a thread's local
//              state into the global one (called once per thread, serialized by the caller
//              only if the operator says so - implementations lock as needed); Finalize runs
//              exactly once, after every pipeline feeding this sink has combined.
// The operator object is immutable during execution except for `sink_state` (set by the
// executor, read by the source role after Finalize) and the atomic profile counters.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "common/status.h"
#include "execution/execution_context.h"

namespace fluxdb {

enum class PhysicalOperatorType : uint8_t {
  kTableScan,
  kDummyScan,
  kColumnDataScan,
  kTableFunction,
  kFilter,
  kProjection,
  kHashAggregate,
  kUngroupedAggregate,
  kOrder,
  kTopN,
  kLimit,
  kHashJoin,
  kNestedLoopJoin,
  kCrossProduct,
  kUnion,
  kWindow,
  kInsert,
  kDelete,
  kUpdate,
  kResultCollector,
  kCreateTableAs,
  kEmptyResult,
  kMaterializedCte,
  kCteScan,
};

enum class OperatorResult : uint8_t { kNeedMoreInput, kHaveMoreOutput, kFinished };
enum class SinkResult : uint8_t { kNeedMoreInput, kFinished };
enum class SourceResult : uint8_t { kHaveMoreOutput, kFinished };

struct GlobalSourceState {
  virtual ~GlobalSourceState() = default;
  /// How many threads may call GetData at once.
  virtual idx_t MaxThreads() const { return 1; }
};
struct LocalSourceState {
  virtual ~LocalSourceState() = default;
  /// Order key of the chunk last produced (row group index for scans), so that order-preserving
  /// sinks can restore insertion order across threads.
  idx_t batch_index = 0;
};
struct OperatorState {
  virtual ~OperatorState() = default;
};
struct GlobalSinkState {
  virtual ~GlobalSinkState() = default;
};
struct LocalSinkState {
  virtual ~LocalSinkState() = default;
  /// Batch index of the chunk being sunk (copied from the pipeline's source state).
  idx_t batch_index = 0;
};

/// Counters shown by EXPLAIN ANALYZE, summed over threads.
struct OperatorProfile {
  std::atomic<uint64_t> rows_out{0};
  std::atomic<uint64_t> nanos{0};
  std::atomic<uint64_t> calls{0};
};

class PhysicalOperator {
 public:
  PhysicalOperator(PhysicalOperatorType type, std::vector<LogicalType> types,
                   idx_t estimated_cardinality);
  virtual ~PhysicalOperator();

  PhysicalOperatorType type() const { return type_; }
  const std::vector<LogicalType>& types() const { return types_; }
  idx_t estimated_cardinality() const { return estimated_cardinality_; }
  /// Operator name for EXPLAIN (e.g. "HASH_GROUP_BY").
  virtual std::string Name() const;
  /// Operator details for EXPLAIN, one item per line.
  virtual std::vector<std::string> Details() const { return {}; }
  /// Extra run-time lines for EXPLAIN ANALYZE (e.g. chunks pruned).
  virtual std::vector<std::string> RuntimeDetails() const { return {}; }

  // ---- source ----
  virtual bool IsSource() const { return false; }
  virtual StatusOr<std::unique_ptr<GlobalSourceState>> GetGlobalSourceState(
      ExecutionContext& context) const;
  virtual StatusOr<std::unique_ptr<LocalSourceState>> GetLocalSourceState(
      ExecutionContext& context, GlobalSourceState& global) const;
  virtual StatusOr<SourceResult> GetData(ExecutionContext& context, DataChunk& chunk,
                                         GlobalSourceState& global,
                                         LocalSourceState& local) const;

  // ---- operator ----
  virtual StatusOr<std::unique_ptr<OperatorState>> GetOperatorState(
      ExecutionContext& context) const;
  virtual StatusOr<OperatorResult> Execute(ExecutionContext& context, DataChunk& input,
                                           DataChunk& output, OperatorState& state) const;

  // ---- sink ----
  virtual bool IsSink() const { return false; }
  virtual StatusOr<std::unique_ptr<GlobalSinkState>> GetGlobalSinkState(
      ExecutionContext& context) const;
  virtual StatusOr<std::unique_ptr<LocalSinkState>> GetLocalSinkState(
      ExecutionContext& context, GlobalSinkState& global) const;
  virtual StatusOr<SinkResult> Sink(ExecutionContext& context, DataChunk& chunk,
                                    GlobalSinkState& global, LocalSinkState& local) const;
  virtual Status Combine(ExecutionContext& context, GlobalSinkState& global,
                         LocalSinkState& local) const;
  virtual Status Finalize(ExecutionContext& context, GlobalSinkState& global) const;
  /// Whether a sink needs its input in insertion order (batch indexes tracked).
  virtual bool SinkOrderDependent() const { return false; }

  /// For operators that are a sink on their second child and stream their first (joins):
  /// true. The pipeline builder then builds children[1] into this sink.
  virtual bool IsJoinLikeSink() const { return false; }

  /// Streaming operators with output left after their input ends (a FULL join's unmatched build
  /// rows): the executor calls GetFinalOutput once the pipeline finished, single-threaded,
  /// until it returns kFinished; `position` starts at 0 and is the operator's cursor.
  virtual bool HasFinalOutput() const { return false; }
  virtual StatusOr<SourceResult> GetFinalOutput(ExecutionContext& context, DataChunk& chunk,
                                                idx_t* position) const {
    return SourceResult::kFinished;
  }
  /// A source reading another operator's sink state (a CTE scan): that sink must be finished
  /// before this source's pipeline starts.
  virtual const PhysicalOperator* SourceDependency() const { return nullptr; }

  std::vector<std::unique_ptr<PhysicalOperator>> children;
  /// The global sink state, owned by the operator for the duration of one execution.
  mutable std::unique_ptr<GlobalSinkState> sink_state;
  mutable OperatorProfile profile;

 protected:
  PhysicalOperatorType type_;
  std::vector<LogicalType> types_;
  idx_t estimated_cardinality_;
};

using PhysicalOperatorPtr = std::unique_ptr<PhysicalOperator>;

}  // namespace fluxdb
