#include "tools/torture/batch_table.h"

namespace fluxdb::torture {

namespace {

// The payload and checksum of a row as SQL over its batch, idx and version columns (or
// expressions standing in for them). Payloads vary in length around the 12 bytes a string keeps
// inline, so both string layouts are written.
std::string PayloadSql(std::string_view batch, std::string_view idx, std::string_view version) {
  return Concat("'b' || ", batch, " || ':' || ", idx, " || ':v' || ", version, " || repeat('.', (",
                idx, " % 23)::INTEGER)");
}
std::string ChecksumSql(std::string_view batch, std::string_view idx, std::string_view version) {
  return Concat(batch, "::BIGINT * 1000003 + ", idx, "::BIGINT * 7919 + ", version,
                "::BIGINT * 104729");
}

}  // namespace

std::string CreateBatchTableSql() {
  return "CREATE TABLE batches(batch INTEGER, idx INTEGER, version INTEGER, payload VARCHAR, "
         "chk BIGINT)";
}

std::string InsertBatchSql(int64_t batch, int64_t first, int64_t count) {
  std::string b = Concat(batch);
  return Concat("INSERT INTO batches SELECT ", b, ", i, 0, ", PayloadSql(b, "i", "0"), ", ",
                ChecksumSql(b, "i", "0"), " FROM (SELECT range::INTEGER AS i FROM range(", first,
                ", ", first + count, "))");
}

std::string UpdateBatchSql(int64_t batch, int64_t version) {
  std::string v = Concat(version);
  return Concat("UPDATE batches SET version = ", v, ", payload = ", PayloadSql("batch", "idx", v),
                ", chk = ", ChecksumSql("batch", "idx", v), " WHERE batch = ", batch);
}

std::string DeleteBatchSql(int64_t batch) {
  return Concat("DELETE FROM batches WHERE batch = ", batch);
}

StatusOr<BatchModel> ReadBatches(Connection& connection) {
  std::string sql = Concat(
      "SELECT batch, count(*), min(version), max(version), min(idx), max(idx), count(DISTINCT "
      "idx), sum(CASE WHEN chk = ",
      ChecksumSql("batch", "idx", "version"),
      " AND payload = ", PayloadSql("batch", "idx", "version"),
      " THEN 0 ELSE 1 END) FROM batches GROUP BY batch ORDER BY batch");
  FLUX_ASSIGN_OR_RETURN(auto result, connection.Query(sql));
  BatchModel model;
  for (idx_t r = 0; r < result->RowCount(); r++) {
    int64_t v[8];
    for (idx_t c = 0; c < 8; c++) {
      Value value = result->GetValue(c, r);
      if (value.is_null()) return CorruptionError("batch table: a NULL in row ", r, " column ", c);
      v[c] = value.GetInt64();
    }
    int64_t batch = v[0], rows = v[1];
    if (v[2] != v[3]) {
      return CorruptionError("batch ", batch, " is partly updated: versions ", v[2], " to ", v[3]);
    }
    if (v[4] != 0 || v[5] != rows - 1 || v[6] != rows) {
      return CorruptionError("batch ", batch, " is not whole: ", rows, " rows, ", v[6],
                             " distinct positions from ", v[4], " to ", v[5]);
    }
    if (v[7] != 0) {
      return CorruptionError("batch ", batch, ": ", v[7], " rows with a wrong payload or checksum");
    }
    model[batch] = {rows, v[2]};
  }
  return model;
}

std::string DescribeDifference(const BatchModel& expected, const BatchModel& found) {
  std::string out;
  int shown = 0;
  auto describe = [](const BatchModel& m, int64_t batch) -> std::string {
    auto it = m.find(batch);
    if (it == m.end()) return "no batch";
    return Concat(it->second.rows, " rows v", it->second.version);
  };
  std::map<int64_t, bool> ids;
  for (const auto& [b, s] : expected) ids[b] = true;
  for (const auto& [b, s] : found) ids[b] = true;
  int differences = 0;
  for (const auto& [b, unused] : ids) {
    auto e = expected.find(b);
    auto f = found.find(b);
    bool same = e != expected.end() && f != found.end() && e->second == f->second;
    if (same) continue;
    differences++;
    if (shown++ < 5) {
      out += Concat(out.empty() ? "" : "; ", "batch ", b, ": expected ", describe(expected, b),
                    ", found ", describe(found, b));
    }
  }
  if (differences > shown) out += Concat(" (", differences, " batches differ)");
  return out;
}

Status CheckIntegrity(Connection& connection) {
  FLUX_ASSIGN_OR_RETURN(auto result, connection.Query("PRAGMA integrity_check"));
  if (result->RowCount() == 1 && result->GetValue(0, 0).ToString() == "ok") {
    return absl::OkStatus();
  }
  std::string problems;
  for (idx_t r = 0; r < result->RowCount() && r < 5; r++) {
    problems += Concat(r == 0 ? "" : "; ", result->GetValue(0, r).ToString());
  }
  return CorruptionError("integrity_check: ", problems);
}

Status Execute(Connection& connection, std::string_view sql) {
  return connection.Query(sql).status();
}

}  // namespace fluxdb::torture
