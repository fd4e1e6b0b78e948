// Templates that run a per-value operation over whole vectors, for any input encoding.
//
// They are the only place that deals with flat / constant / dictionary inputs and NULL
// propagation for simple functions, so a function body is a one-line lambda. The flat, NULL-free
// case is a plain loop over arrays that the compiler vectorizes. Operations that can fail (an
// overflow) return false and leave their message in `error`; the loop stops at the first failure.
#pragma once

#include <string>

#include "common/vector.h"

namespace fluxdb {

/// result[i] = op(input[i]) where input[i] is valid; NULL otherwise.
template <typename A, typename R, typename Op>
void UnaryExecute(const Vector& input, Vector& result, idx_t count, Op&& op) {
  if (input.encoding() == VectorEncoding::kConstant) {
    if (input.IsConstantNull()) {
      result.SetConstant(Value(result.type()));
      return;
    }
    result.data<R>()[0] = op(input.data<A>()[0]);
    result.MarkConstant();
    return;
  }
  R* out = result.data<R>();
  if (input.encoding() == VectorEncoding::kFlat) {
    const A* in = input.data<A>();
    if (!input.validity().AllValid()) result.validity().CopyFrom(input.validity(), 0, 0, count);
    for (idx_t i = 0; i < count; i++) out[i] = op(in[i]);
    return;
  }
  UnifiedVector u;
  input.ToUnified(count, &u);
  const A* in = u.values<A>();
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    if (u.validity->IsValid(idx)) {
      out[i] = op(in[idx]);
    } else {
      result.validity().SetInvalid(i);
    }
  }
}

/// Like UnaryExecute, but op is never called for a NULL row (string operations that would
/// read the bytes of a NULL slot).
template <typename A, typename R, typename Op>
void UnaryExecuteValid(const Vector& input, Vector& result, idx_t count, Op&& op) {
  R* out = result.data<R>();
  if (input.encoding() == VectorEncoding::kFlat && input.validity().AllValid()) {
    const A* in = input.data<A>();
    for (idx_t i = 0; i < count; i++) out[i] = op(in[i]);
    return;
  }
  bool constant = input.encoding() == VectorEncoding::kConstant;
  idx_t n = constant ? 1 : count;
  UnifiedVector u;
  input.ToUnified(n, &u);
  const A* in = u.values<A>();
  for (idx_t i = 0; i < n; i++) {
    idx_t idx = u.index(i);
    if (u.validity->IsValid(idx)) {
      out[i] = op(in[idx]);
    } else {
      result.validity().SetInvalid(i);
      out[i] = R{};
    }
  }
  if (constant) result.MarkConstant();
}

/// Like UnaryExecute, but op(value, &out) returns false on failure (then `error` is set).
template <typename A, typename R, typename Op>
bool UnaryTryExecute(const Vector& input, Vector& result, idx_t count, Op&& op) {
  UnifiedVector u;
  input.ToUnified(count, &u);
  const A* in = u.values<A>();
  R* out = result.data<R>();
  bool constant = input.encoding() == VectorEncoding::kConstant;
  idx_t n = constant ? 1 : count;
  for (idx_t i = 0; i < n; i++) {
    idx_t idx = u.index(i);
    if (!u.validity->IsValid(idx)) {
      result.validity().SetInvalid(i);
      continue;
    }
    if (!op(in[idx], &out[i])) return false;
  }
  if (constant) result.MarkConstant();
  return true;
}

/// result[i] = op(left[i], right[i]) where both are valid; NULL otherwise.
template <typename A, typename B, typename R, typename Op>
void BinaryExecute(const Vector& left, const Vector& right, Vector& result, idx_t count, Op&& op) {
  bool lconst = left.encoding() == VectorEncoding::kConstant;
  bool rconst = right.encoding() == VectorEncoding::kConstant;
  if (lconst && rconst) {
    if (left.IsConstantNull() || right.IsConstantNull()) {
      result.SetConstant(Value(result.type()));
      return;
    }
    result.data<R>()[0] = op(left.data<A>()[0], right.data<B>()[0]);
    result.MarkConstant();
    return;
  }
  R* out = result.data<R>();
  bool lflat = left.encoding() == VectorEncoding::kFlat;
  bool rflat = right.encoding() == VectorEncoding::kFlat;
  if (lflat && rflat && left.validity().AllValid() && right.validity().AllValid()) {
    const A* l = left.data<A>();
    const B* r = right.data<B>();
    for (idx_t i = 0; i < count; i++) out[i] = op(l[i], r[i]);
    return;
  }
  if (lflat && rconst && left.validity().AllValid() && !right.IsConstantNull()) {
    const A* l = left.data<A>();
    const B r = right.data<B>()[0];
    for (idx_t i = 0; i < count; i++) out[i] = op(l[i], r);
    return;
  }
  if (lconst && rflat && right.validity().AllValid() && !left.IsConstantNull()) {
    const A l = left.data<A>()[0];
    const B* r = right.data<B>();
    for (idx_t i = 0; i < count; i++) out[i] = op(l, r[i]);
    return;
  }
  UnifiedVector ul, ur;
  left.ToUnified(count, &ul);
  right.ToUnified(count, &ur);
  const A* l = ul.values<A>();
  const B* r = ur.values<B>();
  for (idx_t i = 0; i < count; i++) {
    idx_t li = ul.index(i), ri = ur.index(i);
    if (ul.validity->IsValid(li) && ur.validity->IsValid(ri)) {
      out[i] = op(l[li], r[ri]);
    } else {
      result.validity().SetInvalid(i);
      out[i] = R{};
    }
  }
}

/// Like BinaryExecute, but op(a, b, &out) returns false on failure. op may also return NULL by
/// setting *is_null (e.g. division by zero).
template <typename A, typename B, typename R, typename Op>
bool BinaryTryExecute(const Vector& left, const Vector& right, Vector& result, idx_t count,
                      Op&& op) {
  bool constant =
      left.encoding() == VectorEncoding::kConstant && right.encoding() == VectorEncoding::kConstant;
  idx_t n = constant ? 1 : count;
  UnifiedVector ul, ur;
  left.ToUnified(n, &ul);
  right.ToUnified(n, &ur);
  const A* l = ul.values<A>();
  const B* r = ur.values<B>();
  R* out = result.data<R>();
  bool all_valid = ul.validity->AllValid() && ur.validity->AllValid();
  for (idx_t i = 0; i < n; i++) {
    idx_t li = ul.index(i), ri = ur.index(i);
    if (!all_valid && (!ul.validity->IsValid(li) || !ur.validity->IsValid(ri))) {
      result.validity().SetInvalid(i);
      out[i] = R{};
      continue;
    }
    bool is_null = false;
    if (!op(l[li], r[ri], &out[i], &is_null)) return false;
    if (is_null) result.validity().SetInvalid(i);
  }
  if (constant) result.MarkConstant();
  return true;
}

/// result[i] = op(a[i], b[i], c[i]) where all three are valid; NULL otherwise.
template <typename A, typename B, typename C, typename R, typename Op>
void TernaryExecute(const Vector& a, const Vector& b, const Vector& c, Vector& result, idx_t count,
                    Op&& op) {
  bool constant = a.encoding() == VectorEncoding::kConstant &&
                  b.encoding() == VectorEncoding::kConstant &&
                  c.encoding() == VectorEncoding::kConstant;
  idx_t n = constant ? 1 : count;
  UnifiedVector ua, ub, uc;
  a.ToUnified(n, &ua);
  b.ToUnified(n, &ub);
  c.ToUnified(n, &uc);
  const A* av = ua.values<A>();
  const B* bv = ub.values<B>();
  const C* cv = uc.values<C>();
  R* out = result.data<R>();
  for (idx_t i = 0; i < n; i++) {
    idx_t ai = ua.index(i), bi = ub.index(i), ci = uc.index(i);
    if (ua.validity->IsValid(ai) && ub.validity->IsValid(bi) && uc.validity->IsValid(ci)) {
      out[i] = op(av[ai], bv[bi], cv[ci]);
    } else {
      result.validity().SetInvalid(i);
      out[i] = R{};
    }
  }
  if (constant) result.MarkConstant();
}

/// Like TernaryExecute, but op(a, b, c, &out) returns false on failure (the loop stops).
template <typename A, typename B, typename C, typename R, typename Op>
bool TernaryTryExecute(const Vector& a, const Vector& b, const Vector& c, Vector& result,
                       idx_t count, Op&& op) {
  bool constant = a.encoding() == VectorEncoding::kConstant &&
                  b.encoding() == VectorEncoding::kConstant &&
                  c.encoding() == VectorEncoding::kConstant;
  idx_t n = constant ? 1 : count;
  UnifiedVector ua, ub, uc;
  a.ToUnified(n, &ua);
  b.ToUnified(n, &ub);
  c.ToUnified(n, &uc);
  const A* av = ua.values<A>();
  const B* bv = ub.values<B>();
  const C* cv = uc.values<C>();
  R* out = result.data<R>();
  for (idx_t i = 0; i < n; i++) {
    idx_t ai = ua.index(i), bi = ub.index(i), ci = uc.index(i);
    if (ua.validity->IsValid(ai) && ub.validity->IsValid(bi) && uc.validity->IsValid(ci)) {
      if (!op(av[ai], bv[bi], cv[ci], &out[i])) return false;
    } else {
      result.validity().SetInvalid(i);
      out[i] = R{};
    }
  }
  if (constant) result.MarkConstant();
  return true;
}

}  // namespace fluxdb
