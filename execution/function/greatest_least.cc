// greatest(x, ...) and least(x, ...) over any ordered type: NULL arguments are ignored (the
// result is NULL only when every argument is), as in DuckDB. The arguments are cast to their
// common type at bind time; string literals take the type of the other arguments.
#include <vector>

#include "execution/cast/cast_rules.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/comparison_kernels.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

bool IsLiteral(const BoundExpression& e) {
  return e.kind == BoundExprKind::kConstant &&
         (e.type.id() == TypeId::kVarchar || e.type.id() == TypeId::kNull);
}

Status BindCommonType(BoundExpression& expr) {
  LogicalType common = LogicalType::Null();
  bool common_literal = true;
  for (const auto& child : expr.children) {
    bool literal = IsLiteral(*child);
    auto next = CommonSuperType(common, child->type, common_literal, literal);
    if (!next) {
      return BinderError("Cannot mix values of type ", common.ToString(), " and ",
                         child->type.ToString(), " in ", expr.function_name,
                         " - an explicit cast is required");
    }
    // Literals only adapt while everything seen so far is a literal too.
    common_literal = common_literal && literal;
    common = *next;
  }
  if (common.id() == TypeId::kNull) common = LogicalType::Integer();
  for (auto& child : expr.children) {
    if (child->type != common) child = BoundExpression::Cast(std::move(child), common);
  }
  expr.type = common;
  return Status();
}

template <bool kGreatest>
Status GreatestLeast(const DataChunk& args, ExpressionState&, Vector& result) {
  idx_t columns = args.ColumnCount();
  bool constant = true;
  for (idx_t c = 0; c < columns; c++) {
    constant = constant && args.column(c).encoding() == VectorEncoding::kConstant;
  }
  idx_t n = constant ? 1 : args.size();
  std::vector<UnifiedVector> inputs(columns);
  for (idx_t c = 0; c < columns; c++) args.column(c).ToUnified(n, &inputs[c]);
  DispatchPhysical(result.type().physical(), [&]<typename T>() {
    T* out = result.data<T>();
    for (idx_t i = 0; i < n; i++) {
      const T* best = nullptr;
      for (idx_t c = 0; c < columns; c++) {
        const UnifiedVector& u = inputs[c];
        idx_t idx = u.index(i);
        if (!u.validity->IsValid(idx)) continue;
        const T& v = u.values<T>()[idx];
        if (best == nullptr) {
          best = &v;
        } else {
          int cmp = CompareValues<T>(v, *best);
          if (kGreatest ? cmp > 0 : cmp < 0) best = &v;
        }
      }
      if (best == nullptr) {
        result.validity().SetInvalid(i);
        out[i] = T{};
      } else {
        out[i] = *best;
      }
    }
  });
  // Strings point into the arguments' buffers.
  if (result.type().physical() == PhysicalType::kString) {
    for (idx_t c = 0; c < columns; c++) {
      auto alias = std::make_shared<Vector>();
      alias->Reference(args.column(c));
      result.KeepAlive(std::move(alias));
    }
  }
  if (constant) result.MarkConstant();
  return Status();
}

}  // namespace

void RegisterGreatestLeastFunctions(FunctionRegistry& registry) {
  for (bool greatest : {true, false}) {
    ScalarFunction f{greatest ? "greatest" : "least",
                     {kAnyType},
                     kAnyType,
                     greatest ? GreatestLeast<true> : GreatestLeast<false>};
    f.has_varargs = true;
    f.varargs = kAnyType;
    f.bind = BindCommonType;
    f.null_handling = NullHandling::kSpecial;
    registry.AddScalar(f);
  }
}

}  // namespace fluxdb
