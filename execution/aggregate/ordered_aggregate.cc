#include "execution/aggregate/ordered_aggregate.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "common/chunk_collection.h"
#include "execution/aggregate/aggregate_function.h"
#include "execution/sort/row_sorter.h"

namespace fluxdb {

namespace {

struct OrderDirection {
  bool ascending;
  bool nulls_first;
  bool operator==(const OrderDirection&) const = default;
};

struct OrderedAggregateData : FunctionData {
  /// The wrapped call: its function, bind data and arguments (for their types and constants;
  /// never evaluated).
  BoundExprPtr inner;
  idx_t argument_count = 0;
  std::vector<OrderDirection> orders;

  std::unique_ptr<FunctionData> Copy() const override {
    auto copy = std::make_unique<OrderedAggregateData>();
    copy->inner = inner->Copy();
    copy->argument_count = argument_count;
    copy->orders = orders;
    return copy;
  }
  bool Equals(const FunctionData& other) const override {
    const auto& o = static_cast<const OrderedAggregateData&>(other);
    return inner->aggregate == o.inner->aggregate && argument_count == o.argument_count &&
           orders == o.orders;
  }
};

const OrderedAggregateData& DataOf(const BoundExpression& expr) {
  return static_cast<const OrderedAggregateData&>(*expr.bind_data);
}

/// A group's rows: the arguments then the sort keys. Chunks start small and double, so that
/// many small groups stay small.
struct BufferedRows {
  std::vector<DataChunk> chunks;

  void Append(const Vector* inputs, idx_t input_count, const sel_t* rows, idx_t count) {
    idx_t done = 0;
    while (done < count) {
      if (chunks.empty() || chunks.back().size() == chunks.back().capacity()) {
        idx_t capacity = chunks.empty() ? 16 : std::min(kVectorSize, chunks.back().capacity() * 2);
        std::vector<LogicalType> types;
        for (idx_t c = 0; c < input_count; c++) types.push_back(inputs[c].type());
        chunks.emplace_back();
        chunks.back().Initialize(types, capacity);
      }
      DataChunk& target = chunks.back();
      idx_t n = std::min(count - done, target.capacity() - target.size());
      for (idx_t c = 0; c < input_count; c++) {
        if (rows == nullptr) {
          target.column(c).CopyRange(inputs[c], done, n, target.size());
        } else {
          SelectionVector piece(const_cast<sel_t*>(rows + done));
          target.column(c).CopyRows(inputs[c], piece, n, target.size());
        }
      }
      target.SetCardinality(target.size() + n);
      done += n;
    }
  }
};

struct OrderedState {
  BufferedRows* rows;
};

BufferedRows& RowsOf(StatePtr state) {
  auto& s = *reinterpret_cast<OrderedState*>(state);
  if (s.rows == nullptr) s.rows = new BufferedRows();
  return *s.rows;
}

idx_t StateSize(const BoundExpression&) { return sizeof(OrderedState); }

void Initialize(const BoundExpression&, StatePtr state) { new (state) OrderedState{nullptr}; }

Status Update(const BoundExpression&, const Vector* inputs, idx_t input_count, StatePtr* states,
              idx_t count) {
  // Rows of one group go in together: order the row numbers by state, then append each run.
  std::vector<sel_t> rows(count);
  for (idx_t i = 0; i < count; i++) rows[i] = static_cast<sel_t>(i);
  std::stable_sort(rows.begin(), rows.end(),
                   [&](sel_t a, sel_t b) { return states[a] < states[b]; });
  for (idx_t start = 0; start < count;) {
    idx_t end = start + 1;
    while (end < count && states[rows[end]] == states[rows[start]]) end++;
    RowsOf(states[rows[start]]).Append(inputs, input_count, rows.data() + start, end - start);
    start = end;
  }
  return Status();
}

Status SimpleUpdate(const BoundExpression&, const Vector* inputs, idx_t input_count, StatePtr state,
                    idx_t count) {
  RowsOf(state).Append(inputs, input_count, nullptr, count);
  return Status();
}

Status Combine(const BoundExpression&, StatePtr* sources, StatePtr* targets, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    auto& source = *reinterpret_cast<OrderedState*>(sources[i]);
    if (source.rows == nullptr) continue;
    BufferedRows& target = RowsOf(targets[i]);
    for (auto& chunk : source.rows->chunks) target.chunks.push_back(std::move(chunk));
    source.rows->chunks.clear();
  }
  return Status();
}

// Memory for one state of the wrapped aggregate, suitably aligned.
class InnerState {
 public:
  explicit InnerState(const BoundExpression& inner)
      : inner_(inner),
        storage_(new std::max_align_t[(inner.aggregate->state_size(inner) +
                                       sizeof(std::max_align_t) - 1) /
                                          sizeof(std::max_align_t) +
                                      1]) {
    inner_.aggregate->initialize(inner_, ptr());
  }
  ~InnerState() {
    StatePtr state = ptr();
    if (inner_.aggregate->destroy != nullptr) inner_.aggregate->destroy(inner_, &state, 1);
  }
  InnerState(const InnerState&) = delete;
  InnerState& operator=(const InnerState&) = delete;
  StatePtr ptr() { return reinterpret_cast<StatePtr>(storage_.get()); }

 private:
  const BoundExpression& inner_;
  std::unique_ptr<std::max_align_t[]> storage_;
};

Status FinalizeOne(const OrderedAggregateData& data, BufferedRows* rows, Vector& result,
                   idx_t row) {
  const BoundExpression& inner = *data.inner;
  const AggregateFunction& function = *inner.aggregate;
  InnerState state(inner);
  if (rows != nullptr && !rows->chunks.empty()) {
    ChunkCollection buffered(rows->chunks[0].types());
    for (const auto& chunk : rows->chunks) buffered.Append(chunk);
    std::vector<SortKey> keys;
    for (idx_t k = 0; k < data.orders.size(); k++) {
      keys.push_back(
          SortKey{data.argument_count + k, data.orders[k].ascending, data.orders[k].nulls_first});
    }
    std::vector<RowRef> order = SortRows(buffered, keys);
    ChunkCollection sorted;
    GatherRows(buffered, order, 0, order.size(), data.argument_count, &sorted);
    std::vector<StatePtr> states(kVectorSize, state.ptr());
    for (idx_t c = 0; c < sorted.chunk_count(); c++) {
      DataChunk& chunk = sorted.chunk(c);
      const Vector* arguments = chunk.columns().data();
      if (function.simple_update != nullptr) {
        FLUX_RETURN_IF_ERROR(function.simple_update(inner, arguments, data.argument_count,
                                                    state.ptr(), chunk.size()));
      } else {
        FLUX_RETURN_IF_ERROR(
            function.update(inner, arguments, data.argument_count, states.data(), chunk.size()));
      }
    }
  }
  StatePtr ptr = state.ptr();
  return function.finalize(inner, &ptr, result, 1, row);
}

Status Finalize(const BoundExpression& expr, StatePtr* states, Vector& result, idx_t count,
                idx_t offset) {
  const auto& data = DataOf(expr);
  for (idx_t i = 0; i < count; i++) {
    auto& s = *reinterpret_cast<OrderedState*>(states[i]);
    FLUX_RETURN_IF_ERROR(FinalizeOne(data, s.rows, result, offset + i));
  }
  return Status();
}

void Destroy(const BoundExpression&, StatePtr* states, idx_t count) {
  for (idx_t i = 0; i < count; i++) {
    auto& s = *reinterpret_cast<OrderedState*>(states[i]);
    delete s.rows;
    s.rows = nullptr;
  }
}

const AggregateFunction& OrderedAggregateFunction() {
  static const AggregateFunction function = [] {
    AggregateFunction f;
    f.name = "ordered_aggregate";
    f.state_size = StateSize;
    f.initialize = Initialize;
    f.update = Update;
    f.simple_update = SimpleUpdate;
    f.combine = Combine;
    f.finalize = Finalize;
    f.destroy = Destroy;
    f.order_dependent = true;
    return f;
  }();
  return function;
}

}  // namespace

BoundExprPtr MakeOrderedAggregate(BoundExprPtr aggregate, std::vector<BoundOrderBy> orders) {
  auto data = std::make_unique<OrderedAggregateData>();
  data->argument_count = aggregate->children.size();
  auto wrapper = std::make_unique<BoundExpression>(BoundExprKind::kAggregate, aggregate->type);
  wrapper->aggregate = &OrderedAggregateFunction();
  wrapper->function_name = aggregate->function_name;
  wrapper->distinct = aggregate->distinct;
  wrapper->filter = std::move(aggregate->filter);
  aggregate->distinct = false;
  for (const auto& child : aggregate->children) wrapper->children.push_back(child->Copy());
  for (auto& order : orders) {
    data->orders.push_back(OrderDirection{order.ascending, order.nulls_first});
    wrapper->children.push_back(std::move(order.expr));
  }
  data->inner = std::move(aggregate);
  wrapper->bind_data = std::move(data);
  return wrapper;
}

}  // namespace fluxdb
