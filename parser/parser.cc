#include "parser/parser.h"

#include <pthread.h>

#include <charconv>
#include <optional>
#include <type_traits>

#include "absl/strings/cord.h"
#include "parser/dialect.h"
#include "parser/dialect_nested.h"
#include "parser/pg_tree.h"
#include "parser/sql_token.h"

namespace fluxdb {

namespace {

constexpr char kErrorOffsetUrl[] = "fluxdb/error-offset";

/// DuckDB's error context: the line of the error, with a caret under the offending character.
std::string LineContext(std::string_view input, int32_t offset) {
  if (offset < 0 || input.empty()) return "";
  size_t error = std::min<size_t>(offset, input.size());
  size_t line_start = 0;
  int line_number = 1;
  for (size_t i = 0; i < error; i++) {
    if (input[i] == '\n' || input[i] == '\r') {
      line_number++;
      line_start = i + 1;
    }
  }
  size_t line_end = input.find_first_of("\r\n", error);
  if (line_end == std::string_view::npos) line_end = input.size();
  // Positions of the characters of the line (UTF-8 aware), to show at most 40 on each side.
  std::vector<size_t> chars;
  for (size_t i = line_start; i < line_end; i++) {
    if ((static_cast<unsigned char>(input[i]) & 0xC0) != 0x80) chars.push_back(i);
  }
  size_t error_char = chars.size();
  for (size_t i = 0; i < chars.size(); i++) {
    if (chars[i] >= error) {
      error_char = i;
      break;
    }
  }
  constexpr size_t kWindow = 40;
  size_t first_char = error_char > kWindow ? error_char - kWindow : 0;
  size_t last_char = std::min(chars.size(), error_char + kWindow);
  size_t begin = first_char < chars.size() ? chars[first_char] : line_end;
  size_t end = last_char < chars.size() ? chars[last_char] : line_end;
  std::string prefix = Concat("LINE ", line_number, ": ");
  std::string begin_trunc = first_char > 0 ? "..." : "";
  std::string end_trunc = last_char < chars.size() ? "..." : "";
  size_t caret = prefix.size() + begin_trunc.size() + (error_char - first_char);
  return Concat("\n\n", prefix, begin_trunc, input.substr(begin, end - begin), end_trunc, "\n",
                std::string(caret, ' '), "^");
}

/// Moves an error's offset from statement-relative to input-relative; syntax errors get DuckDB's
/// LINE context.
Status LocateError(Status status, std::string_view input, int32_t text_offset) {
  int32_t offset = Parser::ErrorOffset(status);
  if (offset < 0) return status;
  offset += text_offset;
  std::string message(status.message());
  if (message.rfind("Parser Error: ", 0) == 0 && message.find("\nLINE ") == std::string::npos) {
    message += LineContext(input, offset);
  }
  Status located(status.code(), message);
  return Parser::WithErrorOffset(std::move(located), offset);
}

/// Nesting up to which a statement is parsed on the caller's stack. libpg_query and protobuf-c
/// recurse once per level of the tree, with frames of up to a kilobyte, so deeper statements run
/// on a thread of their own with a stack that fits the deepest input the limits admit.
constexpr int kInlineDepth = 100;
constexpr size_t kLargeStackBytes = size_t{256} << 20;  // reserved, touched only as needed

template <typename F>
std::invoke_result_t<F&> RunOnLargeStack(F& work) {
  using Result = std::invoke_result_t<F&>;
  struct Job {
    F* work;
    std::optional<Result> result;
  } job{&work, std::nullopt};
  pthread_attr_t attr;
  pthread_t thread;
  bool started = pthread_attr_init(&attr) == 0 &&
                 pthread_attr_setstacksize(&attr, kLargeStackBytes) == 0 &&
                 pthread_create(
                     &thread, &attr,
                     [](void* p) -> void* {
                       auto* j = static_cast<Job*>(p);
                       j->result.emplace((*j->work)());
                       return nullptr;
                     },
                     &job) == 0;
  pthread_attr_destroy(&attr);
  if (!started) return work();  // no thread to be had: the caller's stack will have to do
  pthread_join(thread, nullptr);
  return std::move(*job.result);
}

/// Statements inside EXPLAIN and PREPARE share the text of the statement around them, which their
/// locations are relative to.
void SetText(ast::Statement& statement, const std::string& text, int32_t text_offset) {
  statement.text = text;
  statement.text_offset = text_offset;
  if (statement.kind == ast::StatementKind::kExplain) {
    auto& inner = statement.As<ast::ExplainStatement>().statement;
    if (inner != nullptr) SetText(*inner, text, text_offset);
  } else if (statement.kind == ast::StatementKind::kPrepare) {
    auto& inner = statement.As<ast::PrepareStatement>().statement;
    if (inner != nullptr) SetText(*inner, text, text_offset);
  }
}

StatusOr<std::vector<ast::StatementPtr>> ParseStatement(std::string_view input, size_t begin,
                                                        size_t end,
                                                        const std::vector<sql::Token>& all) {
  int32_t text_offset = all[begin].start;
  std::string text(input.substr(text_offset, all[end - 1].end - text_offset));
  std::vector<sql::Token> tokens(all.begin() + begin, all.begin() + end);
  for (sql::Token& t : tokens) {
    t.start -= text_offset;
    t.end -= text_offset;
  }
  auto located = [&](Status s) { return LocateError(std::move(s), input, text_offset); };

  sql::NestingEstimate nesting = sql::EstimateNesting(tokens, ast::kMaxTransformDepth);
  if (nesting.first_excess >= 0) {
    return located(Parser::WithErrorOffset(ParserError("expression nesting too deep"),
                                           tokens[nesting.first_excess].start));
  }
  auto dialect = sql::AnalyzeDialect(text, tokens);
  if (!dialect.ok()) return located(dialect.status());
  sql::RewriteNestedLiterals(text, tokens, &*dialect);
  ast::StatementSource source{text, tokens, *dialect};
  auto transform = [&]() {
    ast::Transformer transformer(source);
    return transformer.TransformStatementText();
  };
  auto statements = nesting.max_depth > kInlineDepth ? RunOnLargeStack(transform) : transform();
  if (!statements.ok()) return located(statements.status());
  for (ast::StatementPtr& statement : *statements) SetText(*statement, text, text_offset);
  return statements;
}

}  // namespace

StatusOr<std::vector<ast::StatementPtr>> Parser::Parse(std::string_view sql) {
  // PostgreSQL's lexer stops at a NUL byte; the rest of the input must not vanish silently.
  size_t nul = sql.find('\0');
  if (nul != std::string_view::npos) {
    return LocateError(WithErrorOffset(ParserError("syntax error: unexpected NUL character"),
                                       static_cast<int32_t>(nul)),
                       sql, 0);
  }
  auto tokens = sql::ScanTokens(sql);
  if (!tokens.ok()) return LocateError(tokens.status(), sql, 0);
  std::vector<ast::StatementPtr> result;
  // Statements end at a ';' outside parentheses (CREATE RULE ... (a; b) keeps its own).
  int depth = 0;
  size_t begin = 0;
  for (size_t i = 0; i <= tokens->size(); i++) {
    bool at_end = i == tokens->size();
    if (!at_end) {
      const sql::Token& t = (*tokens)[i];
      if (t.IsPunct('(')) depth++;
      if (t.IsPunct(')') && depth > 0) depth--;
      if (!t.IsPunct(';') || depth > 0) continue;
    }
    if (i > begin) {
      FLUX_ASSIGN_OR_RETURN(auto statements, ParseStatement(sql, begin, i, *tokens));
      for (auto& statement : statements) result.push_back(std::move(statement));
    }
    begin = i + 1;
  }
  return result;
}

int32_t Parser::ErrorOffset(const Status& status) {
  auto payload = status.GetPayload(kErrorOffsetUrl);
  if (!payload.has_value()) return -1;
  std::string text(*payload);
  int32_t offset = -1;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), offset);
  if (ec != std::errc()) return -1;
  return offset;
}

Status Parser::WithErrorOffset(Status status, int32_t offset) {
  if (status.ok()) return status;
  if (offset < 0) {
    status.ErasePayload(kErrorOffsetUrl);
  } else {
    status.SetPayload(kErrorOffsetUrl, absl::Cord(std::to_string(offset)));
  }
  return status;
}

}  // namespace fluxdb
