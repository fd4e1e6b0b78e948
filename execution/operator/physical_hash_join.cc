#include "execution/operator/physical_hash_join.h"

#include <mutex>

#include "common/chunk_collection.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/comparison_kernels.h"
#include "execution/hash/vector_hash.h"
#include "execution/join/join_hash_table.h"

namespace fluxdb {

namespace {

struct JoinGlobalState : GlobalSinkState {
  std::mutex mutex;
  ChunkCollection rows;
  std::unique_ptr<JoinHashTable> table;
};

struct JoinLocalState : LocalSinkState {
  JoinLocalState(const ExecutionContext* context, const BoundExprList& keys,
                 std::vector<LogicalType> stored_types)
      : key_executor(context, keys), rows(std::move(stored_types)) {
    std::vector<LogicalType> types;
    for (const auto& k : keys) types.push_back(k->type);
    key_values.Initialize(types);
  }
  ExpressionExecutor key_executor;
  DataChunk key_values;
  ChunkCollection rows;
};

// Copies build payload of `rows[i]` (i < count) into output columns [offset, offset + payload).
void GatherBuild(const JoinHashTable& table, const uint32_t* rows, idx_t count, DataChunk& out,
                 idx_t offset) {
  const ChunkCollection& stored = table.rows();
  for (idx_t c = 0; c < table.payload_count(); c++) {
    Vector& target = out.column(offset + c);
    DispatchPhysical(target.type().physical(), [&]<typename T>() {
      T* dst = target.data<T>();
      for (idx_t i = 0; i < count; i++) {
        if (rows[i] == JoinHashTable::kEnd) {
          target.validity().SetInvalid(i);
          dst[i] = T{};
          continue;
        }
        RowRef ref = table.ref(rows[i]);
        const Vector& source = stored.chunk(ref.chunk).column(c);
        if (!source.validity().IsValid(ref.row)) {
          target.validity().SetInvalid(i);
          dst[i] = T{};
          continue;
        }
        const T& value = source.data<T>()[ref.row];
        if constexpr (std::is_same_v<T, StringRef>) {
          dst[i] = value.IsInlined() ? value : target.AddString(value.view());
        } else {
          dst[i] = value;
        }
      }
    });
  }
}

struct ProbeState : OperatorState {
  ProbeState(const ExecutionContext* context, const PhysicalHashJoin& join)
      : key_executor(context, join.left_keys), left_selection(kVectorSize) {
    std::vector<LogicalType> types;
    for (const auto& k : join.left_keys) types.push_back(k->type);
    key_values.Initialize(types);
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
  std::vector<UnifiedVector> key_views;
  uint64_t hashes[kVectorSize];
  // Resumable probe position over the current input chunk.
  bool in_progress = false;
  idx_t probe_row = 0;
  uint32_t chain_row = JoinHashTable::kEnd;
  bool unmatched_emitted = false;
  std::vector<uint8_t> found;     // per probe row: a pair passed
  std::vector<uint8_t> saw_null;  // per probe row: a mark comparison was NULL
  std::vector<uint32_t> single_match;
  std::vector<idx_t> match_count;
  // Candidate pairs of one batch.
  SelectionVector left_selection;
  uint32_t right_rows[kVectorSize];
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

StatusOr<std::unique_ptr<GlobalSinkState>> PhysicalHashJoin::GetGlobalSinkState(
    ExecutionContext&) const {
  auto state = std::make_unique<JoinGlobalState>();
  std::vector<LogicalType> stored = children[1]->types();
  for (const auto& k : right_keys) stored.push_back(k->type);
  state->rows = ChunkCollection(stored);
  return std::unique_ptr<GlobalSinkState>(std::move(state));
}

StatusOr<std::unique_ptr<LocalSinkState>> PhysicalHashJoin::GetLocalSinkState(
    ExecutionContext& context, GlobalSinkState& global) const {
  auto& g = static_cast<JoinGlobalState&>(global);
  return std::unique_ptr<LocalSinkState>(
      std::make_unique<JoinLocalState>(&context, right_keys, g.rows.types()));
}

StatusOr<SinkResult> PhysicalHashJoin::Sink(ExecutionContext&, DataChunk& chunk, GlobalSinkState&,
                                            LocalSinkState& local) const {
  auto& l = static_cast<JoinLocalState&>(local);
  FLUX_RETURN_IF_ERROR(l.key_executor.Execute(chunk, l.key_values));
  DataChunk combined;
  for (idx_t c = 0; c < chunk.ColumnCount(); c++) {
    Vector v;
    v.Reference(chunk.column(c));
    combined.AddColumn(std::move(v));
  }
  for (idx_t c = 0; c < l.key_values.ColumnCount(); c++) {
    Vector v;
    v.Reference(l.key_values.column(c));
    combined.AddColumn(std::move(v));
  }
  combined.SetCardinality(chunk.size());
  l.rows.Append(combined);
  return SinkResult::kNeedMoreInput;
}

Status PhysicalHashJoin::Combine(ExecutionContext&, GlobalSinkState& global,
                                 LocalSinkState& local) const {
  auto& g = static_cast<JoinGlobalState&>(global);
  auto& l = static_cast<JoinLocalState&>(local);
  std::lock_guard lock(g.mutex);
  g.rows.Merge(std::move(l.rows));
  return Status();
}

Status PhysicalHashJoin::Finalize(ExecutionContext&, GlobalSinkState& global) const {
  auto& g = static_cast<JoinGlobalState&>(global);
  idx_t payload = children[1]->types().size();
  g.table = std::make_unique<JoinHashTable>(std::move(g.rows), payload, key_comparisons);
  return Status();
}

StatusOr<std::unique_ptr<OperatorState>> PhysicalHashJoin::GetOperatorState(
    ExecutionContext& context) const {
  return std::unique_ptr<OperatorState>(std::make_unique<ProbeState>(&context, *this));
}

namespace {

// Where the chain for probe row `i` starts (kEnd when a NULL key rules out any match).
uint32_t StartChain(const JoinHashTable& table, const PhysicalHashJoin& join, ProbeState& s,
                    idx_t i) {
  for (idx_t k = 0; k < s.key_views.size(); k++) {
    if (join.key_comparisons[k] == ComparisonType::kEqual &&
        !s.key_views[k].validity->IsValid(s.key_views[k].index(i))) {
      return JoinHashTable::kEnd;
    }
  }
  return table.First(s.hashes[i]);
}

// Fills the pair buffer from the current position; returns the number of pairs.
idx_t NextPairs(const JoinHashTable& table, const PhysicalHashJoin& join, ProbeState& s, idx_t n) {
  idx_t pairs = 0;
  while (s.probe_row < n && pairs < kVectorSize) {
    if (s.chain_row == JoinHashTable::kEnd) {
      s.probe_row++;
      if (s.probe_row < n) s.chain_row = StartChain(table, join, s, s.probe_row);
      continue;
    }
    uint32_t candidate = s.chain_row;
    s.chain_row = table.Next(candidate);
    if (!table.keyless() && !table.KeysMatch(candidate, s.key_views, s.probe_row)) continue;
    s.left_selection.set_index(pairs, s.probe_row);
    s.right_rows[pairs] = candidate;
    pairs++;
  }
  return pairs;
}

// Builds [left..., right payload...] for the pairs in the buffer.
void BuildPairs(const JoinHashTable& table, ProbeState& s, DataChunk& input, idx_t pairs,
                idx_t left_count) {
  s.pair_chunk.Reset();
  for (idx_t c = 0; c < left_count; c++) {
    s.pair_chunk.column(c).Slice(input.column(c), s.left_selection, pairs);
  }
  GatherBuild(table, s.right_rows, pairs, s.pair_chunk, left_count);
  s.pair_chunk.SetCardinality(pairs);
}

}  // namespace

StatusOr<OperatorResult> PhysicalHashJoin::Execute(ExecutionContext&, DataChunk& input,
                                                   DataChunk& output, OperatorState& state) const {
  auto& s = static_cast<ProbeState&>(state);
  const JoinHashTable& table = *static_cast<JoinGlobalState&>(*sink_state).table;
  const idx_t n = input.size();
  if (!s.in_progress) {
    FLUX_RETURN_IF_ERROR(s.key_executor.Execute(input, s.key_values));
    s.key_views.assign(left_keys.size(), UnifiedVector());
    for (idx_t k = 0; k < left_keys.size(); k++) {
      s.key_values.column(k).ToUnified(n, &s.key_views[k]);
      HashVector(s.key_values.column(k), n, s.hashes, k > 0);
    }
    s.probe_row = 0;
    s.chain_row = n > 0 ? StartChain(table, *this, s, 0) : JoinHashTable::kEnd;
    s.found.assign(n, 0);
    s.saw_null.assign(n, 0);
    s.unmatched_emitted = false;
    if (kind == PhysicalJoinKind::kSingle) {
      s.single_match.assign(n, JoinHashTable::kEnd);
      s.match_count.assign(n, 0);
    }
    s.in_progress = true;
  }

  bool pair_output = kind == PhysicalJoinKind::kInner || kind == PhysicalJoinKind::kLeft ||
                     kind == PhysicalJoinKind::kFull;
  SelectionVector kept(kVectorSize);
  while (s.probe_row < n) {
    idx_t pairs = NextPairs(table, *this, s, n);
    if (pairs == 0) break;
    idx_t passed = pairs;
    bool need_pairs = residual || mark_predicate || pair_output || kind == PhysicalJoinKind::kSingle;
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
      if (kind == PhysicalJoinKind::kFull) const_cast<JoinHashTable&>(table).MarkMatched(s.right_rows[pair]);
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
      for (idx_t i = 0; i < n; i++) {
        bool is_null = false;
        if (s.found[i]) {
          out[i] = true;
        } else if (null_aware_key) {
          const UnifiedVector& key = s.key_views[*null_aware_key];
          bool key_null = !key.validity->IsValid(key.index(i));
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
          return InvalidInputError("More than one row returned by a subquery used as an "
                                   "expression - scalar subqueries can only return a single row.");
        }
      }
      for (idx_t c = 0; c < left_count; c++) output.column(c).Reference(input.column(c));
      GatherBuild(table, s.single_match.data(), n, output, left_count);
      output.SetCardinality(n);
      return OperatorResult::kNeedMoreInput;
    }
  }
  return OperatorResult::kNeedMoreInput;
}

StatusOr<SourceResult> PhysicalHashJoin::GetFinalOutput(ExecutionContext&, DataChunk& chunk,
                                                        idx_t* position) const {
  const JoinHashTable& table = *static_cast<JoinGlobalState&>(*sink_state).table;
  uint32_t rows[kVectorSize];
  idx_t count = 0;
  while (*position < table.row_count() && count < kVectorSize) {
    uint32_t row = static_cast<uint32_t>((*position)++);
    if (!table.WasMatched(row)) rows[count++] = row;
  }
  for (idx_t c = 0; c < left_count; c++) chunk.column(c).SetConstant(Value(chunk.column(c).type()));
  GatherBuild(table, rows, count, chunk, left_count);
  chunk.SetCardinality(count);
  return *position < table.row_count() ? SourceResult::kHaveMoreOutput : SourceResult::kFinished;
}

}  // namespace fluxdb
