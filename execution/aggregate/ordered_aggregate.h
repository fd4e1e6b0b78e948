// Ordered aggregates: agg(x ORDER BY y [DESC]) (string_agg, first, last, any_value ...).
//
// The call becomes a wrapper aggregate whose arguments are the aggregate's own followed by the
// sort keys. Each group buffers its rows; finalizing a group sorts them by the keys and feeds
// them to the wrapped aggregate in that order, as DuckDB's sorted aggregates do.
#pragma once

#include <vector>

#include "execution/expression/bound_expression.h"
#include "execution/expression/window_spec.h"

namespace fluxdb {

/// Wraps a bound aggregate call (kind kAggregate, its bind callback run) so that it sees its
/// input in the order of `orders`. Its DISTINCT and FILTER move to the wrapper.
BoundExprPtr MakeOrderedAggregate(BoundExprPtr aggregate, std::vector<BoundOrderBy> orders);

}  // namespace fluxdb
