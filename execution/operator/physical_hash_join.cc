#include "execution/operator/physical_hash_join.h"

#include <mutex>

#include "common/chunk_collection.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/comparison_kernels.h"
#include "execution/hash/vector_hash.h"
#include "execution/join/join_hash_table.h"
#include "execution/pipeline/task_scheduler.h"

namespace fluxdb {

namespace {

std::vector<LogicalType> ExpressionTypes(const BoundExprList& list) {
  std::vector<LogicalType> types;
  for (const auto& e : list) types.push_back(e->type);
  return types;
}

struct JoinGlobalState : GlobalSinkState {
  std::mutex mutex;
  std::unique_ptr<JoinBuildRows> rows;
  std::unique_ptr<JoinHashTable> table;
};

struct JoinLocalState : LocalSinkState {
  JoinLocalState(const ExecutionContext* context, const BoundExprList& keys,
                 const std::vector<LogicalType>& payload_types)
      : key_executor(context, keys), rows(ExpressionTypes(keys), payload_types) {
    key_values.Initialize(ExpressionTypes(keys));
  }
  ExpressionExecutor key_executor;
  DataChunk key_values;
  JoinBuildRows rows;
};

struct ProbeState : OperatorState {
  ProbeState(const ExecutionContext* context, const PhysicalHashJoin& join)
      : key_executor(context, join.left_keys), left_selection(kVectorSize) {
    key_values.Initialize(ExpressionTypes(join.left_keys));
    std::vector<LogicalType> pair_types(join.types().begin(),
                                        join.types().begin() + join.left_count);
    // Pairs are [left..., right payload...] regardless of the output shape.
    const auto& right_types = join.children[1]->types();
    pair_types.insert(pair_types.end(), right_types.begin(), right_types.end());
    pair_chunk.Initialize(pair_types);
    if (join.residual) residual_executor = std::make_unique<ExpressionExecutor>(context);
    if (join.residual) residual_executor->AddExpression(*join.residual);
    if (join.mark_predicate) {
      mark_executor = std::make_unique<ExpressionExecutor>(context);
      mark_comparison = BoundExpression::Comparison(join.mark_predicate->comparison,
                                                    join.mark_predicate->left->Copy(),
                                                    join.mark_predicate->right->Copy());
      mark_executor->AddExpression(*mark_comparison);
    }
  }
  ExpressionExecutor key_executor;
  DataChunk key_values;
  // Per probe row of the current input chunk: the chain of build rows with equal keys.
  const uint8_t* heads[kVectorSize];
  // Resumable probe position over the current input chunk.
  bool in_progress = false;
  idx_t probe_row = 0;
  const uint8_t* chain_row = nullptr;
  std::vector<uint8_t> found;     // per probe row: a pair passed
  std::vector<uint8_t> saw_null;  // per probe row: a mark comparison was NULL
  std::vector<const uint8_t*> single_match;
  std::vector<idx_t> match_count;
  // Candidate pairs of one batch.
  SelectionVector left_selection;
  const uint8_t* right_rows[kVectorSize];
  DataChunk pair_chunk;
  std::unique_ptr<ExpressionExecutor> residual_executor;
  std::unique_ptr<ExpressionExecutor> mark_executor;
  BoundExprPtr mark_comparison;
};

}  // namespace

PhysicalHashJoin::PhysicalHashJoin(std::vector<LogicalType> types, PhysicalJoinKind kind,
                                   BoundExprList left_keys, BoundExprList right_keys,
                                   std::vector<ComparisonType> key_comparisons,
                                   BoundExprPtr residual, idx_t cardinality)
    : PhysicalOperator(PhysicalOperatorType::kHashJoin, std::move(types), cardinality),
      kind(kind),
      left_keys(std::move(left_keys)),
      right_keys(std::move(right_keys)),
      key_comparisons(std::move(key_comparisons)),
      residual(std::move(residual)),
      left_count(0),
      right_count(0) {}

std::string PhysicalHashJoin::Name() const {
  if (!left_keys.empty()) return "HASH_JOIN";
  if (!residual && !mark_predicate && kind == PhysicalJoinKind::kInner) return "CROSS_PRODUCT";
  return "NESTED_LOOP_JOIN";
}

std::vector<std::string> PhysicalHashJoin::Details() const {
  static const char* kKinds[] = {"INNER", "LEFT", "FULL", "SEMI", "ANTI", "MARK", "SINGLE"};
  std::vector<std::string> details = {kKinds[static_cast<int>(kind)]};
  for (idx_t i = 0; i < left_keys.size(); i++) {
    details.push_back(Concat(left_keys[i]->ToString(), " ",
                             ComparisonTypeSymbol(key_comparisons[i]), " ",
                             right_keys[i]->ToString()));
  }
  if (mark_predicate) {
    details.push_back(Concat(mark_predicate->left->ToString(), " ",
                             ComparisonTypeSymbol(mark_predicate->comparison), " ",
                             mark_predicate->right->ToString()));
  }
  if (residual) details.push_back(residual->ToString());
  return details;
}

std::vector<LogicalType> PhysicalHashJoin::StoredPayloadTypes() const {
  // SEMI / ANTI / MARK joins that compare nothing beyond the keys only ask whether a key
  // exists: the build side's other columns (all of lineitem's, for an EXISTS) are not stored.
  bool keys_only = (kind == PhysicalJoinKind::kSemi || kind == PhysicalJoinKind::kAnti ||
                    kind == PhysicalJoinKind::kMark) &&
                   !residual && !mark_predicate;
  if (keys_only) return {};
  return children[1]->types();
}

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalHashJoin::GetGlobalSinkState(
    ExecutionContext&) const {
  auto state = std::make_unique<JoinGlobalState>();
  state->rows = std::make_unique<JoinBuildRows>(ExpressionTypes(right_keys), StoredPayloadTypes());
  return std::unique_ptr<GlobalSinkState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalHashJoin::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState&) const {
  return std::unique_ptr<LocalSinkState>(
      std::make_unique<JoinLocalState>(&context, right_keys, StoredPayloadTypes()));
}

StatusOr<SinkResult> PhysicalHashJoin::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                            LocalSinkState& local) const {
  auto& l = static_cast<JoinLocalState&>(local);
  FLUX_RETURN_IF_ERROR(l.key_executor.Execute(chunk, l.key_values));
  // Only the leading StoredPayloadTypes() columns are stored (none, or all of them).
  l.rows.Append(l.key_values, chunk);
  return SinkResult::kNeedMoreInput;
}

Status PhysicalHashJoin::Combine(ExecutionContext&, GlobalSinkState& global,
                                 LocalSinkState& local) const {
  auto& g = static_cast<JoinGlobalState&>(global);
  auto& l = static_cast<JoinLocalState&>(local);
  std::lock_guard lock(g.mutex);
  g.rows->Merge(std::move(l.rows));
  return Status();
}

Status PhysicalHashJoin::Finalize(ExecutionContext& context, GlobalSinkState& global) const {
  auto& g = static_cast<JoinGlobalState&>(global);
  g.table = std::make_unique<JoinHashTable>(std::move(*g.rows), key_comparisons);
  g.rows.reset();
  // A large build side is linked into the table by every thread.
  constexpr idx_t kParallelInsertRows = 256 * 1024;
  idx_t threads = context.settings != nullptr ? context.settings->threads : 1;
  if (threads > 1 && context.scheduler != nullptr && g.table->row_count() >= kParallelInsertRows) {
    JoinHashTable& table = *g.table;
    context.scheduler->RunParallel(threads, [&](idx_t task) {
      MemoryTracker::Scope memory_scope(context.memory);
      table.InsertRows(task, threads);
    });
  } else {
    g.table->InsertRows(0, 1);
  }
  return Status();
}

StatusOr<std::unique_ptr<OperatorState>> PhysicalHashJoin::GetOperatorState(
    ExecutionContext& context) const {
  return std::unique_ptr<OperatorState>(std::make_unique<ProbeState>(&context, *this));
}

namespace {

// Fills the pair buffer from the current position; returns the number of pairs. Every row of a
// chain matches its probe row's keys, so this only walks chains.
idx_t NextPairs(ProbeState& s, idx_t n) {
  idx_t pairs = 0;
  idx_t probe = s.probe_row;
  const uint8_t* row = s.chain_row;
  while (probe < n && pairs < kVectorSize) {
    if (row == nullptr) {
      probe++;
      if (probe < n) row = s.heads[probe];
      continue;
    }
    s.left_selection.set_index(pairs, probe);
    s.right_rows[pairs] = row;
    pairs++;
    row = JoinHashTable::Next(row);
  }
  s.probe_row = probe;
  s.chain_row = row;
  return pairs;
}

// Builds [left..., right payload...] for the pairs in the buffer.
void BuildPairs(const JoinHashTable& table, ProbeState& s, DataChunk& input, idx_t pairs,
                idx_t left_count) {
  s.pair_chunk.Reset();
  for (idx_t c = 0; c < left_count; c++) {
    s.pair_chunk.column(c).Slice(input.column(c), s.left_selection, pairs);
  }
  table.GatherPayload(s.right_rows, pairs, s.pair_chunk, left_count, false);
  s.pair_chunk.SetCardinality(pairs);
}

// INNER / LEFT joins on a build side without duplicate keys: each probe row has at most one
// partner (its chain head), so the pairs are made in one pass over the chunk, and when every
// probe row matches (a foreign key join) the probe columns are passed on as they are.
void ProbeUnique(const JoinHashTable& table, ProbeState& s, DataChunk& input, idx_t n,
                 idx_t left_count, bool left_join, DataChunk& output) {
  s.pair_chunk.Reset();
  idx_t count = n;
  const uint8_t* const* rows = s.heads;
  if (!left_join) {
    sel_t* sel = s.left_selection.data();
    count = 0;
    for (idx_t i = 0; i < n; i++) {
      const uint8_t* head = s.heads[i];
      s.right_rows[count] = head;
      sel[count] = static_cast<sel_t>(i);
      count += head != nullptr;
    }
    rows = s.right_rows;
    if (count == 0) return;
  }
  for (idx_t c = 0; c < left_count; c++) {
    if (count == n) {
      s.pair_chunk.column(c).Reference(input.column(c));
    } else {
      s.pair_chunk.column(c).Slice(input.column(c), s.left_selection, count);
    }
  }
  // LEFT: a probe row without partner has a null row pointer, which gathers NULLs.
  table.GatherPayload(rows, count, s.pair_chunk, left_count, left_join);
  s.pair_chunk.SetCardinality(count);
  output.Reference(s.pair_chunk);
}

}  // namespace

StatusOr<OperatorResult> PhysicalHashJoin::Execute(ExecutionContext&, DataChunk& input,
                                                   DataChunk& output, OperatorState& state) const {
  auto& s = static_cast<ProbeState&>(state);
  const JoinHashTable& table = *static_cast<JoinGlobalState&>(*sink_state).table;
  const idx_t n = input.size();
  if (!s.in_progress) {
    FLUX_RETURN_IF_ERROR(s.key_executor.Execute(input, s.key_values));
    table.FindChains(s.key_values, n, s.heads);
    if (!residual && !mark_predicate && table.unique() &&
        (kind == PhysicalJoinKind::kInner || kind == PhysicalJoinKind::kLeft)) {
      ProbeUnique(table, s, input, n, left_count, kind == PhysicalJoinKind::kLeft, output);
      return OperatorResult::kNeedMoreInput;
    }
    s.probe_row = 0;
    s.chain_row = n > 0 ? s.heads[0] : nullptr;
    s.found.assign(n, 0);
    s.saw_null.assign(n, 0);
    if (kind == PhysicalJoinKind::kSingle) {
      s.single_match.assign(n, nullptr);
      s.match_count.assign(n, 0);
    }
    s.in_progress = true;
    if (!residual && !mark_predicate) {
      // Every chain row matches: kinds that only ask whether (or how often) a probe row matched
      // need no pairs.
      if (kind == PhysicalJoinKind::kSemi || kind == PhysicalJoinKind::kAnti ||
          kind == PhysicalJoinKind::kMark) {
        for (idx_t i = 0; i < n; i++) s.found[i] = s.heads[i] != nullptr;
        s.probe_row = n;
      } else if (kind == PhysicalJoinKind::kSingle) {
        for (idx_t i = 0; i < n; i++) {
          const uint8_t* head = s.heads[i];
          s.found[i] = head != nullptr;
          s.single_match[i] = head;
          s.match_count[i] = head == nullptr ? 0 : (JoinHashTable::Next(head) ? 2 : 1);
        }
        s.probe_row = n;
      }
    }
  }

  bool pair_output = kind == PhysicalJoinKind::kInner || kind == PhysicalJoinKind::kLeft ||
                     kind == PhysicalJoinKind::kFull;
  SelectionVector kept(kVectorSize);
  while (s.probe_row < n) {
    idx_t pairs = NextPairs(s, n);
    if (pairs == 0) break;
    idx_t passed = pairs;
    bool need_pairs =
        residual || mark_predicate || pair_output || kind == PhysicalJoinKind::kSingle;
    if (need_pairs) BuildPairs(table, s, input, pairs, left_count);
    if (residual) {
      FLUX_ASSIGN_OR_RETURN(passed, s.residual_executor->Select(s.pair_chunk, kept));
    } else {
      for (idx_t i = 0; i < pairs; i++) kept.set_index(i, i);
    }
    if (mark_predicate) {
      // Three-valued: TRUE marks found, NULL marks unknown.
      DataChunk candidates;
      candidates.Reference(s.pair_chunk);
      candidates.Slice(kept, passed);
      Vector result(LogicalType::Boolean());
      FLUX_RETURN_IF_ERROR(s.mark_executor->ExecuteExpression(0, candidates, result));
      UnifiedVector u;
      result.ToUnified(passed, &u);
      for (idx_t i = 0; i < passed; i++) {
        idx_t probe = s.left_selection.get_index(kept.get_index(i));
        idx_t idx = u.index(i);
        if (!u.validity->IsValid(idx)) {
          s.saw_null[probe] = 1;
        } else if (u.values<bool>()[idx]) {
          s.found[probe] = 1;
        }
      }
      continue;
    }
    for (idx_t i = 0; i < passed; i++) {
      idx_t pair = kept.get_index(i);
      idx_t probe = s.left_selection.get_index(pair);
      s.found[probe] = 1;
      if (kind == PhysicalJoinKind::kFull) table.MarkMatched(s.right_rows[pair]);
      if (kind == PhysicalJoinKind::kSingle) {
        s.match_count[probe]++;
        s.single_match[probe] = s.right_rows[pair];
      }
    }
    if (pair_output && passed > 0) {
      output.Reference(s.pair_chunk);
      if (passed < pairs) output.Slice(kept, passed);
      return OperatorResult::kHaveMoreOutput;
    }
  }

  // The input chunk is fully probed: emit what depends on all of its matches.
  s.in_progress = false;
  SelectionVector rows(n == 0 ? 1 : n);
  idx_t count = 0;
  switch (kind) {
    case PhysicalJoinKind::kInner:
      return OperatorResult::kNeedMoreInput;
    case PhysicalJoinKind::kLeft:
    case PhysicalJoinKind::kFull: {
      for (idx_t i = 0; i < n; i++) {
        if (!s.found[i]) rows.set_index(count++, i);
      }
      if (count == 0) return OperatorResult::kNeedMoreInput;
      for (idx_t c = 0; c < left_count; c++) output.column(c).Slice(input.column(c), rows, count);
      for (idx_t c = left_count; c < output.ColumnCount(); c++) {
        output.column(c).SetConstant(Value(output.column(c).type()));
      }
      output.SetCardinality(count);
      return OperatorResult::kNeedMoreInput;
    }
    case PhysicalJoinKind::kSemi:
    case PhysicalJoinKind::kAnti: {
      bool want = kind == PhysicalJoinKind::kSemi;
      for (idx_t i = 0; i < n; i++) {
        if (static_cast<bool>(s.found[i]) == want) rows.set_index(count++, i);
      }
      if (count == n) {
        output.Reference(input);
      } else if (count > 0) {
        output.Reference(input);
        output.Slice(rows, count);
      }
      return OperatorResult::kNeedMoreInput;
    }
    case PhysicalJoinKind::kMark: {
      for (idx_t c = 0; c < left_count; c++) output.column(c).Reference(input.column(c));
      Vector& mark = output.column(left_count);
      bool* out = mark.data<bool>();
      bool table_empty = table.row_count() == 0;
      UnifiedVector key_view;
      if (null_aware_key) s.key_values.column(*null_aware_key).ToUnified(n, &key_view);
      for (idx_t i = 0; i < n; i++) {
        bool is_null = false;
        if (s.found[i]) {
          out[i] = true;
        } else if (null_aware_key) {
          bool key_null = !key_view.IsValid(i);
          is_null = !table_empty && (key_null || table.has_null_key(*null_aware_key));
          out[i] = false;
        } else {
          is_null = s.saw_null[i];
          out[i] = false;
        }
        if (is_null) mark.validity().SetInvalid(i);
      }
      output.SetCardinality(n);
      return OperatorResult::kNeedMoreInput;
    }
    case PhysicalJoinKind::kSingle: {
      for (idx_t i = 0; i < n; i++) {
        if (s.match_count[i] > 1) {
          return InvalidInputError(
              "More than one row returned by a subquery used as an "
              "expression - scalar subqueries can only return a single row.");
        }
      }
      for (idx_t c = 0; c < left_count; c++) output.column(c).Reference(input.column(c));
      table.GatherPayload(s.single_match.data(), n, output, left_count, true);
      output.SetCardinality(n);
      return OperatorResult::kNeedMoreInput;
    }
  }
  return OperatorResult::kNeedMoreInput;
}

StatusOr<SourceResult> PhysicalHashJoin::GetFinalOutput(ExecutionContext&, DataChunk& chunk,
                                                        idx_t* position) const {
  const JoinHashTable& table = *static_cast<JoinGlobalState&>(*sink_state).table;
  const uint8_t* rows[kVectorSize];
  idx_t count = 0;
  while (*position < table.block_count() && count == 0) {
    count = table.UnmatchedRows((*position)++, rows);
  }
  for (idx_t c = 0; c < left_count; c++) chunk.column(c).SetConstant(Value(chunk.column(c).type()));
  table.GatherPayload(rows, count, chunk, left_count, false);
  chunk.SetCardinality(count);
  return *position < table.block_count() ? SourceResult::kHaveMoreOutput : SourceResult::kFinished;
}

}  // namespace fluxdb
