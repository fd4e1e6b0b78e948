// ORDER BY followed by LIMIT becomes TOP_N, which keeps only limit + offset rows per thread
// instead of sorting everything.
#include "planner/optimizer/optimizer.h"

namespace fluxdb {

void IntroduceTopN(LogicalOperatorPtr& plan) {
  for (auto& child : plan->children) IntroduceTopN(child);
  if (plan->type != LogicalOperatorType::kLimit) return;
  auto& limit = plan->As<LogicalLimit>();
  if (limit.limit == LogicalLimit::kNoLimit) return;
  if (plan->children[0]->type != LogicalOperatorType::kOrder) return;
  auto& order = plan->children[0]->As<LogicalOrder>();
  auto top_n = std::make_unique<LogicalTopN>(std::move(order.orders), limit.limit, limit.offset);
  top_n->children.push_back(std::move(order.children[0]));
  plan = std::move(top_n);
}

}  // namespace fluxdb
