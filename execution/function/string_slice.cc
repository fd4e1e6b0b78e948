// Functions that cut or pad a string by character positions: substring/substr, left, right,
// lpad, rpad, trim/ltrim/rtrim.
//
// Positions count code points. substring follows DuckDB: a negative start counts from the end,
// start 0 is the position before the first character, and a negative length takes the
// characters before the start.
#include <cstdlib>
#include <string>
#include <vector>

#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/utf8.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

constexpr int64_t kMaxSubstringArgument = 4294967295LL;

// Character range [start, end) of substring(s, offset, length) for a string of `size`
// characters, clamped to the string.
void SubstringRange(int64_t size, int64_t offset, int64_t length, int64_t* start, int64_t* end) {
  int64_t s;
  if (offset > 0) {
    s = std::min(size, offset - 1);
  } else if (offset < 0) {
    s = size + offset;
  } else {
    s = -1;
  }
  int64_t e;
  if (length >= 0) {
    e = s + length;
  } else {
    e = s;
    s = s + length;
  }
  *start = std::clamp<int64_t>(s, 0, size);
  *end = std::clamp<int64_t>(e, 0, size);
}

// The bytes of characters [start, end) of `s`.
std::string_view CharacterSlice(std::string_view s, bool ascii, int64_t start, int64_t end) {
  if (end <= start) return {};
  if (ascii) return s.substr(start, end - start);
  size_t from = utf8::ByteOffset(s, start);
  size_t to = from + utf8::ByteOffset(s.substr(from), end - start);
  return s.substr(from, to - from);
}

StringRef Slice(const StringRef& input, int64_t offset, int64_t length) {
  std::string_view s = input.view();
  bool ascii = utf8::IsAscii(s);
  int64_t size = ascii ? static_cast<int64_t>(s.size()) : static_cast<int64_t>(utf8::Length(s));
  int64_t start, end;
  SubstringRange(size, offset, length, &start, &end);
  std::string_view part = CharacterSlice(s, ascii, start, end);
  // A slice of a heap string stays valid as long as the input's buffer: the body keeps it alive.
  return StringRef(part);
}

Status CheckSubstringArguments(int64_t offset, int64_t length) {
  if (offset > kMaxSubstringArgument || offset < -kMaxSubstringArgument) {
    return OutOfRangeError("Substring offset outside of supported range (> 4294967295)");
  }
  if (length > kMaxSubstringArgument || length < -kMaxSubstringArgument) {
    return OutOfRangeError("Substring length outside of supported range (> 4294967295)");
  }
  return Status();
}

// The result shares the input's string bytes (no copy): it keeps the input's buffers alive.
void ShareStrings(const Vector& input, Vector& result) {
  Vector alias;
  alias.Reference(input);
  result.KeepAlive(std::make_shared<Vector>(std::move(alias)));
}

Status Substring(const DataChunk& args, ExpressionState&, Vector& result) {
  Status status;
  ShareStrings(args.column(0), result);
  TernaryExecute<StringRef, int64_t, int64_t, StringRef>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](const StringRef& s, int64_t offset, int64_t length) {
        Status check = CheckSubstringArguments(offset, length);
        if (!check.ok()) {
          if (status.ok()) status = check;
          return StringRef();
        }
        return Slice(s, offset, length);
      });
  return status;
}

Status SubstringToEnd(const DataChunk& args, ExpressionState&, Vector& result) {
  Status status;
  ShareStrings(args.column(0), result);
  BinaryExecute<StringRef, int64_t, StringRef>(args.column(0), args.column(1), result, args.size(),
                                               [&](const StringRef& s, int64_t offset) {
                                                 Status check = CheckSubstringArguments(offset, 0);
                                                 if (!check.ok()) {
                                                   if (status.ok()) status = check;
                                                   return StringRef();
                                                 }
                                                 return Slice(s, offset, kMaxSubstringArgument);
                                               });
  return status;
}

template <bool kLeft>
Status LeftRight(const DataChunk& args, ExpressionState&, Vector& result) {
  ShareStrings(args.column(0), result);
  BinaryExecute<StringRef, int64_t, StringRef>(
      args.column(0), args.column(1), result, args.size(), [&](const StringRef& in, int64_t n) {
        std::string_view s = in.view();
        bool ascii = utf8::IsAscii(s);
        int64_t size =
            ascii ? static_cast<int64_t>(s.size()) : static_cast<int64_t>(utf8::Length(s));
        int64_t start, end;
        if (kLeft) {
          start = 0;
          end = n >= 0 ? std::min(n, size) : std::max<int64_t>(0, size + n);
        } else {
          end = size;
          start = n >= 0 ? std::max<int64_t>(0, size - n) : std::min(size, -n);
        }
        return StringRef(CharacterSlice(s, ascii, start, end));
      });
  return Status();
}

template <bool kLeft>
Status Pad(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  bool insufficient = false;
  TernaryExecute<StringRef, int32_t, StringRef, StringRef>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](const StringRef& in, int32_t target, const StringRef& fill_ref) {
        std::string_view s = in.view();
        std::string_view fill = fill_ref.view();
        buffer.clear();
        if (target <= 0) return StringRef();
        int64_t size = static_cast<int64_t>(utf8::Length(s));
        if (size >= target) {
          std::string_view part = CharacterSlice(s, utf8::IsAscii(s), 0, target);
          buffer.assign(part.data(), part.size());
          return result.AddString(buffer);
        }
        int64_t missing = target - size;
        if (fill.empty()) {
          insufficient = true;
          return StringRef();
        }
        std::string padding;
        size_t pos = 0;
        for (int64_t i = 0; i < missing; i++) {
          if (pos >= fill.size()) pos = 0;
          int len = utf8::SequenceLength(static_cast<unsigned char>(fill[pos]));
          buffer.append(fill.substr(pos, len));
          pos += len;
        }
        if (kLeft) {
          buffer.append(s.data(), s.size());
        } else {
          buffer.insert(0, s.data(), s.size());
        }
        return result.AddString(buffer);
      });
  if (insufficient) {
    return InvalidInputError("Insufficient padding in ", kLeft ? "LPAD." : "RPAD.");
  }
  return Status();
}

// ---- trim ----

// Characters to strip: a bitmap for ASCII, a list for the rest.
struct TrimSet {
  bool ascii[128] = {};
  std::vector<int32_t> others;

  void Build(std::string_view chars) {
    std::fill(std::begin(ascii), std::end(ascii), false);
    others.clear();
    size_t pos = 0;
    while (pos < chars.size()) {
      int32_t cp;
      pos += utf8::Decode(chars, pos, &cp);
      if (cp < 128) {
        ascii[cp] = true;
      } else {
        others.push_back(cp);
      }
    }
  }
  bool Contains(int32_t cp) const {
    if (cp < 128) return ascii[cp];
    for (int32_t o : others) {
      if (o == cp) return true;
    }
    return false;
  }
};

std::string_view TrimView(std::string_view s, const TrimSet& set, bool left, bool right) {
  size_t begin = 0, end = s.size();
  if (left) {
    while (begin < end) {
      int32_t cp;
      int len = utf8::Decode(s, begin, &cp);
      if (!set.Contains(cp)) break;
      begin += len;
    }
  }
  if (right) {
    while (end > begin) {
      size_t start = end - 1;
      while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
      int32_t cp;
      utf8::Decode(s, start, &cp);
      if (!set.Contains(cp)) break;
      end = start;
    }
  }
  return s.substr(begin, end - begin);
}

template <bool kLeft, bool kRight>
Status TrimSpaces(const DataChunk& args, ExpressionState&, Vector& result) {
  static const TrimSet kSpace = [] {
    TrimSet set;
    set.Build(" ");
    return set;
  }();
  ShareStrings(args.column(0), result);
  UnaryExecuteValid<StringRef, StringRef>(
      args.column(0), result, args.size(),
      [&](const StringRef& s) { return StringRef(TrimView(s.view(), kSpace, kLeft, kRight)); });
  return Status();
}

template <bool kLeft, bool kRight>
Status TrimCharacters(const DataChunk& args, ExpressionState&, Vector& result) {
  ShareStrings(args.column(0), result);
  TrimSet set;
  std::string last;
  bool built = false;
  BinaryExecute<StringRef, StringRef, StringRef>(
      args.column(0), args.column(1), result, args.size(),
      [&](const StringRef& s, const StringRef& chars) {
        if (!built || chars.view() != last) {
          set.Build(chars.view());
          last.assign(chars.data(), chars.size());
          built = true;
        }
        return StringRef(TrimView(s.view(), set, kLeft, kRight));
      });
  return Status();
}

}  // namespace

void RegisterStringSliceFunctions(FunctionRegistry& registry) {
  const LogicalType text = LogicalType::Varchar();
  const LogicalType big = LogicalType::BigInt();
  registry.AddScalar(ScalarFunction{"substring", {text, big, big}, text, Substring});
  registry.AddScalar(ScalarFunction{"substring", {text, big}, text, SubstringToEnd});
  registry.AddAlias("substr", "substring");
  registry.AddScalar(ScalarFunction{"left", {text, big}, text, LeftRight<true>});
  registry.AddScalar(ScalarFunction{"right", {text, big}, text, LeftRight<false>});
  registry.AddScalar(ScalarFunction{"lpad", {text, LogicalType::Integer(), text}, text, Pad<true>});
  registry.AddScalar(
      ScalarFunction{"rpad", {text, LogicalType::Integer(), text}, text, Pad<false>});
  registry.AddScalar(ScalarFunction{"trim", {text}, text, TrimSpaces<true, true>});
  registry.AddScalar(ScalarFunction{"ltrim", {text}, text, TrimSpaces<true, false>});
  registry.AddScalar(ScalarFunction{"rtrim", {text}, text, TrimSpaces<false, true>});
  registry.AddScalar(ScalarFunction{"trim", {text, text}, text, TrimCharacters<true, true>});
  registry.AddScalar(ScalarFunction{"ltrim", {text, text}, text, TrimCharacters<true, false>});
  registry.AddScalar(ScalarFunction{"rtrim", {text, text}, text, TrimCharacters<false, true>});
}

}  // namespace fluxdb
