// Writer/reader round trip of every type, NULLs included, across a row-group boundary, in memory
// and through a file (sealed, checkpointed, reopened).
#include <gtest/gtest.h>

#include "storage_fixture.h"

namespace fluxdb {
namespace {

using testing::OpenOrDie;

std::vector<LogicalType> AllTypes() {
  return {LogicalType::Boolean(),     LogicalType::TinyInt(),      LogicalType::SmallInt(),
          LogicalType::Integer(),     LogicalType::BigInt(),       LogicalType::HugeInt(),
          LogicalType::Float(),       LogicalType::Double(),       LogicalType::Decimal(4, 1),
          LogicalType::Decimal(9, 2), LogicalType::Decimal(18, 3), LogicalType::Decimal(38, 5),
          LogicalType::Varchar(),     LogicalType::Date(),         LogicalType::Time(),
          LogicalType::Timestamp(),   LogicalType::IntervalType(), LogicalType::Blob()};
}

int128_t Pow10(int n) {
  int128_t v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

Value Generate(const LogicalType& t, idx_t row) {
  if (row % 7 == 3) return Value(t);
  auto x = static_cast<int64_t>((row * 2654435761ULL) % 1000003) - 500000;
  switch (t.id()) {
    case TypeId::kBoolean:
      return Value::Boolean(row % 3 == 0);
    case TypeId::kTinyInt:
      return Value::TinyInt(static_cast<int8_t>(x % 100));
    case TypeId::kSmallInt:
      return Value::SmallInt(static_cast<int16_t>(x % 30000));
    case TypeId::kInteger:
      return Value::Integer(static_cast<int32_t>(x * 1000));
    case TypeId::kBigInt:
      return Value::BigInt(x * 1000000007LL);
    case TypeId::kHugeInt:
      return Value::HugeInt((static_cast<int128_t>(x) << 70) + static_cast<int128_t>(row));
    case TypeId::kFloat:
      return Value::Float(static_cast<float>(x) / 8.0f);
    case TypeId::kDouble:
      return Value::Double(static_cast<double>(x) * 1.25e-3);
    case TypeId::kDecimal:
      return Value::Decimal(static_cast<int128_t>(x) * Pow10(t.width() - 7) % Pow10(t.width()),
                            t.width(), t.scale());
    case TypeId::kVarchar:
      if (row % 2 == 0) return Value::Varchar("s" + std::to_string(row % 100));
      return Value::Varchar("a long string value, number " + std::to_string(row));
    case TypeId::kBlob:
      return Value::Blob(std::string(row % 20, static_cast<char>(row % 256)));
    case TypeId::kDate:
      return Value::Date(static_cast<int32_t>(x % 100000));
    case TypeId::kTime:
      return Value::Time((x < 0 ? -x : x) * 1000 % 86400000000LL);
    case TypeId::kTimestamp:
      return Value::Timestamp(x * 1000000007LL);
    case TypeId::kInterval:
      return Value::IntervalValue(
          {static_cast<int32_t>(x % 12), static_cast<int32_t>(x % 30), x * 1000});
    default:
      return Value(t);
  }
}

constexpr idx_t kRows = kRowGroupSize + 5000;

void AppendGenerated(DataTable& table, Transaction& txn, idx_t rows) {
  DataChunk chunk;
  for (idx_t start = 0; start < rows; start += kVectorSize) {
    idx_t n = std::min(kVectorSize, rows - start);
    chunk.Initialize(table.types());
    for (idx_t c = 0; c < table.types().size(); c++) {
      for (idx_t r = 0; r < n; r++) chunk.SetValue(c, r, Generate(table.types()[c], start + r));
    }
    chunk.SetCardinality(n);
    ASSERT_TRUE(table.Append(txn, chunk).ok());
  }
}

void ExpectGenerated(DataTable& table, StorageManager& db, idx_t rows) {
  auto txn = db.BeginTransaction();
  EXPECT_EQ(table.RowCount(*txn), rows);
  std::vector<uint32_t> columns;
  for (uint32_t c = 0; c < table.types().size(); c++) columns.push_back(c);
  columns.push_back(kRowIdColumn);
  TableScanState state;
  table.InitializeScan(*txn, state, columns, nullptr);
  DataChunk chunk;
  idx_t row = 0;
  int mismatches = 0;
  for (;;) {
    auto more = table.Scan(state, chunk);
    ASSERT_TRUE(more.ok()) << more.status();
    if (!*more) break;
    for (idx_t r = 0; r < chunk.size(); r++, row++) {
      for (idx_t c = 0; c < table.types().size(); c++) {
        Value expected = Generate(table.types()[c], row);
        Value got = chunk.GetValue(c, r);
        if (got != expected && mismatches++ < 10) {
          ADD_FAILURE() << "row " << row << " column " << c << " (" << table.types()[c].ToString()
                        << "): expected " << expected.ToString() << " got " << got.ToString();
        }
      }
      EXPECT_EQ(chunk.GetValue(table.types().size(), r), Value::BigInt(row));
    }
  }
  EXPECT_EQ(row, rows);
  ASSERT_TRUE(db.Commit(*txn).ok());

  // Whole-table statistics agree with the data.
  std::vector<ColumnStatistics> stats = table.GetStatistics();
  for (idx_t c = 0; c < table.types().size(); c++) {
    Value min(table.types()[c]), max(table.types()[c]);
    idx_t nulls = 0;
    for (idx_t r = 0; r < rows; r++) {
      Value v = Generate(table.types()[c], r);
      if (v.is_null()) {
        nulls++;
        continue;
      }
      if (min.is_null() || Value::Compare(v, min) < 0) min = v;
      if (max.is_null() || Value::Compare(v, max) > 0) max = v;
    }
    EXPECT_EQ(stats[c].null_count, nulls) << c;
    EXPECT_EQ(stats[c].min, min) << c << " " << stats[c].min.ToString() << " vs " << min.ToString();
    EXPECT_EQ(stats[c].max, max) << c << " " << stats[c].max.ToString() << " vs " << max.ToString();
  }
}

TEST(ColumnRoundTripTest, EveryTypeInMemory) {
  auto db = OpenOrDie(":memory:");
  DataTable* table = testing::CreateTable(*db, "all_types", AllTypes());
  auto txn = db->BeginTransaction();
  AppendGenerated(*table, *txn, kRows);
  ASSERT_TRUE(db->Commit(*txn).ok());
  // The first row group is full, so the commit sealed it.
  auto info = table->GetChunkInfo();
  ASSERT_EQ(info.size(), 2 * AllTypes().size());
  EXPECT_TRUE(info[0].persistent);
  EXPECT_FALSE(info.back().persistent);
  EXPECT_EQ(info.back().encoding, "TRANSIENT");
  ExpectGenerated(*table, *db, kRows);
}

TEST(ColumnRoundTripTest, EveryTypeThroughAFile) {
  testing::TempDirectory dir;
  std::string path = dir.File("types.db");
  StorageOptions options;
  options.page_size = 16 * 1024;
  {
    auto db = OpenOrDie(path, options);
    DataTable* table = testing::CreateTable(*db, "all_types", AllTypes());
    auto txn = db->BeginTransaction();
    AppendGenerated(*table, *txn, kRows);
    ASSERT_TRUE(db->Commit(*txn).ok());
    ExpectGenerated(*table, *db, kRows);
    ASSERT_TRUE(db->Checkpoint().ok());
    ExpectGenerated(*table, *db, kRows);
  }
  std::vector<ColumnChunkInfo> before;
  {
    auto db = OpenOrDie(path, options);
    DataTable* table = testing::FindTable(*db, "all_types");
    ASSERT_NE(table, nullptr);
    before = table->GetChunkInfo();
    for (const auto& chunk : before) EXPECT_TRUE(chunk.persistent);
    ExpectGenerated(*table, *db, kRows);
    EXPECT_TRUE(db->CheckIntegrity().empty());
  }
  // A small cache forces the chunks through eviction and re-reads.
  options.memory_limit = 64 * 1024;
  auto db = OpenOrDie(path, options);
  DataTable* table = testing::FindTable(*db, "all_types");
  ExpectGenerated(*table, *db, kRows);
  auto after = table->GetChunkInfo();
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); i++) {
    EXPECT_EQ(after[i].chunk_id, before[i].chunk_id);
    EXPECT_EQ(after[i].min, before[i].min);
    EXPECT_EQ(after[i].max, before[i].max);
    EXPECT_EQ(after[i].null_count, before[i].null_count);
    EXPECT_EQ(after[i].encoding, before[i].encoding);
  }
  EXPECT_GT(db->GetBufferCacheInfo().evictions, 0u);
}

}  // namespace
}  // namespace fluxdb
