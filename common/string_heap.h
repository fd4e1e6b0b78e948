// StringHeap: an arena that owns the bytes of long strings referenced by StringRefs.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/string_ref.h"

namespace fluxdb {

class StringHeap {
 public:
  StringHeap() = default;
  StringHeap(const StringHeap&) = delete;
  StringHeap& operator=(const StringHeap&) = delete;

  /// Copies `s` into the heap (unless it is short enough to inline) and returns a reference.
  StringRef Add(std::string_view s);
  /// Reserves `size` writable bytes; the caller fills them and then calls Finish on the result.
  char* Allocate(size_t size);
  /// Total bytes held, for memory accounting.
  size_t allocated_bytes() const { return allocated_bytes_; }
  void Clear();

 private:
  static constexpr size_t kBlockSize = 32 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cursor_ = nullptr;
  size_t remaining_ = 0;
  size_t allocated_bytes_ = 0;
};

}  // namespace fluxdb
