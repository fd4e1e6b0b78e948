// TransientColumn: the in-memory rows of one column of a row group that is being appended to.
//
// Rows live in segments of kVectorSize rows, each a flat Vector created when the first row reaches
// it and never moved or resized, so a scan can read committed rows while the writer appends after
// them. A scan of a segment whose rows are all visible (and therefore immutable) shares the
// segment's buffers (no copy); a partially visible segment is copied.
//
// Thread safety: one writer (Append, Truncate) and any number of readers of rows the writer has
// published (through the row group's row count) before. The validity words a writer may be
// updating next to a reader's rows are accessed atomically.
#pragma once

#include <array>
#include <atomic>
#include <memory>

#include "common/data_chunk.h"
#include "common/string_heap.h"
#include "common/vector.h"

namespace fluxdb {

inline constexpr idx_t kSegmentsPerRowGroup = 60;  // kRowGroupSize / kVectorSize

class TransientColumn {
 public:
  explicit TransientColumn(LogicalType type) : type_(type) {}
  const LogicalType& type() const { return type_; }

  /// Writes `count` rows of `source` (unified view, rows [source_offset, +count)) at row `row`.
  /// Returns the NULL rows written. Writer only.
  idx_t Append(const UnifiedVector& source, idx_t source_offset, idx_t count, idx_t row);
  /// Forgets rows at and after `rows` (rollback). Writer only.
  void Truncate(idx_t rows);

  /// Fills `out` with rows [row, row + count) of one segment. When `immutable` (all of the
  /// segment's rows are committed) and the range is the whole segment, `out` shares its buffers.
  void Scan(idx_t row, idx_t count, bool immutable, Vector& out) const;
  /// Copies rows [row, row + count) (any range inside one row group) into `out` at `out_offset`.
  void Copy(idx_t row, idx_t count, Vector& out, idx_t out_offset) const;

  /// NULL rows among the first `rows`.
  idx_t CountNulls(idx_t rows) const;
  /// Values of segment `segment` (for sealing): the data array and validity of its rows.
  const Vector* segment(idx_t index) const {
    return segments_[index] ? &segments_[index]->vector : nullptr;
  }
  idx_t segment_nulls(idx_t index) const {
    return segments_[index] ? segments_[index]->nulls.load(std::memory_order_relaxed) : 0;
  }

 private:
  struct Segment {
    explicit Segment(LogicalType type) : vector(type, kVectorSize) {
      vector.validity().EnsureWritable();
      // Created up front: readers copy the pointer while the writer appends.
      if (type.physical() == PhysicalType::kString) strings = std::make_shared<StringHeap>();
    }
    Vector vector;
    std::atomic<idx_t> nulls{0};  // read by scans while the writer appends
    // Bytes of long strings; shared with scan outputs that reference them.
    std::shared_ptr<StringHeap> strings;
  };
  Segment& GetSegment(idx_t index);

  LogicalType type_;
  std::array<std::unique_ptr<Segment>, kSegmentsPerRowGroup> segments_;
};

}  // namespace fluxdb
