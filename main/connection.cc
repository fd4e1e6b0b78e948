#include "main/connection.h"

#include "main/client_context.h"
#include "main/database.h"
#include "main/prepared_statement.h"
#include "parser/parser.h"

namespace fluxdb {

Connection::Connection(Database& database)
    : database_(database), context_(std::make_unique<ClientContext>(database)) {}

Connection::~Connection() = default;

StatusOr<std::vector<std::unique_ptr<ast::Statement>>> Connection::Parse(std::string_view sql) {
  return Parser::Parse(sql);
}

StatusOr<std::unique_ptr<QueryResult>> Connection::Execute(
    std::unique_ptr<ast::Statement> statement) {
  auto result = context_->Execute(*statement);
  if (!result.ok()) {
    // Positions inside the statement become positions in the text the caller gave.
    int32_t offset = Parser::ErrorOffset(result.status());
    if (offset >= 0) {
      return Parser::WithErrorOffset(result.status(), offset + statement->text_offset);
    }
  }
  return result;
}

StatusOr<std::unique_ptr<QueryResult>> Connection::Query(std::string_view sql) {
  // An interrupt from here on stops the statements of `sql`, the ones not started yet included.
  ClientContext::CallScope call(*context_);
  FLUX_ASSIGN_OR_RETURN(auto statements, Parse(sql));
  if (statements.empty()) return std::make_unique<QueryResult>(ResultKind::kNothing,
                                                               std::vector<std::string>{},
                                                               std::vector<LogicalType>{});
  std::unique_ptr<QueryResult> last;
  for (auto& statement : statements) {
    FLUX_ASSIGN_OR_RETURN(last, Execute(std::move(statement)));
  }
  return last;
}

StatusOr<std::unique_ptr<PreparedStatement>> Connection::Prepare(std::string_view sql) {
  FLUX_ASSIGN_OR_RETURN(auto statements, Parse(sql));
  if (statements.size() != 1) {
    return InvalidInputError("Cannot prepare ", statements.size(),
                             " statements at once: prepare exactly one");
  }
  return std::make_unique<PreparedStatement>(*context_, std::move(statements[0]));
}

void Connection::Interrupt() { context_->Interrupt(); }

}  // namespace fluxdb
