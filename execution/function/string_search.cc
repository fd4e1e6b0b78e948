// Substring search: strpos/position/instr, starts_with/prefix, ends_with/suffix, contains,
// replace, translate and split_part.
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "execution/expression/expression_executor.h"
#include "execution/function/builtin_functions.h"
#include "execution/function/function_registry.h"
#include "execution/function/utf8.h"
#include "execution/function/vector_kernels.h"

namespace fluxdb {

namespace {

Status Strpos(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<StringRef, StringRef, int64_t>(
      args.column(0), args.column(1), result, args.size(),
      [](const StringRef& haystack, const StringRef& needle) -> int64_t {
        std::string_view h = haystack.view();
        size_t pos = h.find(needle.view());
        if (pos == std::string_view::npos) return 0;
        return static_cast<int64_t>(utf8::Length(h.substr(0, pos))) + 1;
      });
  return Status();
}

Status StartsWith(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<StringRef, StringRef, bool>(args.column(0), args.column(1), result, args.size(),
                                            [](const StringRef& s, const StringRef& prefix) {
                                              return s.view().starts_with(prefix.view());
                                            });
  return Status();
}

Status EndsWith(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<StringRef, StringRef, bool>(args.column(0), args.column(1), result, args.size(),
                                            [](const StringRef& s, const StringRef& suffix) {
                                              return s.view().ends_with(suffix.view());
                                            });
  return Status();
}

Status Contains(const DataChunk& args, ExpressionState&, Vector& result) {
  BinaryExecute<StringRef, StringRef, bool>(args.column(0), args.column(1), result, args.size(),
                                            [](const StringRef& s, const StringRef& needle) {
                                              return s.view().find(needle.view()) !=
                                                     std::string_view::npos;
                                            });
  return Status();
}

Status Replace(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  TernaryExecute<StringRef, StringRef, StringRef, StringRef>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](const StringRef& in, const StringRef& from_ref, const StringRef& to_ref) {
        std::string_view s = in.view(), from = from_ref.view(), to = to_ref.view();
        if (from.empty()) return result.AddString(s);
        buffer.clear();
        size_t pos = 0;
        while (true) {
          size_t hit = s.find(from, pos);
          if (hit == std::string_view::npos) break;
          buffer.append(s.data() + pos, hit - pos);
          buffer.append(to.data(), to.size());
          pos = hit + from.size();
        }
        buffer.append(s.data() + pos, s.size() - pos);
        return result.AddString(buffer);
      });
  return Status();
}

Status Translate(const DataChunk& args, ExpressionState&, Vector& result) {
  std::string buffer;
  absl::flat_hash_map<int32_t, int32_t> map;  // -1: delete the character
  std::string last_from, last_to;             // the mapping is rebuilt only when they change
  bool built = false;
  TernaryExecute<StringRef, StringRef, StringRef, StringRef>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](const StringRef& in, const StringRef& from_ref, const StringRef& to_ref) {
        std::string_view s = in.view(), from = from_ref.view(), to = to_ref.view();
        if (!built || from != last_from || to != last_to) {
          map.clear();
          size_t fpos = 0, tpos = 0;
          while (fpos < from.size()) {
            int32_t f, t = -1;
            fpos += utf8::Decode(from, fpos, &f);
            if (tpos < to.size()) tpos += utf8::Decode(to, tpos, &t);
            map.emplace(f, t);  // the first mapping of a character wins
          }
          last_from.assign(from.data(), from.size());
          last_to.assign(to.data(), to.size());
          built = true;
        }
        buffer.clear();
        size_t pos = 0;
        while (pos < s.size()) {
          int32_t cp;
          int len = utf8::Decode(s, pos, &cp);
          auto it = map.find(cp);
          if (it == map.end()) {
            buffer.append(s.substr(pos, len));
          } else if (it->second >= 0) {
            utf8::Append(it->second, &buffer);
          }
          pos += len;
        }
        return result.AddString(buffer);
      });
  return Status();
}

// The `index`-th (1-based; negative from the end) part of `s` split at `delimiter`; an empty
// delimiter splits into characters.
std::string_view SplitPart(std::string_view s, std::string_view delimiter, int64_t index,
                           std::vector<std::string_view>* parts) {
  if (index == 0) return {};
  parts->clear();
  if (s.empty()) return {};
  if (delimiter.empty()) {
    size_t pos = 0;
    while (pos < s.size()) {
      size_t len = utf8::SequenceLength(static_cast<unsigned char>(s[pos]));
      parts->push_back(s.substr(pos, len));
      pos += len;
    }
  } else {
    size_t pos = 0;
    while (true) {
      size_t hit = s.find(delimiter, pos);
      if (hit == std::string_view::npos) {
        parts->push_back(s.substr(pos));
        break;
      }
      parts->push_back(s.substr(pos, hit - pos));
      pos = hit + delimiter.size();
    }
  }
  int64_t n = static_cast<int64_t>(parts->size());
  int64_t i = index > 0 ? index - 1 : n + index;
  if (i < 0 || i >= n) return {};
  return (*parts)[i];
}

Status SplitPartBody(const DataChunk& args, ExpressionState&, Vector& result) {
  std::vector<std::string_view> parts;
  TernaryExecute<StringRef, StringRef, int64_t, StringRef>(
      args.column(0), args.column(1), args.column(2), result, args.size(),
      [&](const StringRef& s, const StringRef& delimiter, int64_t index) {
        return result.AddString(SplitPart(s.view(), delimiter.view(), index, &parts));
      });
  return Status();
}

}  // namespace

void RegisterStringSearchFunctions(FunctionRegistry& registry) {
  const LogicalType text = LogicalType::Varchar();
  registry.AddScalar(ScalarFunction{"strpos", {text, text}, LogicalType::BigInt(), Strpos});
  registry.AddAlias("instr", "strpos");
  registry.AddAlias("position", "strpos");
  registry.AddScalar(
      ScalarFunction{"starts_with", {text, text}, LogicalType::Boolean(), StartsWith});
  registry.AddAlias("prefix", "starts_with");
  registry.AddAlias("^@", "starts_with");
  registry.AddScalar(ScalarFunction{"ends_with", {text, text}, LogicalType::Boolean(), EndsWith});
  registry.AddAlias("suffix", "ends_with");
  registry.AddScalar(ScalarFunction{"contains", {text, text}, LogicalType::Boolean(), Contains});
  registry.AddScalar(ScalarFunction{"replace", {text, text, text}, text, Replace});
  registry.AddScalar(ScalarFunction{"translate", {text, text, text}, text, Translate});
  registry.AddScalar(
      ScalarFunction{"split_part", {text, text, LogicalType::BigInt()}, text, SplitPartBody});
}

}  // namespace fluxdb
