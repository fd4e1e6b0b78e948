// Connection: a session on a database. Runs SQL, holds the current transaction and settings.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "main/query_result.h"

namespace fluxdb {

class Database;
class ClientContext;
class PreparedStatement;
namespace ast {
class Statement;
}

class Connection {
 public:
  explicit Connection(Database& database);
  ~Connection();

  /// Runs every statement in `sql` in order and returns the last one's result; stops at the
  /// first failure (earlier statements stay done). An error status's message is user-facing;
  /// Parser::ErrorOffset(status) gives the byte offset in `sql` it refers to, when known.
  StatusOr<std::unique_ptr<QueryResult>> Query(std::string_view sql);

  /// Splits and parses `sql` into statements without running them.
  StatusOr<std::vector<std::unique_ptr<ast::Statement>>> Parse(std::string_view sql);
  /// Runs one parsed statement.
  StatusOr<std::unique_ptr<QueryResult>> Execute(std::unique_ptr<ast::Statement> statement);

  /// Prepares one statement with $n / ? parameters.
  StatusOr<std::unique_ptr<PreparedStatement>> Prepare(std::string_view sql);

  /// Asks the running query to stop; it fails with an INTERRUPT error, and so do the statements
  /// of the same Query call not started yet. Does nothing when no call is running. Safe from
  /// any thread (e.g. a signal handler's thread).
  void Interrupt();

  ClientContext& context() { return *context_; }
  Database& database() { return database_; }

 private:
  Database& database_;
  std::unique_ptr<ClientContext> context_;
};

}  // namespace fluxdb
