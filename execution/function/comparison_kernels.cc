#include "execution/function/comparison_kernels.h"

#include <algorithm>
#include <cmath>

#include "common/date_time.h"

namespace fluxdb {

namespace {

int128_t IntervalKey(const Interval& i) {
  return static_cast<int128_t>(i.months) * 30 * kMicrosPerDay +
         static_cast<int128_t>(i.days) * kMicrosPerDay + i.micros;
}

template <typename T>
inline bool Equal(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    return a == b || (std::isnan(a) && std::isnan(b));
  } else if constexpr (std::is_same_v<T, Interval>) {
    return IntervalKey(a) == IntervalKey(b);
  } else {
    return a == b;
  }
}

template <typename T>
inline bool Less(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    // NaN is larger than every other value.
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
    return a < b;
  } else if constexpr (std::is_same_v<T, Interval>) {
    return IntervalKey(a) < IntervalKey(b);
  } else {
    return a < b;
  }
}

template <typename T>
inline bool Apply(ComparisonType type, const T& a, const T& b) {
  switch (type) {
    case ComparisonType::kEqual:
    case ComparisonType::kNotDistinctFrom:
      return Equal(a, b);
    case ComparisonType::kNotEqual:
    case ComparisonType::kDistinctFrom:
      return !Equal(a, b);
    case ComparisonType::kLess:
      return Less(a, b);
    case ComparisonType::kLessEqual:
      return !Less(b, a);
    case ComparisonType::kGreater:
      return Less(b, a);
    case ComparisonType::kGreaterEqual:
      return !Less(a, b);
  }
  return false;
}

// The tight loop for one operator over flat/constant inputs without NULLs.
template <typename T, typename Op>
idx_t SelectFlat(const T* l, bool lconst, const T* r, bool rconst, idx_t count, sel_t* out, Op op) {
  idx_t n = 0;
  if (!lconst && rconst) {
    const T rv = r[0];
    for (idx_t i = 0; i < count; i++) {
      out[n] = static_cast<sel_t>(i);
      n += op(l[i], rv);
    }
  } else if (lconst && !rconst) {
    const T lv = l[0];
    for (idx_t i = 0; i < count; i++) {
      out[n] = static_cast<sel_t>(i);
      n += op(lv, r[i]);
    }
  } else {
    for (idx_t i = 0; i < count; i++) {
      out[n] = static_cast<sel_t>(i);
      n += op(l[lconst ? 0 : i], r[rconst ? 0 : i]);
    }
  }
  return n;
}

// The same over NULL-free inputs of which at least one is selected (a dictionary vector, as the
// later terms of an AND see the rows the earlier ones kept): the selection is read directly.
template <typename T, typename Op>
idx_t SelectSelected(const UnifiedVector& ul, bool lconst, const UnifiedVector& ur, bool rconst,
                     idx_t count, sel_t* out, Op op) {
  const T* l = ul.values<T>();
  const T* r = ur.values<T>();
  const sel_t* ls = ul.sel->data();
  const sel_t* rs = ur.sel->data();
  idx_t n = 0;
  if (rconst && ls != nullptr) {
    const T rv = r[0];
    if constexpr (std::is_same_v<T, StringRef>) {
      // A small dictionary (a dictionary-encoded column chunk): each entry the rows use is
      // compared once, then the rows look their entry's answer up.
      constexpr idx_t kMaxEntries = kVectorSize / 4;
      sel_t max = 0;
      for (idx_t i = 0; i < count; i++) max = std::max(max, ls[i]);
      if (max < kMaxEntries && max < count / 4) {
        uint8_t answer[kMaxEntries];
        for (idx_t e = 0; e <= max; e++) answer[e] = 2;  // not compared yet
        for (idx_t i = 0; i < count; i++) {
          sel_t e = ls[i];
          if (answer[e] == 2) answer[e] = op(l[e], rv) ? 1 : 0;
          out[n] = static_cast<sel_t>(i);
          n += answer[e];
        }
        return n;
      }
    }
    for (idx_t i = 0; i < count; i++) {
      out[n] = static_cast<sel_t>(i);
      n += op(l[ls[i]], rv);
    }
  } else if (lconst && rs != nullptr) {
    const T lv = l[0];
    for (idx_t i = 0; i < count; i++) {
      out[n] = static_cast<sel_t>(i);
      n += op(lv, r[rs[i]]);
    }
  } else {
    for (idx_t i = 0; i < count; i++) {
      out[n] = static_cast<sel_t>(i);
      n += op(l[ul.index(i)], r[ur.index(i)]);
    }
  }
  return n;
}

// Calls body(op) with the comparison as a lambda, so that the loops inline it.
template <typename T, typename Body>
idx_t WithComparison(ComparisonType type, Body&& body) {
  switch (type) {
    case ComparisonType::kEqual:
      return body([](const T& a, const T& b) { return Equal(a, b); });
    case ComparisonType::kNotEqual:
      return body([](const T& a, const T& b) { return !Equal(a, b); });
    case ComparisonType::kLess:
      return body([](const T& a, const T& b) { return Less(a, b); });
    case ComparisonType::kLessEqual:
      return body([](const T& a, const T& b) { return !Less(b, a); });
    case ComparisonType::kGreater:
      return body([](const T& a, const T& b) { return Less(b, a); });
    case ComparisonType::kGreaterEqual:
      return body([](const T& a, const T& b) { return !Less(a, b); });
    default:
      break;
  }
  return 0;
}

template <typename T>
idx_t SelectTyped(ComparisonType type, const Vector& left, const Vector& right, idx_t count,
                  SelectionVector& true_sel) {
  bool distinct = type == ComparisonType::kDistinctFrom || type == ComparisonType::kNotDistinctFrom;
  auto simple = [](const Vector& v) {
    return (v.encoding() == VectorEncoding::kFlat && v.validity().AllValid()) ||
           (v.encoding() == VectorEncoding::kConstant && !v.IsConstantNull());
  };
  bool lc = left.encoding() == VectorEncoding::kConstant;
  bool rc = right.encoding() == VectorEncoding::kConstant;
  sel_t* out = true_sel.data();
  if (!distinct && simple(left) && simple(right)) {
    const T* l = left.data<T>();
    const T* r = right.data<T>();
    return WithComparison<T>(type,
                             [&](auto op) { return SelectFlat(l, lc, r, rc, count, out, op); });
  }
  UnifiedVector ul, ur;
  left.ToUnified(count, &ul);
  right.ToUnified(count, &ur);
  if (!distinct && ul.validity->AllValid() && ur.validity->AllValid()) {
    return WithComparison<T>(
        type, [&](auto op) { return SelectSelected<T>(ul, lc, ur, rc, count, out, op); });
  }
  const T* l = ul.values<T>();
  const T* r = ur.values<T>();
  idx_t n = 0;
  for (idx_t i = 0; i < count; i++) {
    idx_t li = ul.index(i), ri = ur.index(i);
    bool lv = ul.validity->IsValid(li), rv = ur.validity->IsValid(ri);
    bool match;
    if (lv && rv) {
      match = Apply(type, l[li], r[ri]);
    } else if (distinct) {
      bool both_null = !lv && !rv;
      match = type == ComparisonType::kNotDistinctFrom ? both_null : !both_null;
    } else {
      match = false;
    }
    if (match) true_sel.set_index(n++, i);
  }
  return n;
}

}  // namespace

template <typename T>
int CompareValues(const T& a, const T& b) {
  if (Less(a, b)) return -1;
  if (Less(b, a)) return 1;
  return 0;
}
template int CompareValues<bool>(const bool&, const bool&);
template int CompareValues<int8_t>(const int8_t&, const int8_t&);
template int CompareValues<int16_t>(const int16_t&, const int16_t&);
template int CompareValues<int32_t>(const int32_t&, const int32_t&);
template int CompareValues<int64_t>(const int64_t&, const int64_t&);
template int CompareValues<int128_t>(const int128_t&, const int128_t&);
template int CompareValues<float>(const float&, const float&);
template int CompareValues<double>(const double&, const double&);
template int CompareValues<StringRef>(const StringRef&, const StringRef&);
template int CompareValues<Interval>(const Interval&, const Interval&);

idx_t SelectComparison(ComparisonType type, const Vector& left, const Vector& right, idx_t count,
                       SelectionVector& true_sel) {
  return DispatchPhysical(left.type().physical(), [&]<typename T>() {
    return SelectTyped<T>(type, left, right, count, true_sel);
  });
}

Status CompareVectors(ComparisonType type, const Vector& left, const Vector& right, idx_t count,
                      Vector& result) {
  bool distinct = type == ComparisonType::kDistinctFrom || type == ComparisonType::kNotDistinctFrom;
  bool lc = left.encoding() == VectorEncoding::kConstant;
  bool rc = right.encoding() == VectorEncoding::kConstant;
  if (lc && rc) count = count == 0 ? 0 : 1;
  SelectionVector sel(count == 0 ? 1 : count);
  idx_t matches = SelectComparison(type, left, right, count, sel);
  bool* out = result.data<bool>();
  std::fill(out, out + count, false);
  for (idx_t i = 0; i < matches; i++) out[sel.get_index(i)] = true;
  if (!distinct) {
    UnifiedVector ul, ur;
    left.ToUnified(count, &ul);
    right.ToUnified(count, &ur);
    if (!ul.validity->AllValid() || !ur.validity->AllValid()) {
      for (idx_t i = 0; i < count; i++) {
        if (!ul.IsValid(i) || !ur.IsValid(i)) result.validity().SetInvalid(i);
      }
    }
  }
  if (lc && rc) result.MarkConstant();
  return Status();
}

}  // namespace fluxdb
