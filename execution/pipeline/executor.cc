#include "execution/pipeline/executor.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>

#include "execution/pipeline/task_scheduler.h"

namespace fluxdb {

namespace {

class ScopedTimer {
 public:
  explicit ScopedTimer(OperatorProfile& profile)
      : profile_(profile), start_(std::chrono::steady_clock::now()) {}
  ~ScopedTimer() {
    auto elapsed = std::chrono::steady_clock::now() - start_;
    profile_.nanos.fetch_add(
        std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count(),
        std::memory_order_relaxed);
    profile_.calls.fetch_add(1, std::memory_order_relaxed);
  }

 private:
  OperatorProfile& profile_;
  std::chrono::steady_clock::time_point start_;
};

// One thread's run of a pipeline: owns the thread-local states and intermediate chunks.
class PipelineTask {
 public:
  PipelineTask(ExecutionContext& context, const Pipeline& pipeline, GlobalSourceState& global,
               std::atomic<bool>& stop)
      : context_(context), pipeline_(pipeline), global_(global), stop_(stop) {}

  Status Run() {
    FLUX_ASSIGN_OR_RETURN(local_source_, pipeline_.source->GetLocalSourceState(context_, global_));
    FLUX_RETURN_IF_ERROR(InitializeStates());
    DataChunk source_chunk;
    source_chunk.Initialize(pipeline_.source->types());
    while (!stop_.load(std::memory_order_relaxed)) {
      FLUX_RETURN_IF_ERROR(context_.CheckRunning());
      source_chunk.Reset();
      SourceResult result;
      {
        ScopedTimer timer(pipeline_.source->profile);
        FLUX_ASSIGN_OR_RETURN(result, pipeline_.source->GetData(context_, source_chunk, global_,
                                                                *local_source_));
      }
      if (source_chunk.size() > 0) {
        pipeline_.source->profile.rows_out.fetch_add(source_chunk.size(),
                                                     std::memory_order_relaxed);
        local_sink_->batch_index = pipeline_.batch_offset + local_source_->batch_index;
        FLUX_RETURN_IF_ERROR(Push(0, source_chunk));
      }
      if (result == SourceResult::kFinished) break;
    }
    FLUX_RETURN_IF_ERROR(context_.CheckRunning());
    ScopedTimer timer(pipeline_.sink->profile);
    return pipeline_.sink->Combine(context_, *pipeline_.sink->sink_state, *local_sink_);
  }

  /// Pushes what operator `index` emits after its input ended (FULL join's unmatched rows)
  /// through the rest of the pipeline.
  Status RunFinalOutput(idx_t index) {
    FLUX_RETURN_IF_ERROR(InitializeStates());
    const PhysicalOperator* op = pipeline_.operators[index];
    DataChunk chunk;
    chunk.Initialize(op->types());
    idx_t position = 0;
    while (!stop_.load(std::memory_order_relaxed)) {
      FLUX_RETURN_IF_ERROR(context_.CheckRunning());
      chunk.Reset();
      FLUX_ASSIGN_OR_RETURN(SourceResult result, op->GetFinalOutput(context_, chunk, &position));
      if (chunk.size() > 0) {
        op->profile.rows_out.fetch_add(chunk.size(), std::memory_order_relaxed);
        FLUX_RETURN_IF_ERROR(Push(index + 1, chunk));
      }
      if (result == SourceResult::kFinished) break;
    }
    return pipeline_.sink->Combine(context_, *pipeline_.sink->sink_state, *local_sink_);
  }

 private:
  Status InitializeStates() {
    for (const PhysicalOperator* op : pipeline_.operators) {
      FLUX_ASSIGN_OR_RETURN(auto state, op->GetOperatorState(context_));
      states_.push_back(std::move(state));
      outputs_.emplace_back();
      outputs_.back().Initialize(op->types());
    }
    FLUX_ASSIGN_OR_RETURN(local_sink_,
                          pipeline_.sink->GetLocalSinkState(context_, *pipeline_.sink->sink_state));
    return Status();
  }

  Status Push(idx_t index, DataChunk& chunk) {
    if (index == pipeline_.operators.size()) {
      SinkResult result;
      {
        ScopedTimer timer(pipeline_.sink->profile);
        FLUX_ASSIGN_OR_RETURN(result, pipeline_.sink->Sink(context_, chunk,
                                                           *pipeline_.sink->sink_state,
                                                           *local_sink_));
      }
      if (result == SinkResult::kFinished) stop_.store(true);
      return Status();
    }
    const PhysicalOperator* op = pipeline_.operators[index];
    DataChunk& output = outputs_[index];
    while (true) {
      output.Reset();
      OperatorResult result;
      {
        ScopedTimer timer(op->profile);
        FLUX_ASSIGN_OR_RETURN(result, op->Execute(context_, chunk, output, *states_[index]));
      }
      if (output.size() > 0) {
        op->profile.rows_out.fetch_add(output.size(), std::memory_order_relaxed);
        FLUX_RETURN_IF_ERROR(Push(index + 1, output));
      }
      if (result == OperatorResult::kFinished) {
        stop_.store(true);
        return Status();
      }
      if (result != OperatorResult::kHaveMoreOutput || stop_.load(std::memory_order_relaxed)) {
        return Status();
      }
    }
  }

  ExecutionContext& context_;
  const Pipeline& pipeline_;
  GlobalSourceState& global_;
  std::atomic<bool>& stop_;
  std::unique_ptr<LocalSourceState> local_source_;
  std::vector<std::unique_ptr<OperatorState>> states_;
  std::vector<DataChunk> outputs_;
  std::unique_ptr<LocalSinkState> local_sink_;
};

}  // namespace

Status Executor::Build(const PhysicalOperator& op, Pipeline* current) {
  if (op.type() == PhysicalOperatorType::kUnion) {
    // The right input's rows come after all of the left input's (UNION ALL keeps its inputs'
    // order, as DuckDB): its pipeline is listed, so run, after the left's, and its batches
    // are numbered after those of every branch of the left.
    auto copy = std::make_unique<Pipeline>();
    copy->operators = current->operators;
    copy->sink = current->sink;
    FLUX_RETURN_IF_ERROR(Build(*op.children[0], current));
    copy->batch_offset = ++union_branches_ << 32;
    Pipeline* second = copy.get();
    pipelines_.push_back(std::move(copy));
    return Build(*op.children[1], second);
  }
  if (op.IsJoinLikeSink()) {
    current->operators.insert(current->operators.begin(), &op);
    auto build = std::make_unique<Pipeline>();
    build->sink = &op;
    Pipeline* build_pipeline = build.get();
    pipelines_.push_back(std::move(build));
    FLUX_RETURN_IF_ERROR(Build(*op.children[1], build_pipeline));
    return Build(*op.children[0], current);
  }
  if (op.IsSink()) {
    current->source = &op;
    if (op.children.empty()) return InternalError(op.Name(), " sink without input");
    auto child = std::make_unique<Pipeline>();
    child->sink = &op;
    Pipeline* child_pipeline = child.get();
    pipelines_.push_back(std::move(child));
    return Build(*op.children[0], child_pipeline);
  }
  if (op.IsSource()) {
    current->source = &op;
    return Status();
  }
  if (op.children.size() != 1) return InternalError(op.Name(), " has no place in a pipeline");
  current->operators.insert(current->operators.begin(), &op);
  return Build(*op.children[0], current);
}

bool Executor::IsReady(const Pipeline& pipeline) const {
  auto sink_done = [&](const PhysicalOperator* sink) {
    for (const auto& other : pipelines_) {
      if (other->sink == sink && !other->done) return false;
    }
    return true;
  };
  if (pipeline.source->IsSink() && !sink_done(pipeline.source)) return false;
  if (const PhysicalOperator* dependency = pipeline.source->SourceDependency()) {
    if (!sink_done(dependency)) return false;
  }
  for (const PhysicalOperator* op : pipeline.operators) {
    if (op->IsJoinLikeSink() && !sink_done(op)) return false;
  }
  return true;
}

Status Executor::RunPipeline(Pipeline& pipeline) {
  FLUX_ASSIGN_OR_RETURN(auto global, pipeline.source->GetGlobalSourceState(context_));
  idx_t threads = context_.settings ? context_.settings->threads : 1;
  threads = std::max<idx_t>(1, std::min<idx_t>(threads, global->MaxThreads()));
  std::atomic<bool> stop{false};
  std::mutex error_mutex;
  Status error;
  auto task = [&](idx_t) {
    MemoryTracker::Scope memory_scope(context_.memory);
    PipelineTask runner(context_, pipeline, *global, stop);
    Status status = runner.Run();
    if (!status.ok()) {
      std::lock_guard lock(error_mutex);
      if (error.ok()) error = status;
      stop.store(true);
    }
  };
  if (threads > 1 && context_.scheduler != nullptr) {
    context_.scheduler->RunParallel(threads, task);
  } else {
    task(0);
  }
  FLUX_RETURN_IF_ERROR(error);
  // What Combine merged (a thread's hash table into the global one) counts too.
  FLUX_RETURN_IF_ERROR(context_.CheckMemory());
  for (idx_t i = 0; i < pipeline.operators.size(); i++) {
    if (!pipeline.operators[i]->HasFinalOutput()) continue;
    PipelineTask runner(context_, pipeline, *global, stop);
    FLUX_RETURN_IF_ERROR(runner.RunFinalOutput(i));
  }
  return Status();
}

Executor::~Executor() {
  for (auto& pipeline : pipelines_) {
    if (pipeline->sink != nullptr) pipeline->sink->sink_state.reset();
  }
}

Status Executor::Execute(const PhysicalOperator& root) {
  MemoryTracker::Scope memory_scope(context_.memory);
  pipelines_.clear();
  union_branches_ = 0;
  if (!root.IsSink()) return InternalError("plan root ", root.Name(), " is not a sink");
  auto top = std::make_unique<Pipeline>();
  top->sink = &root;
  Pipeline* top_pipeline = top.get();
  pipelines_.push_back(std::move(top));
  FLUX_RETURN_IF_ERROR(Build(*root.children[0], top_pipeline));
  // Every sink gets its global state before anything runs.
  for (auto& pipeline : pipelines_) {
    if (!pipeline->sink->sink_state) {
      FLUX_ASSIGN_OR_RETURN(pipeline->sink->sink_state,
                            pipeline->sink->GetGlobalSinkState(context_));
    }
  }
  size_t remaining = pipelines_.size();
  while (remaining > 0) {
    Pipeline* next = nullptr;
    for (auto& pipeline : pipelines_) {
      if (!pipeline->done && IsReady(*pipeline)) {
        next = pipeline.get();
        break;
      }
    }
    if (next == nullptr) return InternalError("pipeline dependency cycle");
    FLUX_RETURN_IF_ERROR(RunPipeline(*next));
    next->done = true;
    remaining--;
    bool sink_complete = true;
    for (auto& pipeline : pipelines_) {
      if (pipeline->sink == next->sink && !pipeline->done) sink_complete = false;
    }
    if (sink_complete) {
      ScopedTimer timer(next->sink->profile);
      FLUX_RETURN_IF_ERROR(next->sink->Finalize(context_, *next->sink->sink_state));
      FLUX_RETURN_IF_ERROR(context_.CheckRunning());
    }
  }
  return Status();
}

}  // namespace fluxdb
