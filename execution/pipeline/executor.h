// Executor: splits a physical plan into pipelines and runs them.
//
// A pipeline is source -> streaming operators -> sink. Every sink (aggregate, sort, join build,
// the result collector) ends one pipeline, and its source role starts the next. Pipelines run
// in dependency order; each runs on as many threads as its source allows (morsels: a table
// scan's row groups), with thread-local operator and sink states that the sink then combines.
#pragma once

#include <memory>
#include <vector>

#include "common/status.h"
#include "execution/execution_context.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

struct Pipeline {
  const PhysicalOperator* source = nullptr;
  /// Streaming operators in the order data flows through them.
  std::vector<const PhysicalOperator*> operators;
  const PhysicalOperator* sink = nullptr;
  bool done = false;
  /// Added to the source's batch indexes: the branches of a UNION feeding one sink number
  /// their batches apart, in the order of the branches.
  idx_t batch_offset = 0;
};

class Executor {
 public:
  explicit Executor(ExecutionContext& context) : context_(context) {}
  /// Releases every sink's global state while the operators (whose expressions the states
  /// may refer to) are still alive: keep the Executor's lifetime inside the plan's.
  ~Executor();

  /// Runs the plan whose root is a sink (result collector, insert ...).
  Status Execute(const PhysicalOperator& root);

  const std::vector<std::unique_ptr<Pipeline>>& pipelines() const { return pipelines_; }

 private:
  Status Build(const PhysicalOperator& op, Pipeline* current);
  Status RunPipeline(Pipeline& pipeline);
  bool IsReady(const Pipeline& pipeline) const;

  ExecutionContext& context_;
  std::vector<std::unique_ptr<Pipeline>> pipelines_;
  idx_t union_branches_ = 0;  // UNION branch pipelines made so far
};

}  // namespace fluxdb
