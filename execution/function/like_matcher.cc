#include "execution/function/like_matcher.h"

#include "re2/re2.h"

namespace fluxdb {

namespace {

void AppendEscapedLiteral(char c, std::string* regex) {
  if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
    *regex += c;
  } else {
    *regex += '\\';
    *regex += c;
  }
}

// Translates a LIKE pattern into RE2 syntax (dot matches newlines; '_' is one UTF-8 character).
StatusOr<std::string> LikeToRegex(std::string_view pattern, char escape, bool has_escape) {
  std::string regex = "(?s)";
  for (size_t i = 0; i < pattern.size(); i++) {
    char c = pattern[i];
    if (has_escape && c == escape) {
      if (i + 1 >= pattern.size()) {
        return SyntaxError("Like pattern must not end with escape character!");
      }
      AppendEscapedLiteral(pattern[++i], &regex);
    } else if (c == '%') {
      regex += ".*";
    } else if (c == '_') {
      regex += ".";
    } else {
      AppendEscapedLiteral(c, &regex);
    }
  }
  return regex;
}

std::string SimilarToRegex(std::string_view pattern) {
  std::string regex = "(?s)";
  for (char c : pattern) {
    if (c == '%') {
      regex += ".*";
    } else if (c == '_') {
      regex += ".";
    } else {
      regex += c;
    }
  }
  return regex;
}

std::string GlobToRegex(std::string_view pattern) {
  std::string regex = "(?s)";
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); i++) {
    char c = pattern[i];
    if (in_class) {
      if (c == ']') in_class = false;
      if (c == '\\') regex += '\\';
      regex += c;
      continue;
    }
    if (c == '*') {
      regex += ".*";
    } else if (c == '?') {
      regex += ".";
    } else if (c == '[') {
      in_class = true;
      regex += '[';
      if (i + 1 < pattern.size() && pattern[i + 1] == '!') {
        regex += '^';
        i++;
      }
    } else {
      AppendEscapedLiteral(c, &regex);
    }
  }
  return regex;
}

}  // namespace

LikeMatcher::~LikeMatcher() = default;

std::optional<std::string> LikeMatcher::LiteralPrefix(std::string_view pattern) {
  std::string prefix;
  for (size_t i = 0; i < pattern.size(); i++) {
    char c = pattern[i];
    if (c == '%') {
      // Only the shape 'literal%' (possibly followed by more) has a usable prefix.
      return prefix.empty() ? std::nullopt : std::optional<std::string>(prefix);
    }
    if (c == '_' || c == '\\')
      return prefix.empty() ? std::nullopt : std::optional<std::string>(prefix);
    prefix += c;
  }
  return std::nullopt;  // no wildcard: an equality, handled as such
}

StatusOr<std::unique_ptr<LikeMatcher>> LikeMatcher::Compile(Syntax syntax, std::string_view pattern,
                                                            std::string_view escape) {
  if (escape.size() > 1) {
    return SyntaxError("Invalid escape string. Escape string must be empty or one character.");
  }
  auto matcher = std::make_unique<LikeMatcher>();
  bool has_escape = !escape.empty();
  char escape_char = has_escape ? escape[0] : '\0';
  if (syntax == Syntax::kLike) {
    // Fast shapes: wildcards only at the ends, no '_' and no escapes.
    bool simple = pattern.find('_') == std::string_view::npos &&
                  (!has_escape || pattern.find(escape_char) == std::string_view::npos);
    if (simple) {
      std::string_view body = pattern;
      bool leading = !body.empty() && body.front() == '%';
      if (leading) body.remove_prefix(1);
      bool trailing = !body.empty() && body.back() == '%';
      if (trailing) body.remove_suffix(1);
      if (body.find('%') == std::string_view::npos) {
        matcher->literal_ = std::string(body);
        matcher->shape_ = leading ? (trailing ? Shape::kContains : Shape::kSuffix)
                                  : (trailing ? Shape::kPrefix : Shape::kExact);
        return matcher;
      }
    }
  }
  std::string regex;
  RE2::Options options;
  options.set_log_errors(false);
  switch (syntax) {
    case Syntax::kLike:
    case Syntax::kILike: {
      FLUX_ASSIGN_OR_RETURN(regex, LikeToRegex(pattern, escape_char, has_escape));
      if (syntax == Syntax::kILike) options.set_case_sensitive(false);
      break;
    }
    case Syntax::kSimilar:
      regex = SimilarToRegex(pattern);
      break;
    case Syntax::kGlob:
      regex = GlobToRegex(pattern);
      break;
  }
  matcher->regex_ = std::make_unique<RE2>(regex, options);
  if (!matcher->regex_->ok()) {
    return InvalidInputError("Invalid pattern \"", pattern, "\": ", matcher->regex_->error());
  }
  matcher->shape_ = Shape::kRegex;
  return matcher;
}

bool LikeMatcher::Matches(std::string_view text) const {
  switch (shape_) {
    case Shape::kExact:
      return text == literal_;
    case Shape::kPrefix:
      return text.size() >= literal_.size() && text.substr(0, literal_.size()) == literal_;
    case Shape::kSuffix:
      return text.size() >= literal_.size() &&
             text.substr(text.size() - literal_.size()) == literal_;
    case Shape::kContains:
      return text.find(literal_) != std::string_view::npos;
    case Shape::kRegex:
      return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *regex_);
  }
  return false;
}

}  // namespace fluxdb
