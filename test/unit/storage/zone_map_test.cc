// Zone maps: filters checked against chunk statistics skip row groups without reading them.
#include "storage/zone_map.h"

#include <gtest/gtest.h>

#include "storage_fixture.h"

namespace fluxdb {
namespace {

ColumnFilter Filter(ColumnFilterOp op, Value constant) {
  ColumnFilter f;
  f.column_index = 0;
  f.op = op;
  f.constant = std::move(constant);
  return f;
}

TEST(ZoneMapTest, Comparisons) {
  Value min = Value::Integer(10), max = Value::Integer(20);
  auto check = [&](ColumnFilterOp op, int v) {
    return CheckZoneMap(Filter(op, Value::Integer(v)), min, max, 0, 100).has_value();
  };
  EXPECT_TRUE(check(ColumnFilterOp::kEqual, 9));
  EXPECT_FALSE(check(ColumnFilterOp::kEqual, 10));
  EXPECT_FALSE(check(ColumnFilterOp::kEqual, 20));
  EXPECT_TRUE(check(ColumnFilterOp::kEqual, 21));
  EXPECT_TRUE(check(ColumnFilterOp::kLess, 10));
  EXPECT_FALSE(check(ColumnFilterOp::kLess, 11));
  EXPECT_TRUE(check(ColumnFilterOp::kLessEqual, 9));
  EXPECT_FALSE(check(ColumnFilterOp::kLessEqual, 10));
  EXPECT_TRUE(check(ColumnFilterOp::kGreater, 20));
  EXPECT_FALSE(check(ColumnFilterOp::kGreater, 19));
  EXPECT_TRUE(check(ColumnFilterOp::kGreaterEqual, 21));
  EXPECT_FALSE(check(ColumnFilterOp::kGreaterEqual, 20));
}

TEST(ZoneMapTest, NullsInListsAndPrefixes) {
  Value min = Value::Integer(10), max = Value::Integer(20);
  EXPECT_TRUE(CheckZoneMap(Filter(ColumnFilterOp::kIsNull, Value()), min, max, 0, 100));
  EXPECT_FALSE(CheckZoneMap(Filter(ColumnFilterOp::kIsNull, Value()), min, max, 1, 100));
  EXPECT_FALSE(CheckZoneMap(Filter(ColumnFilterOp::kIsNotNull, Value()), min, max, 99, 100));
  Value null_int(LogicalType::Integer());
  EXPECT_TRUE(
      CheckZoneMap(Filter(ColumnFilterOp::kIsNotNull, Value()), null_int, null_int, 100, 100));
  // Every value of an all-NULL chunk fails a comparison.
  EXPECT_TRUE(CheckZoneMap(Filter(ColumnFilterOp::kEqual, Value::Integer(1)), null_int, null_int,
                           100, 100));

  ColumnFilter in = Filter(ColumnFilterOp::kInList, Value());
  in.values = {Value::Integer(1), Value::Integer(25)};
  EXPECT_EQ(CheckZoneMap(in, min, max, 0, 100), PruneReason::kInList);
  in.values.push_back(Value::Integer(15));
  EXPECT_FALSE(CheckZoneMap(in, min, max, 0, 100));

  Value smin = Value::Varchar("apple"), smax = Value::Varchar("banana");
  auto prefix = [&](const char* p) {
    return CheckZoneMap(Filter(ColumnFilterOp::kPrefix, Value::Varchar(p)), smin, smax, 0, 10);
  };
  EXPECT_FALSE(prefix("app"));
  EXPECT_FALSE(prefix("b"));
  EXPECT_FALSE(prefix("ban"));
  EXPECT_EQ(prefix("c"), PruneReason::kPrefix);
  EXPECT_EQ(prefix("aa"), PruneReason::kPrefix);
  EXPECT_FALSE(prefix("a"));
  EXPECT_EQ(prefix("bananas"), PruneReason::kPrefix);

  ColumnFilter join = Filter(ColumnFilterOp::kEqual, Value::Integer(99));
  join.reason = PruneReason::kJoinFilter;
  EXPECT_EQ(CheckZoneMap(join, min, max, 0, 100), PruneReason::kJoinFilter);
  // A filter of another type never prunes.
  EXPECT_FALSE(CheckZoneMap(Filter(ColumnFilterOp::kEqual, Value::BigInt(99)), min, max, 0, 100));
}

class PruningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::OpenOrDie(":memory:");
    table_ = testing::CreateTable(*db_, "t", {LogicalType::BigInt(), LogicalType::Varchar()});
    auto txn = db_->BeginTransaction();
    // Column 0 ascends, so each row group covers its own range; column 1 is a label per group.
    DataChunk chunk;
    for (idx_t done = 0; done < kGroups * kRowGroupSize; done += kVectorSize) {
      chunk.Initialize(table_->types());
      for (idx_t r = 0; r < kVectorSize; r++) {
        chunk.column(0).data<int64_t>()[r] = static_cast<int64_t>(done + r);
        idx_t group = (done + r) / kRowGroupSize;
        chunk.SetValue(1, r, Value::Varchar("group" + std::to_string(group)));
      }
      chunk.SetCardinality(kVectorSize);
      ASSERT_TRUE(table_->Append(*txn, chunk).ok());
    }
    ASSERT_TRUE(db_->Commit(*txn).ok());
  }
  ScanStatistics Scan(std::vector<ColumnFilter> filters, idx_t* rows,
                      std::vector<uint32_t> columns = {0, 1}) {
    auto set = std::make_shared<TableFilterSet>();
    set->filters = std::move(filters);
    auto txn = db_->BeginTransaction();
    ScanStatistics stats;
    *rows = testing::ScanRows(*table_, *txn, columns, &stats, set).size();
    return stats;
  }
  static constexpr idx_t kGroups = 4;
  std::unique_ptr<StorageManager> db_;
  DataTable* table_ = nullptr;
};

TEST_F(PruningTest, RangeFilterSkipsRowGroups) {
  idx_t rows;
  ColumnFilter f = Filter(ColumnFilterOp::kGreaterEqual, Value::BigInt(3 * kRowGroupSize));
  ScanStatistics s = Scan({f}, &rows);
  EXPECT_EQ(rows, kRowGroupSize);
  EXPECT_EQ(s.row_groups_pruned, 3u);
  EXPECT_EQ(s.row_groups_scanned, 1u);
  EXPECT_EQ(s.chunks_pruned[static_cast<int>(PruneReason::kMinMax)], 6u);  // 3 groups x 2 columns
  EXPECT_EQ(s.chunks_scanned, 2u);
  EXPECT_EQ(s.total_pruned(), 6u);
  // Decoding stays inside the one group read.
  EXPECT_EQ(s.bytes_decoded, kRowGroupSize * (8 + 16));
}

TEST_F(PruningTest, EqualityInListAndPrefix) {
  idx_t rows;
  ScanStatistics s = Scan({Filter(ColumnFilterOp::kEqual, Value::BigInt(5))}, &rows, {0});
  EXPECT_EQ(s.row_groups_pruned, 3u);
  EXPECT_EQ(s.chunks_pruned[0], 3u);

  ColumnFilter in = Filter(ColumnFilterOp::kInList, Value());
  in.values = {Value::BigInt(-1), Value::BigInt(kRowGroupSize + 1)};
  s = Scan({in}, &rows, {0});
  EXPECT_EQ(s.row_groups_pruned, 3u);
  EXPECT_EQ(s.chunks_pruned[static_cast<int>(PruneReason::kInList)], 3u);

  ColumnFilter prefix = Filter(ColumnFilterOp::kPrefix, Value::Varchar("group2"));
  prefix.column_index = 1;
  s = Scan({prefix}, &rows, {0});
  EXPECT_EQ(rows, kRowGroupSize);
  EXPECT_EQ(s.chunks_pruned[static_cast<int>(PruneReason::kPrefix)], 3u);

  ColumnFilter is_null = Filter(ColumnFilterOp::kIsNull, Value());
  s = Scan({is_null}, &rows, {0});
  EXPECT_EQ(rows, 0u);
  EXPECT_EQ(s.row_groups_pruned, 4u);
  EXPECT_EQ(s.pages_read + s.pages_cached, 0u);
}

TEST_F(PruningTest, FiltersAddedBeforeTheFirstScanCount) {
  auto set = std::make_shared<TableFilterSet>();
  auto txn = db_->BeginTransaction();
  TableScanState state;
  table_->InitializeScan(*txn, state, {0}, set);
  ColumnFilter join = Filter(ColumnFilterOp::kLess, Value::BigInt(10));
  join.reason = PruneReason::kJoinFilter;
  set->filters.push_back(join);
  DataChunk chunk;
  idx_t rows = 0;
  while (*table_->Scan(state, chunk)) rows += chunk.size();
  EXPECT_EQ(rows, kRowGroupSize);
  EXPECT_EQ(state.statistics.chunks_pruned[static_cast<int>(PruneReason::kJoinFilter)], 3u);
}

}  // namespace
}  // namespace fluxdb

namespace fluxdb {
namespace {

TEST(DistinctEstimateTest, SealedChunksCarryAnEstimate) {
  auto db = testing::OpenOrDie(":memory:");
  DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt(), LogicalType::Varchar()});
  auto txn = db->BeginTransaction();
  DataChunk chunk;
  for (idx_t done = 0; done < 2 * kRowGroupSize; done += kVectorSize) {
    chunk.Initialize(t->types());
    for (idx_t r = 0; r < kVectorSize; r++) {
      chunk.column(0).data<int64_t>()[r] = static_cast<int64_t>(done + r);  // unique
      chunk.SetValue(1, r, Value::Varchar("v" + std::to_string((done + r) % 700)));
    }
    chunk.SetCardinality(kVectorSize);
    ASSERT_TRUE(t->Append(*txn, chunk).ok());
  }
  ASSERT_TRUE(db->Commit(*txn).ok());
  auto info = t->GetChunkInfo();
  ASSERT_EQ(info.size(), 4u);
  EXPECT_NEAR(static_cast<double>(info[0].distinct_estimate), kRowGroupSize, kRowGroupSize * 0.1);
  EXPECT_NEAR(static_cast<double>(info[1].distinct_estimate), 700, 70);
  auto stats = t->GetStatistics();
  EXPECT_NEAR(static_cast<double>(stats[0].distinct_estimate), 2 * kRowGroupSize,
              2 * kRowGroupSize * 0.1);
  EXPECT_NEAR(static_cast<double>(stats[1].distinct_estimate), 700, 70);
}

}  // namespace
}  // namespace fluxdb

namespace fluxdb {
namespace {

TEST(ForceCompressionTest, ForcedEncodingIsUsedWhenItApplies) {
  auto db = testing::OpenOrDie(":memory:");
  EXPECT_FALSE(db->SetForceCompression("lz4").ok());
  ASSERT_TRUE(db->SetForceCompression("rle").ok());
  DataTable* t = testing::CreateTable(*db, "t", {LogicalType::BigInt()});
  auto txn = db->BeginTransaction();
  testing::AppendSequence(*t, *txn, 0, kRowGroupSize);
  ASSERT_TRUE(db->Commit(*txn).ok());
  ASSERT_TRUE(db->SetForceCompression("plain").ok());
  auto more = db->BeginTransaction();
  testing::AppendSequence(*t, *more, 0, kRowGroupSize);
  ASSERT_TRUE(db->Commit(*more).ok());
  auto info = t->GetChunkInfo();
  ASSERT_EQ(info.size(), 2u);
  EXPECT_EQ(info[0].encoding, "RLE");
  EXPECT_EQ(info[1].encoding, "PLAIN");
  EXPECT_EQ(info[1].compressed_bytes, 1 + 8 * kRowGroupSize);
  auto reader = db->BeginTransaction();
  auto [sum, count] = testing::SumColumn(*t, *reader);
  EXPECT_EQ(count, 2 * kRowGroupSize);
  EXPECT_EQ(sum, static_cast<int64_t>(kRowGroupSize) * (kRowGroupSize - 1));
}

}  // namespace
}  // namespace fluxdb
