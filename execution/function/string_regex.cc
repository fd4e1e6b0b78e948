// Regular expressions (RE2 syntax, as DuckDB): regexp_matches, regexp_full_match (the ~ and !~
// operators), regexp_replace, regexp_extract and regexp_escape. regexp_extract(s, p, ['a', 'b'])
// returns a STRUCT(a VARCHAR, b VARCHAR) of capture groups 1..n, as DuckDB.
//
// Options are a constant string of flags: c/i case (in)sensitive, l literal, s dot matches
// newline, m/n/p newline-sensitive, g global replace (regexp_replace only), k keep the input when
// nothing matches (regexp_extract only). A constant pattern is compiled once at bind time; other
// patterns are compiled per distinct value and cached per thread and call site.
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "common/nested_value.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/constant_argument.h"
#include "execution/function/function_registry.h"
#include "execution/function/vector_kernels.h"
#include "re2/re2.h"

namespace fluxdb {

namespace {

enum class RegexKind : uint8_t { kMatches, kFullMatch, kNotFullMatch, kReplace, kExtract };

struct RegexBindData : FunctionData {
  RegexKind kind = RegexKind::kMatches;
  RE2::Options options;
  bool global = false;                  // regexp_replace 'g'
  bool keep_input = false;              // regexp_extract 'k'
  int group = 0;                        // regexp_extract
  bool null_group = false;              // regexp_extract(s, p, NULL): always ''
  size_t named_groups = 0;              // regexp_extract(s, p, [names]): the struct's width
  std::shared_ptr<const RE2> constant;  // compiled constant pattern
  std::unique_ptr<FunctionData> Copy() const override {
    return std::make_unique<RegexBindData>(*this);
  }
};

struct RegexLocalState : FunctionLocalState {
  absl::flat_hash_map<std::string, std::unique_ptr<RE2>> cache;
};

std::unique_ptr<FunctionLocalState> InitRegexState(const BoundExpression&) {
  return std::make_unique<RegexLocalState>();
}

Status ParseOptions(std::string_view flags, RegexKind kind, RegexBindData* data) {
  for (char c : flags) {
    switch (c) {
      case 'c':
        data->options.set_case_sensitive(true);
        break;
      case 'i':
        data->options.set_case_sensitive(false);
        break;
      case 'l':
        data->options.set_literal(true);
        break;
      case 'm':
      case 'n':
      case 'p':
        data->options.set_dot_nl(false);
        break;
      case 's':
        data->options.set_dot_nl(true);
        break;
      case 'g':
        if (kind != RegexKind::kReplace) {
          return InvalidInputError("Option 'g' (global replace) is only valid for regexp_replace");
        }
        data->global = true;
        break;
      case 'k':
        if (kind != RegexKind::kExtract) {
          return InvalidInputError(
              "Option 'k' (keep input on no match) is only valid for "
              "regexp_extract");
        }
        data->keep_input = true;
        break;
      case ' ':
      case '\t':
      case '\n':
        break;
      default:
        return InvalidInputError("Unrecognized Regex option ", std::string(1, c));
    }
  }
  return Status();
}

StatusOr<std::unique_ptr<RE2>> Compile(std::string_view pattern, const RE2::Options& options) {
  auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) return InvalidInputError(re->error());
  return re;
}

// A rewrite string that RE2 would reject (a bad escape, a group the pattern lacks).
Status CheckRewrite(const RE2& re, std::string_view rewrite) {
  std::string error;
  if (!re.CheckRewriteString(re2::StringPiece(rewrite.data(), rewrite.size()), &error)) {
    return InvalidInputError("Invalid replacement string for regexp_replace: ", error);
  }
  return Status();
}

// regexp_extract(s, p, [names], options?): the names become the fields of the STRUCT result.
// The result type depends on the names, and the names must map to the pattern's groups, so
// both must be constants (DuckDB's messages and order of checks).
Status BindGroupNames(BoundExpression& expr, RegexBindData* data) {
  FLUX_ASSIGN_OR_RETURN(auto names, ConstantArgument(*expr.children[2]));
  if (!names) return InvalidInputError("Group specification field must be a constant!");
  FLUX_ASSIGN_OR_RETURN(auto pattern, ConstantArgument(*expr.children[1]));
  if (!pattern || pattern->is_null()) {
    return BinderError("regexp_extract with LIST of group names requires a constant pattern");
  }
  // DuckDB fails internally here; a NULL list names no fields, so it is an error.
  if (names->is_null()) return BinderError("Group name list must not be NULL");
  if (data->keep_input) {
    return InvalidInputError(
        "Option 'k' (keep input on no match) is only valid for regexp_extract with a group "
        "index");
  }
  std::vector<Value> elements = names->Children();
  if (elements.empty()) return BinderError("Group name list must be non-empty");
  StructFields fields;
  for (const Value& element : elements) {
    if (element.is_null()) return BinderError("NULL group name in regexp_extract");
    std::string name = element.GetString();
    // Struct fields are looked up case-insensitively, so names differing in case collide.
    for (const auto& [existing, type] : fields) {
      if (absl::EqualsIgnoreCase(existing, name)) {
        return BinderError("Duplicate group name '", name, "' in regexp_extract");
      }
    }
    fields.emplace_back(std::move(name), LogicalType::Varchar());
  }
  auto re = std::make_shared<RE2>(re2::StringPiece(pattern->GetString()), data->options);
  if (!re->ok()) return BinderError("Pattern failed to parse: ", re->error());
  if (static_cast<size_t>(re->NumberOfCapturingGroups()) < fields.size()) {
    return BinderError("Not enough capturing groups (", re->NumberOfCapturingGroups(),
                       ") for provided names (", fields.size(), ")");
  }
  data->constant = std::move(re);
  data->named_groups = fields.size();
  expr.type = LogicalType::Struct(fields);
  return Status();
}

template <RegexKind kKind>
Status BindRegex(BoundExpression& expr) {
  auto data = std::make_unique<RegexBindData>();
  data->kind = kKind;
  data->options.set_log_errors(false);
  // Position of the options argument, if any.
  idx_t options_index = kKind == RegexKind::kReplace ? 3 : kKind == RegexKind::kExtract ? 3 : 2;
  // Options first: DuckDB reports a bad option before any problem with the group argument.
  if (expr.children.size() > options_index) {
    FLUX_ASSIGN_OR_RETURN(auto options, ConstantArgument(*expr.children[options_index]));
    if (!options) return InvalidInputError("Regex options field must be a constant");
    if (options->is_null()) return InvalidInputError("Regex options field must not be NULL");
    FLUX_RETURN_IF_ERROR(ParseOptions(options->GetString(), kKind, data.get()));
  }
  if (kKind == RegexKind::kExtract && expr.children.size() >= 3 &&
      expr.children[2]->type.id() == TypeId::kList) {
    FLUX_RETURN_IF_ERROR(BindGroupNames(expr, data.get()));
    expr.bind_data = std::move(data);
    return Status();
  }
  if (kKind == RegexKind::kExtract && expr.children.size() >= 3) {
    FLUX_ASSIGN_OR_RETURN(auto group, ConstantArgument(*expr.children[2]));
    if (!group) return BinderError("Group index field must be a constant!");
    if (group->is_null()) {
      data->null_group = true;
    } else {
      int64_t g = group->GetInt64();
      if (g < 0 || g > 9) return InvalidInputError("Group index must be between 0 and 9!");
      data->group = static_cast<int>(g);
    }
  }
  FLUX_ASSIGN_OR_RETURN(auto pattern, ConstantArgument(*expr.children[1]));
  if (pattern && !pattern->is_null()) {
    FLUX_ASSIGN_OR_RETURN(auto re, Compile(pattern->GetString(), data->options));
    data->constant = std::move(re);
  }
  if (kKind == RegexKind::kReplace && data->constant) {
    FLUX_ASSIGN_OR_RETURN(auto rewrite, ConstantArgument(*expr.children[2]));
    if (rewrite && !rewrite->is_null()) {
      FLUX_RETURN_IF_ERROR(CheckRewrite(*data->constant, rewrite->GetString()));
    }
  }
  expr.bind_data = std::move(data);
  return Status();
}

// The compiled pattern for one row.
StatusOr<const RE2*> PatternFor(const RegexBindData& data, ExpressionState& state,
                                std::string_view pattern) {
  if (data.constant) return data.constant.get();
  auto& local = static_cast<RegexLocalState&>(*state.local);
  // Heterogeneous lookup: no string is built for a pattern seen before.
  auto it = local.cache.find(absl::string_view(pattern.data(), pattern.size()));
  if (it != local.cache.end()) return it->second.get();
  if (local.cache.size() > 1024) local.cache.clear();  // bound the cache of unique patterns
  FLUX_ASSIGN_OR_RETURN(auto re, Compile(pattern, data.options));
  const RE2* result = re.get();
  local.cache.emplace(std::string(pattern), std::move(re));
  return result;
}

re2::StringPiece Piece(const StringRef& s) { return re2::StringPiece(s.data(), s.size()); }

Status MatchBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const auto& data = static_cast<const RegexBindData&>(*state.expr.bind_data);
  RE2::Anchor anchor = data.kind == RegexKind::kMatches ? RE2::UNANCHORED : RE2::ANCHOR_BOTH;
  bool negate = data.kind == RegexKind::kNotFullMatch;
  if (data.constant) {
    const RE2& re = *data.constant;
    UnaryExecuteValid<StringRef, bool>(
        args.column(0), result, args.size(), [&](const StringRef& s) {
          re2::StringPiece text = Piece(s);
          return re.Match(text, 0, text.size(), anchor, nullptr, 0) != negate;
        });
    return Status();
  }
  Status status;
  BinaryExecute<StringRef, StringRef, bool>(args.column(0), args.column(1), result, args.size(),
                                            [&](const StringRef& s, const StringRef& p) {
                                              if (!status.ok()) return false;
                                              auto re = PatternFor(data, state, p.view());
                                              if (!re.ok()) {
                                                status = re.status();
                                                return false;
                                              }
                                              re2::StringPiece text = Piece(s);
                                              return (*re)->Match(text, 0, text.size(), anchor,
                                                                  nullptr, 0) != negate;
                                            });
  return status;
}

Status ReplaceBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const auto& data = static_cast<const RegexBindData&>(*state.expr.bind_data);
  Status status;
  std::string buffer;
  std::string checked_rewrite;  // the last rewrite found valid for the constant pattern
  TernaryExecute<StringRef, StringRef, StringRef, StringRef>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](const StringRef& s, const StringRef& p, const StringRef& rewrite) {
        if (!status.ok()) return StringRef();
        auto re = PatternFor(data, state, p.view());
        if (!re.ok()) {
          status = re.status();
          return StringRef();
        }
        if (!data.constant || rewrite.view() != checked_rewrite) {
          Status check = CheckRewrite(**re, rewrite.view());
          if (!check.ok()) {
            status = check;
            return StringRef();
          }
          if (data.constant) checked_rewrite.assign(rewrite.data(), rewrite.size());
        }
        buffer.assign(s.data(), s.size());
        if (data.global) {
          RE2::GlobalReplace(&buffer, **re, Piece(rewrite));
        } else {
          RE2::Replace(&buffer, **re, Piece(rewrite));
        }
        return result.AddString(buffer);
      });
  return status;
}

Status ExtractBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const auto& data = static_cast<const RegexBindData&>(*state.expr.bind_data);
  Status status;
  re2::StringPiece groups[10];
  BinaryExecute<StringRef, StringRef, StringRef>(
      args.column(0), args.column(1), result, args.size(),
      [&](const StringRef& s, const StringRef& p) {
        if (!status.ok() || data.null_group) return StringRef();
        auto re = PatternFor(data, state, p.view());
        if (!re.ok()) {
          status = re.status();
          return StringRef();
        }
        const RE2& regex = **re;
        re2::StringPiece text = Piece(s);
        if (data.group > regex.NumberOfCapturingGroups()) return StringRef();
        if (!regex.Match(text, 0, text.size(), RE2::UNANCHORED, groups, data.group + 1)) {
          return data.keep_input ? result.AddString(s.view()) : StringRef();
        }
        const re2::StringPiece& g = groups[data.group];
        return result.AddString(std::string_view(g.data(), g.size()));
      });
  return status;
}

// One STRUCT per row: capture group i + 1 in field i, '' for a group that did not take part
// (or when nothing matched), as DuckDB. The pattern is always the bind-time constant.
Status ExtractStructBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const auto& data = static_cast<const RegexBindData&>(*state.expr.bind_data);
  const RE2& regex = *data.constant;
  const size_t n = data.named_groups;
  std::vector<re2::StringPiece> groups(n + 1);
  const LogicalType varchar = LogicalType::Varchar();
  std::string bytes;
  UnaryExecuteValid<StringRef, StringRef>(
      args.column(0), result, args.size(), [&](const StringRef& s) {
        re2::StringPiece text = Piece(s);
        bool matched = regex.Match(text, 0, text.size(), RE2::UNANCHORED, groups.data(),
                                   static_cast<int>(n + 1));
        bytes.clear();
        for (size_t i = 1; i <= n; i++) {
          std::string_view field = matched && groups[i].data() != nullptr
                                       ? std::string_view(groups[i].data(), groups[i].size())
                                       : std::string_view();
          AppendNestedElement(varchar, Value::Varchar(field), &bytes);
        }
        return result.AddString(bytes);
      });
  return Status();
}

Status EscapeBody(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecuteValid<StringRef, StringRef>(
      args.column(0), result, args.size(),
      [&](const StringRef& s) { return result.AddString(RE2::QuoteMeta(Piece(s))); });
  return Status();
}

template <RegexKind kKind>
void AddRegex(FunctionRegistry& registry, const char* name, std::vector<LogicalType> arguments,
              LogicalType result, ScalarFunctionBody body) {
  ScalarFunction f{name, std::move(arguments), result, body};
  f.bind = BindRegex<kKind>;
  f.init_local = InitRegexState;
  // regexp_extract(s, p, NULL) is '' (not NULL) in DuckDB: the body handles NULLs itself.
  if (kKind == RegexKind::kExtract) f.null_handling = NullHandling::kSpecial;
  // A group index or a list of names: a string literal fits both, and DuckDB refuses to guess.
  if (kKind == RegexKind::kExtract && f.arguments.size() >= 3) f.ambiguous_if_tied = true;
  registry.AddScalar(f);
}

}  // namespace

void RegisterStringRegexFunctions(FunctionRegistry& registry) {
  const LogicalType text = LogicalType::Varchar();
  const LogicalType boolean = LogicalType::Boolean();
  for (bool with_options : {false, true}) {
    std::vector<LogicalType> two = {text, text};
    if (with_options) two.push_back(text);
    AddRegex<RegexKind::kMatches>(registry, "regexp_matches", two, boolean, MatchBody);
    AddRegex<RegexKind::kFullMatch>(registry, "regexp_full_match", two, boolean, MatchBody);
    std::vector<LogicalType> three = {text, text, text};
    if (with_options) three.push_back(text);
    AddRegex<RegexKind::kReplace>(registry, "regexp_replace", three, text, ReplaceBody);
  }
  AddRegex<RegexKind::kFullMatch>(registry, "~", {text, text}, boolean, MatchBody);
  AddRegex<RegexKind::kNotFullMatch>(registry, "!~", {text, text}, boolean, MatchBody);
  AddRegex<RegexKind::kExtract>(registry, "regexp_extract", {text, text}, text, ExtractBody);
  AddRegex<RegexKind::kExtract>(registry, "regexp_extract", {text, text, LogicalType::Integer()},
                                text, ExtractBody);
  AddRegex<RegexKind::kExtract>(registry, "regexp_extract",
                                {text, text, LogicalType::Integer(), text}, text, ExtractBody);
  // Registered after the INTEGER overloads: a NULL third argument (equally cheap for both)
  // takes a group index, as in DuckDB.
  const LogicalType names = LogicalType::List(text);
  AddRegex<RegexKind::kExtract>(registry, "regexp_extract", {text, text, names}, kAnyType,
                                ExtractStructBody);
  AddRegex<RegexKind::kExtract>(registry, "regexp_extract", {text, text, names, text}, kAnyType,
                                ExtractStructBody);
  registry.AddScalar(ScalarFunction{"regexp_escape", {text}, text, EscapeBody});
}

}  // namespace fluxdb
