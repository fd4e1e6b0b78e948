// PreparedStatement: a parsed statement with $n / ? parameters, run with bound values.
//
// Each execution binds the statement again with the parameter values as constants, so a value
// of the wrong type is reported like any type error of a literal.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/value.h"
#include "main/query_result.h"

namespace fluxdb {

class ClientContext;
namespace ast {
class Statement;
}

class PreparedStatement {
 public:
  PreparedStatement(ClientContext& context, std::unique_ptr<ast::Statement> statement);
  ~PreparedStatement();

  idx_t parameter_count() const { return values_.size(); }
  /// Sets parameter `index` (1-based).
  Status Bind(idx_t index, Value value);
  void ClearBindings();
  /// Runs the statement with the bound values; every parameter must be bound.
  StatusOr<std::unique_ptr<QueryResult>> Execute();

 private:
  ClientContext& context_;
  std::unique_ptr<ast::Statement> statement_;
  std::vector<Value> values_;
  std::vector<bool> bound_;
};

}  // namespace fluxdb
