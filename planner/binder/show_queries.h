// DESCRIBE and SUMMARIZE as queries, so that they run as statements and also as FROM items
// ((DESCRIBE t), (SUMMARIZE SELECT ...)).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/value.h"
#include "parser/dialect.h"
#include "parser/statement.h"

namespace fluxdb {

class Binder;

/// The name of the table function the parser turns `(DESCRIBE ...)` / `(SUMMARIZE ...)` in a
/// FROM clause into; its one argument is the statement's text.
inline constexpr const char* kShowTableFunction = sql::kShowFunction;

/// DESCRIBE's result: per column its name, type, nullability, key, default and extra.
struct DescribeResult {
  std::vector<std::string> names;
  std::vector<std::vector<Value>> rows;  // all VARCHAR
};
StatusOr<DescribeResult> Describe(Binder& binder, const ast::ShowStatement& statement);

/// The query SUMMARIZE runs: one aggregate SELECT per column of the summarized table or query.
StatusOr<std::unique_ptr<ast::QueryNode>> SummarizeQuery(Binder& binder,
                                                         const ast::ShowStatement& statement);

/// SELECT * FROM [schema.]name
std::unique_ptr<ast::QueryNode> SelectAllFrom(const std::string& schema, const std::string& name);

}  // namespace fluxdb
