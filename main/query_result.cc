#include "main/query_result.h"

#include <algorithm>

namespace fluxdb {

QueryResult::QueryResult(ResultKind kind, std::vector<std::string> names,
                         std::vector<LogicalType> types)
    : kind_(kind), names_(std::move(names)), types_(std::move(types)) {}

void QueryResult::Append(DataChunk chunk) {
  if (chunk.size() == 0) return;
  chunk_starts_.push_back(row_count_);
  row_count_ += chunk.size();
  chunks_.push_back(std::move(chunk));
}

Value QueryResult::GetValue(idx_t column, idx_t row) const {
  if (column >= types_.size() || row >= row_count_) return Value();
  auto it = std::upper_bound(chunk_starts_.begin(), chunk_starts_.end(), row);
  idx_t index = static_cast<idx_t>(it - chunk_starts_.begin()) - 1;
  return chunks_[index].GetValue(column, row - chunk_starts_[index]);
}

}  // namespace fluxdb
