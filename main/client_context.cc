#include "main/client_context.h"

#include <chrono>

#include "catalog/catalog.h"
#include "execution/operator/physical_result_collector.h"
#include "execution/pipeline/executor.h"
#include "main/database.h"
#include "main/database_internal.h"
#include "main/database_settings.h"
#include "main/plan_renderer.h"
#include "main/query_profile_output.h"
#include "main/statement_runners.h"
#include "planner/binder/binder.h"
#include "planner/optimizer/optimizer.h"
#include "planner/physical_planner.h"
#include "storage/storage_manager.h"

namespace fluxdb {

namespace {
int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool StatementNeedsTransaction(ast::StatementKind kind) {
  return kind != ast::StatementKind::kTransaction;
}
}  // namespace

ClientContext::ClientContext(Database& database)
    : database_(database), settings_(database.settings().Get()) {}

ClientContext::~ClientContext() {
  if (transaction_) {
    database_.storage().Rollback(*transaction_);
    database_.catalog().RollbackTransaction(*transaction_);
  }
}

void ClientContext::Interrupt() {
  std::lock_guard<std::mutex> lock(interrupt_mu_);
  if (active_calls_ > 0) interrupted_.store(true);
}

ClientContext::CallScope::CallScope(ClientContext& context) : context_(context) {
  std::lock_guard<std::mutex> lock(context_.interrupt_mu_);
  context_.active_calls_++;
}

ClientContext::CallScope::~CallScope() {
  std::lock_guard<std::mutex> lock(context_.interrupt_mu_);
  // The request was for the call that just ended; the next one starts clean.
  if (--context_.active_calls_ == 0) context_.interrupted_.store(false);
}

ExecutionContext ClientContext::MakeExecutionContext() {
  ExecutionContext context;
  context.transaction = transaction_.get();
  context.storage = &database_.storage();
  context.catalog = &database_.catalog();
  context.scheduler = &DatabaseInternal::Scheduler(database_);
  context.settings = &settings_;
  context.interrupted = &interrupted_;
  context.transaction_start_micros = transaction_start_micros_;
  context.random_seed = static_cast<uint64_t>(transaction_start_micros_);
  context.memory = std::make_shared<MemoryTracker>(settings_.memory_limit);
  return context;
}

BinderState ClientContext::MakeBinderState() {
  BinderState state{database_.catalog(), database_.storage(), *transaction_, settings_};
  state.parameters = parameters_;
  const std::string& order = session_.default_null_order;
  state.nulls_first_ascending = order == "nulls_first" || order == "nulls_first_on_asc_last_on_desc";
  state.nulls_first_descending = order == "nulls_first" || order == "nulls_last_on_asc_first_on_desc";
  return state;
}

StatusOr<std::unique_ptr<PhysicalOperator>> ClientContext::PlanQuery(BoundQuery& query,
                                                                     Binder& binder) {
  FLUX_RETURN_IF_ERROR(OptimizePlan(query.plan, binder));
  ExecutionContext context = MakeExecutionContext();
  PhysicalPlanner planner(context);
  return planner.Plan(*query.plan);
}

StatusOr<std::unique_ptr<QueryResult>> ClientContext::RunQuery(BoundQuery query, ResultKind kind) {
  BinderState state = MakeBinderState();
  Binder binder(state);
  state.next_table_index = 1u << 30;  // indexes made by the optimizer never clash with bound ones
  std::vector<std::string> names = query.names;
  std::vector<LogicalType> types = query.types;
  FLUX_ASSIGN_OR_RETURN(auto root, PlanQuery(query, binder));
  auto collector = std::make_unique<PhysicalResultCollector>(types, std::move(root),
                                                             settings_.preserve_insertion_order);
  ExecutionContext context = MakeExecutionContext();
  Executor executor(context);
  auto start = std::chrono::steady_clock::now();
  FLUX_RETURN_IF_ERROR(executor.Execute(*collector));
  if (session_.profiling_json) {
    // PRAGMA enable_profiling = 'json': the EXPLAIN ANALYZE JSON of every query.
    QueryProfileSummary summary;
    summary.query = query_text_;
    summary.total_ms =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() * 1e3;
    summary.peak_memory_bytes = context.memory->peak();
    WriteQueryProfile(session_, RenderAnalyzeJson(*collector->children[0], summary));
  }
  ChunkCollection rows = collector->TakeResult();
  auto result = std::make_unique<QueryResult>(kind, std::move(names), std::move(types));
  for (idx_t c = 0; c < rows.chunk_count(); c++) result->Append(std::move(rows.chunk(c)));
  return result;
}

ClientContext::Savepoint ClientContext::TakeSavepoint() {
  return {transaction_->Savepoint(), database_.catalog().Savepoint(*transaction_)};
}

void ClientContext::RollbackToSavepoint(const Savepoint& savepoint) {
  // Storage first: the catalog's undo of an ALTER rebuilds its entry from storage's table.
  database_.storage().RollbackToSavepoint(*transaction_, savepoint.storage);
  database_.catalog().RollbackToSavepoint(*transaction_, savepoint.catalog);
}

StatusOr<std::unique_ptr<QueryResult>> ClientContext::RunTransactionStatement(
    const ast::TransactionStatement& statement) {
  StorageManager& storage = database_.storage();
  Catalog& catalog = database_.catalog();
  switch (statement.transaction_kind) {
    case ast::TransactionKind::kBegin:
      if (explicit_transaction_) {
        return TransactionError("cannot start a transaction within a transaction");
      }
      transaction_ = storage.BeginTransaction();
      transaction_start_micros_ = NowMicros();
      explicit_transaction_ = true;
      return EmptyResult();
    case ast::TransactionKind::kCommit: {
      if (!explicit_transaction_) return TransactionError("cannot commit - no transaction is active");
      explicit_transaction_ = false;
      std::unique_ptr<Transaction> txn = std::move(transaction_);
      Status status = CommitTransaction(*txn);
      if (!status.ok()) return status;
      return EmptyResult();
    }
    case ast::TransactionKind::kRollback: {
      if (!explicit_transaction_) {
        return TransactionError("cannot rollback - no transaction is active");
      }
      explicit_transaction_ = false;
      std::unique_ptr<Transaction> txn = std::move(transaction_);
      storage.Rollback(*txn);
      catalog.RollbackTransaction(*txn);
      return EmptyResult();
    }
  }
  return InternalError("unknown transaction statement");
}

Status ClientContext::CommitTransaction(Transaction& txn) {
  StorageManager& storage = database_.storage();
  Catalog& catalog = database_.catalog();
  // Sequence counters go into the records first, to be logged with the transaction.
  Status status = catalog.PersistSequences(txn);
  if (!status.ok()) {
    storage.Rollback(txn);
  } else {
    status = storage.Commit(txn);
  }
  if (!status.ok()) {
    catalog.RollbackTransaction(txn);
    return status;
  }
  catalog.CommitTransaction(txn);
  return Status();
}

StatusOr<std::unique_ptr<QueryResult>> ClientContext::Execute(ast::Statement& statement,
                                                              const std::vector<Value>* parameters) {
  CallScope call(*this);
  parameters_ = parameters;
  query_text_ = statement.text;
  // Statements that never reach the executor check the request once, before they start;
  // ROLLBACK still runs, so an interrupted script can clean up.
  bool rollback = statement.kind == ast::StatementKind::kTransaction &&
                  statement.As<ast::TransactionStatement>().transaction_kind ==
                      ast::TransactionKind::kRollback;
  if (!rollback && interrupted_.load()) return InterruptError("Interrupted!");
  if (statement.kind == ast::StatementKind::kTransaction) {
    return RunTransactionStatement(statement.As<ast::TransactionStatement>());
  }
  if (explicit_transaction_) {
    // A statement that fails is undone alone (statement-level rollback, as in SQLite or
    // PostgreSQL's implicit savepoints): the transaction keeps what came before and goes on.
    Savepoint savepoint = TakeSavepoint();
    auto result = Dispatch(statement);
    if (!result.ok()) RollbackToSavepoint(savepoint);
    return result;
  }
  // Autocommit: the statement is its own transaction.
  StorageManager& storage = database_.storage();
  Catalog& catalog = database_.catalog();
  transaction_ = storage.BeginTransaction();
  transaction_start_micros_ = NowMicros();
  auto result = Dispatch(statement);
  std::unique_ptr<Transaction> txn = std::move(transaction_);
  if (!result.ok()) {
    storage.Rollback(*txn);
    catalog.RollbackTransaction(*txn);
    return result;
  }
  FLUX_RETURN_IF_ERROR(CommitTransaction(*txn));
  return result;
}

StatusOr<std::unique_ptr<QueryResult>> ClientContext::Dispatch(ast::Statement& statement) {
  using K = ast::StatementKind;
  (void)StatementNeedsTransaction;
  switch (statement.kind) {
    case K::kSelect:
      return RunSelect(*this, statement.As<ast::SelectStatement>());
    case K::kInsert:
      return RunInsert(*this, statement.As<ast::InsertStatement>());
    case K::kUpdate:
      return RunUpdate(*this, statement.As<ast::UpdateStatement>());
    case K::kDelete:
      return RunDelete(*this, statement.As<ast::DeleteStatement>());
    case K::kCreateTable:
      return RunCreateTable(*this, statement.As<ast::CreateTableStatement>());
    case K::kCreateView:
      return RunCreateView(*this, statement.As<ast::CreateViewStatement>());
    case K::kCreateSchema:
      return RunCreateSchema(*this, statement.As<ast::CreateSchemaStatement>());
    case K::kCreateIndex:
      return RunCreateIndex(*this, statement.As<ast::CreateIndexStatement>());
    case K::kCreateSequence:
      return RunCreateSequence(*this, statement.As<ast::CreateSequenceStatement>());
    case K::kDrop:
      return RunDrop(*this, statement.As<ast::DropStatement>());
    case K::kAlterTable:
      return RunAlterTable(*this, statement.As<ast::AlterTableStatement>());
    case K::kExplain:
      return RunExplain(*this, statement.As<ast::ExplainStatement>());
    case K::kPragma:
      return RunPragma(*this, statement.As<ast::PragmaStatement>());
    case K::kSet:
      return RunSet(*this, statement.As<ast::SetStatement>());
    case K::kReset:
      return RunReset(*this, statement.As<ast::ResetStatement>());
    case K::kShow:
      return RunShow(*this, statement.As<ast::ShowStatement>());
    case K::kCall:
      return RunCall(*this, statement.As<ast::CallStatement>());
    case K::kCheckpoint:
      return RunCheckpoint(*this, statement.As<ast::CheckpointStatement>());
    case K::kVacuum:
      return RunVacuum(*this, statement.As<ast::VacuumStatement>());
    case K::kCopy:
      return RunCopy(*this, statement.As<ast::CopyStatement>());
    case K::kTransaction:
      return RunTransactionStatement(statement.As<ast::TransactionStatement>());
    case K::kReindex:
      return RunReindex(*this, statement.As<ast::ReindexStatement>());
    case K::kPrepare:
      return RunPrepare(*this, statement.As<ast::PrepareStatement>());
    case K::kExecute:
      return RunExecute(*this, statement.As<ast::ExecuteStatement>());
    case K::kDeallocate:
      return RunDeallocate(*this, statement.As<ast::DeallocateStatement>());
  }
  return InternalError("unknown statement kind");
}

StatusOr<std::unique_ptr<QueryResult>> ClientContext::DispatchWithParameters(
    ast::Statement& statement, const std::vector<Value>& parameters) {
  if (statement.kind == ast::StatementKind::kTransaction) {
    return NotImplementedError("a prepared transaction statement");
  }
  const std::vector<Value>* saved = parameters_;
  parameters_ = &parameters;
  auto result = Dispatch(statement);
  parameters_ = saved;
  return result;
}

}  // namespace fluxdb
