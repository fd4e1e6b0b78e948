// GroupHashTable's direct map for small integer key ranges must give the same groups as hashing:
// when keys are first seen, when their range grows (downwards too), past the map's limit (where
// the map is dropped and hashing goes on with the same ids), with NULL keys, through a
// selection, and for lookups that do not create.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <vector>

#include "common/data_chunk.h"
#include "execution/hash/group_hash_table.h"

namespace fluxdb {
namespace {

// A one-column BIGINT chunk; nullopt is NULL.
DataChunk Keys(const std::vector<std::optional<int64_t>>& values) {
  DataChunk chunk;
  chunk.Initialize({LogicalType::BigInt()});
  Vector& column = chunk.column(0);
  for (idx_t i = 0; i < values.size(); i++) {
    if (values[i]) {
      column.data<int64_t>()[i] = *values[i];
    } else {
      column.data<int64_t>()[i] = 0;
      column.validity().SetInvalid(i);
    }
  }
  chunk.SetCardinality(values.size());
  return chunk;
}

// Feeds `batches` and checks that equal keys always get the same id and different keys
// different ids.
void CheckConsistent(const std::vector<std::vector<std::optional<int64_t>>>& batches) {
  GroupHashTable table({LogicalType::BigInt()});
  std::map<std::optional<int64_t>, uint32_t> seen;
  std::map<uint32_t, std::optional<int64_t>> owner;
  for (const auto& batch : batches) {
    DataChunk keys = Keys(batch);
    std::vector<uint32_t> ids(batch.size());
    table.FindOrCreateGroups(keys, ids.data());
    for (idx_t i = 0; i < batch.size(); i++) {
      ASSERT_NE(ids[i], GroupHashTable::kNoGroup);
      auto [it, fresh] = seen.emplace(batch[i], ids[i]);
      EXPECT_EQ(it->second, ids[i]) << "key " << batch[i].value_or(-999);
      auto [o, fresh_owner] = owner.emplace(ids[i], batch[i]);
      EXPECT_EQ(o->second, batch[i]) << "group " << ids[i];
    }
  }
  EXPECT_EQ(table.group_count(), seen.size());
  // Lookups without creation find the same ids.
  for (const auto& batch : batches) {
    DataChunk keys = Keys(batch);
    std::vector<uint32_t> ids(batch.size());
    table.FindGroups(keys, ids.data());
    for (idx_t i = 0; i < batch.size(); i++) EXPECT_EQ(ids[i], seen[batch[i]]);
  }
}

TEST(GroupHashTableTest, SmallRangeRepeats) {
  std::vector<std::optional<int64_t>> batch;
  for (int i = 0; i < 2000; i++) batch.push_back((i * 7) % 10);
  CheckConsistent({batch, batch, batch});
}

TEST(GroupHashTableTest, RangeGrowsBothWaysAndNulls) {
  CheckConsistent({{5, 6, 7, 5},
                   {std::nullopt, 4, 8, std::nullopt},
                   {-3, 100, 5, std::nullopt},
                   {1000, -1000, 7, 100},
                   {INT64_MIN, 0, INT64_MAX},
                   {5, -3, 1000, INT64_MAX, std::nullopt}});
}

TEST(GroupHashTableTest, RangeOutgrowsTheMap) {
  std::vector<std::vector<std::optional<int64_t>>> batches;
  for (int b = 0; b < 40; b++) {
    std::vector<std::optional<int64_t>> batch;
    for (int i = 0; i < 1000; i++) batch.push_back(static_cast<int64_t>(b) * 3000 + i % 50);
    batches.push_back(batch);
  }
  batches.push_back(batches[3]);
  batches.push_back(batches[0]);
  CheckConsistent(batches);
}

TEST(GroupHashTableTest, SelectedInputAndNewRows) {
  GroupHashTable table({LogicalType::Integer()});
  DataChunk keys;
  keys.Initialize({LogicalType::Integer()});
  for (int i = 0; i < 8; i++) keys.column(0).data<int32_t>()[i] = i % 4;
  keys.SetCardinality(8);
  sel_t order[] = {7, 6, 5, 4, 3, 2, 1, 0};
  DataChunk sliced;
  sliced.Reference(keys);
  sliced.Slice(SelectionVector(order), 8);
  uint32_t ids[8];
  SelectionVector fresh(8);
  idx_t created = table.FindOrCreateGroups(sliced, ids, &fresh);
  ASSERT_EQ(created, 4u);
  // Rows 0..3 of the slice (keys 3, 2, 1, 0) made the groups.
  for (idx_t k = 0; k < created; k++) EXPECT_EQ(fresh.get_index(k), k);
  for (int i = 0; i < 4; i++) EXPECT_EQ(ids[i], ids[i + 4]);
  EXPECT_EQ(table.FindOrCreateGroups(sliced, ids, &fresh), 0u);
}

// Two dictionary-encoded key columns (as scans of dictionary-encoded chunks give them): groups
// are made per combination of entries, NULL entries included, and equal keys in different
// dictionaries meet in the same group.
TEST(GroupHashTableTest, DictionaryKeys) {
  GroupHashTable table({LogicalType::BigInt(), LogicalType::BigInt()});
  std::map<std::pair<std::optional<int64_t>, std::optional<int64_t>>, uint32_t> seen;
  for (int round = 0; round < 3; round++) {
    auto a = std::make_shared<Vector>(LogicalType::BigInt(), 4);
    auto b = std::make_shared<Vector>(LogicalType::BigInt(), 3);
    for (int e = 0; e < 4; e++) a->data<int64_t>()[e] = (e + round) % 4;
    a->validity().SetInvalid(3 - round);
    for (int e = 0; e < 3; e++) b->data<int64_t>()[e] = 10 * e + round % 2;
    DataChunk keys;
    keys.Initialize({LogicalType::BigInt(), LogicalType::BigInt()});
    const idx_t n = kVectorSize;
    SelectionVector ca(n), cb(n);
    for (idx_t i = 0; i < n; i++) {
      ca.set_index(i, (i * 7 + round) % 4);
      cb.set_index(i, (i / 3) % 3);
    }
    keys.column(0).SetDictionary(a, ca);
    keys.column(1).SetDictionary(b, cb);
    keys.SetCardinality(n);
    std::vector<uint32_t> ids(n);
    SelectionVector fresh(n);
    idx_t created = table.FindOrCreateGroups(keys, ids.data(), &fresh);
    idx_t new_keys = 0;
    for (idx_t i = 0; i < n; i++) {
      auto value = [](const Vector& dict, idx_t e) -> std::optional<int64_t> {
        if (!dict.validity().IsValid(e)) return std::nullopt;
        return dict.data<int64_t>()[e];
      };
      auto key = std::make_pair(value(*a, ca.get_index(i)), value(*b, cb.get_index(i)));
      auto [it, inserted] = seen.emplace(key, ids[i]);
      new_keys += inserted;
      EXPECT_EQ(it->second, ids[i]) << "row " << i << " round " << round;
    }
    EXPECT_EQ(created, new_keys);
    for (idx_t k = 0; k < created; k++) {
      EXPECT_GE(ids[fresh.get_index(k)], table.group_count() - created);
    }
  }
  EXPECT_EQ(table.group_count(), seen.size());
}

}  // namespace
}  // namespace fluxdb
