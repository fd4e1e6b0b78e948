#include "catalog/catalog_entry.h"

#include <cctype>

namespace fluxdb {

const char* CatalogEntryKindName(CatalogEntryKind kind) {
  switch (kind) {
    case CatalogEntryKind::kSchema:
      return "Schema";
    case CatalogEntryKind::kTable:
      return "Table";
    case CatalogEntryKind::kView:
      return "View";
    case CatalogEntryKind::kIndex:
      return "Index";
    case CatalogEntryKind::kSequence:
      return "Sequence";
  }
  return "Entry";
}

std::string NormalizeName(std::string_view name) {
  std::string result(name);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

CatalogEntry::CatalogEntry(CatalogEntryKind kind, CatalogRecord record)
    : kind_(kind), record_(std::move(record)) {}

TableEntry::TableEntry(CatalogRecord record, DataTable* storage)
    : CatalogEntry(CatalogEntryKind::kTable, std::move(record)), storage_(storage) {
  for (idx_t i = 0; i < record_.columns.size(); i++) {
    column_index_.emplace(NormalizeName(record_.columns[i].name), i);
  }
}

std::vector<LogicalType> TableEntry::column_types() const {
  std::vector<LogicalType> types;
  for (const auto& column : record_.columns) types.push_back(column.type);
  return types;
}

std::optional<idx_t> TableEntry::ColumnIndex(std::string_view name) const {
  auto it = column_index_.find(NormalizeName(name));
  if (it == column_index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace fluxdb
