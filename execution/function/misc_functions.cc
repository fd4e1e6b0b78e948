// Functions about values rather than their content: typeof, ifnull, hash, error, try.
#include <vector>

#include "execution/cast/cast_rules.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"
#include "execution/hash/vector_hash.h"

namespace fluxdb {

namespace {

struct TypeNameData : FunctionData {
  std::string name;
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<TypeNameData>(*this);
  }
};

Status BindTypeOf(BoundExpression& expr) {
  auto data = std::make_unique<TypeNameData>();
  data->name = expr.children[0]->type.ToString();
  expr.bind_data = std::move(data);
  return Status();
}

Status TypeOfBody(const DataChunk&, ExpressionState& state, Vector& result) {
  const auto& data = static_cast<const TypeNameData&>(*state.expr.bind_data);
  result.SetConstant(Value::Varchar(data.name));
  return Status();
}

bool IsLiteral(const BoundExpression& e) {
  return e.kind == BoundExprKind::kConstant &&
         (e.type.id() == TypeId::kVarchar || e.type.id() == TypeId::kNull);
}

Status BindIfNull(BoundExpression& expr) {
  auto& a = expr.children[0];
  auto& b = expr.children[1];
  auto common = CommonSuperType(a->type, b->type, IsLiteral(*a), IsLiteral(*b));
  if (!common) {
    return BinderError("Cannot mix values of type ", a->type.ToString(), " and ",
                       b->type.ToString(), " in COALESCE - an explicit cast is required");
  }
  LogicalType type = common->id() == TypeId::kNull ? LogicalType::Integer() : *common;
  if (a->type != type) a = BoundExpression::Cast(std::move(a), type);
  if (b->type != type) b = BoundExpression::Cast(std::move(b), type);
  expr.type = type;
  return Status();
}

Status IfNullBody(const DataChunk& args, ExpressionState&, Vector& result) {
  const Vector& a = args.column(0);
  const Vector& b = args.column(1);
  bool constant =
      a.encoding() == VectorEncoding::kConstant && b.encoding() == VectorEncoding::kConstant;
  idx_t n = constant ? 1 : args.size();
  UnifiedVector ua, ub;
  a.ToUnified(n, &ua);
  b.ToUnified(n, &ub);
  DispatchPhysical(result.type().physical(), [&]<typename T>() {
    T* out = result.data<T>();
    for (idx_t i = 0; i < n; i++) {
      idx_t ai = ua.index(i), bi = ub.index(i);
      if (ua.validity->IsValid(ai)) {
        out[i] = ua.values<T>()[ai];
      } else if (ub.validity->IsValid(bi)) {
        out[i] = ub.values<T>()[bi];
      } else {
        result.validity().SetInvalid(i);
        out[i] = T{};
      }
    }
  });
  if (result.type().physical() == PhysicalType::kString) {
    for (const Vector* v : {&a, &b}) {
      auto alias = std::make_shared<Vector>();
      alias->Reference(*v);
      result.KeepAlive(std::move(alias));
    }
  }
  if (constant) result.MarkConstant();
  return Status();
}

// hash(x, ...): FluxDB's 64-bit value hash with the top bit cleared, as a non-negative BIGINT
// (DuckDB returns a UBIGINT, which FluxDB does not have). NULLs hash to a constant.
Status HashBody(const DataChunk& args, ExpressionState&, Vector& result) {
  idx_t count = args.size();
  std::vector<uint64_t> hashes(count == 0 ? 1 : count);
  for (idx_t c = 0; c < args.ColumnCount(); c++) {
    HashVector(args.column(c), count, hashes.data(), c > 0);
  }
  int64_t* out = result.data<int64_t>();
  for (idx_t i = 0; i < count; i++) out[i] = static_cast<int64_t>(hashes[i] >> 1);
  return Status();
}

Status ErrorBody(const DataChunk& args, ExpressionState&, Vector& result) {
  UnifiedVector u;
  args.column(0).ToUnified(args.size(), &u);
  for (idx_t i = 0; i < args.size(); i++) {
    if (u.IsValid(i)) return InvalidInputError(u.values<StringRef>()[u.index(i)].view());
  }
  result.SetConstant(Value(result.type()));
  return Status();
}

// After a failure try(x) evaluates x again, one row at a time: a volatile function would give
// other values the second time and a subquery is not evaluated per row, so both are refused
// (as DuckDB does).
Status CheckTryArgument(const BoundExpression& expr) {
  if (expr.kind == BoundExprKind::kFunction && expr.function != nullptr &&
      expr.function->is_volatile) {
    return BinderError("TRY can not be used in combination with a volatile function");
  }
  if (expr.kind == BoundExprKind::kSubquery) {
    return BinderError("TRY can not be used in combination with a scalar subquery");
  }
  for (const auto& child : expr.children) FLUX_RETURN_IF_ERROR(CheckTryArgument(*child));
  return Status();
}

// try(x) has the type of x; the executor evaluates x (catch_errors), so the body only passes
// the value on.
Status BindTry(BoundExpression& expr) {
  FLUX_RETURN_IF_ERROR(CheckTryArgument(*expr.children[0]));
  expr.type = expr.children[0]->type;
  return Status();
}

Status TryBody(const DataChunk& args, ExpressionState&, Vector& result) {
  result.Reference(args.column(0));
  return Status();
}

}  // namespace

void RegisterMiscFunctions(FunctionRegistry& registry) {
  ScalarFunction type_of{"typeof", {kAnyType}, LogicalType::Varchar(), TypeOfBody};
  type_of.bind = BindTypeOf;
  type_of.null_handling = NullHandling::kSpecial;
  registry.AddScalar(type_of);

  ScalarFunction if_null{"ifnull", {kAnyType, kAnyType}, kAnyType, IfNullBody};
  if_null.bind = BindIfNull;
  if_null.null_handling = NullHandling::kSpecial;
  registry.AddScalar(if_null);

  ScalarFunction hash{"hash", {kAnyType}, LogicalType::BigInt(), HashBody};
  hash.has_varargs = true;
  hash.varargs = kAnyType;
  hash.null_handling = NullHandling::kSpecial;
  registry.AddScalar(hash);

  ScalarFunction error{"error", {LogicalType::Varchar()}, LogicalType::Null(), ErrorBody};
  error.is_volatile = true;  // never folded: the error belongs to the rows that reach it
  registry.AddScalar(error);

  ScalarFunction try_function{"try", {kAnyType}, kAnyType, TryBody};
  try_function.bind = BindTry;
  try_function.null_handling = NullHandling::kSpecial;
  try_function.catch_errors = true;
  registry.AddScalar(try_function);
}

}  // namespace fluxdb
