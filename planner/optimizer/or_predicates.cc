#include "planner/optimizer/or_predicates.h"

#include <algorithm>

#include "execution/function/scalar_function.h"

namespace fluxdb {

namespace {

bool IsVolatile(const BoundExpression& expr) {
  return expr.Any([](const BoundExpression& e) {
    return e.kind == BoundExprKind::kSubquery ||
           (e.kind == BoundExprKind::kFunction && e.function && e.function->is_volatile);
  });
}

bool IsOr(const BoundExpression& expr) {
  return expr.kind == BoundExprKind::kConjunction && !expr.is_and;
}

bool Contains(const std::vector<const BoundExpression*>& terms, const BoundExpression& term) {
  return std::any_of(terms.begin(), terms.end(),
                     [&](const BoundExpression* t) { return t->Equals(term); });
}

BoundExprPtr Combine(BoundExprList terms, bool is_and) {
  if (terms.size() == 1) return std::move(terms[0]);
  return BoundExpression::Conjunction(is_and, std::move(terms));
}

// `expr = constant` or `expr IN (constants)`: the tested expression and the constants.
bool AsValueList(const BoundExpression& term, const BoundExpression** tested,
                 std::vector<const BoundExpression*>* constants) {
  if (term.kind == BoundExprKind::kComparison && term.comparison == ComparisonType::kEqual) {
    const BoundExpression* left = term.children[0].get();
    const BoundExpression* right = term.children[1].get();
    if (left->kind == BoundExprKind::kConstant) std::swap(left, right);
    if (right->kind != BoundExprKind::kConstant || left->kind == BoundExprKind::kConstant ||
        left->type != right->type) {
      return false;
    }
    *tested = left;
    constants->push_back(right);
    return true;
  }
  if (term.kind == BoundExprKind::kInList && !term.negated) {
    for (size_t i = 1; i < term.children.size(); i++) {
      if (term.children[i]->kind != BoundExprKind::kConstant) return false;
    }
    *tested = term.children[0].get();
    for (size_t i = 1; i < term.children.size(); i++) constants->push_back(term.children[i].get());
    return true;
  }
  return false;
}

// x = a OR x = b OR x IN (c, d)  ->  x IN (a, b, c, d); null if the branches are not all so.
BoundExprPtr MergeIntoInList(const BoundExprList& branches) {
  const BoundExpression* tested = nullptr;
  std::vector<const BoundExpression*> constants;
  for (const auto& branch : branches) {
    const BoundExpression* branch_tested = nullptr;
    if (!AsValueList(*branch, &branch_tested, &constants)) return nullptr;
    if (tested != nullptr && !tested->Equals(*branch_tested)) return nullptr;
    if (tested != nullptr && tested->type != branch_tested->type) return nullptr;
    tested = branch_tested;
  }
  auto in_list = std::make_unique<BoundExpression>(BoundExprKind::kInList, LogicalType::Boolean());
  in_list->children.push_back(tested->Copy());
  std::vector<const BoundExpression*> seen;
  for (const BoundExpression* constant : constants) {
    if (Contains(seen, *constant)) continue;
    seen.push_back(constant);
    in_list->children.push_back(constant->Copy());
  }
  return in_list;
}

// One OR: appends its factored form to `out`.
void FactorOne(BoundExprPtr disjunction, BoundExprList* out) {
  std::vector<std::vector<const BoundExpression*>> branches;
  {
    std::vector<const BoundExpression*> branch_roots;
    CollectTerms(*disjunction, /*is_and=*/false, &branch_roots);
    for (const BoundExpression* root : branch_roots) {
      branches.emplace_back();
      CollectTerms(*root, /*is_and=*/true, &branches.back());
    }
  }
  std::vector<const BoundExpression*> common;
  for (const BoundExpression* term : branches[0]) {
    if (Contains(common, *term)) continue;
    bool everywhere = true;
    for (size_t b = 1; b < branches.size() && everywhere; b++) {
      everywhere = Contains(branches[b], *term);
    }
    if (everywhere) common.push_back(term);
  }
  if (common.empty()) {
    out->push_back(std::move(disjunction));
    return;
  }
  BoundExprList rest;
  bool absorbed = false;  // a branch with nothing but common terms makes the OR redundant
  for (const auto& branch : branches) {
    BoundExprList kept;
    for (const BoundExpression* term : branch) {
      if (!Contains(common, *term)) kept.push_back(term->Copy());
    }
    if (kept.empty()) {
      absorbed = true;
      break;
    }
    rest.push_back(Combine(std::move(kept), /*is_and=*/true));
  }
  for (const BoundExpression* term : common) out->push_back(term->Copy());
  if (!absorbed) out->push_back(Combine(std::move(rest), /*is_and=*/false));
}

}  // namespace

void CollectTerms(const BoundExpression& expr, bool is_and,
                  std::vector<const BoundExpression*>* out) {
  if (expr.kind == BoundExprKind::kConjunction && expr.is_and == is_and) {
    for (const auto& child : expr.children) CollectTerms(*child, is_and, out);
    return;
  }
  out->push_back(&expr);
}

void FlattenConjunction(BoundExprPtr expr, bool is_and, BoundExprList* out) {
  if (expr->kind == BoundExprKind::kConjunction && expr->is_and == is_and) {
    for (auto& child : expr->children) FlattenConjunction(std::move(child), is_and, out);
    return;
  }
  out->push_back(std::move(expr));
}

void FactorOrConjuncts(BoundExprList& conjuncts) {
  bool any = false;
  for (const auto& c : conjuncts) any |= IsOr(*c) && !IsVolatile(*c);
  if (!any) return;
  BoundExprList result;
  for (auto& c : conjuncts) {
    if (IsOr(*c) && !IsVolatile(*c)) {
      FactorOne(std::move(c), &result);
    } else {
      result.push_back(std::move(c));
    }
  }
  conjuncts = std::move(result);
}

BoundExprPtr DeriveImpliedPredicate(const BoundExpression& disjunction,
                                    const std::function<bool(const BoundExpression&)>& readable) {
  if (!IsOr(disjunction) || IsVolatile(disjunction)) return nullptr;
  std::vector<const BoundExpression*> branch_roots;
  CollectTerms(disjunction, /*is_and=*/false, &branch_roots);
  BoundExprList branches;
  for (const BoundExpression* root : branch_roots) {
    std::vector<const BoundExpression*> terms;
    CollectTerms(*root, /*is_and=*/true, &terms);
    BoundExprList kept;
    for (const BoundExpression* term : terms) {
      if (readable(*term)) kept.push_back(term->Copy());
    }
    if (kept.empty()) return nullptr;
    BoundExprPtr branch = Combine(std::move(kept), /*is_and=*/true);
    bool duplicate = std::any_of(branches.begin(), branches.end(),
                                 [&](const BoundExprPtr& b) { return b->Equals(*branch); });
    if (!duplicate) branches.push_back(std::move(branch));
  }
  if (auto in_list = MergeIntoInList(branches)) return in_list;
  return Combine(std::move(branches), /*is_and=*/false);
}

}  // namespace fluxdb
