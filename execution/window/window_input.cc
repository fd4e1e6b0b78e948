#include "execution/window/window_input.h"

#include <cmath>
#include <memory>
#include <optional>

#include "execution/aggregate/aggregate_function.h"
#include "execution/expression/window_spec.h"

namespace fluxdb {

WindowLayout WindowLayout::For(const BoundExpression& window) {
  WindowLayout layout;
  layout.argument_count = window.children.size();
  layout.partition_count = window.window->partitions.size();
  layout.order_count = window.window->orders.size();
  layout.has_filter = window.filter != nullptr;
  layout.has_start_offset = window.window->start_offset != nullptr;
  layout.has_end_offset = window.window->end_offset != nullptr;
  return layout;
}

BoundExprList WindowLayout::Expressions(const BoundExpression& window) {
  BoundExprList exprs = CopyExpressions(window.children);
  for (const auto& p : window.window->partitions) exprs.push_back(p->Copy());
  for (const auto& o : window.window->orders) exprs.push_back(o.expr->Copy());
  if (window.filter) exprs.push_back(window.filter->Copy());
  if (window.window->start_offset) exprs.push_back(window.window->start_offset->Copy());
  if (window.window->end_offset) exprs.push_back(window.window->end_offset->Copy());
  return exprs;
}

namespace {

// One column of the stored rows, gathered into sorted order as a single flat vector.
void GatherSorted(const ChunkCollection& rows, idx_t column, const std::vector<RowRef>& order,
                  Vector& out) {
  DispatchPhysical(out.type().physical(), [&]<typename T>() {
    T* dst = out.data<T>();
    for (idx_t i = 0; i < order.size(); i++) {
      const Vector& src = rows.chunk(order[i].chunk).column(column);
      if (!src.validity().IsValid(order[i].row)) {
        out.validity().SetInvalid(i);
        dst[i] = T{};
      } else {
        dst[i] = src.data<T>()[order[i].row];  // strings point into `rows`, which outlives `out`
      }
    }
  });
}

void CopyCell(const Vector& src, idx_t from, Vector& dst, idx_t to) {
  if (!src.validity().IsValid(from)) {
    dst.validity().SetInvalid(to);
    return;
  }
  DispatchPhysical(dst.type().physical(), [&]<typename T>() {
    const T& value = src.data<T>()[from];
    if constexpr (std::is_same_v<T, StringRef>) {
      dst.data<T>()[to] = value.IsInlined() ? value : dst.AddString(value.view());
    } else {
      dst.data<T>()[to] = value;
    }
  });
}

double ToDouble(const Vector& v, idx_t i) {
  return DispatchPhysical(v.type().physical(), [&]<typename T>() -> double {
    if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, int128_t>) {
      double d = static_cast<double>(v.data<T>()[i]);
      if (v.type().id() == TypeId::kDecimal) d /= std::pow(10.0, v.type().scale());
      return d;
    } else {
      return 0;
    }
  });
}

int64_t OffsetAt(const Vector& offsets, idx_t i) {
  if (!offsets.validity().IsValid(i)) return 0;
  return static_cast<int64_t>(ToDouble(offsets, i));
}

struct Frame {
  idx_t begin;
  idx_t end;  // exclusive
};

// The one aggregate state of a window aggregate. It owns what the state owns (string_agg's
// strings, median's values), so that every early return on an error frees it.
class WindowAggregateState {
 public:
  explicit WindowAggregateState(const BoundExpression& window)
      : window_(window), function_(*window.aggregate) {
    idx_t size = function_.state_size(window_);
    buffer_ = std::make_unique_for_overwrite<uint8_t[]>(size == 0 ? 1 : size);
  }
  WindowAggregateState(const WindowAggregateState&) = delete;
  WindowAggregateState& operator=(const WindowAggregateState&) = delete;
  ~WindowAggregateState() { Destroy(); }

  bool live() const { return live_; }
  StatePtr get() { return buffer_.get(); }

  // An empty state, in place of whatever the previous frame left.
  void Reset() {
    Destroy();
    function_.initialize(window_, buffer_.get());
    live_ = true;
  }

 private:
  void Destroy() {
    if (!live_) return;
    StatePtr state = buffer_.get();
    if (function_.destroy != nullptr) function_.destroy(window_, &state, 1);
    live_ = false;
  }

  const BoundExpression& window_;
  const AggregateFunction& function_;
  std::unique_ptr<uint8_t[]> buffer_;
  bool live_ = false;
};

class WindowComputation {
 public:
  WindowComputation(const ExecutionContext& context, const BoundExpression& window,
                    const ChunkCollection& rows)
      : context_(context),
        window_(window),
        spec_(*window.window),
        rows_(rows),
        layout_(WindowLayout::For(window)) {}

  Status Run(Vector& result) {
    n_ = rows_.row_count();
    std::vector<SortKey> keys;
    for (idx_t p = 0; p < layout_.partition_count; p++) {
      keys.push_back(SortKey{layout_.partition_begin() + p, true, false});
    }
    for (idx_t o = 0; o < layout_.order_count; o++) {
      keys.push_back(SortKey{layout_.order_begin() + o, spec_.orders[o].ascending,
                             spec_.orders[o].nulls_first});
    }
    // The per-row index arrays and the sorted copy of every column, charged before they exist.
    idx_t row_bytes = sizeof(RowRef) + 6 * sizeof(idx_t) + window_.type.physical_size();
    for (const LogicalType& type : rows_.types()) row_bytes += type.physical_size();
    FLUX_RETURN_IF_ERROR(memory_.Reserve(n_ * row_bytes));
    order_ = SortRows(rows_, keys, static_cast<idx_t>(-1),
                      [&] { return !context_.CheckRunning().ok(); });
    FLUX_RETURN_IF_ERROR(context_.CheckRunning());
    std::vector<idx_t> chunk_starts;
    idx_t start = 0;
    for (idx_t c = 0; c < rows_.chunk_count(); c++) {
      chunk_starts.push_back(start);
      start += rows_.chunk(c).size();
    }
    original_.resize(n_);
    for (idx_t i = 0; i < n_; i++) original_[i] = chunk_starts[order_[i].chunk] + order_[i].row;
    ComputeBoundaries(keys);
    FLUX_RETURN_IF_ERROR(context_.CheckRunning());
    // Every column needed per row, in sorted order.
    for (idx_t c = 0; c < rows_.types().size(); c++) {
      sorted_.push_back(std::make_unique<Vector>(rows_.types()[c], n_ == 0 ? 1 : n_));
      GatherSorted(rows_, c, order_, *sorted_.back());
    }
    FLUX_RETURN_IF_ERROR(context_.CheckRunning());
    Vector sorted_result(window_.type, n_ == 0 ? 1 : n_);
    FLUX_RETURN_IF_ERROR(Compute(sorted_result));
    for (idx_t i = 0; i < n_; i++) CopyCell(sorted_result, i, result, original_[i]);
    return Status();
  }

 private:
  void ComputeBoundaries(const std::vector<SortKey>& keys) {
    std::vector<SortKey> partition_keys(keys.begin(), keys.begin() + layout_.partition_count);
    RowComparator partitions(rows_, partition_keys);
    RowComparator peers(rows_, keys);
    partition_begin_.resize(n_);
    partition_end_.resize(n_);
    peer_begin_.resize(n_);
    peer_end_.resize(n_);
    peer_group_.resize(n_);
    idx_t pb = 0, qb = 0, group = 0;
    for (idx_t i = 0; i < n_; i++) {
      if (i > 0 && partitions.Compare(order_[i - 1], order_[i]) != 0) {
        pb = i;
        qb = i;
        group = 0;
      } else if (i > 0 && peers.Compare(order_[i - 1], order_[i]) != 0) {
        qb = i;
        group++;
      }
      partition_begin_[i] = pb;
      peer_begin_[i] = qb;
      peer_group_[i] = group;
    }
    idx_t pe = n_, qe = n_;
    for (idx_t i = n_; i-- > 0;) {
      if (i + 1 < n_ && partition_begin_[i + 1] != partition_begin_[i]) {
        pe = i + 1;
        qe = i + 1;
      } else if (i + 1 < n_ && peer_begin_[i + 1] != peer_begin_[i]) {
        qe = i + 1;
      }
      partition_end_[i] = pe;
      peer_end_[i] = qe;
    }
  }

  // First sorted position in [lo, hi) whose order key satisfies key >= target (ascending) or
  // key <= target (descending); for RANGE frames with value offsets.
  idx_t SeekRange(idx_t lo, idx_t hi, double target, bool ascending, bool inclusive_end) const {
    const Vector& key = *sorted_[layout_.order_begin()];
    while (lo < hi) {
      idx_t mid = (lo + hi) / 2;
      bool before;
      if (!key.validity().IsValid(mid)) {
        before = false;
      } else {
        double v = ToDouble(key, mid);
        if (ascending) {
          before = inclusive_end ? v <= target : v < target;
        } else {
          before = inclusive_end ? v >= target : v > target;
        }
      }
      if (before) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  StatusOr<Frame> FrameOf(idx_t i) const {
    idx_t pb = partition_begin_[i], pe = partition_end_[i];
    if (spec_.default_frame) {
      if (spec_.orders.empty()) return Frame{pb, pe};
      return Frame{pb, peer_end_[i]};
    }
    auto offset = [&](bool start) -> int64_t {
      const Vector& v =
          *sorted_[start ? layout_.start_offset_column() : layout_.end_offset_column()];
      return OffsetAt(v, i);
    };
    auto bound = [&](FrameBoundType type, bool start) -> StatusOr<idx_t> {
      switch (type) {
        case FrameBoundType::kUnboundedPreceding:
          return pb;
        case FrameBoundType::kUnboundedFollowing:
          return pe;
        case FrameBoundType::kCurrentRow:
          if (spec_.unit == FrameUnitKind::kRows) return start ? i : i + 1;
          return start ? peer_begin_[i] : peer_end_[i];
        case FrameBoundType::kOffsetPreceding:
        case FrameBoundType::kOffsetFollowing: {
          int64_t k = offset(start);
          if (k < 0) return InvalidInputError("Window frame offset must not be negative");
          bool preceding = type == FrameBoundType::kOffsetPreceding;
          if (spec_.unit == FrameUnitKind::kRows) {
            int64_t pos = static_cast<int64_t>(i) + (preceding ? -k : k) + (start ? 0 : 1);
            pos = std::max<int64_t>(pos, static_cast<int64_t>(pb));
            pos = std::min<int64_t>(pos, static_cast<int64_t>(pe));
            return static_cast<idx_t>(pos);
          }
          if (spec_.unit == FrameUnitKind::kGroups) {
            int64_t group = static_cast<int64_t>(peer_group_[i]) + (preceding ? -k : k);
            // Find the first row of `group` (start) or the end of it (end) in the partition.
            idx_t pos = pb;
            while (pos < pe && static_cast<int64_t>(peer_group_[pos]) < group + (start ? 0 : 1))
              pos++;
            return pos;
          }
          if (layout_.order_count != 1) {
            return BinderError("RANGE with an offset requires exactly one ORDER BY column");
          }
          const Vector& key = *sorted_[layout_.order_begin()];
          if (!key.validity().IsValid(i)) return start ? peer_begin_[i] : peer_end_[i];
          bool ascending = spec_.orders[0].ascending;
          double value = ToDouble(key, i);
          double delta = static_cast<double>(k) * ((preceding == ascending) ? -1 : 1);
          return SeekRange(pb, pe, value + delta, ascending, !start);
        }
      }
      return pb;
    };
    FLUX_ASSIGN_OR_RETURN(idx_t begin, bound(spec_.start, true));
    FLUX_ASSIGN_OR_RETURN(idx_t end, bound(spec_.end, false));
    if (end < begin) end = begin;
    return Frame{begin, end};
  }

  Status Compute(Vector& out) {
    const std::string& name = window_.function_name;
    if (window_.aggregate != nullptr) return ComputeAggregate(out);
    int64_t* ints = out.type().physical() == PhysicalType::kInt64 ? out.data<int64_t>() : nullptr;
    for (idx_t i = 0; i < n_; i++) {
      idx_t pb = partition_begin_[i], pe = partition_end_[i];
      if (name == "row_number") {
        ints[i] = static_cast<int64_t>(i - pb + 1);
      } else if (name == "rank") {
        ints[i] = static_cast<int64_t>(peer_begin_[i] - pb + 1);
      } else if (name == "dense_rank") {
        ints[i] = static_cast<int64_t>(peer_group_[i] + 1);
      } else if (name == "percent_rank") {
        double rank = static_cast<double>(peer_begin_[i] - pb);
        out.data<double>()[i] = pe - pb > 1 ? rank / static_cast<double>(pe - pb - 1) : 0.0;
      } else if (name == "cume_dist") {
        out.data<double>()[i] =
            static_cast<double>(peer_end_[i] - pb) / static_cast<double>(pe - pb);
      } else if (name == "ntile") {
        const Vector& buckets = *sorted_[0];
        if (!buckets.validity().IsValid(i)) {
          out.validity().SetInvalid(i);
          continue;
        }
        int64_t k = buckets.data<int64_t>()[i];
        if (k <= 0) return InvalidInputError("Argument for ntile must be greater than zero");
        int64_t size = static_cast<int64_t>(pe - pb), r = static_cast<int64_t>(i - pb);
        if (k > size) {
          ints[i] = r + 1;
        } else {
          int64_t per = size / k, large = size % k, threshold = large * (per + 1);
          ints[i] = r < threshold ? r / (per + 1) + 1 : (r - threshold) / per + large + 1;
        }
      } else if (name == "lag" || name == "lead") {
        int64_t offset = 1;
        if (layout_.argument_count > 1) {
          const Vector& o = *sorted_[1];
          if (!o.validity().IsValid(i)) {
            out.validity().SetInvalid(i);
            continue;
          }
          offset = o.data<int64_t>()[i];
        }
        int64_t j = static_cast<int64_t>(i) + (name == "lag" ? -offset : offset);
        if (j >= static_cast<int64_t>(pb) && j < static_cast<int64_t>(pe)) {
          CopyCell(*sorted_[0], static_cast<idx_t>(j), out, i);
        } else if (layout_.argument_count > 2) {
          CopyCell(*sorted_[2], i, out, i);
        } else {
          out.validity().SetInvalid(i);
        }
      } else if (name == "first_value" || name == "last_value" || name == "nth_value") {
        FLUX_ASSIGN_OR_RETURN(Frame frame, FrameOf(i));
        const Vector& values = *sorted_[0];
        std::optional<idx_t> pick;
        if (name == "nth_value") {
          const Vector& nth = *sorted_[1];
          int64_t k = nth.validity().IsValid(i) ? nth.data<int64_t>()[i] : 0;
          if (k >= 1 && frame.begin + k - 1 < frame.end) pick = frame.begin + k - 1;
        } else if (spec_.ignore_nulls) {
          if (name == "first_value") {
            for (idx_t j = frame.begin; j < frame.end && !pick; j++) {
              if (values.validity().IsValid(j)) pick = j;
            }
          } else {
            for (idx_t j = frame.end; j-- > frame.begin && !pick;) {
              if (values.validity().IsValid(j)) pick = j;
            }
          }
        } else if (frame.end > frame.begin) {
          pick = name == "first_value" ? frame.begin : frame.end - 1;
        }
        if (pick) {
          CopyCell(values, *pick, out, i);
        } else {
          out.validity().SetInvalid(i);
        }
      } else {
        return NotImplementedError("window function ", name);
      }
    }
    return Status();
  }

  // Aggregates over frames. Frames that only grow (running sums) update one state row by row;
  // other frames recompute their state from the frame's rows.
  Status ComputeAggregate(Vector& out) {
    const AggregateFunction& function = *window_.aggregate;
    if (window_.distinct) return NotImplementedError("DISTINCT in window aggregates");
    WindowAggregateState state(window_);
    std::vector<const Vector*> arguments;
    for (idx_t a = 0; a < layout_.argument_count; a++) arguments.push_back(sorted_[a].get());
    const Vector* filter = layout_.has_filter ? sorted_[layout_.filter_column()].get() : nullptr;
    idx_t state_begin = 0, state_end = 0;
    auto add = [&](idx_t begin, idx_t end) -> Status {
      if (end <= begin) return Status();
      SelectionVector sel(end - begin);
      idx_t count = 0;
      for (idx_t j = begin; j < end; j++) {
        if (filter != nullptr && (!filter->validity().IsValid(j) || !filter->data<bool>()[j]))
          continue;
        sel.set_index(count++, j);
      }
      if (count == 0) return Status();
      std::vector<Vector> views(arguments.size());
      for (idx_t a = 0; a < arguments.size(); a++) views[a].Slice(*arguments[a], sel, count);
      return function.simple_update(window_, views.data(), views.size(), state.get(), count);
    };
    for (idx_t i = 0; i < n_; i++) {
      // Frames that do not slide re-aggregate per row: long enough to need the checks.
      if (i % kVectorSize == 0) FLUX_RETURN_IF_ERROR(context_.CheckRunning());
      FLUX_ASSIGN_OR_RETURN(Frame frame, FrameOf(i));
      bool extend = state.live() && frame.begin == state_begin && frame.end >= state_end;
      if (!extend) {
        state.Reset();
        state_begin = frame.begin;
        state_end = frame.begin;
      }
      FLUX_RETURN_IF_ERROR(add(state_end, frame.end));
      state_end = frame.end;
      StatePtr ptr = state.get();
      FLUX_RETURN_IF_ERROR(function.finalize(window_, &ptr, out, 1, i));
    }
    return Status();
  }

  const ExecutionContext& context_;
  const BoundExpression& window_;
  const WindowFrameSpec& spec_;
  const ChunkCollection& rows_;
  WindowLayout layout_;
  idx_t n_ = 0;
  std::vector<RowRef> order_;
  std::vector<idx_t> original_;
  std::vector<idx_t> partition_begin_, partition_end_, peer_begin_, peer_end_, peer_group_;
  std::vector<std::unique_ptr<Vector>> sorted_;
  MemoryCharge memory_;  // the members above, charged to the running query
};

}  // namespace

Status ComputeWindow(const ExecutionContext& context, const BoundExpression& window,
                     const ChunkCollection& rows, Vector& result) {
  WindowComputation computation(context, window, rows);
  return computation.Run(result);
}

}  // namespace fluxdb
