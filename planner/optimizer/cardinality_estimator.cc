#include "planner/optimizer/cardinality_estimator.h"

#include <algorithm>
#include <cmath>

#include "catalog/catalog_entry.h"
#include "planner/binder/bind_context.h"
#include "planner/optimizer/or_predicates.h"
#include "planner/optimizer/plan_walk.h"
#include "storage/data_table.h"

namespace fluxdb {

namespace {

// Fixed guesses where statistics say nothing (DuckDB's defaults where it has them).
constexpr double kDefaultSelectivity = 0.2;
constexpr double kRangeSelectivity = 1.0 / 3;
constexpr double kLikeSelectivity = 0.1;

// A position on a number line for values whose order is numeric; nullopt for others.
std::optional<double> ToNumber(const Value& v) {
  if (v.is_null()) return std::nullopt;
  switch (v.type().id()) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp:
      return static_cast<double>(v.GetInt64());
    case TypeId::kHugeInt:
      return static_cast<double>(v.GetInt128());
    case TypeId::kDecimal:
      return static_cast<double>(v.GetInt128()) / std::pow(10.0, v.type().scale());
    case TypeId::kFloat:
    case TypeId::kDouble:
      return v.GetDouble();
    default:
      return std::nullopt;
  }
}

// The smallest step between two values of the type (1 for integers and dates), so that a closed
// range [a, a] covers one value.
double Step(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
    case TypeId::kHugeInt:
    case TypeId::kDate:
      return 1;
    case TypeId::kDecimal:
      return std::pow(10.0, -type.scale());
    default:
      return 0;
  }
}

// The table-wide distinct count of a column from its chunks' (rows, distinct, min, max).
double TableDistinct(std::vector<const ColumnChunkInfo*> chunks, const LogicalType& type) {
  if (chunks.empty()) return 0;
  double sum = 0, largest_ratio_rows = 0, largest_ratio_distinct = 0;
  for (const ColumnChunkInfo* c : chunks) {
    if (c->distinct_estimate == 0 && c->row_count > c->null_count) return 0;  // unknown
    sum += static_cast<double>(c->distinct_estimate);
    if (c->row_count - c->null_count > largest_ratio_rows) {
      largest_ratio_rows = static_cast<double>(c->row_count - c->null_count);
      largest_ratio_distinct = static_cast<double>(c->distinct_estimate);
    }
  }
  double domain = std::numeric_limits<double>::infinity();
  Value min, max;
  for (const ColumnChunkInfo* c : chunks) {
    if (c->min.is_null()) continue;
    if (min.is_null() || Value::Compare(c->min, min) < 0) min = c->min;
    if (max.is_null() || Value::Compare(c->max, max) > 0) max = c->max;
  }
  if (Step(type) == 1) {
    auto lo = ToNumber(min), hi = ToNumber(max);
    if (lo && hi) domain = *hi - *lo + 1;
  }
  // Clustered data (chunks cover disjoint ranges): the chunks' values are all different.
  std::sort(chunks.begin(), chunks.end(), [](const ColumnChunkInfo* a, const ColumnChunkInfo* b) {
    if (a->min.is_null() || b->min.is_null()) return !a->min.is_null() && b->min.is_null();
    return Value::Compare(a->min, b->min) < 0;
  });
  bool disjoint = true;
  for (size_t i = 1; i < chunks.size() && disjoint; i++) {
    if (chunks[i]->min.is_null() || chunks[i - 1]->max.is_null()) continue;
    disjoint = Value::Compare(chunks[i]->min, chunks[i - 1]->max) > 0;
  }
  if (disjoint || largest_ratio_distinct >= 0.98 * largest_ratio_rows) {
    return std::min(sum, domain);
  }
  // Values drawn evenly from D distinct ones leave D * (1 - exp(-n / D)) distinct in n rows:
  // solve for D with the largest chunk.
  double n = largest_ratio_rows, d = largest_ratio_distinct;
  double lo = d, hi = std::max(d, 1.0) * 1e6;
  for (int i = 0; i < 100; i++) {
    double mid = (lo + hi) / 2;
    if (mid * (1 - std::exp(-n / mid)) < d) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return std::min({lo, sum, domain});
}

const BoundExpression* StripCasts(const BoundExpression* e) {
  while (e->kind == BoundExprKind::kCast) e = e->children[0].get();
  return e;
}

// Per column: what the conjuncts comparing it with constants allow.
struct ColumnConstraint {
  const CardinalityEstimator::ColumnStats* stats = nullptr;
  LogicalType type;
  std::optional<double> lower, upper;
  bool lower_inclusive = true, upper_inclusive = true;
  int range_terms = 0;  // range terms whose bound has no number (e.g. strings)
  double equal = 1;     // selectivity of =, IN, IS [NOT] NULL, <> terms (multiplied)
  bool contradiction = false;
};

double RangeFraction(const ColumnConstraint& c) {
  double selectivity = std::pow(kRangeSelectivity, c.range_terms);
  if (!c.lower && !c.upper) return selectivity;
  auto min = c.stats ? ToNumber(c.stats->min) : std::nullopt;
  auto max = c.stats ? ToNumber(c.stats->max) : std::nullopt;
  if (!min || !max) {
    return selectivity * ((c.lower && c.upper) ? kRangeSelectivity * 0.5 : kRangeSelectivity);
  }
  double step = Step(c.type);
  double lo = c.lower ? std::max(*c.lower, *min) : *min;
  double hi = c.upper ? std::min(*c.upper, *max) : *max;
  double width = hi - lo + (step > 0 ? step : 0);
  if (c.lower && !c.lower_inclusive) width -= step;
  if (c.upper && !c.upper_inclusive) width -= step;
  double total = *max - *min + (step > 0 ? step : 0);
  if (total <= 0) return selectivity * (width >= 0 ? 1 : 0);
  double distinct = c.stats->distinct > 0 ? c.stats->distinct : total;
  double floor = 1 / std::max(1.0, distinct);  // a range that holds values holds at least one
  return selectivity * std::clamp(width / total, width >= 0 ? floor : 0.0, 1.0);
}

}  // namespace

const CardinalityEstimator::ColumnStats* CardinalityEstimator::StatsOf(const LogicalGet& get,
                                                                       uint32_t column) {
  if (column == kRowIdColumn) return nullptr;
  const DataTable* table = &get.table.storage();
  auto it = tables_.find(table);
  if (it == tables_.end()) {
    const auto& columns = get.table.columns();
    std::vector<ColumnStats> stats(columns.size());
    std::vector<ColumnChunkInfo> chunks = get.table.storage().GetChunkInfo();
    std::vector<std::vector<const ColumnChunkInfo*>> per_column(columns.size());
    for (const auto& chunk : chunks) {
      if (chunk.column_index < columns.size()) per_column[chunk.column_index].push_back(&chunk);
    }
    for (size_t c = 0; c < columns.size(); c++) {
      ColumnStats& s = stats[c];
      double rows = 0, nulls = 0;
      for (const ColumnChunkInfo* chunk : per_column[c]) {
        rows += static_cast<double>(chunk->row_count);
        nulls += static_cast<double>(chunk->null_count);
        if (!chunk->min.is_null() && (s.min.is_null() || Value::Compare(chunk->min, s.min) < 0)) {
          s.min = chunk->min;
        }
        if (!chunk->max.is_null() && (s.max.is_null() || Value::Compare(chunk->max, s.max) > 0)) {
          s.max = chunk->max;
        }
      }
      s.rows = rows;
      s.null_fraction = rows > 0 ? nulls / rows : 0;
      s.distinct = TableDistinct(per_column[c], columns[c].type);
    }
    it = tables_.emplace(table, std::move(stats)).first;
  }
  if (column >= it->second.size()) return nullptr;
  return &it->second[column];
}

std::optional<CardinalityEstimator::Origin> CardinalityEstimator::FindOrigin(
    LogicalOperator& op, ColumnBinding binding) {
  LogicalOperator* node = &op;
  for (int depth = 0; depth < 256; depth++) {
    switch (node->type) {
      case LogicalOperatorType::kGet: {
        auto& get = node->As<LogicalGet>();
        if (get.table_index != binding.table_index || binding.column_index == kRowIdBinding) {
          return std::nullopt;
        }
        return Origin{&get, static_cast<uint32_t>(binding.column_index)};
      }
      case LogicalOperatorType::kProjection: {
        auto& projection = node->As<LogicalProjection>();
        if (projection.table_index != binding.table_index) return std::nullopt;
        if (binding.column_index >= projection.expressions.size()) return std::nullopt;
        const BoundExpression* e = StripCasts(projection.expressions[binding.column_index].get());
        if (e->kind != BoundExprKind::kColumnRef || e->depth != 0) return std::nullopt;
        binding = e->binding;
        node = node->children[0].get();
        continue;
      }
      case LogicalOperatorType::kAggregate: {
        auto& aggregate = node->As<LogicalAggregate>();
        if (aggregate.group_index != binding.table_index) return std::nullopt;
        if (binding.column_index >= aggregate.groups.size()) return std::nullopt;
        const BoundExpression* e = StripCasts(aggregate.groups[binding.column_index].get());
        if (e->kind != BoundExprKind::kColumnRef || e->depth != 0) return std::nullopt;
        binding = e->binding;
        node = node->children[0].get();
        continue;
      }
      default:
        break;
    }
    LogicalOperator* next = nullptr;
    for (auto& child : node->children) {
      for (const auto& b : child->GetColumnBindings()) {
        if (b == binding) next = child.get();
      }
      if (next) break;
    }
    if (next == nullptr) return std::nullopt;
    node = next;
  }
  return std::nullopt;
}

std::optional<double> CardinalityEstimator::DistinctCount(const BoundExpression& expr,
                                                          LogicalOperator& input) {
  const BoundExpression* e = StripCasts(&expr);
  if (e->kind == BoundExprKind::kConstant) return 1.0;
  if (e->kind != BoundExprKind::kColumnRef || e->depth != 0) return std::nullopt;
  double rows = std::max(1.0, Estimate(input));
  auto origin = FindOrigin(input, e->binding);
  if (!origin) return std::nullopt;
  const ColumnStats* stats = StatsOf(*origin->get, origin->column);
  if (stats == nullptr || stats->distinct <= 0) return std::nullopt;
  // Fewer rows than the table hold fewer distinct values: as many as n rows drawn from D values.
  double table_rows = std::max(1.0, stats->rows * (1 - stats->null_fraction));
  double d = stats->distinct;
  if (rows >= table_rows) return d;
  return std::max(1.0, d * (1 - std::pow(1 - rows / table_rows, table_rows / d)));
}

double CardinalityEstimator::TermSelectivity(const BoundExpression& term, LogicalOperator& input) {
  switch (term.kind) {
    case BoundExprKind::kConstant:
      if (term.value.is_null()) return 0;
      return term.type.id() == TypeId::kBoolean && !term.value.GetBool() ? 0 : 1;
    case BoundExprKind::kConjunction: {
      std::vector<const BoundExpression*> terms;
      CollectTerms(term, term.is_and, &terms);
      if (term.is_and) return Selectivity(terms, input);
      double none = 1;
      for (const BoundExpression* t : terms) {
        std::vector<const BoundExpression*> branch;
        CollectTerms(*t, /*is_and=*/true, &branch);
        none *= 1 - Selectivity(branch, input);
      }
      return 1 - none;
    }
    case BoundExprKind::kNot:
      return std::max(0.0, 1 - TermSelectivity(*term.children[0], input));
    case BoundExprKind::kComparison: {
      const BoundExpression& a = *term.children[0];
      const BoundExpression& b = *term.children[1];
      if (term.comparison == ComparisonType::kEqual ||
          term.comparison == ComparisonType::kNotDistinctFrom) {
        auto da = DistinctCount(a, input), db = DistinctCount(b, input);
        double d = std::max(da.value_or(1), db.value_or(1));
        if (!da && !db) return kDefaultSelectivity;
        return 1 / std::max(1.0, d);
      }
      if (term.comparison == ComparisonType::kNotEqual ||
          term.comparison == ComparisonType::kDistinctFrom) {
        return 0.9;
      }
      return kRangeSelectivity;
    }
    case BoundExprKind::kFunction:
      if (term.function_name == "~~" || term.function_name == "~~*") return kLikeSelectivity;
      if (term.function_name == "!~~" || term.function_name == "!~~*") return 1 - kLikeSelectivity;
      return kDefaultSelectivity;
    default:
      return kDefaultSelectivity;
  }
}

double CardinalityEstimator::Selectivity(const std::vector<const BoundExpression*>& conjuncts,
                                         LogicalOperator& input) {
  // Comparisons of one base column with constants are combined per column (both bounds of a
  // range together); everything else multiplies in independently.
  std::vector<std::pair<std::pair<const LogicalGet*, uint32_t>, ColumnConstraint>> columns;
  auto constraint_of = [&](const BoundExpression& column) -> ColumnConstraint* {
    const BoundExpression* e = &column;
    if (e->kind == BoundExprKind::kCast) {
      // Only a widening keeps the column's order; anything else is not a plain column test.
      if (!(e->type.IsNumeric() && e->children[0]->type.IsNumeric())) return nullptr;
      e = e->children[0].get();
    }
    if (e->kind != BoundExprKind::kColumnRef || e->depth != 0) return nullptr;
    auto origin = FindOrigin(input, e->binding);
    if (!origin) return nullptr;
    std::pair<const LogicalGet*, uint32_t> key{origin->get, origin->column};
    for (auto& [k, c] : columns) {
      if (k == key) return &c;
    }
    ColumnConstraint c;
    c.stats = StatsOf(*origin->get, origin->column);
    c.type = e->type;
    columns.emplace_back(key, c);
    return &columns.back().second;
  };
  auto distinct_of = [](const ColumnConstraint& c) {
    return c.stats && c.stats->distinct > 0 ? c.stats->distinct : 1 / kDefaultSelectivity;
  };
  double others = 1;
  for (const BoundExpression* term : conjuncts) {
    bool handled = false;
    if (term->kind == BoundExprKind::kComparison) {
      const BoundExpression* column = term->children[0].get();
      const BoundExpression* constant = term->children[1].get();
      ComparisonType op = term->comparison;
      if (column->kind == BoundExprKind::kConstant) {
        std::swap(column, constant);
        op = FlipComparison(op);
      }
      ColumnConstraint* c =
          constant->kind == BoundExprKind::kConstant ? constraint_of(*column) : nullptr;
      if (c != nullptr) {
        handled = true;
        auto bound = ToNumber(constant->value);
        switch (op) {
          case ComparisonType::kEqual:
          case ComparisonType::kNotDistinctFrom:
            c->equal *= 1 / distinct_of(*c);
            break;
          case ComparisonType::kNotEqual:
          case ComparisonType::kDistinctFrom:
            c->equal *= 1 - 1 / distinct_of(*c);
            break;
          case ComparisonType::kGreater:
          case ComparisonType::kGreaterEqual:
            if (!bound) {
              c->range_terms++;
            } else if (!c->lower || *bound >= *c->lower) {
              c->lower = bound;
              c->lower_inclusive = op == ComparisonType::kGreaterEqual;
            }
            break;
          case ComparisonType::kLess:
          case ComparisonType::kLessEqual:
            if (!bound) {
              c->range_terms++;
            } else if (!c->upper || *bound <= *c->upper) {
              c->upper = bound;
              c->upper_inclusive = op == ComparisonType::kLessEqual;
            }
            break;
        }
      }
    } else if (term->kind == BoundExprKind::kInList && !term->negated) {
      bool constants = true;
      for (size_t i = 1; i < term->children.size(); i++) {
        constants &= term->children[i]->kind == BoundExprKind::kConstant;
      }
      ColumnConstraint* c = constants ? constraint_of(*term->children[0]) : nullptr;
      if (c != nullptr) {
        handled = true;
        c->equal *= std::min(1.0, static_cast<double>(term->children.size() - 1) / distinct_of(*c));
      }
    } else if (term->kind == BoundExprKind::kIsNull) {
      ColumnConstraint* c = constraint_of(*term->children[0]);
      if (c != nullptr && c->stats != nullptr) {
        handled = true;
        double nulls = c->stats->null_fraction;
        c->equal *= term->negated ? 1 - nulls : nulls;
      }
    }
    if (!handled) others *= TermSelectivity(*term, input);
  }
  double selectivity = others;
  for (auto& [key, c] : columns) selectivity *= c.equal * RangeFraction(c);
  return std::clamp(selectivity, 0.0, 1.0);
}

double CardinalityEstimator::ScanFilterSelectivity(const LogicalGet& get) {
  double selectivity = 1;
  // Range bounds of one column are combined as for filter conjuncts.
  absl::flat_hash_map<uint32_t, ColumnConstraint> columns;
  for (const ColumnFilter& f : get.filters->filters) {
    ColumnConstraint& c = columns[f.column_index];
    c.stats = StatsOf(get, f.column_index);
    c.type = get.table.columns()[f.column_index].type;
    double distinct = c.stats && c.stats->distinct > 0 ? c.stats->distinct : 5;
    auto bound = ToNumber(f.constant);
    switch (f.op) {
      case ColumnFilterOp::kEqual:
        c.equal *= 1 / distinct;
        break;
      case ColumnFilterOp::kInList:
        c.equal *= std::min(1.0, static_cast<double>(f.values.size()) / distinct);
        break;
      case ColumnFilterOp::kIsNull:
        c.equal *= c.stats ? c.stats->null_fraction : kDefaultSelectivity;
        break;
      case ColumnFilterOp::kIsNotNull:
        c.equal *= c.stats ? 1 - c.stats->null_fraction : 1;
        break;
      case ColumnFilterOp::kPrefix:
        c.equal *= kLikeSelectivity;
        break;
      case ColumnFilterOp::kGreater:
      case ColumnFilterOp::kGreaterEqual:
        if (!bound) {
          c.range_terms++;
        } else if (!c.lower || *bound >= *c.lower) {
          c.lower = bound;
          c.lower_inclusive = f.op == ColumnFilterOp::kGreaterEqual;
        }
        break;
      case ColumnFilterOp::kLess:
      case ColumnFilterOp::kLessEqual:
        if (!bound) {
          c.range_terms++;
        } else if (!c.upper || *bound <= *c.upper) {
          c.upper = bound;
          c.upper_inclusive = f.op == ColumnFilterOp::kLessEqual;
        }
        break;
    }
  }
  for (auto& [column, c] : columns) selectivity *= c.equal * RangeFraction(c);
  return std::clamp(selectivity, 0.0, 1.0);
}

double CardinalityEstimator::JoinSelectivity(const BoundExpression& predicate,
                                             LogicalOperator& left, LogicalOperator& right) {
  if (predicate.kind == BoundExprKind::kComparison &&
      (predicate.comparison == ComparisonType::kEqual ||
       predicate.comparison == ComparisonType::kNotDistinctFrom)) {
    const BoundExpression& a = *predicate.children[0];
    const BoundExpression& b = *predicate.children[1];
    auto da = DistinctCount(a, left);
    if (!da) da = DistinctCount(a, right);
    auto db = DistinctCount(b, right);
    if (!db) db = DistinctCount(b, left);
    if (da || db) return 1 / std::max({1.0, da.value_or(0), db.value_or(0)});
    // No statistics: assume a key / foreign key join (the larger side's rows survive).
    return 1 / std::max(1.0, std::min(Estimate(left), Estimate(right)));
  }
  if (predicate.kind == BoundExprKind::kComparison &&
      (predicate.comparison == ComparisonType::kNotEqual ||
       predicate.comparison == ComparisonType::kDistinctFrom)) {
    return 0.9;
  }
  if (predicate.kind == BoundExprKind::kComparison) return kRangeSelectivity;
  return kDefaultSelectivity;
}

double CardinalityEstimator::EstimateJoin(LogicalJoin& join) {
  LogicalOperator& left = *join.children[0];
  LogicalOperator& right = *join.children[1];
  double l = Estimate(left);
  if (join.delim_index != kInvalidIndex) {
    double distinct = 1;
    for (const auto& column : join.delim_columns) {
      distinct *= DistinctCount(*column, left).value_or(l);
    }
    delim_rows_[join.delim_index] = std::clamp(distinct, 1.0, std::max(1.0, l));
  }
  double r = Estimate(right);
  // The selectivity of the predicates, the most selective first and the others dampened
  // (keys of one relationship are correlated: (partkey, suppkey) is no rarer than partkey x 4).
  std::vector<double> selectivities;
  for (auto& c : join.conditions) {
    auto predicate = BoundExpression::Comparison(c.comparison, c.left->Copy(), c.right->Copy());
    selectivities.push_back(JoinSelectivity(*predicate, left, right));
  }
  for (auto& e : join.expressions) selectivities.push_back(JoinSelectivity(*e, left, right));
  std::sort(selectivities.begin(), selectivities.end());
  double selectivity = 1, exponent = 1;
  for (double s : selectivities) {
    selectivity *= std::pow(s, exponent);
    exponent /= 2;
  }
  double inner = l * r * selectivity;
  switch (join.kind) {
    case JoinKind::kInner:
      return inner;
    case JoinKind::kLeft:
      return std::max(inner, l);
    case JoinKind::kRight:
      return std::max(inner, r);
    case JoinKind::kFull:
      return std::max(inner, l + r);
    case JoinKind::kSemi:
      // Left rows with at least one match: at most all of them.
      return std::min(l, inner);
    case JoinKind::kAnti:
      return std::max(l - std::min(l, inner), l * kDefaultSelectivity);
    case JoinKind::kMark:
    case JoinKind::kSingle:
      return l;
  }
  return inner;
}

double CardinalityEstimator::Compute(LogicalOperator& op) {
  switch (op.type) {
    case LogicalOperatorType::kGet: {
      auto& get = op.As<LogicalGet>();
      return static_cast<double>(get.base_cardinality) * ScanFilterSelectivity(get);
    }
    case LogicalOperatorType::kFilter: {
      LogicalOperator& child = *op.children[0];
      double input = Estimate(child);
      // A filter on a scan holds the conjuncts the scan prunes with too: start from the table.
      if (child.type == LogicalOperatorType::kGet) {
        input = static_cast<double>(child.As<LogicalGet>().base_cardinality);
      }
      std::vector<const BoundExpression*> conjuncts;
      for (const auto& e : op.expressions) CollectTerms(*e, /*is_and=*/true, &conjuncts);
      return input * Selectivity(conjuncts, child);
    }
    case LogicalOperatorType::kAggregate: {
      auto& aggregate = op.As<LogicalAggregate>();
      double input = Estimate(*op.children[0]);
      if (aggregate.groups.empty()) return 1;
      double groups = 1;
      for (const auto& g : aggregate.groups) {
        auto d = DistinctCount(*g, *op.children[0]);
        if (!d) return std::max(1.0, input / 2);
        groups *= *d;
      }
      return std::min(input, groups);
    }
    case LogicalOperatorType::kJoin:
      return EstimateJoin(op.As<LogicalJoin>());
    case LogicalOperatorType::kCrossProduct:
      return Estimate(*op.children[0]) * Estimate(*op.children[1]);
    case LogicalOperatorType::kLimit: {
      auto& limit = op.As<LogicalLimit>();
      double input = Estimate(*op.children[0]);
      if (limit.limit == LogicalLimit::kNoLimit) return input;
      return std::min(input, static_cast<double>(limit.limit));
    }
    case LogicalOperatorType::kTopN:
      return std::min(Estimate(*op.children[0]), static_cast<double>(op.As<LogicalTopN>().limit));
    case LogicalOperatorType::kSetOperation: {
      auto& set_op = op.As<LogicalSetOperation>();
      double l = Estimate(*op.children[0]), r = Estimate(*op.children[1]);
      return set_op.kind == SetOperationKind::kUnion ? l + r : l;
    }
    case LogicalOperatorType::kDelimGet: {
      auto it = delim_rows_.find(op.As<LogicalDelimGet>().delim_index);
      if (it != delim_rows_.end()) return it->second;
      return static_cast<double>(op.GuessCardinality());
    }
    case LogicalOperatorType::kMaterializedCte:
      Estimate(*op.children[0]);
      return Estimate(*op.children[1]);
    default: {
      // Row-preserving operators (projection, order, window, DML) and sources with their own
      // counts (VALUES, table functions, CTE references).
      double rows = -1;
      for (auto& child : op.children) {
        double r = Estimate(*child);
        if (rows < 0) rows = r;
      }
      if (op.children.empty() || op.type == LogicalOperatorType::kCteRef) {
        return static_cast<double>(op.GuessCardinality());
      }
      return rows;
    }
  }
}

double CardinalityEstimator::Estimate(LogicalOperator& op) {
  if (op.estimated_cardinality != kInvalidIndex) {
    return static_cast<double>(op.estimated_cardinality);
  }
  double rows = std::max(1.0, Compute(op));
  if (op.type == LogicalOperatorType::kEmptyResult) rows = 0;
  op.estimated_cardinality = static_cast<idx_t>(std::min(rows, 1e18));
  return static_cast<double>(op.estimated_cardinality);
}

namespace {
void ClearEstimates(LogicalOperator& op) {
  op.estimated_cardinality = kInvalidIndex;
  for (auto& child : op.children) ClearEstimates(*child);
}
}  // namespace

void EstimateCardinalities(LogicalOperator& plan) {
  ClearEstimates(plan);
  CardinalityEstimator estimator;
  estimator.Estimate(plan);
}

}  // namespace fluxdb
