// Shared pieces of the storage tests: opening databases, making tables, scanning rows back.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/storage_manager.h"
#include "temp_directory.h"

namespace fluxdb::testing {

inline CatalogRecord TableRecord(uint32_t id, const std::string& name,
                                 const std::vector<LogicalType>& types) {
  CatalogRecord rec;
  rec.kind = CatalogRecordKind::kTable;
  rec.object_id = id;
  rec.name = name;
  for (size_t i = 0; i < types.size(); i++) {
    rec.columns.push_back({"c" + std::to_string(i), types[i], false, ""});
  }
  return rec;
}

inline std::unique_ptr<StorageManager> OpenOrDie(const std::string& path,
                                                 StorageOptions options = {}) {
  auto db = StorageManager::Open(path, options);
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? std::move(*db) : nullptr;
}

/// Creates a table in its own committed transaction.
inline DataTable* CreateTable(StorageManager& db, const std::string& name,
                              const std::vector<LogicalType>& types) {
  auto txn = db.BeginTransaction();
  uint32_t id = db.NextObjectId();
  EXPECT_TRUE(db.CreateObject(*txn, TableRecord(id, name, types)).ok());
  EXPECT_TRUE(db.Commit(*txn).ok());
  return db.GetTable(id);
}

inline DataTable* FindTable(StorageManager& db, const std::string& name) {
  for (const auto& rec : db.LoadedRecords()) {
    if (rec.name == name) return db.GetTable(rec.object_id);
  }
  return nullptr;
}

/// Every visible row of `columns` as boxed values, in scan order.
inline std::vector<std::vector<Value>> ScanRows(
    DataTable& table, const Transaction& txn, std::vector<uint32_t> columns = {},
    ScanStatistics* stats = nullptr, std::shared_ptr<const TableFilterSet> filters = {}) {
  if (columns.empty()) {
    for (uint32_t c = 0; c < table.types().size(); c++) columns.push_back(c);
  }
  TableScanState state;
  table.InitializeScan(txn, state, columns, filters);
  DataChunk chunk;
  std::vector<std::vector<Value>> rows;
  for (;;) {
    auto more = table.Scan(state, chunk);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    EXPECT_GT(chunk.size(), 0u);
    for (idx_t r = 0; r < chunk.size(); r++) {
      std::vector<Value> row;
      for (idx_t c = 0; c < chunk.ColumnCount(); c++) row.push_back(chunk.GetValue(c, r));
      rows.push_back(std::move(row));
    }
  }
  if (stats != nullptr) *stats = state.statistics;
  return rows;
}

/// Appends `rows` (boxed) in chunks of up to kVectorSize.
inline void AppendRows(DataTable& table, Transaction& txn,
                       const std::vector<std::vector<Value>>& rows) {
  DataChunk chunk;
  for (size_t start = 0; start < rows.size(); start += kVectorSize) {
    size_t n = std::min<size_t>(kVectorSize, rows.size() - start);
    chunk.Initialize(table.types());
    for (size_t r = 0; r < n; r++) {
      for (size_t c = 0; c < table.types().size(); c++) {
        chunk.SetValue(c, r, rows[start + r][c]);
      }
    }
    chunk.SetCardinality(n);
    ASSERT_TRUE(table.Append(txn, chunk).ok());
  }
}

/// Appends integers [first, first + count) as a single BIGINT or INTEGER column.
inline void AppendSequence(DataTable& table, Transaction& txn, int64_t first, idx_t count) {
  DataChunk chunk;
  for (idx_t done = 0; done < count;) {
    idx_t n = std::min(kVectorSize, count - done);
    chunk.Initialize(table.types());
    for (idx_t c = 0; c < table.types().size(); c++) {
      Vector& v = chunk.column(c);
      for (idx_t r = 0; r < n; r++) {
        int64_t x = first + static_cast<int64_t>(done + r);
        if (v.type().physical() == PhysicalType::kInt64) {
          v.data<int64_t>()[r] = x;
        } else {
          v.data<int32_t>()[r] = static_cast<int32_t>(x);
        }
      }
    }
    chunk.SetCardinality(n);
    ASSERT_TRUE(table.Append(txn, chunk).ok());
    done += n;
  }
}

/// Sum and count of an integer column, scanned vector at a time.
inline std::pair<int64_t, idx_t> SumColumn(DataTable& table, const Transaction& txn,
                                           uint32_t column = 0) {
  TableScanState state;
  table.InitializeScan(txn, state, {column}, nullptr);
  DataChunk chunk;
  int64_t sum = 0;
  idx_t count = 0;
  for (;;) {
    auto more = table.Scan(state, chunk);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    UnifiedVector u;
    chunk.column(0).ToUnified(chunk.size(), &u);
    bool wide = chunk.column(0).type().physical() == PhysicalType::kInt64;
    for (idx_t r = 0; r < chunk.size(); r++) {
      if (!u.IsValid(r)) continue;
      sum += wide ? u.values<int64_t>()[u.index(r)] : u.values<int32_t>()[u.index(r)];
    }
    count += chunk.size();
  }
  return {sum, count};
}

}  // namespace fluxdb::testing
