// One function per statement kind; ClientContext::Dispatch calls them inside the statement's
// transaction. Each lives in the file named after what it runs (ddl_statements.cc, ...).
#pragma once

#include <memory>

#include "common/status.h"
#include "main/query_result.h"
#include "parser/statement.h"

namespace fluxdb {

class ClientContext;

using ResultOr = StatusOr<std::unique_ptr<QueryResult>>;

ResultOr RunSelect(ClientContext& context, const ast::SelectStatement& statement);
ResultOr RunInsert(ClientContext& context, const ast::InsertStatement& statement);
ResultOr RunUpdate(ClientContext& context, const ast::UpdateStatement& statement);
ResultOr RunDelete(ClientContext& context, const ast::DeleteStatement& statement);

ResultOr RunCreateTable(ClientContext& context, const ast::CreateTableStatement& statement);
ResultOr RunCreateView(ClientContext& context, const ast::CreateViewStatement& statement);
ResultOr RunCreateSchema(ClientContext& context, const ast::CreateSchemaStatement& statement);
ResultOr RunCreateIndex(ClientContext& context, const ast::CreateIndexStatement& statement);
ResultOr RunCreateSequence(ClientContext& context, const ast::CreateSequenceStatement& statement);
ResultOr RunDrop(ClientContext& context, const ast::DropStatement& statement);
ResultOr RunAlterTable(ClientContext& context, const ast::AlterTableStatement& statement);

ResultOr RunExplain(ClientContext& context, const ast::ExplainStatement& statement);
ResultOr RunPragma(ClientContext& context, const ast::PragmaStatement& statement);
ResultOr RunSet(ClientContext& context, const ast::SetStatement& statement);
ResultOr RunReset(ClientContext& context, const ast::ResetStatement& statement);
ResultOr RunShow(ClientContext& context, const ast::ShowStatement& statement);
ResultOr RunCall(ClientContext& context, const ast::CallStatement& statement);
ResultOr RunCheckpoint(ClientContext& context, const ast::CheckpointStatement& statement);
ResultOr RunVacuum(ClientContext& context, const ast::VacuumStatement& statement);
ResultOr RunCopy(ClientContext& context, const ast::CopyStatement& statement);
ResultOr RunReindex(ClientContext& context, const ast::ReindexStatement& statement);
/// SUMMARIZE t / SUMMARIZE query: per column its type, min, max, distinct count, mean,
/// standard deviation, quartiles, row count and share of NULLs.
ResultOr RunSummarize(ClientContext& context, const ast::ShowStatement& statement);
ResultOr RunDescribe(ClientContext& context, const ast::ShowStatement& statement);
ResultOr RunPrepare(ClientContext& context, ast::PrepareStatement& statement);
ResultOr RunExecute(ClientContext& context, const ast::ExecuteStatement& statement);
ResultOr RunDeallocate(ClientContext& context, const ast::DeallocateStatement& statement);

/// A result with no columns (DDL, SET ...).
std::unique_ptr<QueryResult> EmptyResult();
/// A result of literal rows (SHOW, DESCRIBE, EXPLAIN).
std::unique_ptr<QueryResult> RowsResult(std::vector<std::string> names,
                                        std::vector<LogicalType> types,
                                        const std::vector<std::vector<Value>>& rows);

}  // namespace fluxdb
