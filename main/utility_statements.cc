// PRAGMA, SET / RESET, SHOW / DESCRIBE, CHECKPOINT, VACUUM.
#include <algorithm>
#include <cctype>

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
  } else if (name == "enable_profiling") {
    context.session().profiling_json = Lower(text) == "json";
  } else if (name == "profiling_output" || name == "profile_output") {
    FLUX_RETURN_IF_ERROR(CheckProfileOutput(text));
    context.session().profiling_output = text;
  } else {
    return CatalogError("unrecognized configuration parameter \"", raw_name, "\"");
  }
  if (global) context.database().settings().Set(settings);
  return Status();
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
    case ast::ShowStatement::Kind::kDescribe: {
      std::vector<std::vector<Value>> rows;
      if (statement.query) {
        BinderState state = context.MakeBinderState();
        Binder binder(state);
        FLUX_ASSIGN_OR_RETURN(BoundQuery query, binder.BindQuery(*statement.query));
        for (idx_t i = 0; i < query.names.size(); i++) {
          rows.push_back({Value::Varchar(query.names[i]), Value::Varchar(query.types[i].ToString()),
                          Value::Varchar("YES"), Value(LogicalType::Varchar()),
                          Value(LogicalType::Varchar()), Value(LogicalType::Varchar())});
        }
      } else {
        FLUX_ASSIGN_OR_RETURN(TableEntry * table, catalog.GetTable(statement.schema, statement.name));
        for (idx_t i = 0; i < table->columns().size(); i++) {
          const ColumnRecord& column = table->columns()[i];
          bool key = false;
          for (uint32_t k : table->record().primary_key) key |= k == i;
          rows.push_back({Value::Varchar(column.name), Value::Varchar(column.type.ToString()),
                          Value::Varchar(column.not_null ? "NO" : "YES"),
                          key ? Value::Varchar("PRI") : Value(LogicalType::Varchar()),
                          column.default_sql.empty() ? Value(LogicalType::Varchar())
                                                     : Value::Varchar(column.default_sql),
                          Value(LogicalType::Varchar())});
        }
      }
      return RowsResult({"column_name", "column_type", "null", "key", "default", "extra"},
                        std::vector<LogicalType>(6, LogicalType::Varchar()), rows);
    }
    case ast::ShowStatement::Kind::kSummarize:
      return NotImplementedError("SUMMARIZE");
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
