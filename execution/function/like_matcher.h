// LikeMatcher: SQL pattern matching (LIKE, ILIKE, SIMILAR TO, GLOB) compiled once per pattern.
//
// Common LIKE shapes take fast paths that never touch a regex engine: no wildcard (equality),
// 'abc%' (prefix), '%abc' (suffix), '%abc%' (substring). Everything else becomes an anchored RE2
// regular expression (RE2 runs in linear time, so no pattern can blow up).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace re2 {
class RE2;
}

namespace fluxdb {

class LikeMatcher {
 public:
  enum class Syntax { kLike, kILike, kSimilar, kGlob };

  /// Compiles `pattern`; `escape` is the LIKE escape character (none when empty).
  static StatusOr<std::unique_ptr<LikeMatcher>> Compile(Syntax syntax, std::string_view pattern,
                                                        std::string_view escape = "");
  LikeMatcher() = default;
  ~LikeMatcher();

  bool Matches(std::string_view text) const;

  /// For LIKE 'abc%' patterns: the literal prefix every match starts with (for chunk pruning).
  static std::optional<std::string> LiteralPrefix(std::string_view pattern);

 private:
  enum class Shape { kExact, kPrefix, kSuffix, kContains, kRegex };
  Shape shape_ = Shape::kRegex;
  std::string literal_;
  std::unique_ptr<re2::RE2> regex_;
};

}  // namespace fluxdb
