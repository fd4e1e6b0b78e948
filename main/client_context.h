// ClientContext: everything one connection needs to run statements: its settings, its current
// transaction and the dispatch of each statement kind to the code that runs it.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "common/status.h"
#include "execution/execution_context.h"
#include "main/query_result.h"
#include "parser/statement.h"
#include "storage/transaction.h"

namespace fluxdb {

class Database;
class Binder;
struct BinderState;
struct BoundQuery;
class PhysicalOperator;

/// Session settings beyond execution ones.
struct SessionSettings {
  /// "nulls_last" (DuckDB), "nulls_first", "nulls_first_on_asc_last_on_desc" (SQLite),
  /// "nulls_last_on_asc_first_on_desc" (PostgreSQL).
  std::string default_null_order = "nulls_last";
  std::string profiling_output;  // PRAGMA enable_profiling = 'json' writes here
  bool profiling_json = false;
};

class ClientContext {
 public:
  explicit ClientContext(Database& database);
  ~ClientContext();

  /// Runs one statement (in its own transaction unless one is open), with the values of its
  /// parameters when it has any.
  StatusOr<std::unique_ptr<QueryResult>> Execute(ast::Statement& statement,
                                                 const std::vector<Value>* parameters = nullptr);
  /// Asks the running call to stop: its statements fail with an INTERRUPT error. A call runs
  /// from the moment it is entered (CallScope: parsing, each statement of a multi-statement
  /// text) until it returns, and the request holds for all of it, so an interrupt that arrives
  /// just before a statement starts stops that statement. With no call running it does nothing
  /// (as sqlite3_interrupt), so it never hits a later, unrelated query. Safe from any thread.
  void Interrupt();

  /// Marks a call running for its lifetime; scopes nest (Connection::Query around Execute).
  class CallScope {
   public:
    explicit CallScope(ClientContext& context);
    ~CallScope();
    CallScope(const CallScope&) = delete;
    CallScope& operator=(const CallScope&) = delete;

   private:
    ClientContext& context_;
  };

  Database& database() { return database_; }
  ExecutionSettings& settings() { return settings_; }
  SessionSettings& session() { return session_; }
  bool in_explicit_transaction() const { return explicit_transaction_; }

  // Used by the statement runners (main/*_statement.cc).
  Transaction& transaction() { return *transaction_; }
  /// A point in the open transaction (storage and catalog) that a failed unit of work (a
  /// statement, an appender flush) returns to, keeping the transaction's earlier changes.
  struct Savepoint {
    TransactionSavepoint storage;
    size_t catalog = 0;
  };
  Savepoint TakeSavepoint();
  void RollbackToSavepoint(const Savepoint& savepoint);
  ExecutionContext MakeExecutionContext();
  BinderState MakeBinderState();
  /// Optimizes, plans and runs a bound query; returns its rows.
  StatusOr<std::unique_ptr<QueryResult>> RunQuery(BoundQuery query, ResultKind kind);
  /// Plans a bound query down to physical operators (for EXPLAIN).
  StatusOr<std::unique_ptr<PhysicalOperator>> PlanQuery(BoundQuery& query, Binder& binder);
  /// Statements prepared in SQL (PREPARE name AS ...), by name.
  std::map<std::string, std::shared_ptr<ast::Statement>>& prepared_statements() {
    return prepared_;
  }
  /// Runs `statement` inside the running statement's transaction with the values of its
  /// parameters (EXECUTE name(args)).
  StatusOr<std::unique_ptr<QueryResult>> DispatchWithParameters(
      ast::Statement& statement, const std::vector<Value>& parameters);

 private:
  StatusOr<std::unique_ptr<QueryResult>> Dispatch(ast::Statement& statement);
  /// Commits `txn` (storage, then catalog); on failure nothing of it stays.
  Status CommitTransaction(Transaction& txn);
  StatusOr<std::unique_ptr<QueryResult>> RunTransactionStatement(
      const ast::TransactionStatement& statement);

  Database& database_;
  ExecutionSettings settings_;
  std::map<std::string, std::shared_ptr<ast::Statement>> prepared_;  // PREPARE name AS ...
  SessionSettings session_;
  std::unique_ptr<Transaction> transaction_;
  bool explicit_transaction_ = false;
  std::atomic<bool> interrupted_{false};  // read lock-free by running operators
  std::mutex interrupt_mu_;               // orders Interrupt against a call's start and end
  int active_calls_ = 0;                  // CallScope depth; guarded by interrupt_mu_
  int64_t transaction_start_micros_ = 0;
  const std::vector<Value>* parameters_ = nullptr;
  std::string query_text_;  // of the statement running, for profiling output
};

}  // namespace fluxdb
