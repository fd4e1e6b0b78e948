// DuckDB statements the PostgreSQL grammar lacks, recognized from the statement's first tokens:
// PRAGMA, DESCRIBE, SUMMARIZE, SHOW ALL TABLES, FORCE CHECKPOINT.
#include "parser/parser.h"
#include "parser/pg_tree.h"

namespace fluxdb::ast {

namespace {

bool IsName(const sql::Token& t) {
  return t.kind == sql::TokenKind::kWord || t.kind == sql::TokenKind::kQuotedIdent;
}

Status SyntaxErrorAt(const std::vector<sql::Token>& tokens, size_t i, int32_t end_offset) {
  if (i >= tokens.size()) {
    return Parser::WithErrorOffset(ParserError("syntax error at end of input"), end_offset);
  }
  return Parser::WithErrorOffset(ParserError("syntax error at or near \"", tokens[i].word, "\""),
                                 tokens[i].start);
}

/// PRAGMA arguments and values: an identifier means its name (PRAGMA threads = four_threads is
/// 'four_threads'), as in DuckDB.
void IdentifiersToStrings(ExprList& exprs) {
  for (ExprPtr& expr : exprs) {
    if (expr->kind != ExprKind::kColumnRef) continue;
    const auto& names = expr->As<ColumnRefExpr>().names;
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ".") + name;
    auto constant = std::make_unique<ConstantExpr>(Value::Varchar(text));
    constant->location = expr->location;
    constant->alias = expr->alias;
    expr = std::move(constant);
  }
}

}  // namespace

StatusOr<StatementPtr> Transformer::TryTransformSpecialStatement() {
  const auto& t = source().tokens;
  const int32_t end = static_cast<int32_t>(source().text.size());
  if (t.empty()) return StatementPtr();
  const sql::Token& first = t[0];

  if (first.Is("pragma")) {
    if (t.size() < 2 || !IsName(t[1])) return SyntaxErrorAt(t, 1, end);
    auto pragma = std::make_unique<PragmaStatement>();
    for (char c : t[1].word)
      pragma->name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t.size() == 2) return StatementPtr(std::move(pragma));
    if (t[2].IsPunct('(')) {
      size_t close = MatchingParen(2);
      if (close >= t.size()) return SyntaxErrorAt(t, t.size(), end);
      if (close + 1 != t.size()) return SyntaxErrorAt(t, close + 1, end);
      if (close > 3) {
        FLUX_ASSIGN_OR_RETURN(pragma->args, TransformTokenRangeAsTargets(3, close));
        IdentifiersToStrings(pragma->args);
      }
      return StatementPtr(std::move(pragma));
    }
    if (t[2].kind == sql::TokenKind::kOperator && t[2].word == "=") {
      if (t.size() == 3) return SyntaxErrorAt(t, 3, end);
      FLUX_ASSIGN_OR_RETURN(ExprList values, TransformTokenRangeAsTargets(3, t.size()));
      if (values.size() != 1) {
        return Parser::WithErrorOffset(ParserError("PRAGMA ", pragma->name, " takes one value"),
                                       t[3].start);
      }
      IdentifiersToStrings(values);
      pragma->assigned = std::move(values[0]);
      return StatementPtr(std::move(pragma));
    }
    return SyntaxErrorAt(t, 2, end);
  }

  if (first.Is("describe") || first.Is("summarize")) {
    auto show = std::make_unique<ShowStatement>();
    show->show_kind =
        first.Is("describe") ? ShowStatement::Kind::kDescribe : ShowStatement::Kind::kSummarize;
    if (t.size() == 1) {
      if (show->show_kind == ShowStatement::Kind::kSummarize) return SyntaxErrorAt(t, 1, end);
      show->show_kind = ShowStatement::Kind::kTables;  // a bare DESCRIBE lists the tables
      return StatementPtr(std::move(show));
    }
    bool name_only = IsName(t[1]) && !t[1].Is("select") && !t[1].Is("with") && !t[1].Is("from") &&
                     !t[1].Is("values") && !t[1].Is("table");
    if (name_only && (t.size() == 2 || (t.size() == 4 && t[2].IsPunct('.') && IsName(t[3])))) {
      if (t.size() == 4) {
        show->schema = t[1].word;
        show->name = t[3].word;
      } else {
        show->name = t[1].word;
      }
      return StatementPtr(std::move(show));
    }
    FLUX_ASSIGN_OR_RETURN(StatementPtr inner, TransformTokenRangeAsStatement(1, t.size()));
    if (inner->kind != StatementKind::kSelect) {
      return Parser::WithErrorOffset(
          ParserError(first.Is("describe") ? "DESCRIBE" : "SUMMARIZE", " needs a table or a query"),
          t[1].start);
    }
    show->query = std::move(inner->As<SelectStatement>().node);
    return StatementPtr(std::move(show));
  }

  if (first.Is("show") && t.size() == 3 && t[1].Is("all") && t[2].Is("tables")) {
    auto show = std::make_unique<ShowStatement>();
    show->show_kind = ShowStatement::Kind::kTables;
    show->all_schemas = true;
    return StatementPtr(std::move(show));
  }

  if (first.Is("force") && t.size() == 2 && t[1].Is("checkpoint")) {
    auto checkpoint = std::make_unique<CheckpointStatement>();
    checkpoint->force = true;
    return StatementPtr(std::move(checkpoint));
  }

  if ((first.Is("create") || first.Is("drop")) && t.size() > 1 && t[1].Is("trigger")) {
    return Parser::WithErrorOffset(NotImplementedError("triggers are not supported"), first.start);
  }
  if (first.Is("reindex")) {
    auto reindex = std::make_unique<ReindexStatement>();
    if (t.size() == 2) {
      reindex->name = t[1].word;
    } else if (t.size() > 2) {
      return Parser::WithErrorOffset(ParserError("REINDEX takes at most one name"), t[2].start);
    }
    return StatementPtr(std::move(reindex));
  }
  if (first.Is("attach") || first.Is("detach") || first.Is("use") || first.Is("install") ||
      first.Is("export") || first.Is("import")) {
    std::string keyword = first.word;
    for (char& c : keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return Parser::WithErrorOffset(NotImplementedError(keyword, " is not supported"), first.start);
  }
  return StatementPtr();
}

}  // namespace fluxdb::ast
