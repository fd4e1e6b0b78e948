#include "main/prepared_statement.h"

#include "main/client_context.h"
#include "parser/statement.h"

namespace fluxdb {

PreparedStatement::PreparedStatement(ClientContext& context, std::unique_ptr<ast::Statement> statement)
    : context_(context), statement_(std::move(statement)) {
  values_.resize(statement_->parameter_count);
  bound_.assign(statement_->parameter_count, false);
}

PreparedStatement::~PreparedStatement() = default;

Status PreparedStatement::Bind(idx_t index, Value value) {
  if (index < 1 || index > values_.size()) {
    return InvalidInputError("Can not bind to parameter number ", index,
                             ", statement only has ", values_.size(), " parameter(s)");
  }
  values_[index - 1] = std::move(value);
  bound_[index - 1] = true;
  return Status();
}

void PreparedStatement::ClearBindings() {
  for (auto& v : values_) v = Value();
  bound_.assign(bound_.size(), false);
}

StatusOr<std::unique_ptr<QueryResult>> PreparedStatement::Execute() {
  for (idx_t i = 0; i < bound_.size(); i++) {
    if (!bound_[i]) {
      return InvalidInputError("Values were not provided for the following prepared statement "
                               "parameters: ",
                               i + 1);
    }
  }
  return context_.Execute(*statement_, &values_);
}

}  // namespace fluxdb
