// Byte encodings: hex/to_hex, unhex/from_hex, bin/to_binary, to_base64/base64, from_base64,
// bit_length, and unicode/ord (the first code point).
#include <string>

#include "common/number_format.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/utf8.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

Status HexText(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  UnaryExecuteValid<StringRef, StringRef>(args.column(0), result, args.size(),
                                          [&](const StringRef& s) {
                                            buffer.clear();
                                            for (unsigned char c : s.view()) {
                                              buffer.push_back(kHexDigits[c >> 4]);
                                              buffer.push_back(kHexDigits[c & 15]);
                                            }
                                            return result.AddString(buffer);
                                          });
  return Status();
}

// Integers print without leading zeros, negative values as 64-bit two's complement.
template <typename T>
Status HexInteger(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, StringRef>(args.column(0), result, args.size(), [&](T v) {
    char buffer[40];
    int n = 0;
    uint128_t u = std::is_same_v<T, int128_t> ? static_cast<uint128_t>(v)
                                              : static_cast<uint64_t>(static_cast<int64_t>(v));
    do {
      buffer[n++] = kHexDigits[static_cast<int>(u & 15)];
      u >>= 4;
    } while (u != 0);
    std::string text(buffer, n);
    return result.AddString(std::string(text.rbegin(), text.rend()));
  });
  return Status();
}

template <typename T>
Status BinInteger(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<T, StringRef>(args.column(0), result, args.size(), [&](T v) {
    char buffer[130];
    int n = 0;
    uint128_t u = std::is_same_v<T, int128_t> ? static_cast<uint128_t>(v)
                                              : static_cast<uint64_t>(static_cast<int64_t>(v));
    do {
      buffer[n++] = static_cast<char>('0' + static_cast<int>(u & 1));
      u >>= 1;
    } while (u != 0);
    std::string text(buffer, n);
    return result.AddString(std::string(text.rbegin(), text.rend()));
  });
  return Status();
}

Status BinText(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  UnaryExecuteValid<StringRef, StringRef>(args.column(0), result, args.size(),
                                          [&](const StringRef& s) {
                                            buffer.clear();
                                            for (unsigned char c : s.view()) {
                                              for (int b = 7; b >= 0; b--) {
                                                buffer.push_back(((c >> b) & 1) ? '1' : '0');
                                              }
                                            }
                                            return result.AddString(buffer);
                                          });
  return Status();
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status Unhex(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  char bad = 0;
  bool ok = UnaryTryExecute<StringRef, StringRef>(
      args.column(0), result, args.size(), [&](const StringRef& s, StringRef* out) {
        std::string_view v = s.view();
        buffer.clear();
        size_t i = 0;
        if (v.size() % 2 == 1) {  // an odd count: the first digit stands alone
          int d = HexValue(v[0]);
          if (d < 0) {
            bad = v[0];
            return false;
          }
          buffer.push_back(static_cast<char>(d));
          i = 1;
        }
        for (; i < v.size(); i += 2) {
          int hi = HexValue(v[i]), lo = HexValue(v[i + 1]);
          if (hi < 0 || lo < 0) {
            bad = hi < 0 ? v[i] : v[i + 1];
            return false;
          }
          buffer.push_back(static_cast<char>(hi * 16 + lo));
        }
        *out = result.AddString(buffer);
        return true;
      });
  if (!ok) return InvalidInputError("Invalid input for hex digit: ", std::string(1, bad));
  return Status();
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Status ToBase64(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  UnaryExecuteValid<StringRef, StringRef>(
      args.column(0), result, args.size(), [&](const StringRef& s) {
        std::string_view v = s.view();
        buffer.clear();
        size_t i = 0;
        for (; i + 3 <= v.size(); i += 3) {
          uint32_t n = (static_cast<unsigned char>(v[i]) << 16) |
                       (static_cast<unsigned char>(v[i + 1]) << 8) |
                       static_cast<unsigned char>(v[i + 2]);
          for (int k = 18; k >= 0; k -= 6) buffer.push_back(kBase64[(n >> k) & 63]);
        }
        size_t rest = v.size() - i;
        if (rest > 0) {
          uint32_t n = static_cast<unsigned char>(v[i]) << 16;
          if (rest == 2) n |= static_cast<unsigned char>(v[i + 1]) << 8;
          buffer.push_back(kBase64[(n >> 18) & 63]);
          buffer.push_back(kBase64[(n >> 12) & 63]);
          buffer.push_back(rest == 2 ? kBase64[(n >> 6) & 63] : '=');
          buffer.push_back('=');
        }
        return result.AddString(buffer);
      });
  return Status();
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

Status FromBase64(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  std::string error;
  bool ok = UnaryTryExecute<StringRef, StringRef>(
      args.column(0), result, args.size(), [&](const StringRef& s, StringRef* out) {
        std::string_view v = s.view();
        buffer.clear();
        if (v.size() % 4 != 0) {
          error = Concat("Could not decode string \"", v,
                         "\" as base64: length must be a multiple of 4");
          return false;
        }
        for (size_t i = 0; i < v.size(); i += 4) {
          int d[4];
          int padding = 0;
          for (int k = 0; k < 4; k++) {
            char c = v[i + k];
            if (c == '=' && i + 4 == v.size() && k >= 2) {
              d[k] = 0;
              padding++;
              continue;
            }
            d[k] = Base64Value(c);
            if (d[k] < 0 || padding > 0) {
              error = Concat("Could not decode string \"", v, "\" as base64: invalid byte value '",
                             std::string(1, c), "' at position ", i + k);
              return false;
            }
          }
          uint32_t n = (d[0] << 18) | (d[1] << 12) | (d[2] << 6) | d[3];
          buffer.push_back(static_cast<char>((n >> 16) & 255));
          if (padding < 2) buffer.push_back(static_cast<char>((n >> 8) & 255));
          if (padding < 1) buffer.push_back(static_cast<char>(n & 255));
        }
        *out = result.AddString(buffer);
        return true;
      });
  if (!ok) return ConversionError(error);
  return Status();
}

Status BitLength(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecute<StringRef, int64_t>(args.column(0), result, args.size(), [](const StringRef& s) {
    return static_cast<int64_t>(s.size()) * 8;
  });
  return Status();
}

// unicode(s): the first code point; -1 for the empty string (ascii() gives 0 there).
Status Unicode(const DataChunk& args, ExpressionState&, Vector& result) {
  UnaryExecuteValid<StringRef, int32_t>(args.column(0), result, args.size(),
                                        [](const StringRef& s) {
                                          if (s.size() == 0) return -1;
                                          int32_t cp;
                                          utf8::Decode(s.view(), 0, &cp);
                                          return cp;
                                        });
  return Status();
}

template <typename T>
void AddIntegerForms(FunctionRegistry& registry, LogicalType type) {
  registry.AddScalar(ScalarFunction{"hex", {type}, LogicalType::Varchar(), HexInteger<T>});
  registry.AddScalar(ScalarFunction{"bin", {type}, LogicalType::Varchar(), BinInteger<T>});
}

}  // namespace

void RegisterStringEncodeFunctions(FunctionRegistry& registry) {
  const LogicalType text = LogicalType::Varchar();
  const LogicalType blob = LogicalType::Blob();
  registry.AddScalar(ScalarFunction{"hex", {text}, text, HexText});
  registry.AddScalar(ScalarFunction{"hex", {blob}, text, HexText});
  AddIntegerForms<int64_t>(registry, LogicalType::BigInt());
  AddIntegerForms<int128_t>(registry, LogicalType::HugeInt());
  registry.AddAlias("to_hex", "hex");
  registry.AddScalar(ScalarFunction{"bin", {text}, text, BinText});
  registry.AddScalar(ScalarFunction{"bin", {blob}, text, BinText});
  registry.AddAlias("to_binary", "bin");
  registry.AddScalar(ScalarFunction{"unhex", {text}, blob, Unhex});
  registry.AddAlias("from_hex", "unhex");
  registry.AddScalar(ScalarFunction{"to_base64", {blob}, text, ToBase64});
  registry.AddAlias("base64", "to_base64");
  registry.AddScalar(ScalarFunction{"from_base64", {text}, blob, FromBase64});
  registry.AddScalar(ScalarFunction{"bit_length", {text}, LogicalType::BigInt(), BitLength});
  registry.AddScalar(ScalarFunction{"unicode", {text}, LogicalType::Integer(), Unicode});
  registry.AddAlias("ord", "unicode");
}

}  // namespace fluxdb
