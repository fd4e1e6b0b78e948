// The string operators: concatenation (||) and the LIKE family (LIKE, ILIKE, SIMILAR TO, GLOB,
// each with a negated form and LIKE/ILIKE with an ESCAPE character).
#include "absl/container/flat_hash_map.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/constant_argument.h"
#include "execution/function/function_registry.h"
#include "execution/function/like_matcher.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

Status Concatenate(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  BinaryExecute<StringRef, StringRef, StringRef>(args.column(0), args.column(1), result,
                                                 args.size(),
                                                 [&](const StringRef& a, const StringRef& b) {
                                                   buffer.assign(a.data(), a.size());
                                                   buffer.append(b.data(), b.size());
                                                   return result.AddString(buffer);
                                                 });
  return Status();
}

struct LikeBindData : FunctionData {
  LikeMatcher::Syntax syntax;
  bool negated;
  std::shared_ptr<LikeMatcher> constant_matcher;  // when the pattern is a constant
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<LikeBindData>(*this);
  }
};

// Patterns that are not constant are compiled per distinct pattern and cached per call site.
struct LikeLocalState : FunctionLocalState {
  absl::flat_hash_map<std::string, std::unique_ptr<LikeMatcher>> cache;
};

std::unique_ptr<FunctionLocalState> InitLikeState(const BoundExpression&) {
  return std::make_unique<LikeLocalState>();
}

template <LikeMatcher::Syntax kSyntax, bool kNegated>
Status BindLike(BoundExpression& expr) {
  auto data = std::make_unique<LikeBindData>();
  data->syntax = kSyntax;
  data->negated = kNegated;
  FLUX_ASSIGN_OR_RETURN(auto pattern, ConstantArgument(*expr.children[1]));
  bool has_escape = expr.children.size() > 2;
  std::optional<Value> escape_value;
  if (has_escape) {
    FLUX_ASSIGN_OR_RETURN(escape_value, ConstantArgument(*expr.children[2]));
  }
  // A NULL escape makes every result NULL: the row-by-row path does that.
  bool constant_escape = !has_escape || (escape_value.has_value() && !escape_value->is_null());
  if (pattern && !pattern->is_null() && constant_escape) {
    std::string escape = has_escape && !escape_value->is_null() ? escape_value->GetString() : "";
    FLUX_ASSIGN_OR_RETURN(auto matcher,
                          LikeMatcher::Compile(kSyntax, pattern->GetString(), escape));
    data->constant_matcher = std::move(matcher);
  }
  expr.bind_data = std::move(data);
  return Status();
}

Status LikeBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const auto& data = static_cast<const LikeBindData&>(*state.expr.bind_data);
  const idx_t count = args.size();
  if (data.constant_matcher) {
    const LikeMatcher& matcher = *data.constant_matcher;
    // Reads the bytes: a NULL row's slot may point anywhere.
    UnaryExecuteValid<StringRef, bool>(args.column(0), result, count, [&](const StringRef& s) {
      return matcher.Matches(s.view()) != data.negated;
    });
    return Status();
  }
  auto& local = static_cast<LikeLocalState&>(*state.local);
  UnifiedVector text, pattern, escape;
  args.column(0).ToUnified(count, &text);
  args.column(1).ToUnified(count, &pattern);
  bool has_escape = args.ColumnCount() > 2;
  if (has_escape) args.column(2).ToUnified(count, &escape);
  bool* out = result.data<bool>();
  for (idx_t i = 0; i < count; i++) {
    if (!text.IsValid(i) || !pattern.IsValid(i) || (has_escape && !escape.IsValid(i))) {
      result.validity().SetInvalid(i);
      out[i] = false;
      continue;
    }
    std::string_view p = pattern.values<StringRef>()[pattern.index(i)].view();
    std::string_view e = has_escape ? escape.values<StringRef>()[escape.index(i)].view() : "";
    std::string key = Concat(e, "\x01", p);
    auto it = local.cache.find(key);
    if (it == local.cache.end()) {
      FLUX_ASSIGN_OR_RETURN(auto matcher, LikeMatcher::Compile(data.syntax, p, e));
      it = local.cache.emplace(key, std::move(matcher)).first;
    }
    out[i] = it->second->Matches(text.values<StringRef>()[text.index(i)].view()) != data.negated;
  }
  return Status();
}

template <LikeMatcher::Syntax kSyntax, bool kNegated>
void AddLike(FunctionRegistry& registry, const char* name, bool with_escape) {
  ScalarFunction f;
  f.name = name;
  f.arguments = {LogicalType::Varchar(), LogicalType::Varchar()};
  if (with_escape) f.arguments.push_back(LogicalType::Varchar());
  f.return_type = LogicalType::Boolean();
  f.body = LikeBody;
  f.bind = BindLike<kSyntax, kNegated>;
  f.init_local = InitLikeState;
  registry.AddScalar(f);
}

}  // namespace

void RegisterStringOperators(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{
      "||", {LogicalType::Varchar(), LogicalType::Varchar()}, LogicalType::Varchar(), Concatenate});
  using S = LikeMatcher::Syntax;
  AddLike<S::kLike, false>(registry, "~~", false);
  AddLike<S::kLike, true>(registry, "!~~", false);
  AddLike<S::kILike, false>(registry, "~~*", false);
  AddLike<S::kILike, true>(registry, "!~~*", false);
  AddLike<S::kSimilar, false>(registry, "similar_to", false);
  AddLike<S::kSimilar, true>(registry, "not_similar_to", false);
  AddLike<S::kGlob, false>(registry, "~~~", false);
  AddLike<S::kGlob, true>(registry, "!~~~", false);
  AddLike<S::kLike, false>(registry, "like_escape", true);
  AddLike<S::kLike, true>(registry, "not_like_escape", true);
  AddLike<S::kILike, false>(registry, "ilike_escape", true);
  AddLike<S::kILike, true>(registry, "not_ilike_escape", true);
  registry.AddAlias("like", "~~");
  registry.AddAlias("ilike", "~~*");
  registry.AddAlias("glob", "~~~");
}

}  // namespace fluxdb
