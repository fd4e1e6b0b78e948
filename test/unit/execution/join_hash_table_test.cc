// JoinHashTable lookups must find the same partners whichever structure the table picks (perfect
// hashing of a dense integer key, linear probing), with or without duplicate keys; unique() must
// tell whether some key has two rows.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "common/data_chunk.h"
#include "execution/join/join_hash_table.h"

namespace fluxdb {
namespace {

// Build rows: one BIGINT key (nullopt is NULL) and a BIGINT payload = the row's position.
std::unique_ptr<JoinHashTable> Build(const std::vector<std::optional<int64_t>>& keys) {
  JoinBuildRows rows({LogicalType::BigInt()}, {LogicalType::BigInt()});
  for (idx_t start = 0; start < keys.size(); start += kVectorSize) {
    idx_t n = std::min<idx_t>(kVectorSize, keys.size() - start);
    DataChunk key_chunk, payload;
    key_chunk.Initialize({LogicalType::BigInt()});
    payload.Initialize({LogicalType::BigInt()});
    for (idx_t i = 0; i < n; i++) {
      const auto& key = keys[start + i];
      key_chunk.column(0).data<int64_t>()[i] = key.value_or(0);
      if (!key) key_chunk.column(0).validity().SetInvalid(i);
      payload.column(0).data<int64_t>()[i] = static_cast<int64_t>(start + i);
    }
    key_chunk.SetCardinality(n);
    payload.SetCardinality(n);
    rows.Append(key_chunk, payload);
  }
  auto table =
      std::make_unique<JoinHashTable>(std::move(rows), std::vector{ComparisonType::kEqual});
  table->InsertRows(0, 1);
  return table;
}

// For each probe key, the payloads (build positions) of its partners.
std::vector<std::vector<int64_t>> Probe(const JoinHashTable& table,
                                        const std::vector<std::optional<int64_t>>& probes) {
  DataChunk keys;
  keys.Initialize({LogicalType::BigInt()});
  for (idx_t i = 0; i < probes.size(); i++) {
    keys.column(0).data<int64_t>()[i] = probes[i].value_or(0);
    if (!probes[i]) keys.column(0).validity().SetInvalid(i);
  }
  keys.SetCardinality(probes.size());
  std::vector<const uint8_t*> heads(probes.size());
  table.FindChains(keys, probes.size(), heads.data());
  std::vector<std::vector<int64_t>> result(probes.size());
  for (idx_t i = 0; i < probes.size(); i++) {
    for (const uint8_t* row = heads[i]; row != nullptr; row = JoinHashTable::Next(row)) {
      DataChunk out;
      out.Initialize({LogicalType::BigInt()});
      table.GatherPayload(&row, 1, out, 0, false);
      result[i].push_back(out.column(0).data<int64_t>()[0]);
    }
    std::sort(result[i].begin(), result[i].end());
  }
  return result;
}

void Check(const std::vector<std::optional<int64_t>>& build,
           const std::vector<std::optional<int64_t>>& probes, bool expect_unique) {
  std::map<int64_t, std::vector<int64_t>> expected;
  for (idx_t i = 0; i < build.size(); i++) {
    if (build[i]) expected[*build[i]].push_back(static_cast<int64_t>(i));
  }
  auto table = Build(build);
  EXPECT_EQ(table->unique(), expect_unique);
  auto found = Probe(*table, probes);
  for (idx_t i = 0; i < probes.size(); i++) {
    std::vector<int64_t> want;
    if (probes[i] && expected.count(*probes[i])) want = expected[*probes[i]];
    EXPECT_EQ(found[i], want) << "probe " << probes[i].value_or(-999);
  }
}

std::vector<std::optional<int64_t>> Probes() {
  std::vector<std::optional<int64_t>> probes = {
      std::nullopt, -1, 0, 1, 7, 500, 999, 1000, 1001, 5000, INT64_MIN, INT64_MAX};
  for (int i = 0; i < 300; i++) probes.push_back((i * 37) % 1200 - 50);
  return probes;
}

TEST(JoinHashTableTest, PerfectUniqueKeys) {
  std::vector<std::optional<int64_t>> build;
  for (int i = 0; i < 3000; i++) build.push_back((i * 7919) % 3000);
  build.push_back(std::nullopt);
  Check(build, Probes(), true);
}

TEST(JoinHashTableTest, PerfectWithDuplicates) {
  std::vector<std::optional<int64_t>> build;
  for (int i = 0; i < 3000; i++) build.push_back(i % 1000);
  Check(build, Probes(), false);
}

TEST(JoinHashTableTest, SparseUniqueKeysWithGaps) {
  std::vector<std::optional<int64_t>> build;
  for (int i = 0; i < 2000; i++) build.push_back(i * 3);  // perfect, with gaps
  Check(build, Probes(), true);
}

TEST(JoinHashTableTest, LinearProbing) {
  std::vector<std::optional<int64_t>> build;
  for (int i = 0; i < 3000; i++) build.push_back(static_cast<int64_t>(i) * 1000003 - 7);
  build.push_back(0);
  build.push_back(1000);
  Check(build, Probes(), true);
  build.push_back(1000);
  Check(build, Probes(), false);
}

}  // namespace
}  // namespace fluxdb
