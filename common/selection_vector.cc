#include "common/selection_vector.h"

#include <array>

namespace fluxdb {

namespace {
using SelectionBuffer = std::array<sel_t, kVectorSize>;

SelectionBuffer* MakeBuffer(bool incrementing) {
  static SelectionBuffer zero_buffer{};
  static SelectionBuffer incrementing_buffer = [] {
    SelectionBuffer b{};
    for (idx_t i = 0; i < kVectorSize; i++) b[i] = static_cast<sel_t>(i);
    return b;
  }();
  return incrementing ? &incrementing_buffer : &zero_buffer;
}
}  // namespace

const SelectionVector& SelectionVector::Zero() {
  static const SelectionVector zero(MakeBuffer(false)->data());
  return zero;
}

const SelectionVector& SelectionVector::Incrementing() {
  static const SelectionVector incrementing(MakeBuffer(true)->data());
  return incrementing;
}

}  // namespace fluxdb
