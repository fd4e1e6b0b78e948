#include "planner/optimizer/join_order.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>

#include "execution/function/scalar_function.h"
#include "planner/optimizer/plan_walk.h"

namespace fluxdb {

namespace {

constexpr size_t kMaxDpInputs = 10;

LogicalOperatorPtr MakeJoin(LogicalOperatorPtr left, LogicalOperatorPtr right,
                            BoundExprList& predicates, const TableSet& left_tables,
                            const TableSet& right_tables) {
  TableSet both = left_tables;
  both.insert(right_tables.begin(), right_tables.end());
  auto join = std::make_unique<LogicalJoin>(JoinKind::kInner);
  for (auto& p : predicates) {
    if (!p || HasSideEffects(*p)) continue;
    TableSet tables = TablesOf(*p);
    if (SubsetOf(tables, left_tables) || SubsetOf(tables, right_tables)) continue;
    if (!SubsetOf(tables, both)) continue;
    AddJoinPredicate(*join, std::move(p), left_tables, right_tables);
  }
  if (join->conditions.empty() && join->expressions.empty()) {
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children.push_back(std::move(left));
    cross->children.push_back(std::move(right));
    return cross;
  }
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  return join;
}

// ---- dynamic programming over subsets ----

class DpJoinOrder {
 public:
  DpJoinOrder(std::vector<LogicalOperatorPtr> inputs, BoundExprList& predicates,
              CardinalityEstimator& estimator)
      : inputs_(std::move(inputs)), predicates_(predicates) {
    size_t n = inputs_.size();
    for (auto& input : inputs_) {
      tables_.push_back(OutputTables(*input));
      log_rows_.push_back(std::log(std::max(1.0, estimator.Estimate(*input))));
    }
    // Predicates by the set of inputs they read; several over the same inputs (a composite key)
    // are dampened: the most selective counts fully, the next by its square root, ...
    std::vector<std::pair<uint64_t, double>> edges;
    for (auto& p : predicates_) {
      if (!p || HasSideEffects(*p)) continue;
      TableSet tables = TablesOf(*p);
      uint64_t mask = 0;
      std::vector<size_t> members;
      for (size_t i = 0; i < n; i++) {
        bool reads = std::any_of(tables.begin(), tables.end(),
                                 [&](idx_t t) { return tables_[i].contains(t); });
        if (reads) {
          mask |= uint64_t{1} << i;
          members.push_back(i);
        }
      }
      if (std::popcount(mask) < 2) continue;
      double selectivity = members.size() == 2 ? estimator.JoinSelectivity(*p, *inputs_[members[0]],
                                                                           *inputs_[members[1]])
                                               : 0.2;
      edges.emplace_back(mask, selectivity);
    }
    std::sort(edges.begin(), edges.end());
    for (size_t i = 0; i < edges.size();) {
      size_t j = i;
      std::vector<double> selectivities;
      while (j < edges.size() && edges[j].first == edges[i].first) {
        selectivities.push_back(edges[j].second);
        j++;
      }
      std::sort(selectivities.begin(), selectivities.end());
      double log_selectivity = 0, exponent = 1;
      for (double s : selectivities) {
        log_selectivity += exponent * std::log(std::max(s, 1e-300));
        exponent /= 2;
      }
      groups_.push_back({edges[i].first, log_selectivity});
      i = j;
    }
  }

  LogicalOperatorPtr Run() {
    size_t n = inputs_.size();
    uint64_t full = (uint64_t{1} << n) - 1;
    best_.assign(full + 1, Plan{});
    log_card_.assign(full + 1, 0);
    for (uint64_t s = 1; s <= full; s++) {
      double log_card = 0;
      for (size_t i = 0; i < n; i++) {
        if (s & (uint64_t{1} << i)) log_card += log_rows_[i];
      }
      for (const auto& g : groups_) {
        if ((g.mask & s) == g.mask) log_card += g.log_selectivity;
      }
      log_card_[s] = log_card;
      if (std::popcount(s) == 1) {
        best_[s] = Plan{true, 0, 0};
        continue;
      }
      uint64_t lowest = s & (~s + 1);
      double rows = std::exp(log_card);
      for (uint64_t left = (s - 1) & s; left > 0; left = (left - 1) & s) {
        if (!(left & lowest)) continue;
        uint64_t right = s ^ left;
        if (!best_[left].exists || !best_[right].exists || !Connected(left, right)) continue;
        double cost = rows + best_[left].cost + best_[right].cost;
        if (!best_[s].exists || cost < best_[s].cost) best_[s] = Plan{true, cost, left};
      }
    }
    // Inputs no predicate connects: the connected groups (largest first), by cross products.
    std::vector<uint64_t> components;
    uint64_t remaining = full;
    while (remaining != 0) {
      uint64_t component = 0;
      for (uint64_t s = remaining; s > 0; s = (s - 1) & remaining) {
        if (best_[s].exists && std::popcount(s) > std::popcount(component)) component = s;
      }
      components.push_back(component);
      remaining &= ~component;
    }
    std::sort(components.begin(), components.end(),
              [&](uint64_t a, uint64_t b) { return log_card_[a] > log_card_[b]; });
    LogicalOperatorPtr result = Build(components[0]);
    TableSet result_tables = TablesOfMask(components[0]);
    for (size_t c = 1; c < components.size(); c++) {
      TableSet tables = TablesOfMask(components[c]);
      result =
          MakeJoin(std::move(result), Build(components[c]), predicates_, result_tables, tables);
      result_tables.insert(tables.begin(), tables.end());
    }
    return result;
  }

 private:
  struct Plan {
    bool exists = false;
    double cost = 0;
    uint64_t left = 0;  // the subset joined with the rest of the set; 0 for an input
  };
  struct EdgeGroup {
    uint64_t mask;
    double log_selectivity;
  };

  bool Connected(uint64_t left, uint64_t right) const {
    uint64_t both = left | right;
    for (const auto& g : groups_) {
      if ((g.mask & both) == g.mask && (g.mask & left) && (g.mask & right)) return true;
    }
    return false;
  }

  TableSet TablesOfMask(uint64_t mask) const {
    TableSet tables;
    for (size_t i = 0; i < inputs_.size(); i++) {
      if (mask & (uint64_t{1} << i)) tables.insert(tables_[i].begin(), tables_[i].end());
    }
    return tables;
  }

  LogicalOperatorPtr Build(uint64_t s) {
    if (std::popcount(s) == 1) return std::move(inputs_[std::countr_zero(s)]);
    uint64_t a = best_[s].left, b = s ^ a;
    // The larger side probes; the smaller one is the hash table.
    if (log_card_[a] < log_card_[b]) std::swap(a, b);
    TableSet a_tables = TablesOfMask(a), b_tables = TablesOfMask(b);
    return MakeJoin(Build(a), Build(b), predicates_, a_tables, b_tables);
  }

  std::vector<LogicalOperatorPtr> inputs_;
  BoundExprList& predicates_;
  std::vector<TableSet> tables_;
  std::vector<double> log_rows_;
  std::vector<EdgeGroup> groups_;
  std::vector<Plan> best_;
  std::vector<double> log_card_;
};

// ---- greedy, for many inputs ----

LogicalOperatorPtr GreedyJoinOrder(std::vector<LogicalOperatorPtr> leaves,
                                   BoundExprList& predicates, CardinalityEstimator& estimator) {
  std::vector<TableSet> leaf_tables;
  std::vector<double> cardinality;
  for (auto& leaf : leaves) {
    leaf_tables.push_back(OutputTables(*leaf));
    cardinality.push_back(estimator.Estimate(*leaf));
  }
  std::vector<bool> used(leaves.size(), false);
  size_t start = 0;
  for (size_t i = 1; i < leaves.size(); i++) {
    if (cardinality[i] > cardinality[start]) start = i;
  }
  LogicalOperatorPtr current = std::move(leaves[start]);
  TableSet current_tables = leaf_tables[start];
  used[start] = true;
  for (size_t step = 1; step < leaves.size(); step++) {
    // The smallest unjoined input sharing a predicate with the joined ones, else the smallest.
    std::optional<size_t> best;
    bool best_connected = false;
    for (size_t i = 0; i < leaves.size(); i++) {
      if (used[i]) continue;
      bool connected = false;
      TableSet both = current_tables;
      both.insert(leaf_tables[i].begin(), leaf_tables[i].end());
      for (const auto& f : predicates) {
        if (!f || HasSideEffects(*f)) continue;
        TableSet tables = TablesOf(*f);
        bool touches_leaf = false;
        for (idx_t t : tables) touches_leaf |= leaf_tables[i].contains(t);
        connected |= touches_leaf && SubsetOf(tables, both);
      }
      if (!best || (connected && !best_connected) ||
          (connected == best_connected && cardinality[i] < cardinality[*best])) {
        best = i;
        best_connected = connected;
      }
    }
    size_t next = *best;
    used[next] = true;
    current = MakeJoin(std::move(current), std::move(leaves[next]), predicates, current_tables,
                       leaf_tables[next]);
    current_tables.insert(leaf_tables[next].begin(), leaf_tables[next].end());
  }
  return current;
}

}  // namespace

bool SubsetOf(const TableSet& a, const TableSet& b) {
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

bool HasSideEffects(const BoundExpression& expr) {
  return expr.Any([](const BoundExpression& e) {
    return e.kind == BoundExprKind::kSubquery ||
           (e.kind == BoundExprKind::kFunction && e.function && e.function->is_volatile);
  });
}

TableSet TablesOf(const BoundExpression& expr) {
  TableSet tables;
  VisitExpressionTree(expr, [&](const BoundExpression& node) {
    if (node.kind == BoundExprKind::kColumnRef && node.depth == 0) {
      tables.insert(node.binding.table_index);
    }
  });
  return tables;
}

TableSet OutputTables(const LogicalOperator& op) {
  TableSet tables;
  for (const auto& b : op.GetColumnBindings()) tables.insert(b.table_index);
  return tables;
}

void AddJoinPredicate(LogicalJoin& join, BoundExprPtr predicate, const TableSet& left,
                      const TableSet& right) {
  if (predicate->kind == BoundExprKind::kComparison && !HasSideEffects(*predicate)) {
    TableSet a = TablesOf(*predicate->children[0]);
    TableSet b = TablesOf(*predicate->children[1]);
    if (!a.empty() && !b.empty()) {
      if (SubsetOf(a, left) && SubsetOf(b, right)) {
        join.conditions.push_back(JoinCondition{std::move(predicate->children[0]),
                                                std::move(predicate->children[1]),
                                                predicate->comparison});
        return;
      }
      if (SubsetOf(a, right) && SubsetOf(b, left)) {
        join.conditions.push_back(JoinCondition{std::move(predicate->children[1]),
                                                std::move(predicate->children[0]),
                                                FlipComparison(predicate->comparison)});
        return;
      }
    }
  }
  join.expressions.push_back(std::move(predicate));
}

LogicalOperatorPtr OrderInnerJoins(std::vector<LogicalOperatorPtr> inputs,
                                   BoundExprList& predicates, CardinalityEstimator& estimator) {
  if (inputs.size() == 1) return std::move(inputs[0]);
  if (inputs.size() <= kMaxDpInputs) {
    DpJoinOrder dp(std::move(inputs), predicates, estimator);
    return dp.Run();
  }
  return GreedyJoinOrder(std::move(inputs), predicates, estimator);
}

}  // namespace fluxdb
