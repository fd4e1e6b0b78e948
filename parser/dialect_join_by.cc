// DuckDB's debugging syntax JOIN BY (TYPE name): a join of one of the engine's own join types,
// among them MARK (the left rows and a BOOLEAN __mark_join_marker: whether the ON condition
// holds for some right row, NULL where that is unknown, as x IN (...)) and SINGLE (the left rows
// and their one matching right row, as a scalar subquery).
#include <cctype>

#include "parser/dialect_analyzer.h"

namespace fluxdb::sql {

Status DialectAnalyzer::JoinByType(size_t join) {
  size_t name = join + 4;
  if (name >= n_ || !IsName(name) || !P(name + 1, ')')) {
    return ErrorAt(ParserError("syntax error at or near \"", name < n_ ? t_[name].word : "", "\""),
                   name);
  }
  // The name is case-insensitive and may end in _join.
  std::string type = t_[name].word;
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.size() > 5 && type.ends_with("_join")) type.resize(type.size() - 5);
  if (join > 0 && OneOf(t_[join - 1], {"left", "right", "full", "inner", "cross", "natural",
                                       "outer", "semi", "anti", "positional", "asof"})) {
    return ErrorAt(ParserError("JOIN BY (TYPE ...) cannot follow another join type"), join - 1);
  }
  if (type == "invalid") {
    return ErrorAt(ParserError("\"", t_[name].word, "\" is not a valid join type"), name);
  }
  for (size_t k = join + 1; k <= name + 1; k++) Drop(k);
  if (type == "inner") return Status();
  if (type == "left" || type == "right") {
    Replace(join, type == "left" ? "LEFT JOIN" : "RIGHT JOIN");
    return Status();
  }
  if (type == "outer" || type == "full") {
    Replace(join, "FULL JOIN");
    return Status();
  }
  JoinMarker marker;
  if (type == "semi") {
    marker = JoinMarker::kSemi;
  } else if (type == "anti") {
    marker = JoinMarker::kAnti;
  } else if (type == "mark") {
    marker = JoinMarker::kMark;
  } else if (type == "single") {
    marker = JoinMarker::kSingle;
  } else {
    return ErrorAt(ParserError("Unsupported join type \"", t_[name].word,
                               "\" in JOIN BY (TYPE ...): expected INNER, LEFT, RIGHT, FULL, "
                               "SEMI, ANTI, MARK or SINGLE"),
                   name);
  }
  info_.join_markers[t_[join].start] = marker;
  return Status();
}

}  // namespace fluxdb::sql
