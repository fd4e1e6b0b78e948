// Helpers for the parser's unit tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "parser/parser.h"

namespace fluxdb::ast::testing {

/// Parses `sql`, which must hold exactly one statement.
inline StatementPtr ParseOne(std::string_view sql) {
  auto parsed = Parser::Parse(sql);
  EXPECT_TRUE(parsed.ok()) << sql << "\n" << parsed.status().message();
  if (!parsed.ok()) return nullptr;
  EXPECT_EQ(parsed->size(), 1u) << sql;
  if (parsed->size() != 1) return nullptr;
  return std::move((*parsed)[0]);
}

/// The error message of parsing `sql` (empty if it parsed).
inline std::string ParseError(std::string_view sql) {
  auto parsed = Parser::Parse(sql);
  if (parsed.ok()) return "";
  return std::string(parsed.status().message());
}

/// Holds a parsed SELECT and gives access to its top SelectNode.
class ParsedSelect {
 public:
  explicit ParsedSelect(std::string_view sql) : statement_(ParseOne(sql)) {
    if (statement_ == nullptr || statement_->kind != StatementKind::kSelect) {
      ADD_FAILURE() << "not a SELECT: " << sql;
      statement_.reset();
    }
  }
  bool ok() const { return statement_ != nullptr; }
  QueryNode& node() { return *statement_->As<SelectStatement>().node; }
  SelectNode& select() {
    EXPECT_EQ(node().kind, QueryNodeKind::kSelect);
    return node().As<SelectNode>();
  }
  ParsedExpression& expr(size_t i = 0) { return *select().select_list.at(i); }
  Statement& statement() { return *statement_; }

 private:
  StatementPtr statement_;
};

/// ToString() of the first select-list expression of `SELECT <expr>`.
inline std::string ExprString(const std::string& expr) {
  ParsedSelect parsed("SELECT " + expr);
  if (!parsed.ok()) return "<error>";
  return parsed.expr().ToString();
}

template <typename T>
StatementPtr ParseAs(std::string_view sql, StatementKind kind) {
  StatementPtr statement = ParseOne(sql);
  if (statement == nullptr) return nullptr;
  EXPECT_EQ(statement->kind, kind) << sql;
  if (statement->kind != kind) return nullptr;
  return statement;
}

}  // namespace fluxdb::ast::testing
