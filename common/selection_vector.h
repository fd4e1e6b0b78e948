// SelectionVector: a list of row indexes into a vector.
//
// Filters produce selection vectors instead of copying rows; a dictionary vector is a selection
// over a child vector. A SelectionVector without a buffer is the identity (index i -> i).
#pragma once

#include <memory>

#include "common/types.h"

namespace fluxdb {

class SelectionVector {
 public:
  SelectionVector() = default;
  /// An owned, uninitialized selection of `capacity` entries.
  explicit SelectionVector(idx_t capacity)
      : owned_(new sel_t[capacity]), sel_(owned_.get()) {}
  /// Points at entries owned elsewhere.
  explicit SelectionVector(sel_t* external) : sel_(external) {}

  bool IsIdentity() const { return sel_ == nullptr; }
  idx_t get_index(idx_t i) const { return sel_ ? sel_[i] : i; }
  void set_index(idx_t i, idx_t row) { sel_[i] = static_cast<sel_t>(row); }
  sel_t* data() { return sel_; }
  const sel_t* data() const { return sel_; }

  /// A selection where every entry is 0: how a constant vector is read as if it were flat.
  static const SelectionVector& Zero();
  /// A sequential selection 0, 1, 2, ... for callers that need a buffer.
  static const SelectionVector& Incrementing();

 private:
  std::shared_ptr<sel_t[]> owned_;
  sel_t* sel_ = nullptr;
};

}  // namespace fluxdb
