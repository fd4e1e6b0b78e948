// HASH_JOIN (and NESTED_LOOP_JOIN / CROSS_PRODUCT, which are the same operator without keys).
//
// The right child is the build side: its rows are materialized and hashed on the equality keys
// (Sink / Combine / Finalize). The left child streams through Execute, which probes the chains,
// checks the remaining predicate on candidate pairs, and emits rows for the join kind:
//   inner / left / full: matched pairs (+ unmatched left rows with NULLs; + for full, the
//   unmatched build rows after the probe side is exhausted);
//   semi / anti: left rows with / without a match;
//   mark: left rows + a BOOLEAN (TRUE / FALSE / NULL by SQL's IN rules when null-aware);
//   single: left rows + their one matching right row (NULLs if none; more than one is an error).
#pragma once

#include <memory>
#include <optional>

#include "execution/expression/bound_expression.h"
#include "execution/operator/physical_operator.h"

namespace fluxdb {

enum class PhysicalJoinKind : uint8_t { kInner, kLeft, kFull, kSemi, kAnti, kMark, kSingle };

/// A comparison evaluated per candidate pair with three-valued logic (NOT IN / ANY / ALL).
struct MarkPredicate {
  BoundExprPtr left;   // over the left input
  BoundExprPtr right;  // over the right payload (references right column positions)
  ComparisonType comparison;
};

class PhysicalHashJoin : public PhysicalOperator {
 public:
  PhysicalHashJoin(std::vector<LogicalType> types, PhysicalJoinKind kind, BoundExprList left_keys,
                   BoundExprList right_keys, std::vector<ComparisonType> key_comparisons,
                   BoundExprPtr residual, idx_t cardinality);

  std::string Name() const override;
  std::vector<std::string> Details() const override;
  bool IsSink() const override { return true; }
  bool IsJoinLikeSink() const override { return true; }
  StatusOr<std::unique_ptr<GlobalSinkState>> GetGlobalSinkState(
      ExecutionContext& context) const override;
  StatusOr<std::unique_ptr<LocalSinkState>> GetLocalSinkState(
      ExecutionContext& context, GlobalSinkState& global) const override;
  StatusOr<SinkResult> Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                            LocalSinkState& local) const override;
  Status Combine(ExecutionContext& context, GlobalSinkState& global,
                 LocalSinkState& local) const override;
  Status Finalize(ExecutionContext& context, GlobalSinkState& global) const override;
  StatusOr<std::unique_ptr<OperatorState>> GetOperatorState(
      ExecutionContext& context) const override;
  StatusOr<OperatorResult> Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                                   OperatorState& state) const override;
  bool HasFinalOutput() const override { return kind == PhysicalJoinKind::kFull; }
  StatusOr<SourceResult> GetFinalOutput(ExecutionContext& context, DataChunk& chunk,
                                        idx_t* position) const override;

  PhysicalJoinKind kind;
  BoundExprList left_keys;
  BoundExprList right_keys;
  std::vector<ComparisonType> key_comparisons;
  /// Over [left columns..., right payload columns...]; null when none.
  BoundExprPtr residual;
  /// Mark joins: the comparison with NULL semantics, when not hashed.
  std::optional<MarkPredicate> mark_predicate;
  /// Mark joins: key `null_aware_key` is the IN comparison itself (NULLs give NULL marks).
  std::optional<idx_t> null_aware_key;
  idx_t left_count;   // columns of the left input
  idx_t right_count;  // payload columns of the right input

 private:
  /// The right input's columns the build side stores (none when only keys matter).
  std::vector<LogicalType> StoredPayloadTypes() const;
};

}  // namespace fluxdb
