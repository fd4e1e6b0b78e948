#include "execution/expression/expression_executor.h"

#include <algorithm>

#include "execution/cast/vector_cast.h"
#include "execution/function/comparison_kernels.h"
#include "execution/function/scalar_function.h"

namespace fluxdb {

ExpressionState::ExpressionState(const BoundExpression& expr, const ExecutionContext* context)
    : expr(expr), context(context) {
  std::vector<LogicalType> types;
  for (const auto& child : expr.children) {
    children.push_back(std::make_unique<ExpressionState>(*child, context));
    types.push_back(child->type);
  }
  if (!types.empty()) intermediate.Initialize(types);
  if (expr.kind == BoundExprKind::kFunction && expr.function && expr.function->init_local) {
    local = expr.function->init_local(expr);
  }
}

ExpressionState::~ExpressionState() = default;

ExpressionExecutor::ExpressionExecutor(const ExecutionContext* context,
                                       const BoundExprList& expressions)
    : context_(context) {
  for (const auto& expr : expressions) AddExpression(*expr);
}

void ExpressionExecutor::AddExpression(const BoundExpression& expr) {
  expressions_.push_back(&expr);
  states_.push_back(std::make_unique<ExpressionState>(expr, context_));
}

Status ExpressionExecutor::Execute(const DataChunk& input, DataChunk& result) {
  for (idx_t i = 0; i < expressions_.size(); i++) {
    FLUX_RETURN_IF_ERROR(ExecuteExpression(i, input, result.column(i)));
  }
  result.SetCardinality(input.size());
  return Status();
}

Status ExpressionExecutor::ExecuteExpression(idx_t index, const DataChunk& input, Vector& result) {
  result.ResetToFlat();
  return EvaluateExpression(*states_[index], input, result);
}

StatusOr<idx_t> ExpressionExecutor::Select(const DataChunk& input, SelectionVector& sel) {
  return SelectExpression(*states_[0], input, sel);
}

StatusOr<Value> ExpressionExecutor::EvaluateScalar(const BoundExpression& expr,
                                                   const ExecutionContext* context) {
  ExpressionExecutor executor(context);
  executor.AddExpression(expr);
  DataChunk input;
  input.SetCardinality(1);
  Vector result(expr.type);
  FLUX_RETURN_IF_ERROR(executor.ExecuteExpression(0, input, result));
  return result.GetValue(0);
}

namespace {

// Copies rows [0, count) of `source` into rows target_rows[0..count) of flat `target`.
void ScatterRows(const Vector& source, idx_t count, const SelectionVector& target_rows,
                 Vector& target) {
  UnifiedVector u;
  source.ToUnified(count, &u);
  DispatchPhysical(target.type().physical(), [&]<typename T>() {
    const T* in = u.values<T>();
    T* out = target.data<T>();
    for (idx_t i = 0; i < count; i++) {
      idx_t src = u.index(i);
      idx_t dst = target_rows.get_index(i);
      if (!u.validity->IsValid(src)) {
        target.validity().SetInvalid(dst);
        out[dst] = T{};
        continue;
      }
      target.validity().SetValid(dst);
      if constexpr (std::is_same_v<T, StringRef>) {
        out[dst] = in[src].IsInlined() ? in[src] : target.AddString(in[src].view());
      } else {
        out[dst] = in[src];
      }
    }
  });
}

// A view of `input` restricted to the rows in `sel`.
void SliceInput(const DataChunk& input, const SelectionVector& sel, idx_t count, DataChunk* out) {
  out->Reference(input);
  out->Slice(sel, count);
}

Status EvaluateChild(ExpressionState& state, idx_t child, const DataChunk& input) {
  Vector& target = state.intermediate.column(child);
  target.ResetToFlat();
  return EvaluateExpression(*state.children[child], input, target);
}

// Three-valued AND / OR over evaluated boolean children.
void CombineConjunction(bool is_and, const DataChunk& children, idx_t count, Vector& result) {
  bool* out = result.data<bool>();
  std::vector<uint8_t> is_null(count, 0);
  std::fill(out, out + count, is_and);
  for (idx_t c = 0; c < children.ColumnCount(); c++) {
    UnifiedVector u;
    children.column(c).ToUnified(count, &u);
    const bool* values = u.values<bool>();
    for (idx_t i = 0; i < count; i++) {
      idx_t idx = u.index(i);
      if (!u.validity->IsValid(idx)) {
        is_null[i] = 1;
      } else if (values[idx] != is_and) {
        out[i] = !is_and;  // decided: false for AND, true for OR
      }
    }
  }
  for (idx_t i = 0; i < count; i++) {
    if (is_null[i] && out[i] == is_and) result.validity().SetInvalid(i);
  }
}

Status EvaluateCase(ExpressionState& state, const DataChunk& input, Vector& result) {
  const idx_t count = input.size();
  const auto& children = state.expr.children;
  // `remaining` lists the rows (of input) not yet claimed by an earlier WHEN.
  SelectionVector remaining(count == 0 ? 1 : count);
  for (idx_t i = 0; i < count; i++) remaining.set_index(i, i);
  idx_t remaining_count = count;
  SelectionVector when_true(count == 0 ? 1 : count);
  SelectionVector claimed(count == 0 ? 1 : count);
  for (size_t w = 0; w + 1 < children.size() && remaining_count > 0; w += 2) {
    DataChunk sliced;
    SliceInput(input, remaining, remaining_count, &sliced);
    FLUX_ASSIGN_OR_RETURN(idx_t matches, SelectExpression(*state.children[w], sliced, when_true));
    if (matches == 0) continue;
    // Rows (of input) where this WHEN holds, then evaluate THEN only there.
    for (idx_t i = 0; i < matches; i++) {
      claimed.set_index(i, remaining.get_index(when_true.get_index(i)));
    }
    DataChunk then_input;
    SliceInput(input, claimed, matches, &then_input);
    Vector& then_result = state.intermediate.column(w + 1);
    then_result.ResetToFlat();
    FLUX_RETURN_IF_ERROR(EvaluateExpression(*state.children[w + 1], then_input, then_result));
    ScatterRows(then_result, matches, claimed, result);
    // Remove the claimed rows from `remaining` (both lists are in row order).
    idx_t kept = 0, m = 0;
    for (idx_t i = 0; i < remaining_count; i++) {
      if (m < matches && when_true.get_index(m) == i) {
        m++;
        continue;
      }
      remaining.set_index(kept++, remaining.get_index(i));
    }
    remaining_count = kept;
  }
  if (remaining_count > 0) {
    DataChunk else_input;
    SliceInput(input, remaining, remaining_count, &else_input);
    Vector& else_result = state.intermediate.column(children.size() - 1);
    else_result.ResetToFlat();
    FLUX_RETURN_IF_ERROR(EvaluateExpression(*state.children.back(), else_input, else_result));
    ScatterRows(else_result, remaining_count, remaining, result);
  }
  return Status();
}

Status EvaluateCoalesce(ExpressionState& state, const DataChunk& input, Vector& result) {
  const idx_t count = input.size();
  SelectionVector remaining(count == 0 ? 1 : count);
  for (idx_t i = 0; i < count; i++) remaining.set_index(i, i);
  idx_t remaining_count = count;
  SelectionVector found(count == 0 ? 1 : count);
  for (idx_t c = 0; c < state.children.size() && remaining_count > 0; c++) {
    DataChunk sliced;
    SliceInput(input, remaining, remaining_count, &sliced);
    Vector& child_result = state.intermediate.column(c);
    child_result.ResetToFlat();
    FLUX_RETURN_IF_ERROR(EvaluateExpression(*state.children[c], sliced, child_result));
    UnifiedVector u;
    child_result.ToUnified(remaining_count, &u);
    idx_t kept = 0, nfound = 0;
    SelectionVector found_source(remaining_count);
    for (idx_t i = 0; i < remaining_count; i++) {
      if (u.IsValid(i)) {
        found.set_index(nfound, remaining.get_index(i));
        found_source.set_index(nfound++, i);
      } else {
        remaining.set_index(kept++, remaining.get_index(i));
      }
    }
    if (nfound > 0) {
      Vector picked;
      picked.Slice(child_result, found_source, nfound);
      ScatterRows(picked, nfound, found, result);
    }
    remaining_count = kept;
  }
  for (idx_t i = 0; i < remaining_count; i++) result.validity().SetInvalid(remaining.get_index(i));
  return Status();
}

Status EvaluateInList(ExpressionState& state, const DataChunk& input, Vector& result) {
  const idx_t count = input.size();
  FLUX_RETURN_IF_ERROR(EvaluateChild(state, 0, input));
  const Vector& needle = state.intermediate.column(0);
  std::vector<uint8_t> found(count, 0), saw_null(count, 0);
  SelectionVector matches(count == 0 ? 1 : count);
  Vector compared(LogicalType::Boolean());
  for (idx_t c = 1; c < state.children.size(); c++) {
    FLUX_RETURN_IF_ERROR(EvaluateChild(state, c, input));
    const Vector& item = state.intermediate.column(c);
    idx_t n = SelectComparison(ComparisonType::kEqual, needle, item, count, matches);
    for (idx_t i = 0; i < n; i++) found[matches.get_index(i)] = 1;
    UnifiedVector u;
    item.ToUnified(count, &u);
    if (!u.validity->AllValid()) {
      for (idx_t i = 0; i < count; i++) {
        if (!u.IsValid(i)) saw_null[i] = 1;
      }
    }
  }
  UnifiedVector un;
  needle.ToUnified(count, &un);
  bool* out = result.data<bool>();
  bool negated = state.expr.negated;
  for (idx_t i = 0; i < count; i++) {
    if (!un.IsValid(i) || (!found[i] && saw_null[i])) {
      result.validity().SetInvalid(i);
      out[i] = false;
    } else {
      out[i] = negated ? !found[i] : found[i];
    }
  }
  return Status();
}

// Whether try() may turn an error into NULL: errors of the value (conversion, overflow, invalid
// input ...), not those of the query or the system (interrupt, memory, I/O, internal), as DuckDB.
bool IsRowError(const Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kAborted:
      return false;
    default:
      return true;
  }
}

// try(x): x, with NULL in the rows where evaluating x fails. Without a failure this is one
// evaluation; after one, the rows are evaluated one at a time to find those that fail.
Status EvaluateTry(ExpressionState& state, const DataChunk& input, Vector& result) {
  Status status = EvaluateChild(state, 0, input);
  if (status.ok()) {
    result.Reference(state.intermediate.column(0));
    return Status();
  }
  if (!IsRowError(status)) return status;
  Vector& value = state.intermediate.column(0);
  SelectionVector row(1);
  for (idx_t i = 0; i < input.size(); i++) {
    row.set_index(0, i);
    DataChunk one;
    SliceInput(input, row, 1, &one);
    value.ResetToFlat();
    status = EvaluateExpression(*state.children[0], one, value);
    if (!status.ok()) {
      if (!IsRowError(status)) return status;
      result.validity().SetInvalid(i);
      continue;
    }
    ScatterRows(value, 1, row, result);
  }
  return Status();
}

}  // namespace

Status EvaluateExpression(ExpressionState& state, const DataChunk& input, Vector& result) {
  const BoundExpression& expr = state.expr;
  const idx_t count = input.size();
  switch (expr.kind) {
    case BoundExprKind::kConstant:
      result.SetConstant(expr.value);
      return Status();
    case BoundExprKind::kReference:
      result.Reference(input.column(expr.index));
      return Status();
    case BoundExprKind::kCast:
      FLUX_RETURN_IF_ERROR(EvaluateChild(state, 0, input));
      return CastVector(state.intermediate.column(0), result, count, expr.try_cast);
    case BoundExprKind::kFunction: {
      if (expr.function->catch_errors) return EvaluateTry(state, input, result);
      for (idx_t c = 0; c < state.children.size(); c++) {
        FLUX_RETURN_IF_ERROR(EvaluateChild(state, c, input));
      }
      state.intermediate.SetCardinality(count);
      return expr.function->body(state.intermediate, state, result);
    }
    case BoundExprKind::kComparison:
      FLUX_RETURN_IF_ERROR(EvaluateChild(state, 0, input));
      FLUX_RETURN_IF_ERROR(EvaluateChild(state, 1, input));
      return CompareVectors(expr.comparison, state.intermediate.column(0),
                            state.intermediate.column(1), count, result);
    case BoundExprKind::kConjunction:
      for (idx_t c = 0; c < state.children.size(); c++) {
        FLUX_RETURN_IF_ERROR(EvaluateChild(state, c, input));
      }
      CombineConjunction(expr.is_and, state.intermediate, count, result);
      return Status();
    case BoundExprKind::kNot: {
      FLUX_RETURN_IF_ERROR(EvaluateChild(state, 0, input));
      UnifiedVector u;
      state.intermediate.column(0).ToUnified(count, &u);
      bool* out = result.data<bool>();
      const bool* in = u.values<bool>();
      for (idx_t i = 0; i < count; i++) {
        idx_t idx = u.index(i);
        if (u.validity->IsValid(idx)) {
          out[i] = !in[idx];
        } else {
          out[i] = false;
          result.validity().SetInvalid(i);
        }
      }
      return Status();
    }
    case BoundExprKind::kIsNull: {
      FLUX_RETURN_IF_ERROR(EvaluateChild(state, 0, input));
      UnifiedVector u;
      state.intermediate.column(0).ToUnified(count, &u);
      bool* out = result.data<bool>();
      for (idx_t i = 0; i < count; i++) out[i] = u.IsValid(i) == expr.negated;
      return Status();
    }
    case BoundExprKind::kCase:
      return EvaluateCase(state, input, result);
    case BoundExprKind::kCoalesce:
      return EvaluateCoalesce(state, input, result);
    case BoundExprKind::kInList:
      return EvaluateInList(state, input, result);
    case BoundExprKind::kColumnRef:
      return InternalError("unresolved column reference ", expr.ToString(), " at execution");
    case BoundExprKind::kParameter:
      return InvalidInputError("Values were not provided for the following prepared statement "
                               "parameters: ",
                               expr.index);
    case BoundExprKind::kAggregate:
    case BoundExprKind::kWindow:
    case BoundExprKind::kSubquery:
      return InternalError("cannot evaluate ", expr.ToString(), " as a scalar expression");
  }
  return InternalError("unknown expression kind");
}

namespace {
// Merges two ascending row lists into `out`.
idx_t MergeSorted(const SelectionVector& a, idx_t na, const SelectionVector& b, idx_t nb,
                  SelectionVector& out) {
  idx_t i = 0, j = 0, n = 0;
  while (i < na && j < nb) {
    idx_t x = a.get_index(i), y = b.get_index(j);
    if (x < y) {
      out.set_index(n++, x);
      i++;
    } else {
      out.set_index(n++, y);
      j++;
    }
  }
  while (i < na) out.set_index(n++, a.get_index(i++));
  while (j < nb) out.set_index(n++, b.get_index(j++));
  return n;
}
}  // namespace

StatusOr<idx_t> SelectExpression(ExpressionState& state, const DataChunk& input,
                                 SelectionVector& true_sel) {
  const BoundExpression& expr = state.expr;
  const idx_t count = input.size();
  switch (expr.kind) {
    case BoundExprKind::kComparison:
      FLUX_RETURN_IF_ERROR(EvaluateChild(state, 0, input));
      FLUX_RETURN_IF_ERROR(EvaluateChild(state, 1, input));
      return SelectComparison(expr.comparison, state.intermediate.column(0),
                              state.intermediate.column(1), count, true_sel);
    case BoundExprKind::kConjunction:
      if (expr.is_and) {
        FLUX_ASSIGN_OR_RETURN(idx_t n, SelectExpression(*state.children[0], input, true_sel));
        SelectionVector inner(count == 0 ? 1 : count);
        for (idx_t c = 1; c < state.children.size() && n > 0; c++) {
          DataChunk sliced;
          SliceInput(input, true_sel, n, &sliced);
          FLUX_ASSIGN_OR_RETURN(idx_t m, SelectExpression(*state.children[c], sliced, inner));
          for (idx_t i = 0; i < m; i++) true_sel.set_index(i, true_sel.get_index(inner.get_index(i)));
          n = m;
        }
        return n;
      } else {
        // OR: each later disjunct only looks at rows no earlier one accepted.
        SelectionVector remaining(count == 0 ? 1 : count);
        for (idx_t i = 0; i < count; i++) remaining.set_index(i, i);
        idx_t remaining_count = count;
        idx_t total = 0;
        SelectionVector matches(count == 0 ? 1 : count), merged(count == 0 ? 1 : count);
        for (idx_t c = 0; c < state.children.size() && remaining_count > 0; c++) {
          DataChunk sliced;
          SliceInput(input, remaining, remaining_count, &sliced);
          FLUX_ASSIGN_OR_RETURN(idx_t m, SelectExpression(*state.children[c], sliced, matches));
          if (m == 0) continue;
          idx_t kept = 0, k = 0;
          SelectionVector accepted(m);
          for (idx_t i = 0; i < remaining_count; i++) {
            if (k < m && matches.get_index(k) == i) {
              accepted.set_index(k++, remaining.get_index(i));
            } else {
              remaining.set_index(kept++, remaining.get_index(i));
            }
          }
          remaining_count = kept;
          total = MergeSorted(true_sel, total, accepted, m, merged);
          for (idx_t i = 0; i < total; i++) true_sel.set_index(i, merged.get_index(i));
        }
        return total;
      }
    case BoundExprKind::kConstant: {
      bool all = !expr.value.is_null() && expr.value.GetBool();
      if (!all) return idx_t{0};
      for (idx_t i = 0; i < count; i++) true_sel.set_index(i, i);
      return count;
    }
    default: {
      Vector result(LogicalType::Boolean());
      FLUX_RETURN_IF_ERROR(EvaluateExpression(state, input, result));
      UnifiedVector u;
      result.ToUnified(count, &u);
      const bool* values = u.values<bool>();
      idx_t n = 0;
      for (idx_t i = 0; i < count; i++) {
        idx_t idx = u.index(i);
        if (u.validity->IsValid(idx) && values[idx]) true_sel.set_index(n++, i);
      }
      return n;
    }
  }
}

}  // namespace fluxdb
