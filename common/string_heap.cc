#include "common/string_heap.h"

#include <cstring>

namespace fluxdb {

char* StringHeap::Allocate(size_t size) {
  if (size > remaining_) {
    size_t block = size > kBlockSize ? size : kBlockSize;
    blocks_.push_back(std::make_unique<char[]>(block));
    cursor_ = blocks_.back().get();
    remaining_ = block;
    allocated_bytes_ += block;
  }
  char* result = cursor_;
  cursor_ += size;
  remaining_ -= size;
  return result;
}

StringRef StringHeap::Add(std::string_view s) {
  if (s.size() <= StringRef::kInlineLength) return StringRef(s);
  char* dst = Allocate(s.size());
  std::memcpy(dst, s.data(), s.size());
  return StringRef(dst, static_cast<uint32_t>(s.size()));
}

void StringHeap::Clear() {
  blocks_.clear();
  cursor_ = nullptr;
  remaining_ = 0;
  allocated_bytes_ = 0;
}

}  // namespace fluxdb
