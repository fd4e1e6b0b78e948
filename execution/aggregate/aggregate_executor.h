// Templates that turn a small aggregate definition into AggregateFunction's function pointers.
//
// An aggregate is a State struct and an Op struct with static members:
//   static void Initialize(State&);
//   static void Update(State&, const Input&);          // one valid input value
//   static void Combine(const State& source, State& target);
//   static bool Finalize(const State&, Result* out);   // false -> NULL result
// and optionally
//   static void UpdateBatch(State&, const Input* values, idx_t count);  // flat, NULL-free run
// The templates handle vector encodings and NULLs; the loops over flat NULL-free input are plain
// array loops.
#pragma once

#include <new>
#include <type_traits>

#include "execution/aggregate/aggregate_function.h"

namespace fluxdb::aggregate {

template <typename Op, typename State, typename Input>
concept HasUpdateBatch = requires(State& s, const Input* v, idx_t n) {
  Op::UpdateBatch(s, v, n);
};

template <typename State>
idx_t StateSize(const BoundExpression&) {
  return sizeof(State);
}

template <typename State, typename Op>
void Initialize(const BoundExpression&, StatePtr state) {
  auto* s = new (state) State();
  Op::Initialize(*s);
}

template <typename State>
void Destroy(const BoundExpression&, StatePtr* states, idx_t count) {
  for (idx_t i = 0; i < count; i++) reinterpret_cast<State*>(states[i])->~State();
}

template <typename State, typename Input, typename Op>
Status UnaryUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr* states,
                   idx_t count) {
  UnifiedVector u;
  inputs[0].ToUnified(count, &u);
  const Input* values = u.values<Input>();
  if (u.validity->AllValid()) {
    for (idx_t i = 0; i < count; i++) {
      Op::Update(*reinterpret_cast<State*>(states[i]), values[u.index(i)]);
    }
    return Status();
  }
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    if (u.validity->IsValid(idx)) Op::Update(*reinterpret_cast<State*>(states[i]), values[idx]);
  }
  return Status();
}

template <typename State, typename Input, typename Op>
Status UnarySimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr state_ptr,
                         idx_t count) {
  State& state = *reinterpret_cast<State*>(state_ptr);
  const Vector& input = inputs[0];
  if (input.encoding() == VectorEncoding::kFlat && input.validity().AllValid()) {
    const Input* values = input.data<Input>();
    if constexpr (HasUpdateBatch<Op, State, Input>) {
      Op::UpdateBatch(state, values, count);
    } else {
      for (idx_t i = 0; i < count; i++) Op::Update(state, values[i]);
    }
    return Status();
  }
  UnifiedVector u;
  input.ToUnified(count, &u);
  const Input* values = u.values<Input>();
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = u.index(i);
    if (u.validity->IsValid(idx)) Op::Update(state, values[idx]);
  }
  return Status();
}

template <typename State, typename Op>
Status Combine(const BoundExpression&, StatePtr* sources, StatePtr* targets, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    Op::Combine(*reinterpret_cast<const State*>(sources[i]), *reinterpret_cast<State*>(targets[i]));
  }
  return Status();
}

template <typename State, typename Result, typename Op>
Status Finalize(const BoundExpression&, StatePtr* states, Vector& result, idx_t count,
                idx_t offset) {
  Result* out = result.data<Result>();
  for (idx_t i = 0; i < count; i++) {
    if (!Op::Finalize(*reinterpret_cast<const State*>(states[i]), &out[offset + i])) {
      result.validity().SetInvalid(offset + i);
    }
  }
  return Status();
}

/// An AggregateFunction for Op over one argument of C++ type Input.
template <typename State, typename Input, typename Result, typename Op>
AggregateFunction UnaryAggregate(std::string name, LogicalType argument, LogicalType result) {
  AggregateFunction f;
  f.name = std::move(name);
  f.arguments = {argument};
  f.return_type = result;
  f.state_size = StateSize<State>;
  f.initialize = Initialize<State, Op>;
  f.update = UnaryUpdate<State, Input, Op>;
  f.simple_update = UnarySimpleUpdate<State, Input, Op>;
  f.combine = Combine<State, Op>;
  f.finalize = Finalize<State, Result, Op>;
  if constexpr (!std::is_trivially_destructible_v<State>) f.destroy = Destroy<State>;
  return f;
}

/// Two-argument aggregates (corr, covar_pop ...): Op::Update(State&, const A&, const B&) is
/// called for rows where both arguments are valid.
template <typename State, typename A, typename B, typename Op>
Status BinaryUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr* states,
                    idx_t count) {
  UnifiedVector ua, ub;
  inputs[0].ToUnified(count, &ua);
  inputs[1].ToUnified(count, &ub);
  const A* a = ua.values<A>();
  const B* b = ub.values<B>();
  for (idx_t i = 0; i < count; i++) {
    idx_t ai = ua.index(i), bi = ub.index(i);
    if (ua.validity->IsValid(ai) && ub.validity->IsValid(bi)) {
      Op::Update(*reinterpret_cast<State*>(states[i]), a[ai], b[bi]);
    }
  }
  return Status();
}

template <typename State, typename A, typename B, typename Op>
Status BinarySimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t, StatePtr state_ptr,
                          idx_t count) {
  State& state = *reinterpret_cast<State*>(state_ptr);
  UnifiedVector ua, ub;
  inputs[0].ToUnified(count, &ua);
  inputs[1].ToUnified(count, &ub);
  const A* a = ua.values<A>();
  const B* b = ub.values<B>();
  if (ua.validity->AllValid() && ub.validity->AllValid()) {
    for (idx_t i = 0; i < count; i++) Op::Update(state, a[ua.index(i)], b[ub.index(i)]);
    return Status();
  }
  for (idx_t i = 0; i < count; i++) {
    idx_t ai = ua.index(i), bi = ub.index(i);
    if (ua.validity->IsValid(ai) && ub.validity->IsValid(bi)) Op::Update(state, a[ai], b[bi]);
  }
  return Status();
}

/// An AggregateFunction for Op over two arguments of C++ types A and B.
template <typename State, typename A, typename B, typename Result, typename Op>
AggregateFunction BinaryAggregate(std::string name, LogicalType a, LogicalType b,
                                  LogicalType result) {
  AggregateFunction f;
  f.name = std::move(name);
  f.arguments = {a, b};
  f.return_type = result;
  f.state_size = StateSize<State>;
  f.initialize = Initialize<State, Op>;
  f.update = BinaryUpdate<State, A, B, Op>;
  f.simple_update = BinarySimpleUpdate<State, A, B, Op>;
  f.combine = Combine<State, Op>;
  f.finalize = Finalize<State, Result, Op>;
  if constexpr (!std::is_trivially_destructible_v<State>) f.destroy = Destroy<State>;
  return f;
}

}  // namespace fluxdb::aggregate
