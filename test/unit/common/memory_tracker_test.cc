#include "common/memory_tracker.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "common/chunk_collection.h"

namespace fluxdb {
namespace {

TEST(MemoryTrackerTest, ChargesGoToTheCurrentQueryAndAreReleased) {
  auto tracker = std::make_shared<MemoryTracker>();
  {
    MemoryTracker::Scope scope(tracker);
    MemoryCharge a;
    a.Set(1000);
    {
      MemoryCharge b;
      b.Set(500);
      EXPECT_EQ(tracker->current(), 1500);
    }
    EXPECT_EQ(tracker->current(), 1000);
    a.Set(200);
    EXPECT_EQ(tracker->current(), 200);
  }
  EXPECT_EQ(tracker->current(), 0);
  EXPECT_EQ(tracker->peak(), 1500);
}

TEST(MemoryTrackerTest, NothingIsTrackedOutsideAQuery) {
  EXPECT_EQ(MemoryTracker::Current(), nullptr);
  MemoryCharge charge;
  charge.Set(100);
  EXPECT_EQ(charge.bytes(), 0u);
}

TEST(MemoryTrackerTest, ScopesNestAndRestore) {
  auto outer = std::make_shared<MemoryTracker>();
  auto inner = std::make_shared<MemoryTracker>();
  MemoryTracker::Scope a(outer);
  {
    MemoryTracker::Scope b(inner);
    EXPECT_EQ(MemoryTracker::Current(), inner);
  }
  EXPECT_EQ(MemoryTracker::Current(), outer);
}

TEST(MemoryTrackerTest, AChargeMovesWithItsStructureAndKeepsItsTracker) {
  auto tracker = std::make_shared<MemoryTracker>();
  MemoryCharge moved;
  {
    MemoryTracker::Scope scope(tracker);
    MemoryCharge charge;
    charge.Set(300);
    moved = std::move(charge);
  }
  EXPECT_EQ(tracker->current(), 300);  // outside the scope, still the query's
  moved.Set(0);
  EXPECT_EQ(tracker->current(), 0);
}

TEST(MemoryTrackerTest, ChunkCollectionsChargeTheirChunksAndMergeWithoutDoubleCounting) {
  auto tracker = std::make_shared<MemoryTracker>();
  MemoryTracker::Scope scope(tracker);
  DataChunk input;
  input.Initialize({LogicalType::BigInt(), LogicalType::Varchar()});
  for (idx_t i = 0; i < 100; i++) {
    input.SetValue(0, i, Value::BigInt(static_cast<int64_t>(i)));
    input.SetValue(1, i, Value::Varchar("a string longer than the inline twelve bytes"));
  }
  input.SetCardinality(100);
  {
    ChunkCollection a(input.types()), b(input.types());
    a.Append(input);
    b.Append(input);
    int64_t both = tracker->current();
    EXPECT_GE(both, 2 * static_cast<int64_t>(kVectorSize * (8 + 16)));
    EXPECT_EQ(static_cast<idx_t>(both), a.memory_usage() + b.memory_usage());
    a.Merge(std::move(b));
    EXPECT_EQ(tracker->current(), both);
    EXPECT_EQ(static_cast<idx_t>(tracker->current()), a.memory_usage());
  }
  EXPECT_EQ(tracker->current(), 0);
}

TEST(MemoryTrackerTest, ThreadsChargeOneQuery) {
  auto tracker = std::make_shared<MemoryTracker>();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&] {
      MemoryTracker::Scope scope(tracker);
      for (int i = 0; i < 1000; i++) {
        MemoryCharge charge;
        charge.Set(64);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(tracker->current(), 0);
  EXPECT_GE(tracker->peak(), 64);
  EXPECT_LE(tracker->peak(), 4 * 64);
}

TEST(MemoryTrackerTest, GrowingPastTheLimitMarksTheQueryForGood) {
  auto tracker = std::make_shared<MemoryTracker>(50 * 1000 * 1000);
  MemoryTracker::Scope scope(tracker);
  MemoryCharge charge;
  charge.Set(50 * 1000 * 1000);  // at the limit is still within it
  EXPECT_FALSE(tracker->exceeded());
  EXPECT_TRUE(tracker->CheckLimit().ok());
  charge.Set(50 * 1000 * 1000 + 1);
  EXPECT_TRUE(tracker->exceeded());
  charge.Set(0);  // releasing memory does not undo the failure: the query already overran
  Status status = tracker->CheckLimit();
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(status.message(),
            "Out of Memory Error: the query needs more memory than memory_limit allows: 50.0 MB "
            "held (memory limit 50.0 MB)");
}

TEST(MemoryTrackerTest, ReserveFailsBeforeTheAllocation) {
  auto tracker = std::make_shared<MemoryTracker>(1000);
  MemoryTracker::Scope scope(tracker);
  MemoryCharge small;
  EXPECT_TRUE(small.Reserve(600).ok());
  MemoryCharge big;
  EXPECT_FALSE(big.Reserve(600).ok());
  EXPECT_EQ(tracker->current(), 1200);  // charged: its owner releases it by going away
}

TEST(MemoryTrackerTest, NoLimitNeverFails) {
  auto tracker = std::make_shared<MemoryTracker>();
  MemoryTracker::Scope scope(tracker);
  MemoryCharge charge;
  EXPECT_TRUE(charge.Reserve(uint64_t{1} << 50).ok());
  EXPECT_FALSE(tracker->exceeded());
}

TEST(MemoryTrackerTest, FormatsBytesInDecimalUnits) {
  EXPECT_EQ(MemoryTracker::FormatBytes(999), "999 bytes");
  EXPECT_EQ(MemoryTracker::FormatBytes(50 * 1000 * 1000), "50.0 MB");
  EXPECT_EQ(MemoryTracker::FormatBytes(52428800), "52.4 MB");
  EXPECT_EQ(MemoryTracker::FormatBytes(uint64_t{4} * 1000 * 1000 * 1000), "4.0 GB");
}

TEST(MemoryTrackerTest, ChunkCollectionsPastTheLimitMarkTheTracker) {
  auto tracker = std::make_shared<MemoryTracker>(100 * 1000);
  MemoryTracker::Scope scope(tracker);
  DataChunk input;
  input.Initialize({LogicalType::BigInt()});
  input.SetCardinality(kVectorSize);
  ChunkCollection rows(input.types());
  for (int i = 0; i < 5; i++) rows.Append(input);  // 5 chunks of 16 KiB
  EXPECT_FALSE(tracker->exceeded());
  for (int i = 0; i < 2; i++) rows.Append(input);
  EXPECT_TRUE(tracker->exceeded());
  rows.Clear();
  EXPECT_EQ(tracker->current(), 0);
}

}  // namespace
}  // namespace fluxdb
