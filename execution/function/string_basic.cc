// Whole-string functions: length, octet_length/strlen, lower/upper, reverse, repeat, ascii, chr.
//
// Lengths and positions count Unicode code points, as DuckDB's length(); ASCII strings (the
// common case) take a byte-wise fast path.
#include <string>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/utf8.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

Status Length(const DataChunk& args, ExpressionState&, Vector& result) {
  // Reads the bytes: a NULL row's slot may point anywhere.
  UnaryExecuteValid<StringRef, int64_t>(
      args.column(0), result, args.size(),
      [](const StringRef& s) { return static_cast<int64_t>(utf8::Length(s.view())); });
  return Status();
}

Status OctetLength(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<StringRef, int64_t>(args.column(0), result, args.size(), [](const StringRef& s) {
    return static_cast<int64_t>(s.size());
  });
  return Status();
}

template <bool kLower>
Status CaseMap(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  UnaryExecuteValid<StringRef, StringRef>(
      args.column(0), result, args.size(), [&](const StringRef& s) {
        std::string_view v = s.view();
        if (utf8::IsAscii(v)) {
          buffer.resize(v.size());
          for (size_t i = 0; i < v.size(); i++) {
            char c = v[i];
            if (kLower) {
              buffer[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
            } else {
              buffer[i] = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
            }
          }
        } else if (kLower) {
          utf8::LowerCase(v, &buffer);
        } else {
          utf8::UpperCase(v, &buffer);
        }
        return result.AddString(buffer);
      });
  return Status();
}

Status Reverse(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  UnaryExecuteValid<StringRef, StringRef>(
      args.column(0), result, args.size(), [&](const StringRef& s) {
        std::string_view v = s.view();
        buffer.resize(v.size());
        // Code points keep their byte order; their sequence is reversed.
        size_t pos = 0;
        while (pos < v.size()) {
          int len = utf8::SequenceLength(static_cast<unsigned char>(v[pos]));
          if (pos + len > v.size()) len = static_cast<int>(v.size() - pos);
          std::copy(v.begin() + pos, v.begin() + pos + len, buffer.end() - pos - len);
          pos += len;
        }
        return result.AddString(buffer);
      });
  return Status();
}

Status Repeat(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  bool too_large = false;
  BinaryExecute<StringRef, int64_t, StringRef>(
      args.column(0), args.column(1), result, args.size(), [&](const StringRef& s, int64_t n) {
        buffer.clear();
        if (n <= 0 || s.size() == 0) return StringRef();
        if (static_cast<uint64_t>(n) * s.size() > (uint64_t{1} << 32) - 1) {
          too_large = true;
          return StringRef();
        }
        buffer.reserve(static_cast<size_t>(n) * s.size());
        for (int64_t i = 0; i < n; i++) buffer.append(s.data(), s.size());
        return result.AddString(buffer);
      });
  if (too_large) return OutOfRangeError("Cannot repeat a string to more than 4GB");
  return Status();
}

Status Ascii(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecuteValid<StringRef, int32_t>(args.column(0), result, args.size(),
                                        [](const StringRef& s) {
                                          if (s.size() == 0) return 0;
                                          int32_t cp;
                                          utf8::Decode(s.view(), 0, &cp);
                                          return cp;
                                        });
  return Status();
}

Status Chr(const DataChunk& args, ExpressionState&, Vector& result) {
  int64_t bad = 0;
  bool ok = UnaryTryExecute<int32_t, StringRef>(
      args.column(0), result, args.size(), [&](int32_t cp, StringRef* out) {
        if (!utf8::IsValidCodePoint(cp)) {
          bad = cp;
          return false;
        }
        char buffer[4];
        int n = utf8::Encode(cp, buffer);
        *out = StringRef(buffer, static_cast<uint32_t>(n));
        return true;
      });
  if (!ok) return InvalidInputError("Invalid UTF8 Codepoint ", bad);
  return Status();
}

// encode(text) -> BLOB and decode(blob) -> VARCHAR: the same bytes; decode checks UTF-8.
Status Encode(const DataChunk& args, ExpressionState&, Vector& result) {
  // Same bytes, other type: the result points into the argument (kept alive).
  UnaryExecuteValid<StringRef, StringRef>(args.column(0), result, args.size(),
                                          [](const StringRef& s) { return s; });
  auto alias = std::make_shared<Vector>();
  alias->Reference(args.column(0));
  result.KeepAlive(std::move(alias));
  return Status();
}

Status Decode(const DataChunk& args, ExpressionState&, Vector& result) {
  bool ok = UnaryTryExecute<StringRef, StringRef>(args.column(0), result, args.size(),
                                                  [](const StringRef& s, StringRef* out) {
                                                    if (!utf8::IsValid(s.view())) return false;
                                                    *out = s;
                                                    return true;
                                                  });
  if (!ok) {
    return ConversionError(
        "Failure in decode: could not convert blob to UTF8 string, the blob "
        "contained invalid UTF8 characters. ");
  }
  // The result points into the argument's bytes.
  auto alias = std::make_shared<Vector>();
  alias->Reference(args.column(0));
  result.KeepAlive(std::move(alias));
  return Status();
}

void Add(FunctionRegistry& registry, const char* name, std::vector<LogicalType> arguments,
         LogicalType result, ScalarFunctionBody body) {
  registry.AddScalar(ScalarFunction{name, std::move(arguments), result, body});
}

}  // namespace

void RegisterStringBasicFunctions(FunctionRegistry& registry) {
  const LogicalType text = LogicalType::Varchar();
  Add(registry, "length", {text}, LogicalType::BigInt(), Length);
  registry.AddAlias("char_length", "length");
  registry.AddAlias("character_length", "length");
  registry.AddAlias("len", "length");
  Add(registry, "strlen", {text}, LogicalType::BigInt(), OctetLength);
  Add(registry, "octet_length", {LogicalType::Blob()}, LogicalType::BigInt(), OctetLength);
  Add(registry, "lower", {text}, text, CaseMap<true>);
  Add(registry, "upper", {text}, text, CaseMap<false>);
  registry.AddAlias("lcase", "lower");
  registry.AddAlias("ucase", "upper");
  Add(registry, "reverse", {text}, text, Reverse);
  Add(registry, "repeat", {text, LogicalType::BigInt()}, text, Repeat);
  Add(registry, "ascii", {text}, LogicalType::Integer(), Ascii);
  Add(registry, "chr", {LogicalType::Integer()}, text, Chr);
  Add(registry, "encode", {text}, LogicalType::Blob(), Encode);
  Add(registry, "decode", {LogicalType::Blob()}, text, Decode);
}

}  // namespace fluxdb
