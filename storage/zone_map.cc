#include "storage/zone_map.h"

#include "storage/data_table.h"

namespace fluxdb {

namespace {

// Comparable: same logical type (DECIMAL scales must agree) and both non-NULL.
bool Comparable(const Value& a, const Value& b) {
  return !a.is_null() && !b.is_null() && a.type() == b.type();
}

// True when no value in [min, max] can equal `v`.
bool Outside(const Value& v, const Value& min, const Value& max) {
  return Value::Compare(v, min) < 0 || Value::Compare(v, max) > 0;
}

PruneReason ReasonFor(const ColumnFilter& filter, PruneReason natural) {
  return filter.reason == PruneReason::kMinMax ? natural : filter.reason;
}

}  // namespace

std::optional<PruneReason> CheckZoneMap(const ColumnFilter& filter, const Value& min,
                                        const Value& max, idx_t null_count, idx_t row_count) {
  bool has_values = !min.is_null() && !max.is_null();
  switch (filter.op) {
    case ColumnFilterOp::kIsNull:
      if (null_count == 0) return ReasonFor(filter, PruneReason::kMinMax);
      return std::nullopt;
    case ColumnFilterOp::kIsNotNull:
      if (null_count >= row_count) return ReasonFor(filter, PruneReason::kMinMax);
      return std::nullopt;
    case ColumnFilterOp::kInList: {
      if (!has_values) return ReasonFor(filter, PruneReason::kInList);
      for (const Value& v : filter.values) {
        if (v.is_null()) continue;
        if (!Comparable(v, min) || !Outside(v, min, max)) return std::nullopt;
      }
      return ReasonFor(filter, PruneReason::kInList);
    }
    case ColumnFilterOp::kPrefix: {
      if (filter.constant.is_null()) return std::nullopt;
      if (!has_values) return ReasonFor(filter, PruneReason::kPrefix);
      if (min.type().physical() != PhysicalType::kString ||
          filter.constant.type().physical() != PhysicalType::kString) {
        return std::nullopt;
      }
      const std::string& p = filter.constant.GetString();
      // Strings starting with p lie in [p, p + 0xFF...]: every value is below p, or the smallest
      // value's first |p| bytes already exceed p.
      bool all_below = StringRef::Compare(StringRef(max.GetString()), StringRef(p)) < 0;
      std::string min_head = min.GetString().substr(0, p.size());
      bool all_above = StringRef::Compare(StringRef(min_head), StringRef(p)) > 0;
      if (all_below || all_above) return ReasonFor(filter, PruneReason::kPrefix);
      return std::nullopt;
    }
    default:
      break;
  }
  // Comparisons with a constant: a NULL row never passes.
  if (filter.constant.is_null()) return std::nullopt;
  if (!has_values) return ReasonFor(filter, PruneReason::kMinMax);
  if (!Comparable(filter.constant, min)) return std::nullopt;
  const Value& c = filter.constant;
  bool prune = false;
  switch (filter.op) {
    case ColumnFilterOp::kEqual:
      prune = Outside(c, min, max);
      break;
    case ColumnFilterOp::kLess:
      prune = Value::Compare(min, c) >= 0;
      break;
    case ColumnFilterOp::kLessEqual:
      prune = Value::Compare(min, c) > 0;
      break;
    case ColumnFilterOp::kGreater:
      prune = Value::Compare(max, c) <= 0;
      break;
    case ColumnFilterOp::kGreaterEqual:
      prune = Value::Compare(max, c) < 0;
      break;
    default:
      break;
  }
  if (prune) return ReasonFor(filter, PruneReason::kMinMax);
  return std::nullopt;
}

}  // namespace fluxdb
