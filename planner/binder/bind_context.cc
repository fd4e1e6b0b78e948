#include "planner/binder/bind_context.h"

#include "catalog/catalog_entry.h"

namespace fluxdb {

namespace {
bool NameEquals(std::string_view a, std::string_view b) {
  return NormalizeName(a) == NormalizeName(b);
}

ResolvedColumn ColumnOf(const BindingEntry& entry, idx_t i) {
  auto expr =
      BoundExpression::ColumnRef(entry.types[i], {entry.table_index, entry.binding_columns[i]});
  expr->alias = entry.names[i];
  return ResolvedColumn{std::move(expr), entry.names[i], {entry.alias}};
}
}  // namespace

Status BindContext::AddEntry(BindingEntry entry) {
  for (const auto& existing : entries_) {
    if (!entry.alias.empty() && NameEquals(existing.alias, entry.alias)) {
      return BinderError("Ambiguous reference to table \"", entry.alias, "\" (duplicate alias \"",
                         entry.alias,
                         "\", explicitly alias one of the tables using \"AS my_alias\")");
    }
  }
  entries_.push_back(std::move(entry));
  return Status();
}

const BindingEntry* BindContext::FindEntry(std::string_view alias) const {
  for (const auto& entry : entries_) {
    if (NameEquals(entry.alias, alias)) return &entry;
  }
  return nullptr;
}

StatusOr<std::optional<ResolvedColumn>> BindContext::Resolve(std::string_view table,
                                                             std::string_view name) const {
  auto rowid = [&](const BindingEntry& entry) {
    auto expr =
        BoundExpression::ColumnRef(LogicalType::BigInt(), {entry.table_index, kRowIdBinding});
    expr->alias = "rowid";
    return ResolvedColumn{std::move(expr), "rowid"};
  };
  bool is_rowid = NameEquals(name, "rowid");
  if (!table.empty()) {
    const BindingEntry* entry = FindEntry(table);
    if (entry == nullptr) return std::optional<ResolvedColumn>();
    if (is_rowid && entry->table != nullptr) return std::optional<ResolvedColumn>(rowid(*entry));
    for (idx_t i = 0; i < entry->names.size(); i++) {
      if (NameEquals(entry->names[i], name))
        return std::optional<ResolvedColumn>(ColumnOf(*entry, i));
    }
    return std::optional<ResolvedColumn>();
  }
  const UsingColumn* merged = nullptr;
  for (const auto& column : using_columns_) {
    if (!NameEquals(column.name, name)) continue;
    if (merged != nullptr) {
      // Two separate joins merged a column of this name: (a JOIN b USING (x)), (c JOIN d ...).
      return BinderError("Ambiguous column reference: column \"", name,
                         "\" can refer to either: ", merged->expr->ToString(), " or ",
                         column.expr->ToString());
    }
    merged = &column;
  }
  if (merged != nullptr) {
    auto expr = merged->expr->Copy();
    expr->alias = merged->name;
    return std::optional<ResolvedColumn>(ResolvedColumn{std::move(expr), merged->name});
  }
  std::optional<ResolvedColumn> found;
  std::string found_alias;
  for (const auto& entry : entries_) {
    for (idx_t i = 0; i < entry.names.size(); i++) {
      if (!NameEquals(entry.names[i], name)) continue;
      if (found) {
        return BinderError("Ambiguous reference to column name \"", name, "\" (use: \"",
                           found_alias, ".", name, "\" or \"", entry.alias, ".", name, "\")");
      }
      found = ColumnOf(entry, i);
      found_alias = entry.alias;
      break;
    }
  }
  if (!found && is_rowid) {
    for (const auto& entry : entries_) {
      if (entry.table != nullptr) return std::optional<ResolvedColumn>(rowid(entry));
    }
  }
  return found;
}

StatusOr<std::vector<ResolvedColumn>> BindContext::ExpandStar(std::string_view table) const {
  std::vector<ResolvedColumn> columns;
  if (!table.empty()) {
    const BindingEntry* entry = FindEntry(table);
    if (entry == nullptr) {
      return BinderError("Referenced table \"", table, "\" not found in FROM clause!");
    }
    for (idx_t i = 0; i < entry->names.size(); i++) columns.push_back(ColumnOf(*entry, i));
    return columns;
  }
  if (entries_.empty()) return BinderError("SELECT * expression without FROM clause!");
  std::vector<bool> using_emitted(using_columns_.size(), false);
  for (const auto& entry : entries_) {
    for (idx_t i = 0; i < entry.names.size(); i++) {
      bool handled = false;
      for (idx_t u = 0; u < using_columns_.size(); u++) {
        const UsingColumn& column = using_columns_[u];
        if (!NameEquals(column.name, entry.names[i])) continue;
        bool belongs = false;
        for (const auto& alias : column.hidden) belongs |= NameEquals(alias, entry.alias);
        if (!belongs) continue;
        handled = true;
        if (!using_emitted[u]) {
          using_emitted[u] = true;
          auto expr = column.expr->Copy();
          expr->alias = column.name;
          columns.push_back(ResolvedColumn{std::move(expr), column.name, column.hidden});
        }
      }
      if (!handled) columns.push_back(ColumnOf(entry, i));
    }
  }
  return columns;
}

std::optional<UsingColumn> BindContext::TakeUsingColumn(std::string_view name) {
  for (auto it = using_columns_.begin(); it != using_columns_.end(); ++it) {
    if (NameEquals(it->name, name)) {
      UsingColumn column = std::move(*it);
      using_columns_.erase(it);
      return column;
    }
  }
  return std::nullopt;
}

std::vector<std::string> BindContext::AllColumnNames() const {
  std::vector<std::string> names;
  for (const auto& entry : entries_) {
    for (const auto& name : entry.names) names.push_back(name);
  }
  return names;
}

Status BindContext::Merge(BindContext&& other) {
  for (auto& entry : other.entries_) FLUX_RETURN_IF_ERROR(AddEntry(std::move(entry)));
  for (auto& column : other.using_columns_) using_columns_.push_back(std::move(column));
  other.entries_.clear();
  other.using_columns_.clear();
  return Status();
}

}  // namespace fluxdb
