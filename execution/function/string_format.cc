// format(fmt, ...) with {}-style placeholders and printf(fmt, ...) with %-conversions.
//
// Arguments are normalized at bind time (integers to BIGINT, DECIMAL and FLOAT to DOUBLE,
// temporal types to VARCHAR) so the formatter sees four kinds of value. A NULL argument makes
// the result NULL, as in DuckDB.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "common/number_format.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/utf8.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

// One argument of one row, unboxed.
struct FormatArg {
  enum Kind { kInteger, kHuge, kDouble, kBool, kText } kind;
  int64_t integer = 0;
  int128_t huge = 0;
  double floating = 0;
  std::string_view text;
};

Status BindFormat(BoundExpression& expr) {
  for (idx_t i = 1; i < expr.children.size(); i++) {
    auto& child = expr.children[i];
    const LogicalType& t = child->type;
    LogicalType target = t;
    if (t.IsIntegral()) {
      target = t.id() == TypeId::kHugeInt ? t : LogicalType::BigInt();
    } else if (t.id() == TypeId::kDecimal || t.id() == TypeId::kFloat) {
      target = LogicalType::Double();
    } else if (t.id() != TypeId::kDouble && t.id() != TypeId::kBoolean &&
               t.id() != TypeId::kVarchar) {
      target = LogicalType::Varchar();
    }
    if (target != t) child = BoundExpression::Cast(std::move(child), target);
  }
  return Status();
}

std::string Pad(std::string body, int width, char align, char fill) {
  int len = static_cast<int>(utf8::Length(body));
  if (width <= len) return body;
  int missing = width - len;
  std::string fill_text(1, fill);
  auto repeat = [&](int n) {
    std::string r;
    for (int i = 0; i < n; i++) r += fill_text;
    return r;
  };
  if (align == '<') return body + repeat(missing);
  if (align == '^') return repeat(missing / 2) + body + repeat(missing - missing / 2);
  return repeat(missing) + body;
}

std::string GroupThousands(const std::string& digits, char separator) {
  size_t start = (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) ? 1 : 0;
  size_t end = digits.find('.');
  if (end == std::string::npos) end = digits.size();
  std::string out = digits.substr(0, start);
  size_t n = end - start;
  for (size_t i = 0; i < n; i++) {
    out += digits[start + i];
    size_t rest = n - i - 1;
    if (rest > 0 && rest % 3 == 0) out += separator;
  }
  return out + digits.substr(end);
}

std::string PlainText(const FormatArg& a) {
  switch (a.kind) {
    case FormatArg::kInteger:
      return std::to_string(a.integer);
    case FormatArg::kHuge:
      return Int128ToString(a.huge);
    case FormatArg::kDouble:
      return FormatDouble(a.floating);
    case FormatArg::kBool:
      return a.integer ? "true" : "false";
    case FormatArg::kText:
      return std::string(a.text);
  }
  return "";
}

double AsDouble(const FormatArg& a) {
  switch (a.kind) {
    case FormatArg::kInteger:
    case FormatArg::kBool:
      return static_cast<double>(a.integer);
    case FormatArg::kHuge:
      return static_cast<double>(a.huge);
    case FormatArg::kDouble:
      return a.floating;
    case FormatArg::kText:
      return std::strtod(std::string(a.text).c_str(), nullptr);
  }
  return 0;
}

// Formats one number with a printf conversion built from the parsed flags.
std::string CFormat(const std::string& spec, const FormatArg& a, char type) {
  char buffer[512];
  std::string f = "%" + spec;
  if (type == 'd' || type == 'i' || type == 'x' || type == 'X' || type == 'o' || type == 'u') {
    int64_t v = a.kind == FormatArg::kDouble ? static_cast<int64_t>(a.floating)
                : a.kind == FormatArg::kHuge ? static_cast<int64_t>(a.huge)
                                             : a.integer;
    if (a.kind == FormatArg::kHuge && type == 'd' && (a.huge > INT64_MAX || a.huge < INT64_MIN)) {
      return Int128ToString(a.huge);
    }
    f += (type == 'i' || type == 'u') ? std::string("lld") : std::string("ll") + type;
    std::snprintf(buffer, sizeof(buffer), f.c_str(), static_cast<long long>(v));
  } else if (type == 'c') {
    std::string out;
    utf8::Append(static_cast<int32_t>(a.integer), &out);
    return out;
  } else {
    f += type;
    std::snprintf(buffer, sizeof(buffer), f.c_str(), AsDouble(a));
  }
  return buffer;
}

// printf: %[flags][width][.precision]conversion.
Status FormatPrintf(std::string_view fmt, const std::vector<FormatArg>& args, std::string* out) {
  out->clear();
  size_t next = 0;
  for (size_t i = 0; i < fmt.size(); i++) {
    char c = fmt[i];
    if (c != '%') {
      out->push_back(c);
      continue;
    }
    if (i + 1 < fmt.size() && fmt[i + 1] == '%') {
      out->push_back('%');
      i++;
      continue;
    }
    size_t j = i + 1;
    std::string flags;
    while (j < fmt.size() && std::string_view("-+ #0").find(fmt[j]) != std::string_view::npos) {
      flags += fmt[j++];
    }
    std::string width;
    while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j]))) width += fmt[j++];
    std::string precision;
    bool has_precision = false;
    if (j < fmt.size() && fmt[j] == '.') {
      has_precision = true;
      j++;
      while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j]))) {
        precision += fmt[j++];
      }
    }
    while (j < fmt.size() && (fmt[j] == 'l' || fmt[j] == 'h')) j++;
    if (j >= fmt.size()) return InvalidInputError("Invalid format specifier: missing conversion");
    char type = fmt[j];
    if (next >= args.size()) return InvalidInputError("Argument index \"", next, "\" out of range");
    const FormatArg& a = args[next++];
    std::string spec = flags + width + (has_precision ? "." + precision : "");
    if (type == 's') {
      std::string text = PlainText(a);
      if (has_precision) {
        size_t keep = precision.empty() ? 0 : std::stoul(precision);
        text = text.substr(0, utf8::ByteOffset(text, keep));
      }
      int w = width.empty() ? 0 : std::stoi(width);
      out->append(Pad(text, w, flags.find('-') != std::string::npos ? '<' : '>', ' '));
    } else if (std::string_view("diuxXocfFeEgGaA").find(type) != std::string_view::npos) {
      out->append(CFormat(spec, a, type));
    } else {
      return InvalidInputError("Invalid type specifier \"", std::string(1, type), "\"");
    }
    i = j;
  }
  return Status();
}

// format: {} / {N} / {:[[fill]align][sign][0][width][,][.precision][type]}.
Status FormatBraces(std::string_view fmt, const std::vector<FormatArg>& args, std::string* out) {
  out->clear();
  size_t next = 0;
  for (size_t i = 0; i < fmt.size(); i++) {
    char c = fmt[i];
    if (c == '}' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
      out->push_back('}');
      i++;
      continue;
    }
    if (c != '{') {
      out->push_back(c);
      continue;
    }
    if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
      out->push_back('{');
      i++;
      continue;
    }
    size_t close = fmt.find('}', i);
    if (close == std::string_view::npos) return InvalidInputError("unmatched '{' in format string");
    std::string_view field = fmt.substr(i + 1, close - i - 1);
    size_t colon = field.find(':');
    std::string_view index_text = field.substr(0, colon);
    std::string_view spec = colon == std::string_view::npos ? "" : field.substr(colon + 1);
    size_t index = next;
    if (!index_text.empty()) {
      index = 0;
      for (char d : index_text) {
        if (!std::isdigit(static_cast<unsigned char>(d))) {
          return InvalidInputError("invalid format string");
        }
        index = index * 10 + (d - '0');
      }
    } else {
      next++;
    }
    if (index >= args.size())
      return InvalidInputError("Argument index \"", index, "\" out of range");
    const FormatArg& a = args[index];
    // Parse the spec.
    size_t p = 0;
    char fill = ' ', align = 0;
    auto is_align = [](char ch) { return ch == '<' || ch == '>' || ch == '^'; };
    if (spec.size() >= 2 && is_align(spec[1])) {
      fill = spec[0];
      align = spec[1];
      p = 2;
    } else if (!spec.empty() && is_align(spec[0])) {
      align = spec[0];
      p = 1;
    }
    std::string sign;
    if (p < spec.size() && (spec[p] == '+' || spec[p] == '-' || spec[p] == ' ')) {
      if (spec[p] != '-') sign = spec[p];
      p++;
    }
    bool zero = false;
    if (p < spec.size() && spec[p] == '0') {
      zero = true;
      p++;
    }
    int width = 0;
    while (p < spec.size() && std::isdigit(static_cast<unsigned char>(spec[p]))) {
      width = width * 10 + (spec[p++] - '0');
    }
    char group = 0;
    if (p < spec.size() && (spec[p] == ',' || spec[p] == '_' || spec[p] == '\'')) group = spec[p++];
    std::string precision;
    bool has_precision = false;
    if (p < spec.size() && spec[p] == '.') {
      has_precision = true;
      p++;
      while (p < spec.size() && std::isdigit(static_cast<unsigned char>(spec[p]))) {
        precision += spec[p++];
      }
    }
    char type = p < spec.size() ? spec[p] : 0;
    std::string body;
    bool numeric = a.kind != FormatArg::kText && a.kind != FormatArg::kBool;
    if (type == 0 || type == 's') {
      if (has_precision && a.kind == FormatArg::kDouble) {
        body = CFormat(sign + "." + precision, a, 'g');
      } else {
        body = PlainText(a);
        if (!sign.empty() && numeric && !body.empty() && body[0] != '-') body = sign + body;
        if (has_precision && !numeric) {
          size_t keep = precision.empty() ? 0 : std::stoul(precision);
          body = body.substr(0, utf8::ByteOffset(body, keep));
        }
      }
    } else if (type == 'b') {
      uint64_t v = static_cast<uint64_t>(a.integer);
      if (v == 0) body = "0";
      while (v > 0) {
        body.insert(body.begin(), static_cast<char>('0' + (v & 1)));
        v >>= 1;
      }
    } else {
      body = CFormat(sign + (has_precision ? "." + precision : ""), a, type);
    }
    if (group != 0 && numeric) body = GroupThousands(body, group);
    if (zero && align == 0 && numeric) {
      // Zero padding goes between the sign and the digits.
      size_t digits_start = (!body.empty() && (body[0] == '-' || body[0] == '+')) ? 1 : 0;
      while (static_cast<int>(body.size()) < width) body.insert(digits_start, "0");
    } else {
      if (align == 0) align = numeric ? '>' : '<';
      body = Pad(body, width, align, fill);
    }
    out->append(body);
    i = close;
  }
  return Status();
}

template <bool kPrintf>
Status FormatBody(const DataChunk& args, ExpressionState&, Vector& result) {
  idx_t columns = args.ColumnCount();
  bool constant = true;
  for (idx_t c = 0; c < columns; c++) {
    constant = constant && args.column(c).encoding() == VectorEncoding::kConstant;
  }
  idx_t n = constant ? 1 : args.size();
  std::vector<UnifiedVector> inputs(columns);
  for (idx_t c = 0; c < columns; c++) args.column(c).ToUnified(n, &inputs[c]);
  std::vector<FormatArg> values(columns - 1);
  std::string buffer;
  StringRef* out = result.data<StringRef>();
  for (idx_t i = 0; i < n; i++) {
    bool null = false;
    for (idx_t c = 0; c < columns && !null; c++) null = !inputs[c].IsValid(i);
    if (null) {
      result.validity().SetInvalid(i);
      out[i] = StringRef();
      continue;
    }
    for (idx_t c = 1; c < columns; c++) {
      const UnifiedVector& u = inputs[c];
      idx_t idx = u.index(i);
      FormatArg& a = values[c - 1];
      switch (args.column(c).type().id()) {
        case TypeId::kBigInt:
          a.kind = FormatArg::kInteger;
          a.integer = u.values<int64_t>()[idx];
          break;
        case TypeId::kHugeInt:
          a.kind = FormatArg::kHuge;
          a.huge = u.values<int128_t>()[idx];
          break;
        case TypeId::kDouble:
          a.kind = FormatArg::kDouble;
          a.floating = u.values<double>()[idx];
          break;
        case TypeId::kBoolean:
          a.kind = FormatArg::kBool;
          a.integer = u.values<bool>()[idx];
          break;
        default:
          a.kind = FormatArg::kText;
          a.text = u.values<StringRef>()[idx].view();
          break;
      }
    }
    std::string_view fmt = inputs[0].values<StringRef>()[inputs[0].index(i)].view();
    FLUX_RETURN_IF_ERROR(kPrintf ? FormatPrintf(fmt, values, &buffer)
                                 : FormatBraces(fmt, values, &buffer));
    out[i] = result.AddString(buffer);
  }
  if (constant) result.MarkConstant();
  return Status();
}

}  // namespace

void RegisterStringFormatFunctions(FunctionRegistry& registry) {
  for (bool is_printf : {false, true}) {
    ScalarFunction f{is_printf ? "printf" : "format",
                     {LogicalType::Varchar()},
                     LogicalType::Varchar(),
                     is_printf ? FormatBody<true> : FormatBody<false>};
    f.has_varargs = true;
    f.varargs = kAnyType;
    f.bind = BindFormat;
    registry.AddScalar(f);
  }
}

}  // namespace fluxdb
