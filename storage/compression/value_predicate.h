// A ColumnFilter prepared for evaluation on single physical values, for codecs that evaluate a
// filter once per distinct value (a dictionary entry, a run, a constant) instead of once per row.
//
// Comparisons follow Value::Compare, the order the rest of the engine uses: integers by value
// (BOOLEAN false < true), FLOAT/DOUBLE numerically with NaN above every other value and equal to
// itself (and -0.0 equal to 0.0), strings byte-wise (memcmp, then length), INTERVALs by
// months * 30 days + days + micros. A NULL constant matches nothing; NULLs in an IN list are
// ignored. A constant of another type than the column's is not evaluated here (Make returns
// nullopt, so the caller's generic path, which knows the casting rules, filters instead).
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/date_time.h"
#include "common/value.h"
#include "storage/compression/codecs.h"
#include "storage/table_filter.h"

namespace fluxdb::compression {

/// The key a value of physical type T is compared by, and how to get it from a stored value
/// and from the filter's constant.
template <typename T>
struct CompareKey {
  using S = StorageOf<T>;
  // Integers (and BOOLEAN): compared as int128 so that a constant of a wider type still works.
  using Stored = int128_t;
  static int128_t Of(const S& v) {
    if constexpr (std::is_same_v<T, bool>) return v != 0;
    return static_cast<int128_t>(v);
  }
  static int128_t FromValue(const Value& v) { return v.GetInt128(); }
  static int Compare(int128_t a, int128_t b) { return a < b ? -1 : (a > b ? 1 : 0); }
};

template <typename T>
requires std::is_floating_point_v<T>
struct CompareKey<T> {
  using Stored = double;
  static double Of(const T& v) { return v; }
  static double FromValue(const Value& v) { return v.GetDouble(); }
  static int Compare(double a, double b) {
    bool a_nan = std::isnan(a), b_nan = std::isnan(b);
    if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
    return a < b ? -1 : (a > b ? 1 : 0);
  }
};

template <>
struct CompareKey<StringRef> {
  using Stored = std::string;
  static std::string_view Of(const StringRef& v) { return v.view(); }
  static std::string FromValue(const Value& v) { return v.GetString(); }
  static int Compare(std::string_view a, std::string_view b) {
    int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
};

template <>
struct CompareKey<Interval> {
  using Stored = int128_t;
  static int128_t Of(const Interval& v) {
    return static_cast<int128_t>(v.months) * 30 * kMicrosPerDay +
           static_cast<int128_t>(v.days) * kMicrosPerDay + v.micros;
  }
  static int128_t FromValue(const Value& v) { return Of(v.GetInterval()); }
  static int Compare(int128_t a, int128_t b) { return a < b ? -1 : (a > b ? 1 : 0); }
};

/// Whether every non-NULL constant of `filter` has exactly the column's type.
inline bool ConstantsHaveType(const ColumnFilter& filter, const LogicalType& column_type) {
  if (filter.op == ColumnFilterOp::kInList) {
    for (const Value& v : filter.values) {
      if (!v.is_null() && v.type() != column_type) return false;
    }
    return true;
  }
  return filter.constant.is_null() || filter.constant.type() == column_type;
}

template <typename T>
class ValuePredicate {
  using S = StorageOf<T>;
  using Key = CompareKey<T>;
  using Stored = typename Key::Stored;

 public:
  /// nullopt when the filter is not one this evaluates (IS [NOT] NULL; a prefix on a non-string;
  /// a constant whose type is not the column's).
  static std::optional<ValuePredicate> Make(const ColumnFilter& filter,
                                            const LogicalType& column_type) {
    if (!ConstantsHaveType(filter, column_type)) return std::nullopt;
    ValuePredicate p;
    p.op_ = filter.op;
    switch (filter.op) {
      case ColumnFilterOp::kIsNull:
      case ColumnFilterOp::kIsNotNull:
        return std::nullopt;
      case ColumnFilterOp::kPrefix:
        if constexpr (!std::is_same_v<T, StringRef>) return std::nullopt;
        [[fallthrough]];
      case ColumnFilterOp::kEqual:
      case ColumnFilterOp::kLess:
      case ColumnFilterOp::kLessEqual:
      case ColumnFilterOp::kGreater:
      case ColumnFilterOp::kGreaterEqual:
        if (filter.constant.is_null()) {
          p.never_ = true;
        } else {
          p.constant_ = Key::FromValue(filter.constant);
        }
        break;
      case ColumnFilterOp::kInList:
        for (const Value& v : filter.values) {
          if (!v.is_null()) p.list_.push_back(Key::FromValue(v));
        }
        p.never_ = p.list_.empty();
        break;
    }
    return p;
  }

  /// True when no value can match (a NULL constant, an IN list of NULLs).
  bool never() const { return never_; }

  bool Matches(const S& value) const {
    if (never_) return false;
    auto key = Key::Of(value);
    switch (op_) {
      case ColumnFilterOp::kEqual:
        return Key::Compare(key, constant_) == 0;
      case ColumnFilterOp::kLess:
        return Key::Compare(key, constant_) < 0;
      case ColumnFilterOp::kLessEqual:
        return Key::Compare(key, constant_) <= 0;
      case ColumnFilterOp::kGreater:
        return Key::Compare(key, constant_) > 0;
      case ColumnFilterOp::kGreaterEqual:
        return Key::Compare(key, constant_) >= 0;
      case ColumnFilterOp::kInList:
        for (const Stored& item : list_) {
          if (Key::Compare(key, item) == 0) return true;
        }
        return false;
      case ColumnFilterOp::kPrefix:
        if constexpr (std::is_same_v<T, StringRef>) {
          return key.substr(0, constant_.size()) == std::string_view(constant_);
        }
        return false;
      case ColumnFilterOp::kIsNull:
      case ColumnFilterOp::kIsNotNull:
        break;
    }
    return false;
  }

 private:
  ColumnFilterOp op_ = ColumnFilterOp::kEqual;
  bool never_ = false;
  Stored constant_{};
  std::vector<Stored> list_;
};

/// Appends rows [begin, end) to `sel` after its first `n` entries; returns the new count.
inline idx_t SelectRange(idx_t begin, idx_t end, SelectionVector& sel, idx_t n) {
  sel_t* out = sel.data();
  for (idx_t row = begin; row < end; row++) out[n++] = static_cast<sel_t>(row);
  return n;
}

}  // namespace fluxdb::compression
