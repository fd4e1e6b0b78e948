// Functions over LIST and STRUCT values: list_value ([a, b]), list_extract (l[i]), list_slice
// (l[a:b]), len, list_position, list_contains, the ANY / ALL comparisons of a value with a
// list's elements, struct_pack ({'k': v}) and struct_extract (s['k']).
//
// Lists are strings of order-preserving element keys (common/nested_value.h): lookups compare
// element keys byte-wise after the binder cast both sides to one element type, and only the
// elements a function returns are decoded into values.
#include <string>
#include <vector>

#include "common/nested_value.h"
#include "execution/cast/cast_rules.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"

namespace fluxdb {

namespace {

bool IsUntypedLiteral(const BoundExpression& e) {
  return e.kind == BoundExprKind::kConstant &&
         (e.type.id() == TypeId::kVarchar || e.type.id() == TypeId::kNull);
}

void CastChild(BoundExpression& expr, size_t i, const LogicalType& type) {
  if (expr.children[i]->type != type) {
    expr.children[i] = BoundExpression::Cast(std::move(expr.children[i]), type);
  }
}

// Calls f(row values) for every row and stores the Value it returns.
template <typename F>
Status ForEachRow(const DataChunk& args, Vector& result, F&& f) {
  std::vector<Value> row(args.ColumnCount());
  for (idx_t i = 0; i < args.size(); i++) {
    for (idx_t c = 0; c < args.ColumnCount(); c++) row[c] = args.column(c).GetValue(i);
    FLUX_ASSIGN_OR_RETURN(Value v, f(row));
    result.SetValue(i, v);
  }
  return Status();
}

// ---- list_value ----

Status BindListValue(BoundExpression& expr) {
  LogicalType child = LogicalType::Null();
  bool child_literal = true;
  for (const auto& arg : expr.children) {
    if (child.id() == TypeId::kNull) {
      child = arg->type;
      child_literal = IsUntypedLiteral(*arg);
      continue;
    }
    auto common = CommonSuperType(child, arg->type, child_literal, IsUntypedLiteral(*arg));
    if (!common) {
      return BinderError("Cannot create a list of types ", child.ToString(), " and ",
                         arg->type.ToString(), " - an explicit cast is required");
    }
    child = *common;
    child_literal = child_literal && IsUntypedLiteral(*arg);
  }
  for (size_t i = 0; i < expr.children.size(); i++) CastChild(expr, i, child);
  expr.type = LogicalType::List(child);
  return Status();
}

Status ListValueBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const LogicalType child = state.expr.type.child();
  std::string bytes;
  for (idx_t i = 0; i < args.size(); i++) {
    bytes.clear();
    for (idx_t c = 0; c < args.ColumnCount(); c++) {
      AppendNestedElement(child, args.column(c).GetValue(i), &bytes);
    }
    bytes.push_back(kNestedEnd);
    result.data<StringRef>()[i] = result.AddString(bytes);
  }
  return Status();
}

// ---- list_extract / list_slice ----

Status BindListExtract(BoundExpression& expr) {
  const LogicalType& list = expr.children[0]->type;
  if (list.id() == TypeId::kVarchar) {
    expr.type = list;
  } else if (list.id() == TypeId::kList) {
    expr.type = list.child();
  } else if (list.id() == TypeId::kNull) {
    expr.type = LogicalType::Null();
  } else {
    return BinderError("No function matches the given name and argument types 'list_extract(",
                       list.ToString(), ", BIGINT)'. You might need to add explicit type casts.");
  }
  if (expr.type.id() == TypeId::kNull) expr.type = LogicalType::Integer();
  return Status();
}

// 1-based index (negative counts from the end) into n items, or -1 when out of range.
int64_t ResolveIndex(int64_t index, int64_t n) {
  if (index > 0) return index <= n ? index - 1 : -1;
  if (index < 0) return -index <= n ? n + index : -1;
  return -1;
}

Status ListExtractBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const LogicalType& list = state.expr.children[0]->type;
  const LogicalType& type = state.expr.type;
  return ForEachRow(args, result, [&](const std::vector<Value>& row) -> StatusOr<Value> {
    if (row[0].is_null() || row[1].is_null()) return Value(type);
    int64_t index = row[1].GetInt64();
    if (list.id() == TypeId::kVarchar) {
      // DuckDB's string subscript: the index-th character (code point).
      std::vector<std::string> chars;
      const std::string& s = row[0].GetString();
      for (size_t i = 0; i < s.size();) {
        size_t len = 1;
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0)
          len = 4;
        else if (c >= 0xE0)
          len = 3;
        else if (c >= 0xC0)
          len = 2;
        chars.push_back(s.substr(i, len));
        i += len;
      }
      int64_t at = ResolveIndex(index, static_cast<int64_t>(chars.size()));
      return Value::Varchar(at < 0 ? "" : chars[at]);
    }
    std::vector<std::string_view> parts = SplitNested(list, row[0].GetString());
    int64_t at = ResolveIndex(index, static_cast<int64_t>(parts.size()));
    if (at < 0) return Value(type);
    return DecodeNestedElement(list.child(), parts[at]);
  });
}

Status BindListSlice(BoundExpression& expr) {
  if (expr.children[0]->type.id() == TypeId::kNull) {
    expr.children[0] = BoundExpression::Cast(std::move(expr.children[0]),
                                             LogicalType::List(LogicalType::Integer()));
  }
  const LogicalType& list = expr.children[0]->type;
  if (list.id() != TypeId::kList && list.id() != TypeId::kVarchar) {
    return BinderError("No function matches the given name and argument types 'list_slice(",
                       list.ToString(),
                       ", BIGINT, BIGINT)'. You might need to add explicit type casts.");
  }
  expr.type = list;
  return Status();
}

// DuckDB's slice bounds: 1-based and inclusive, negative from the end, NULL open.
void SliceBounds(const Value& begin, const Value& end, int64_t n, int64_t* from, int64_t* to) {
  auto clamp = [n](int64_t v) { return v < 0 ? 0 : (v > n ? n : v); };
  int64_t b = begin.is_null() ? 1 : begin.GetInt64();
  int64_t e = end.is_null() ? n : end.GetInt64();
  if (b < 0) b = n + b + 1;
  if (e < 0) e = n + e + 1;
  if (b < 1) b = 1;
  *from = clamp(b - 1);
  *to = clamp(e);
  if (*to < *from) *to = *from;
}

Status ListSliceBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const LogicalType& list = state.expr.children[0]->type;
  return ForEachRow(args, result, [&](const std::vector<Value>& row) -> StatusOr<Value> {
    if (row[0].is_null()) return Value(list);
    int64_t from, to;
    if (list.id() == TypeId::kVarchar) {
      const std::string& s = row[0].GetString();
      SliceBounds(row[1], row[2], static_cast<int64_t>(s.size()), &from, &to);
      return Value::Varchar(s.substr(from, to - from));
    }
    std::vector<std::string_view> parts = SplitNested(list, row[0].GetString());
    SliceBounds(row[1], row[2], static_cast<int64_t>(parts.size()), &from, &to);
    std::string bytes;
    for (int64_t i = from; i < to; i++) bytes.append(parts[i]);
    bytes.push_back(kNestedEnd);
    return Value::FromPhysical(list, StringRef(bytes));
  });
}

// ---- len ----

Status ListLengthBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const LogicalType& list = state.expr.children[0]->type;
  return ForEachRow(args, result, [&](const std::vector<Value>& row) -> StatusOr<Value> {
    if (row[0].is_null()) return Value(LogicalType::BigInt());
    return Value::BigInt(static_cast<int64_t>(SplitNested(list, row[0].GetString()).size()));
  });
}

Status BindListArgument(BoundExpression& expr) {
  // len(NULL) is a NULL BIGINT; the any-type parameter wins over length(VARCHAR) for it.
  TypeId id = expr.children[0]->type.id();
  if (id != TypeId::kList && id != TypeId::kNull) {
    return BinderError("No function matches the given name and argument types '",
                       expr.function_name, "(", expr.children[0]->type.ToString(),
                       ")'. You might need to add explicit type casts.");
  }
  return Status();
}

// ---- list_contains / list_position / ANY / ALL ----

// Casts the list and the value to one element type so that equal values have equal keys.
Status BindListAndElement(BoundExpression& expr, size_t list_arg, size_t value_arg) {
  const LogicalType& list = expr.children[list_arg]->type;
  const LogicalType& value = expr.children[value_arg]->type;
  if (list.id() == TypeId::kNull) {
    CastChild(expr, list_arg,
              LogicalType::List(value.id() == TypeId::kNull ? LogicalType::Integer() : value));
    return Status();
  }
  if (list.id() != TypeId::kList) {
    return BinderError("No function matches the given name and argument types '",
                       expr.function_name, "(", list.ToString(), ", ", value.ToString(),
                       ")'. You might need to add explicit type casts.");
  }
  auto common =
      CommonSuperType(list.child(), value, false, IsUntypedLiteral(*expr.children[value_arg]));
  if (!common) {
    return BinderError("Cannot compare values of type ", value.ToString(), " with the elements of ",
                       list.ToString(), " - an explicit cast is required");
  }
  LogicalType element = common->id() == TypeId::kNull ? LogicalType::Integer() : *common;
  CastChild(expr, list_arg, LogicalType::List(element));
  CastChild(expr, value_arg, element);
  return Status();
}

Status BindListContains(BoundExpression& expr) { return BindListAndElement(expr, 0, 1); }

std::string ElementKey(const LogicalType& type, const Value& v) {
  std::string key;
  AppendNestedElement(type, v, &key);
  return key;
}

Status ListContainsBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const LogicalType& list = state.expr.children[0]->type;
  return ForEachRow(args, result, [&](const std::vector<Value>& row) -> StatusOr<Value> {
    if (row[0].is_null() || row[1].is_null()) return Value(LogicalType::Boolean());
    std::string key = ElementKey(list.child(), row[1]);
    for (std::string_view part : SplitNested(list, row[0].GetString())) {
      if (part == key) return Value::Boolean(true);
    }
    return Value::Boolean(false);
  });
}

Status ListPositionBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const LogicalType& list = state.expr.children[0]->type;
  return ForEachRow(args, result, [&](const std::vector<Value>& row) -> StatusOr<Value> {
    if (row[0].is_null()) return Value(LogicalType::Integer());
    // A NULL value finds the first NULL element, as DuckDB.
    std::string key = ElementKey(list.child(), row[1]);
    std::vector<std::string_view> parts = SplitNested(list, row[0].GetString());
    for (size_t i = 0; i < parts.size(); i++) {
      if (parts[i] == key) return Value::Integer(static_cast<int32_t>(i + 1));
    }
    return Value(LogicalType::Integer());
  });
}

// x op ANY (list) / x op ALL (list): the operator is the third argument (a constant).
Status BindListQuantified(BoundExpression& expr) { return BindListAndElement(expr, 1, 0); }

bool ComparisonHolds(const std::string& op, int c) {
  if (op == "=") return c == 0;
  if (op == "<>" || op == "!=") return c != 0;
  if (op == "<") return c < 0;
  if (op == "<=") return c <= 0;
  if (op == ">") return c > 0;
  return c >= 0;
}

template <bool kAny>
Status ListQuantifiedBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const LogicalType& list = state.expr.children[1]->type;
  return ForEachRow(args, result, [&](const std::vector<Value>& row) -> StatusOr<Value> {
    if (row[1].is_null()) return Value(LogicalType::Boolean());
    std::vector<std::string_view> parts = SplitNested(list, row[1].GetString());
    if (parts.empty()) return Value::Boolean(!kAny);
    if (row[0].is_null()) return Value(LogicalType::Boolean());
    const std::string& op = row[2].GetString();
    std::string key = ElementKey(list.child(), row[0]);
    bool saw_null = false;
    for (std::string_view part : parts) {
      if (part.empty() || part[0] == kNestedNull) {
        saw_null = true;
        continue;
      }
      int c = std::string_view(key).compare(part);
      if (ComparisonHolds(op, c) == kAny) return Value::Boolean(kAny);
    }
    if (saw_null) return Value(LogicalType::Boolean());
    return Value::Boolean(!kAny);
  });
}

// ---- struct_pack / struct_extract ----

Status BindStructPack(BoundExpression& expr) {
  StructFields fields;
  for (size_t i = 0; i < expr.children.size(); i++) {
    auto& child = expr.children[i];
    for (const auto& [name, type] : fields) {
      if (name == child->alias) {
        return BinderError("Duplicate struct entry name \"", name, "\"");
      }
    }
    if (child->type.id() == TypeId::kNull) CastChild(expr, i, LogicalType::Integer());
    fields.emplace_back(child->alias, expr.children[i]->type);
  }
  if (fields.empty()) return BinderError("Can't pack nothing into a struct");
  expr.type = LogicalType::Struct(fields);
  return Status();
}

Status StructPackBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const LogicalType& type = state.expr.type;
  std::string bytes;
  for (idx_t i = 0; i < args.size(); i++) {
    bytes.clear();
    for (idx_t c = 0; c < args.ColumnCount(); c++) {
      AppendNestedElement(type.fields()[c].second, args.column(c).GetValue(i), &bytes);
    }
    result.data<StringRef>()[i] = result.AddString(bytes);
  }
  return Status();
}

struct StructExtractData : FunctionData {
  size_t field = 0;
  std::unique_ptr<FunctionData> Copy() const override {
    auto copy = std::make_unique<StructExtractData>();
    copy->field = field;
    return copy;
  }
};

Status BindStructExtract(BoundExpression& expr) {
  const LogicalType& type = expr.children[0]->type;
  if (type.id() == TypeId::kList || type.id() == TypeId::kVarchar) {
    // l['x'] on a list is not a field access: treat it as DuckDB does (an error).
    return BinderError("Cannot extract a field from a value of type ", type.ToString());
  }
  if (type.id() != TypeId::kStruct) {
    return BinderError("struct_extract can only be applied to a STRUCT, not ", type.ToString());
  }
  const BoundExpression& key = *expr.children[1];
  if (key.kind != BoundExprKind::kConstant || key.value.is_null()) {
    return BinderError("Key name for struct_extract needs to be a constant string");
  }
  std::string name = key.value.ToString();
  auto data = std::make_unique<StructExtractData>();
  const StructFields& fields = type.fields();
  size_t i = 0;
  for (; i < fields.size(); i++) {
    if (fields[i].first == name) break;
  }
  if (i == fields.size()) {
    for (i = 0; i < fields.size(); i++) {
      std::string a = fields[i].first, b = name;
      for (char& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (char& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (a == b) break;
    }
  }
  if (i == fields.size()) {
    return BinderError("Could not find key \"", name, "\" in struct");
  }
  data->field = i;
  expr.type = fields[i].second;
  expr.bind_data = std::move(data);
  return Status();
}

Status StructExtractBody(const DataChunk& args, ExpressionState& state, Vector& result) {
  const LogicalType& type = state.expr.children[0]->type;
  size_t field = static_cast<const StructExtractData&>(*state.expr.bind_data).field;
  return ForEachRow(args, result, [&](const std::vector<Value>& row) -> StatusOr<Value> {
    if (row[0].is_null()) return Value(state.expr.type);
    std::vector<std::string_view> parts = SplitNested(type, row[0].GetString());
    if (field >= parts.size()) return Value(state.expr.type);
    return DecodeNestedElement(type.fields()[field].second, parts[field]);
  });
}

void AddNamed(FunctionRegistry& registry, std::initializer_list<const char*> names,
              ScalarFunction f) {
  for (const char* name : names) {
    f.name = name;
    registry.AddScalar(f);
  }
}

}  // namespace

void RegisterListFunctions(FunctionRegistry& registry) {
  ScalarFunction list_value{"list_value", {}, kAnyType, ListValueBody};
  list_value.has_varargs = true;
  list_value.varargs = kAnyType;
  list_value.bind = BindListValue;
  list_value.null_handling = NullHandling::kSpecial;
  AddNamed(registry, {"list_value", "list_pack"}, list_value);

  ScalarFunction extract{
      "list_extract", {kAnyType, LogicalType::BigInt()}, kAnyType, ListExtractBody};
  extract.bind = BindListExtract;
  AddNamed(registry, {"list_extract", "list_element", "array_extract"}, extract);

  ScalarFunction slice{"list_slice",
                       {kAnyType, LogicalType::BigInt(), LogicalType::BigInt()},
                       kAnyType,
                       ListSliceBody};
  slice.bind = BindListSlice;
  slice.null_handling = NullHandling::kSpecial;
  AddNamed(registry, {"list_slice", "array_slice"}, slice);

  ScalarFunction length{
      "len", {LogicalType::List(LogicalType::Null())}, LogicalType::BigInt(), ListLengthBody};
  // Any list (the argument type is checked by the bind, the parameter only routes overloads).
  length.arguments = {kAnyType};
  length.bind = BindListArgument;
  AddNamed(registry, {"len", "length", "array_length", "list_length"}, length);

  ScalarFunction contains{
      "list_contains", {kAnyType, kAnyType}, LogicalType::Boolean(), ListContainsBody};
  contains.bind = BindListContains;
  contains.null_handling = NullHandling::kSpecial;
  AddNamed(registry, {"list_contains", "array_contains", "list_has", "array_has"}, contains);

  ScalarFunction position{
      "list_position", {kAnyType, kAnyType}, LogicalType::Integer(), ListPositionBody};
  position.bind = BindListContains;
  position.null_handling = NullHandling::kSpecial;
  AddNamed(registry, {"list_position", "list_indexof", "array_position", "array_indexof"},
           position);

  ScalarFunction any{"__list_any",
                     {kAnyType, kAnyType, LogicalType::Varchar()},
                     LogicalType::Boolean(),
                     ListQuantifiedBody<true>};
  any.bind = BindListQuantified;
  any.null_handling = NullHandling::kSpecial;
  registry.AddScalar(any);
  ScalarFunction all = any;
  all.name = "__list_all";
  all.body = ListQuantifiedBody<false>;
  registry.AddScalar(all);

  ScalarFunction pack{"struct_pack", {}, kAnyType, StructPackBody};
  pack.has_varargs = true;
  pack.varargs = kAnyType;
  pack.bind = BindStructPack;
  pack.null_handling = NullHandling::kSpecial;
  AddNamed(registry, {"struct_pack"}, pack);

  ScalarFunction struct_extract{
      "struct_extract", {kAnyType, LogicalType::Varchar()}, kAnyType, StructExtractBody};
  struct_extract.bind = BindStructExtract;
  AddNamed(registry, {"struct_extract"}, struct_extract);
}

}  // namespace fluxdb
