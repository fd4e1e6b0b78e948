#include "execution/expression/bound_expression.h"

#include "absl/strings/str_join.h"
#include "common/status.h"
#include "execution/aggregate/aggregate_function.h"
#include "execution/expression/window_spec.h"
#include "execution/function/scalar_function.h"

namespace fluxdb {

BoundExpression::~BoundExpression() = default;

const char* ComparisonTypeSymbol(ComparisonType type) {
  switch (type) {
    case ComparisonType::kEqual:
      return "=";
    case ComparisonType::kNotEqual:
      return "!=";
    case ComparisonType::kLess:
      return "<";
    case ComparisonType::kLessEqual:
      return "<=";
    case ComparisonType::kGreater:
      return ">";
    case ComparisonType::kGreaterEqual:
      return ">=";
    case ComparisonType::kDistinctFrom:
      return "IS DISTINCT FROM";
    case ComparisonType::kNotDistinctFrom:
      return "IS NOT DISTINCT FROM";
  }
  return "?";
}

ComparisonType FlipComparison(ComparisonType type) {
  switch (type) {
    case ComparisonType::kLess:
      return ComparisonType::kGreater;
    case ComparisonType::kLessEqual:
      return ComparisonType::kGreaterEqual;
    case ComparisonType::kGreater:
      return ComparisonType::kLess;
    case ComparisonType::kGreaterEqual:
      return ComparisonType::kLessEqual;
    default:
      return type;
  }
}

ComparisonType NegateComparison(ComparisonType type) {
  switch (type) {
    case ComparisonType::kEqual:
      return ComparisonType::kNotEqual;
    case ComparisonType::kNotEqual:
      return ComparisonType::kEqual;
    case ComparisonType::kLess:
      return ComparisonType::kGreaterEqual;
    case ComparisonType::kLessEqual:
      return ComparisonType::kGreater;
    case ComparisonType::kGreater:
      return ComparisonType::kLessEqual;
    case ComparisonType::kGreaterEqual:
      return ComparisonType::kLess;
    case ComparisonType::kDistinctFrom:
      return ComparisonType::kNotDistinctFrom;
    case ComparisonType::kNotDistinctFrom:
      return ComparisonType::kDistinctFrom;
  }
  return type;
}

std::shared_ptr<WindowFrameSpec> WindowFrameSpec::Copy() const {
  auto copy = std::make_shared<WindowFrameSpec>();
  copy->partitions = CopyExpressions(partitions);
  for (const auto& order : orders) copy->orders.push_back(order.Copy());
  copy->unit = unit;
  copy->start = start;
  copy->end = end;
  if (start_offset) copy->start_offset = start_offset->Copy();
  if (end_offset) copy->end_offset = end_offset->Copy();
  copy->default_frame = default_frame;
  copy->ignore_nulls = ignore_nulls;
  return copy;
}

std::unique_ptr<BoundExpression> BoundExpression::Copy() const {
  auto copy = std::make_unique<BoundExpression>(kind, type);
  copy->alias = alias;
  copy->children = CopyExpressions(children);
  copy->value = value;
  copy->binding = binding;
  copy->depth = depth;
  copy->index = index;
  copy->function = function;
  copy->aggregate = aggregate;
  if (bind_data) copy->bind_data = bind_data->Copy();
  copy->distinct = distinct;
  if (filter) copy->filter = filter->Copy();
  copy->comparison = comparison;
  copy->is_and = is_and;
  copy->negated = negated;
  copy->try_cast = try_cast;
  copy->function_name = function_name;
  copy->subquery_type = subquery_type;
  copy->subquery = subquery;
  if (window) copy->window = window->Copy();
  return copy;
}

BoundExprList CopyExpressions(const BoundExprList& list) {
  BoundExprList result;
  result.reserve(list.size());
  for (const auto& expr : list) result.push_back(expr->Copy());
  return result;
}

namespace {
std::string JoinChildren(const BoundExprList& children, const char* separator) {
  std::vector<std::string> parts;
  for (const auto& child : children) parts.push_back(child->ToString());
  return absl::StrJoin(parts, separator);
}
}  // namespace

std::string BoundExpression::ToString() const {
  switch (kind) {
    case BoundExprKind::kConstant:
      return value.ToSQLString();
    case BoundExprKind::kColumnRef:
      if (!alias.empty()) return alias;
      return Concat("#[", binding.table_index, ".", binding.column_index, "]");
    case BoundExprKind::kReference:
      if (!alias.empty()) return alias;
      return Concat("#", index);
    case BoundExprKind::kParameter:
      return Concat("$", index);
    case BoundExprKind::kFunction: {
      bool is_operator = !function_name.empty() && !std::isalpha(function_name[0]) &&
                         function_name[0] != '_';
      if (is_operator && children.size() == 2) {
        return Concat("(", children[0]->ToString(), " ", function_name, " ",
                      children[1]->ToString(), ")");
      }
      if (is_operator && children.size() == 1) {
        return Concat("(", function_name, children[0]->ToString(), ")");
      }
      return Concat(function_name, "(", JoinChildren(children, ", "), ")");
    }
    case BoundExprKind::kAggregate:
    case BoundExprKind::kWindow: {
      std::string result = Concat(function_name, "(", distinct ? "DISTINCT " : "",
                                  JoinChildren(children, ", "), ")");
      if (kind == BoundExprKind::kWindow) result += " OVER (...)";
      return result;
    }
    case BoundExprKind::kCast:
      return Concat(try_cast ? "TRY_CAST(" : "CAST(", children[0]->ToString(), " AS ",
                    type.ToString(), ")");
    case BoundExprKind::kComparison:
      return Concat("(", children[0]->ToString(), " ", ComparisonTypeSymbol(comparison), " ",
                    children[1]->ToString(), ")");
    case BoundExprKind::kConjunction:
      return Concat("(", JoinChildren(children, is_and ? " AND " : " OR "), ")");
    case BoundExprKind::kNot:
      return Concat("(NOT ", children[0]->ToString(), ")");
    case BoundExprKind::kIsNull:
      return Concat("(", children[0]->ToString(), negated ? " IS NOT NULL)" : " IS NULL)");
    case BoundExprKind::kCase: {
      std::string result = "CASE";
      for (size_t i = 0; i + 1 < children.size(); i += 2) {
        absl::StrAppend(&result, " WHEN ", children[i]->ToString(), " THEN ",
                        children[i + 1]->ToString());
      }
      absl::StrAppend(&result, " ELSE ", children.back()->ToString(), " END");
      return result;
    }
    case BoundExprKind::kInList: {
      BoundExprList rest;
      std::vector<std::string> parts;
      for (size_t i = 1; i < children.size(); i++) parts.push_back(children[i]->ToString());
      return Concat("(", children[0]->ToString(), negated ? " NOT IN (" : " IN (",
                    absl::StrJoin(parts, ", "), "))");
    }
    case BoundExprKind::kCoalesce:
      return Concat("COALESCE(", JoinChildren(children, ", "), ")");
    case BoundExprKind::kSubquery:
      return "SUBQUERY";
  }
  return "?";
}

bool BoundExpression::Any(const std::function<bool(const BoundExpression&)>& pred) const {
  if (pred(*this)) return true;
  for (const auto& child : children) {
    if (child->Any(pred)) return true;
  }
  if (filter && filter->Any(pred)) return true;
  return false;
}

bool BoundExpression::IsFoldable() const {
  return !Any([](const BoundExpression& e) {
    switch (e.kind) {
      case BoundExprKind::kColumnRef:
      case BoundExprKind::kReference:
      case BoundExprKind::kParameter:
      case BoundExprKind::kAggregate:
      case BoundExprKind::kWindow:
      case BoundExprKind::kSubquery:
        return true;
      case BoundExprKind::kFunction:
        return e.function == nullptr || e.function->is_volatile;
      default:
        return false;
    }
  });
}

bool BoundExpression::Equals(const BoundExpression& other) const {
  if (kind != other.kind || type != other.type || children.size() != other.children.size()) {
    return false;
  }
  switch (kind) {
    case BoundExprKind::kConstant:
      if (!(value == other.value)) return false;
      break;
    case BoundExprKind::kColumnRef:
      if (!(binding == other.binding) || depth != other.depth) return false;
      break;
    case BoundExprKind::kReference:
    case BoundExprKind::kParameter:
      if (index != other.index) return false;
      break;
    case BoundExprKind::kFunction:
      if (function != other.function) return false;
      if (function && function->is_volatile) return false;
      break;
    case BoundExprKind::kAggregate:
      if (aggregate != other.aggregate || distinct != other.distinct) return false;
      if (bind_data && other.bind_data && !bind_data->Equals(*other.bind_data)) return false;
      if ((filter == nullptr) != (other.filter == nullptr)) return false;
      if (filter && !filter->Equals(*other.filter)) return false;
      break;
    case BoundExprKind::kWindow:
    case BoundExprKind::kSubquery:
      return false;
    case BoundExprKind::kCast:
      if (try_cast != other.try_cast) return false;
      break;
    case BoundExprKind::kComparison:
      if (comparison != other.comparison) return false;
      break;
    case BoundExprKind::kConjunction:
      if (is_and != other.is_and) return false;
      break;
    case BoundExprKind::kIsNull:
    case BoundExprKind::kInList:
      if (negated != other.negated) return false;
      break;
    default:
      break;
  }
  for (size_t i = 0; i < children.size(); i++) {
    if (!children[i]->Equals(*other.children[i])) return false;
  }
  return true;
}

std::unique_ptr<BoundExpression> BoundExpression::Constant(Value value) {
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kConstant, value.type());
  expr->value = std::move(value);
  return expr;
}

std::unique_ptr<BoundExpression> BoundExpression::ColumnRef(LogicalType type, ColumnBinding binding,
                                                            idx_t depth) {
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kColumnRef, type);
  expr->binding = binding;
  expr->depth = depth;
  return expr;
}

std::unique_ptr<BoundExpression> BoundExpression::Reference(LogicalType type, idx_t index) {
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kReference, type);
  expr->index = index;
  return expr;
}

std::unique_ptr<BoundExpression> BoundExpression::Cast(std::unique_ptr<BoundExpression> child,
                                                       LogicalType type, bool try_cast) {
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kCast, type);
  expr->try_cast = try_cast;
  expr->children.push_back(std::move(child));
  return expr;
}

std::unique_ptr<BoundExpression> BoundExpression::Comparison(
    ComparisonType type, std::unique_ptr<BoundExpression> left,
    std::unique_ptr<BoundExpression> right) {
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kComparison, LogicalType::Boolean());
  expr->comparison = type;
  expr->children.push_back(std::move(left));
  expr->children.push_back(std::move(right));
  return expr;
}

std::unique_ptr<BoundExpression> BoundExpression::Conjunction(bool is_and, BoundExprList children) {
  auto expr =
      std::make_unique<BoundExpression>(BoundExprKind::kConjunction, LogicalType::Boolean());
  expr->is_and = is_and;
  expr->children = std::move(children);
  return expr;
}

std::unique_ptr<BoundExpression> BoundExpression::Not(std::unique_ptr<BoundExpression> child) {
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kNot, LogicalType::Boolean());
  expr->children.push_back(std::move(child));
  return expr;
}

std::unique_ptr<BoundExpression> BoundExpression::IsNull(std::unique_ptr<BoundExpression> child,
                                                         bool negated) {
  auto expr = std::make_unique<BoundExpression>(BoundExprKind::kIsNull, LogicalType::Boolean());
  expr->negated = negated;
  expr->children.push_back(std::move(child));
  return expr;
}

}  // namespace fluxdb
