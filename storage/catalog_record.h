// CatalogRecord: how one schema object (table, view, schema, index, sequence) is persisted.
//
// The storage layer stores these records in the catalog heap of the database file and in the WAL;
// it knows nothing about SQL semantics beyond names and types. The catalog layer above turns them
// into catalog entries (binding default and CHECK expressions, parsing view SQL).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/types.h"

namespace fluxdb {

enum class CatalogRecordKind : uint8_t {
  kSchema = 1,
  kTable = 2,
  kView = 3,
  kIndex = 4,
  kSequence = 5,
};

struct ColumnRecord {
  std::string name;
  LogicalType type;
  bool not_null = false;
  std::string default_sql;  // DEFAULT expression as SQL text, empty when none
  bool operator==(const ColumnRecord&) const = default;
};

/// A sequence's options and where its counter stands.
struct SequenceRecord {
  int64_t start = 1;
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = INT64_MAX;
  bool cycle = false;
  /// The value the next nextval returns (unless it runs past a bound).
  int64_t counter = 1;
  /// How many values nextval has handed out (0: none yet, currval is undefined).
  uint64_t usage_count = 0;
  /// The value nextval returned last (meaningful once usage_count > 0).
  int64_t last_value = 0;
  bool operator==(const SequenceRecord&) const = default;
};

struct CatalogRecord {
  CatalogRecordKind kind = CatalogRecordKind::kTable;
  uint32_t object_id = 0;  // unique per database, never reused
  std::string schema_name = "main";
  std::string name;
  std::vector<ColumnRecord> columns;  // tables
  std::vector<uint32_t> primary_key;  // column indexes
  std::vector<std::vector<uint32_t>> unique_keys;
  std::vector<std::string> check_sql;       // CHECK constraints as SQL text
  std::string sql;                          // views: the SELECT text; indexes: CREATE INDEX text
  std::vector<std::string> column_aliases;  // views
  std::string table_name;                   // indexes: the indexed table
  SequenceRecord sequence;                  // sequences

  bool operator==(const CatalogRecord&) const = default;
};

}  // namespace fluxdb
