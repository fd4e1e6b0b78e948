// Cardinality estimation: how many rows each operator of a logical plan produces, from the
// tables' chunk statistics (row counts, min / max, NULL counts, per-chunk distinct estimates).
//
// Join ordering compares these estimates, so what matters is that they rank plans right:
//   - a filter's selectivity comes from the column's statistics where the predicate compares a
//     base column with constants (1 / distinct values for =, the covered fraction of [min, max]
//     for ranges, with all bounds on one column combined), else from fixed guesses;
//   - an equi-join yields |L| * |R| / max(distinct(l.key), distinct(r.key)), each side's distinct
//     count capped by its estimated rows;
//   - a table's distinct count per column is derived from the per-chunk HyperLogLog estimates:
//     chunks with disjoint value ranges (clustered data) add up; otherwise the table-wide count is
//     the one that would leave the observed number of distinct values in a chunk of that size
//     (balls into bins).
// One estimator serves one optimization; it caches the statistics of the tables it reads.
#pragma once

#include <optional>

#include "absl/container/flat_hash_map.h"
#include "planner/logical/logical_operator.h"

namespace fluxdb {

class DataTable;

class CardinalityEstimator {
 public:
  /// Estimated output rows of `op`; records it (and its inputs') in estimated_cardinality.
  double Estimate(LogicalOperator& op);
  /// Fraction of the rows of `input` for which all of `conjuncts` hold.
  double Selectivity(const std::vector<const BoundExpression*>& conjuncts, LogicalOperator& input);
  /// Distinct values of `expr` (a column of `input`'s output) over `input`'s estimated rows.
  std::optional<double> DistinctCount(const BoundExpression& expr, LogicalOperator& input);
  /// Fraction of pairs of `left` x `right` rows that satisfy `predicate` (a join predicate).
  double JoinSelectivity(const BoundExpression& predicate, LogicalOperator& left,
                         LogicalOperator& right);

  struct ColumnStats {
    Value min;  // NULL when unknown
    Value max;
    double rows = 0;
    double null_fraction = 0;
    double distinct = 0;  // 0 when unknown
  };

 private:
  struct Origin {
    const LogicalGet* get;
    uint32_t column;  // table column index
  };
  double Compute(LogicalOperator& op);
  double EstimateJoin(LogicalJoin& join);
  std::optional<Origin> FindOrigin(LogicalOperator& op, ColumnBinding binding);
  const ColumnStats* StatsOf(const LogicalGet& get, uint32_t column);
  double ScanFilterSelectivity(const LogicalGet& get);
  double TermSelectivity(const BoundExpression& term, LogicalOperator& input);

  absl::flat_hash_map<const DataTable*, std::vector<ColumnStats>> tables_;
  /// Distinct correlated values of each delim join (by delim_index), for its LogicalDelimGets.
  absl::flat_hash_map<idx_t, double> delim_rows_;
};

/// Sets estimated_cardinality on every operator of `plan`.
void EstimateCardinalities(LogicalOperator& plan);

}  // namespace fluxdb
