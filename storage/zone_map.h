// Zone maps: whether a column chunk can be skipped for a filter, judging by its statistics only.
#pragma once

#include <optional>

#include "common/value.h"
#include "storage/table_filter.h"

namespace fluxdb {

/// The reason to skip a chunk whose rows have the given statistics (min/max NULL when every row
/// is NULL), or nullopt when some row might pass `filter`.
std::optional<PruneReason> CheckZoneMap(const ColumnFilter& filter, const Value& min,
                                        const Value& max, idx_t null_count, idx_t row_count);

}  // namespace fluxdb
