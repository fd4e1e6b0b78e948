// PRAGMA, SET / RESET, SHOW / DESCRIBE, CHECKPOINT, VACUUM.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "execution/cast/vector_cast.h"
#include "execution/expression/expression_executor.h"
#include "execution/table_function/table_function.h"
#include "main/client_context.h"
#include "main/database.h"
#include "main/database_settings.h"
#include "main/query_profile_output.h"
#include "main/statement_runners.h"
#include "planner/binder/binder.h"
#include "planner/binder/expression_binder.h"
#include "storage/storage_manager.h"

namespace fluxdb {

namespace {

StatusOr<Value> ConstantValue(ClientContext& context, const ast::ParsedExpression& expr) {
  BinderState state = context.MakeBinderState();
  Binder binder(state);
  ExpressionBinder expression_binder(binder, ExpressionClause::kConstant);
  // A bare identifier (SET threads TO four) is its name as text.
  if (expr.kind == ast::ExprKind::kColumnRef) {
    return Value::Varchar(expr.As<ast::ColumnRefExpr>().column_name());
  }
  FLUX_ASSIGN_OR_RETURN(auto bound, expression_binder.Bind(expr));
  return ExpressionExecutor::EvaluateScalar(*bound);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "4GB", "512 MiB", "1000000" -> bytes.
StatusOr<uint64_t> ParseMemory(const std::string& text) {
  std::string s = Lower(text);
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  size_t digits = 0;
  while (digits < s.size() && (std::isdigit(static_cast<unsigned char>(s[digits])) || s[digits] == '.')) {
    digits++;
  }
  if (digits == 0) return InvalidInputError("could not parse memory limit \"", text, "\"");
  double number = std::stod(s.substr(0, digits));
  std::string unit = s.substr(digits);
  double multiplier = 1;
  if (unit.empty() || unit == "b" || unit == "bytes") {
    multiplier = 1;
  } else if (unit == "kb" || unit == "k") {
    multiplier = 1e3;
  } else if (unit == "mb" || unit == "m") {
    multiplier = 1e6;
  } else if (unit == "gb" || unit == "g") {
    multiplier = 1e9;
  } else if (unit == "tb" || unit == "t") {
    multiplier = 1e12;
  } else if (unit == "kib") {
    multiplier = 1024.0;
  } else if (unit == "mib") {
    multiplier = 1024.0 * 1024;
  } else if (unit == "gib") {
    multiplier = 1024.0 * 1024 * 1024;
  } else if (unit == "tib") {
    multiplier = 1024.0 * 1024 * 1024 * 1024;
  } else {
    return InvalidInputError("Unknown unit for memory limit: \"", unit, "\"");
  }
  return static_cast<uint64_t>(number * multiplier);
}

// A boolean setting's value; DuckDB's message when the value is no boolean.
StatusOr<bool> SettingBool(const std::string& name, const Value& value) {
  auto b = CastValue(value, LogicalType::Boolean());
  if (!b.ok()) {
    std::string message(b.status().message());
    std::string_view prefix = "Conversion Error: ";
    if (message.starts_with(prefix)) message.erase(0, prefix.size());
    return InvalidInputError("Failed to cast value: ", message);
  }
  if (b->is_null()) return InvalidInputError(name, " expects a boolean");
  return b->GetBool();
}

// DuckDB settings whose effect FluxDB has no counterpart for; they are accepted (with their
// type checked) so scripts written for DuckDB run unchanged.
// - debug_force_external: forces sorts and aggregates to spill; FluxDB's operators have no
//   external (spilling) path to force.
// - old_implicit_casting: DuckDB's pre-0.10 VARCHAR casting rules; FluxDB only has the new.
bool IsAcceptedBoolSetting(const std::string& name) {
  return name == "debug_force_external" || name == "old_implicit_casting";
}

// DuckDB's optimizer pass names (disabled_optimizers takes a list of them).
bool IsOptimizerName(const std::string& name) {
  static constexpr std::string_view kNames =
      ",expression_rewriter,filter_pullup,filter_pushdown,empty_result_pullup,cte_filter_pusher,"
      "regex_range,in_clause,join_order,deliminator,unnest_rewriter,unused_columns,"
      "statistics_propagation,common_subexpressions,common_aggregate,column_lifetime,"
      "build_side_probe_side,limit_pushdown,top_n,compressed_materialization,duplicate_groups,"
      "reorder_filter,sampling_pushdown,join_filter_pushdown,extension,materialized_cte,"
      "sum_no_overflow,late_materialization,cte_inlining,row_group_pruner,"
      "top_n_window_elimination,common_subplan,join_elimination,window_self_join,";
  return kNames.find(Concat(",", name, ",")) != std::string_view::npos;
}

// " join_order, filter_pushdown" -> "filter_pushdown,join_order" (a sorted set, as DuckDB
// shows it); unknown names are an error, as in DuckDB.
StatusOr<std::string> ParseOptimizerList(const std::string& text) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string name = Lower(text.substr(start, end - start));
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (!name.empty()) {
      if (!IsOptimizerName(name)) {
        return ParserError("Optimizer type \"", name, "\" not recognized");
      }
      names.push_back(std::move(name));
    }
    start = end + 1;
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string normalized;
  for (const std::string& name : names) normalized += normalized.empty() ? name : Concat(",", name);
  return normalized;
}

Status ApplySetting(ClientContext& context, const std::string& raw_name, const Value& value,
                    bool global) {
  std::string name = Lower(raw_name);
  ExecutionSettings& settings = context.settings();
  std::string text = value.ToString();
  if (name == "threads" || name == "worker_threads") {
    auto threads = CastValue(value, LogicalType::BigInt());
    if (!threads.ok() || threads->is_null() || threads->GetInt64() < 1 || threads->GetInt64() > 1024) {
      return InvalidInputError("threads must be between 1 and 1024");
    }
    settings.threads = static_cast<uint32_t>(threads->GetInt64());
  } else if (name == "memory_limit" || name == "max_memory") {
    FLUX_ASSIGN_OR_RETURN(settings.memory_limit, ParseMemory(text));
    // The limit covers the whole process, as in DuckDB: the buffer cache (shared by every
    // connection) keeps half of it, the split Database::Open makes.
    context.database().storage().SetCacheCapacity(settings.memory_limit / 2);
  } else if (name == "integer_division") {
    auto b = CastValue(value, LogicalType::Boolean());
    if (!b.ok() || b->is_null()) return InvalidInputError("integer_division expects a boolean");
    settings.integer_division = b->GetBool();
  } else if (name == "preserve_insertion_order") {
    auto b = CastValue(value, LogicalType::Boolean());
    if (!b.ok() || b->is_null()) return InvalidInputError("preserve_insertion_order expects a boolean");
    settings.preserve_insertion_order = b->GetBool();
  } else if (name == "default_null_order" || name == "null_order") {
    std::string order = Lower(text);
    if (order == "nulls_first" || order == "nulls_last" ||
        order == "nulls_first_on_asc_last_on_desc" || order == "nulls_last_on_asc_first_on_desc") {
      context.session().default_null_order = order;
    } else if (order == "sqlite") {
      context.session().default_null_order = "nulls_first_on_asc_last_on_desc";
    } else if (order == "postgres") {
      context.session().default_null_order = "nulls_last_on_asc_first_on_desc";
    } else {
      return InvalidInputError("Unrecognized null order '", text, "'");
    }
  } else if (name == "force_compression") {
    // The storage seals chunks with it (for the whole database, as in DuckDB). DuckDB's
    // compressions FluxDB lacks (fsst, chimp, ...) leave the choice to the storage.
    if (!context.database().storage().SetForceCompression(Lower(text)).ok()) {
      FLUX_RETURN_IF_ERROR(context.database().storage().SetForceCompression(""));
    }
    settings.force_compression = Lower(text) == "auto" ? "" : Lower(text);
  } else if (name == "ieee_floating_point_ops") {
    FLUX_ASSIGN_OR_RETURN(bool on, SettingBool(name, value));
    settings.ieee_floating_point_ops = on;
  } else if (name == "disabled_optimizers") {
    FLUX_ASSIGN_OR_RETURN(settings.disabled_optimizers, ParseOptimizerList(text));
  } else if (name == "order_by_non_integer_literal") {
    FLUX_ASSIGN_OR_RETURN(settings.order_by_non_integer_literal, SettingBool(name, value));
  } else if (name == "scalar_subquery_error_on_multiple_rows") {
    FLUX_ASSIGN_OR_RETURN(settings.scalar_subquery_error_on_multiple_rows,
                          SettingBool(name, value));
  } else if (IsAcceptedBoolSetting(name)) {
    FLUX_RETURN_IF_ERROR(SettingBool(name, value).status());
  } else if (name == "enable_profiling") {
    context.session().profiling_json = Lower(text) == "json";
  } else if (name == "profiling_output" || name == "profile_output") {
    FLUX_RETURN_IF_ERROR(CheckProfileOutput(text));
    context.session().profiling_output = text;
  } else if (name == "profiling_renderer_settings") {
    // DuckDB's options for drawing profiles (operator_casing ...), a MAP that the parser hands
    // over as its text. FluxDB draws profiles one way, so only the shape is checked.
    if (value.is_null() || text.size() < 2 || text.front() != '{' || text.back() != '}') {
      return InvalidInputError("profiling_renderer_settings expects a MAP {'option': 'value'}");
    }
  } else {
    return CatalogError("unrecognized configuration parameter \"", raw_name, "\"");
  }
  if (global) context.database().settings().Set(settings);
  return Status();
}

bool IsVerificationPragma(const std::string& name) {
  return name == "enable_verification" || name == "disable_verification" ||
         name == "verify_parallelism" || name == "disable_verify_parallelism" ||
         name == "verify_external" || name == "disable_verify_external" ||
         name == "verify_serializer" || name == "disable_verify_serializer" ||
         name == "verify_fetch_row" || name == "disable_verify_fetch_row" ||
         name == "enable_force_parallelism" || name == "disable_force_parallelism" ||
         name == "enable_object_cache" || name == "disable_object_cache";
}

}  // namespace

ResultOr RunSet(ClientContext& context, const ast::SetStatement& statement) {
  FLUX_ASSIGN_OR_RETURN(Value value, ConstantValue(context, *statement.value));
  FLUX_RETURN_IF_ERROR(ApplySetting(context, statement.name, value,
                                    statement.scope == ast::SetScope::kGlobal));
  return EmptyResult();
}

ResultOr RunReset(ClientContext& context, const ast::ResetStatement& statement) {
  ExecutionSettings defaults = context.database().settings().Get();
  std::string name = Lower(statement.name);
  ExecutionSettings& settings = context.settings();
  if (name == "threads" || name == "worker_threads") {
    settings.threads = defaults.threads;
  } else if (name == "memory_limit" || name == "max_memory") {
    settings.memory_limit = defaults.memory_limit;
    context.database().storage().SetCacheCapacity(settings.memory_limit / 2);
  } else if (name == "integer_division") {
    settings.integer_division = defaults.integer_division;
  } else if (name == "default_null_order" || name == "null_order") {
    context.session().default_null_order = "nulls_last";
  } else if (name == "preserve_insertion_order") {
    settings.preserve_insertion_order = defaults.preserve_insertion_order;
  } else if (name == "force_compression") {
    FLUX_RETURN_IF_ERROR(context.database().storage().SetForceCompression(""));
    settings.force_compression = "";
  } else if (name == "ieee_floating_point_ops") {
    settings.ieee_floating_point_ops = defaults.ieee_floating_point_ops;
  } else if (name == "disabled_optimizers") {
    settings.disabled_optimizers = defaults.disabled_optimizers;
  } else if (name == "order_by_non_integer_literal") {
    settings.order_by_non_integer_literal = defaults.order_by_non_integer_literal;
  } else if (name == "scalar_subquery_error_on_multiple_rows") {
    settings.scalar_subquery_error_on_multiple_rows =
        defaults.scalar_subquery_error_on_multiple_rows;
  } else if (IsAcceptedBoolSetting(name) || name == "profiling_renderer_settings") {
    // Nothing is stored for these (see IsAcceptedBoolSetting and ApplySetting).
  } else {
    return CatalogError("unrecognized configuration parameter \"", statement.name, "\"");
  }
  return EmptyResult();
}

ResultOr RunPragma(ClientContext& context, const ast::PragmaStatement& statement) {
  if (statement.assigned) {
    FLUX_ASSIGN_OR_RETURN(Value value, ConstantValue(context, *statement.assigned));
    FLUX_RETURN_IF_ERROR(ApplySetting(context, statement.name, value, false));
    return EmptyResult();
  }
  // PRAGMA enable_profiling / disable_profiling (DuckDB): JSON is the one profile format.
  if (statement.args.empty() && (Lower(statement.name) == "enable_profiling" ||
                                 Lower(statement.name) == "disable_profiling")) {
    context.session().profiling_json = Lower(statement.name) == "enable_profiling";
    return EmptyResult();
  }
  // DuckDB's query verification modes (re-running each query with its plan serialized,
  // parallelized, spilled ... and comparing results) are debugging aids of DuckDB's own test
  // builds; FluxDB has no such modes, so these pragmas change nothing.
  if (statement.args.empty() && IsVerificationPragma(Lower(statement.name))) {
    return EmptyResult();
  }
  // PRAGMA name(args) runs the table function pragma_name (or name).
  std::string function = Concat("pragma_", statement.name);
  if (LookupTableFunction(function) == nullptr) function = statement.name;
  if (LookupTableFunction(function) == nullptr) {
    if (statement.args.empty()) {
      // PRAGMA threads; shows a setting.
      ast::ShowStatement show;
      show.name = statement.name;
      return RunShow(context, show);
    }
    return CatalogError("Pragma Function with name ", statement.name, " does not exist!");
  }
  ast::CallStatement call;
  call.function = std::make_unique<ast::FunctionExpr>(function, ast::CopyList(statement.args));
  return RunCall(context, call);
}

ResultOr RunShow(ClientContext& context, const ast::ShowStatement& statement) {
  Catalog& catalog = context.database().catalog();
  switch (statement.show_kind) {
    case ast::ShowStatement::Kind::kTables: {
      std::vector<std::vector<Value>> rows;
      for (auto kind : {CatalogEntryKind::kTable, CatalogEntryKind::kView}) {
        for (CatalogEntry* entry : catalog.Entries(kind)) {
          if (!statement.all_schemas && NormalizeName(entry->schema_name()) != kDefaultSchema) continue;
          rows.push_back({Value::Varchar(entry->name())});
        }
      }
      std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a[0].GetString() < b[0].GetString();
      });
      return RowsResult({"name"}, {LogicalType::Varchar()}, rows);
    }
    case ast::ShowStatement::Kind::kDescribe:
      return RunDescribe(context, statement);
    case ast::ShowStatement::Kind::kSummarize:
      return RunSummarize(context, statement);
    case ast::ShowStatement::Kind::kVariable: {
      std::string name = Lower(statement.name);
      const ExecutionSettings& settings = context.settings();
      Value value;
      if (name == "threads" || name == "worker_threads") {
        value = Value::BigInt(settings.threads);
      } else if (name == "memory_limit" || name == "max_memory") {
        value = Value::Varchar(Concat(settings.memory_limit / (1000 * 1000), " MB"));
      } else if (name == "integer_division") {
        value = Value::Boolean(settings.integer_division);
      } else if (name == "default_null_order") {
        value = Value::Varchar(context.session().default_null_order);
      } else if (name == "preserve_insertion_order") {
        value = Value::Boolean(settings.preserve_insertion_order);
      } else if (name == "ieee_floating_point_ops") {
        value = Value::Boolean(settings.IeeeDivision());
      } else if (name == "disabled_optimizers") {
        value = Value::Varchar(settings.disabled_optimizers);
      } else if (name == "order_by_non_integer_literal") {
        value = Value::Boolean(settings.order_by_non_integer_literal);
      } else if (name == "scalar_subquery_error_on_multiple_rows") {
        value = Value::Boolean(settings.scalar_subquery_error_on_multiple_rows);
      } else if (name == "tables") {
        ast::ShowStatement tables;
        tables.show_kind = ast::ShowStatement::Kind::kTables;
        return RunShow(context, tables);
      } else {
        return CatalogError("unrecognized configuration parameter \"", statement.name, "\"");
      }
      return RowsResult({statement.name}, {value.type()}, {{value}});
    }
  }
  return InternalError("unknown SHOW");
}

ResultOr RunCheckpoint(ClientContext& context, const ast::CheckpointStatement&) {
  if (context.in_explicit_transaction()) {
    return TransactionError("Cannot CHECKPOINT: the current transaction has not been committed");
  }
  FLUX_RETURN_IF_ERROR(context.database().storage().Checkpoint());
  return EmptyResult();
}

ResultOr RunVacuum(ClientContext& context, const ast::VacuumStatement& statement) {
  uint32_t table_id = 0;
  if (!statement.table.empty()) {
    FLUX_ASSIGN_OR_RETURN(TableEntry * table, context.database().catalog().GetTable("", statement.table));
    table_id = table->object_id();
  }
  FLUX_RETURN_IF_ERROR(context.database().storage().Vacuum(table_id));
  return EmptyResult();
}

}  // namespace fluxdb
