// Kernels must never read the bytes of a NULL row's string: the slot of a NULL row is unspecified
// (a vector reused across chunks keeps whatever an earlier chunk left there, e.g. a pointer into a
// string heap that is gone). Found by differential testing: length(COALESCE(...)) over a join
// crashed now and then, reading such a slot.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "common/data_chunk.h"
#include "execution/expression/bound_expression.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/function_registry.h"
#include "execution/function/scalar_function.h"

namespace fluxdb {
namespace {

// name(input column 0, constant arguments...), with the VARCHAR overload of `name`.
std::unique_ptr<BoundExpression> Call(const std::string& name, std::vector<Value> constants) {
  const auto* overloads = FunctionRegistry::Get().LookupScalar(name);
  EXPECT_NE(overloads, nullptr) << name;
  if (overloads == nullptr) return nullptr;
  const ScalarFunction* chosen = nullptr;
  for (const ScalarFunction& f : *overloads) {
    if (f.arguments.size() == constants.size() + 1 && f.arguments[0].id() == TypeId::kVarchar) {
      chosen = &f;
      break;
    }
  }
  EXPECT_NE(chosen, nullptr) << name;
  if (chosen == nullptr) return nullptr;
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kFunction, chosen->return_type);
  expr->function = chosen;
  expr->function_name = name;
  auto input = std::make_unique<BoundExpression>(BoundExprKind::kReference, LogicalType::Varchar());
  input->index = 0;
  expr->children.push_back(std::move(input));
  for (Value& value : constants) {
    auto constant = std::make_unique<BoundExpression>(BoundExprKind::kConstant, value.type());
    constant->value = std::move(value);
    expr->children.push_back(std::move(constant));
  }
  if (chosen->bind != nullptr) {
    EXPECT_TRUE(chosen->bind(*expr).ok());
  }
  return expr;
}

// Row 0 a string longer than the inline size, row 1 NULL with a slot that points nowhere.
DataChunk InputWithPoisonedNull() {
  DataChunk chunk;
  chunk.Initialize({LogicalType::Varchar()});
  chunk.SetCardinality(2);
  chunk.SetValue(0, 0, Value::Varchar("a string longer than twelve bytes"));
  chunk.column(0).SetNull(1);
  std::memset(static_cast<void*>(&chunk.column(0).data<StringRef>()[1]), 0xA5, sizeof(StringRef));
  return chunk;
}

void ExpectNullKept(const std::string& name, std::vector<Value> constants, const Value& first) {
  auto expr = Call(name, std::move(constants));
  ASSERT_NE(expr, nullptr);
  ExpressionExecutor executor(nullptr);
  executor.AddExpression(*expr);
  DataChunk input = InputWithPoisonedNull();
  Vector result(expr->type);
  ASSERT_TRUE(executor.ExecuteExpression(0, input, result).ok());
  EXPECT_EQ(result.GetValue(0), first) << name;
  EXPECT_TRUE(result.GetValue(1).is_null()) << name;
}

TEST(NullSlotTest, LengthDoesNotReadNullStrings) {
  ExpectNullKept("length", {}, Value::BigInt(33));
}

TEST(NullSlotTest, LikeWithConstantPatternDoesNotReadNullStrings) {
  ExpectNullKept("~~", {Value::Varchar("a%")}, Value::Boolean(true));
}

}  // namespace
}  // namespace fluxdb
