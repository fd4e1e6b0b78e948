// Mark joins filtered on their mark become SEMI / ANTI joins, which then move down to the input
// whose rows they filter.
//
// The binder plans `x IN (SELECT ...)` and `[NOT] EXISTS (...)` as a MARK join (every left row
// plus a BOOLEAN "has a match") so that the subquery can appear anywhere in an expression. When
// the mark is only read by a WHERE conjunct `mark` (or `NOT mark` for a mark that is never NULL,
// i.e. EXISTS), the rows the filter keeps are exactly those a SEMI (ANTI) join keeps:
//   - `mark` keeps TRUE rows; a SEMI join keeps rows with a match, whatever NULL rules the mark
//     follows (a NULL mark also means "no TRUE match");
//   - `NOT mark` of a null-aware mark (NOT IN) would also drop the NULL-mark rows, which an ANTI
//     join keeps, so those stay MARK joins.
// A SEMI / ANTI join only drops left rows, so it commutes with filters, inner joins, the
// preserved side of LEFT joins and other SEMI / ANTI / MARK joins (not SINGLE joins, whose
// "more than one row" error must not depend on the order): it moves down to the smallest input
// holding the columns it reads (TPC-H Q18 filters orders by the IN subquery before joining lineitem
// and customer). Joins of correlated subqueries stay where they are (see PushDown).
#include <algorithm>
#include <optional>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "planner/optimizer/optimizer.h"
#include "planner/optimizer/plan_walk.h"

namespace fluxdb {

namespace {

using TableSet = std::set<idx_t>;

class MarkJoinRewriter {
 public:
  explicit MarkJoinRewriter(LogicalOperator& plan) { CountReferences(plan); }

  void Visit(LogicalOperatorPtr& op) {
    for (auto& child : op->children) Visit(child);
    if (op->type == LogicalOperatorType::kFilter) {
      ConvertMarks(op);
      return;
    }
    if (IsSemiOrAnti(*op)) PushDown(op);
  }

 private:
  void CountReferences(LogicalOperator& op) {
    ForEachOperatorExpression(op, [&](BoundExprPtr& e) {
      VisitExpressionTree(*e, [&](const BoundExpression& node) {
        if (node.kind == BoundExprKind::kColumnRef) references_[node.binding]++;
      });
    });
    for (auto& child : op.children) CountReferences(*child);
  }

  static bool IsJoin(const LogicalOperator& op, JoinKind kind) {
    return op.type == LogicalOperatorType::kJoin && op.As<LogicalJoin>().kind == kind;
  }
  static bool FiltersLeftRows(const LogicalOperator& op) {
    return IsJoin(op, JoinKind::kSemi) || IsJoin(op, JoinKind::kAnti) ||
           IsJoin(op, JoinKind::kMark);
  }
  static bool IsSemiOrAnti(const LogicalOperator& op) {
    return IsJoin(op, JoinKind::kSemi) || IsJoin(op, JoinKind::kAnti);
  }

  // The index of the conjunct of `filter` that tests `mark` (negated: NOT mark), if any.
  static std::optional<size_t> FindMarkTest(const LogicalOperator& filter, ColumnBinding mark,
                                            bool negated) {
    for (size_t i = 0; i < filter.expressions.size(); i++) {
      const BoundExpression* e = filter.expressions[i].get();
      if (negated) {
        if (e->kind != BoundExprKind::kNot) continue;
        e = e->children[0].get();
      }
      if (e->kind == BoundExprKind::kColumnRef && e->depth == 0 && e->binding == mark) return i;
    }
    return std::nullopt;
  }

  // `op` is a filter: converts the mark joins along its input's left spine (one per subquery of
  // the WHERE clause) that only the filter reads.
  void ConvertMarks(LogicalOperatorPtr& op) {
    bool converted = false;
    LogicalOperator* node = op->children[0].get();
    while (node->type == LogicalOperatorType::kJoin) {
      auto& join = node->As<LogicalJoin>();
      if (join.kind == JoinKind::kMark) {
        ColumnBinding mark{join.mark_index, 0};
        if (references_[mark] == 1) {
          if (auto i = FindMarkTest(*op, mark, /*negated=*/false)) {
            join.kind = JoinKind::kSemi;
            op->expressions.erase(op->expressions.begin() + *i);
            converted = true;
          } else if (auto j = FindMarkTest(*op, mark, /*negated=*/true);
                     j && !join.mark_null_aware) {
            join.kind = JoinKind::kAnti;
            op->expressions.erase(op->expressions.begin() + *j);
            converted = true;
          }
        }
      } else if (join.kind != JoinKind::kSemi && join.kind != JoinKind::kAnti) {
        break;
      }
      node = node->children[0].get();
    }
    if (!converted) return;
    // Move the new SEMI / ANTI joins down; each move puts the next spine node in its place.
    LogicalOperatorPtr* slot = &op->children[0];
    while ((*slot)->type == LogicalOperatorType::kJoin) {
      auto kind = (*slot)->As<LogicalJoin>().kind;
      if ((kind == JoinKind::kSemi || kind == JoinKind::kAnti) && PushDown(*slot)) continue;
      if (kind != JoinKind::kSemi && kind != JoinKind::kAnti && kind != JoinKind::kMark) break;
      slot = &(*slot)->children[0];
    }
    if (op->expressions.empty()) {
      LogicalOperatorPtr child = std::move(op->children[0]);
      op = std::move(child);
    }
  }

  static TableSet OutputTables(const LogicalOperator& op) {
    TableSet tables;
    for (const auto& b : op.GetColumnBindings()) tables.insert(b.table_index);
    return tables;
  }

  // The tables of the left input that the join `op` reads.
  static TableSet LeftTablesRead(LogicalOperator& op) {
    auto& join = op.As<LogicalJoin>();
    TableSet left = OutputTables(*op.children[0]);
    TableSet read;
    auto collect = [&](const BoundExpression& e) {
      VisitExpressionTree(e, [&](const BoundExpression& node) {
        if (node.kind == BoundExprKind::kColumnRef && left.contains(node.binding.table_index)) {
          read.insert(node.binding.table_index);
        }
      });
    };
    for (const auto& c : join.conditions) {
      collect(*c.left);
      collect(*c.right);
    }
    for (const auto& e : join.expressions) collect(*e);
    for (const auto& e : join.delim_columns) collect(*e);
    return read;
  }

  // The child of `op` through which a SEMI / ANTI join reading `tables` may pass, if any.
  static std::optional<size_t> PassableChild(const LogicalOperator& op, const TableSet& tables) {
    auto holds = [&](size_t i) {
      TableSet out = OutputTables(*op.children[i]);
      return std::includes(out.begin(), out.end(), tables.begin(), tables.end());
    };
    switch (op.type) {
      case LogicalOperatorType::kFilter:
        return 0;
      case LogicalOperatorType::kCrossProduct:
        if (holds(0)) return 0;
        if (holds(1)) return 1;
        return std::nullopt;
      case LogicalOperatorType::kJoin: {
        const auto& join = op.As<LogicalJoin>();
        switch (join.kind) {
          case JoinKind::kInner:
            if (join.delim_index != kInvalidIndex) return std::nullopt;
            if (holds(0)) return 0;
            if (holds(1)) return 1;
            return std::nullopt;
          case JoinKind::kLeft:
          case JoinKind::kSemi:
          case JoinKind::kAnti:
          case JoinKind::kMark:
            if (holds(0)) return 0;
            return std::nullopt;
          default:
            return std::nullopt;
        }
      }
      default:
        return std::nullopt;
    }
  }

  // Moves the SEMI / ANTI join at `slot` as far down its left input as it can go; true if it
  // moved (`slot` then holds the node it passed).
  bool PushDown(LogicalOperatorPtr& slot) {
    // A correlated subquery's join runs its subquery for the distinct correlated values of its
    // input: below the joins that filter that input (TPC-H Q21: suppliers of one nation, failed
    // orders) it would run for far more of them.
    if (slot->As<LogicalJoin>().delim_index != kInvalidIndex) return false;
    TableSet read = LeftTablesRead(*slot);
    if (read.empty()) return false;
    LogicalOperator& below = *slot->children[0];
    auto side = PassableChild(below, read);
    if (!side) return false;
    if (FiltersLeftRows(below)) {
      // Two stacked SEMI / ANTI joins would swap places forever: pass one only on the way to an
      // input it can enter.
      const LogicalOperator& next = *below.children[0];
      if (FiltersLeftRows(next) || !PassableChild(next, read)) return false;
    }
    LogicalOperatorPtr join = std::move(slot);
    LogicalOperatorPtr passed = std::move(join->children[0]);
    join->children[0] = std::move(passed->children[*side]);
    passed->children[*side] = std::move(join);
    slot = std::move(passed);
    PushDown(slot->children[*side]);
    return true;
  }

  absl::flat_hash_map<ColumnBinding, int> references_;
};

}  // namespace

void RewriteMarkJoins(LogicalOperatorPtr& plan) {
  MarkJoinRewriter rewriter(*plan);
  rewriter.Visit(plan);
}

}  // namespace fluxdb
