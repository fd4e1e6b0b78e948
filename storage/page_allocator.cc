#include "storage/page_allocator.h"

#include <algorithm>

#include "storage/byte_order.h"

namespace fluxdb {

namespace {
constexpr uint32_t kTrunkHeader = 8;
uint64_t TrunkCapacity(uint32_t page_size) {
  return (PagePayloadSize(page_size) - kTrunkHeader) / sizeof(uint64_t);
}
}  // namespace

void PageAllocator::InitEmpty() {
  std::lock_guard<std::mutex> lock(mu_);
  page_count_ = durable_page_count_ = kFirstDataPage;
  free_.clear();
  pending_.clear();
  trunks_.clear();
}

Status PageAllocator::Load(const DatabaseHeader& header) {
  std::lock_guard<std::mutex> lock(mu_);
  page_count_ = durable_page_count_ = header.page_count;
  free_.clear();
  pending_.clear();
  trunks_.clear();
  uint64_t trunk = header.free_list_head;
  std::set<uint64_t> seen;
  while (trunk != 0) {
    if (trunk < kFirstDataPage || trunk >= page_count_ || !seen.insert(trunk).second) {
      return CorruptionError("free list refers to invalid trunk page ", trunk);
    }
    FLUX_ASSIGN_OR_RETURN(PageHandle page, cache_->Pin(trunk));
    PageHeader h = ReadPageHeader(page.data());
    if (h.kind != PageKind::kFreeTrunk) {
      return CorruptionError("page ", trunk, " should be a free-list trunk but is of kind ",
                             PageKindName(h.kind));
    }
    const uint8_t* p = page.payload();
    uint32_t count = LoadLE<uint32_t>(p);
    if (count > TrunkCapacity(cache_->page_size())) {
      return CorruptionError("free-list trunk page ", trunk, " claims ", count, " entries");
    }
    for (uint32_t i = 0; i < count; i++) {
      uint64_t id = LoadLE<uint64_t>(p + kTrunkHeader + 8 * i);
      if (id < kFirstDataPage || id >= page_count_ || !free_.insert(id).second) {
        return CorruptionError("free-list trunk page ", trunk, " lists invalid page ", id);
      }
    }
    trunks_.push_back(trunk);
    trunk = h.next_page;
  }
  for (uint64_t t : trunks_) {
    if (free_.contains(t)) {
      return CorruptionError("free-list trunk page ", t, " is listed as free");
    }
  }
  if (free_.size() != header.free_page_count) {
    return CorruptionError("free list holds ", free_.size(), " pages, the header says ",
                           header.free_page_count);
  }
  return absl::OkStatus();
}

uint64_t PageAllocator::page_count() {
  std::lock_guard<std::mutex> lock(mu_);
  return page_count_;
}

void PageAllocator::TakeRun(uint64_t first, uint64_t count, std::vector<PageRun>* out) {
  for (uint64_t p = first; p < first + count; p++) free_.erase(p);
  if (!out->empty() && out->back().first + out->back().count == first) {
    out->back().count += count;
  } else {
    out->push_back({first, count});
  }
}

std::vector<PageRun> PageAllocator::Allocate(uint64_t count) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<PageRun> result;
  if (count == 0) return result;
  // First fit: the first run of free pages long enough for everything. The search is bounded so
  // that a badly fragmented free list cannot make every allocation slow.
  constexpr uint64_t kSearchLimit = 1 << 16;
  uint64_t run_first = 0, run_length = 0, searched = 0;
  for (uint64_t p : free_) {
    if (++searched > kSearchLimit) {
      run_length = 0;
      break;
    }
    if (run_length > 0 && p == run_first + run_length) {
      run_length++;
    } else {
      run_first = p;
      run_length = 1;
    }
    if (run_length == count) {
      TakeRun(run_first, count, &result);
      return result;
    }
  }
  // A free run reaching the end of the file can be extended by growing.
  if (run_length > 0 && run_first + run_length == page_count_) {
    TakeRun(run_first, run_length, &result);
    count -= run_length;
  } else {
    // Fragmented: take free pages in order, then grow.
    while (count > 0 && !free_.empty()) {
      TakeRun(*free_.begin(), 1, &result);
      count--;
    }
  }
  if (count > 0) {
    uint64_t first = page_count_;
    page_count_ += count;
    if (!result.empty() && result.back().first + result.back().count == first) {
      result.back().count += count;
    } else {
      result.push_back({first, count});
    }
  }
  return result;
}

uint64_t PageAllocator::AllocateOne() { return Allocate(1).front().first; }

void PageAllocator::Free(uint64_t page_id) {
  cache_->Discard(page_id);
  std::lock_guard<std::mutex> lock(mu_);
  FLUX_CHECK(page_id >= kFirstDataPage && page_id < page_count_);
  if (cache_->in_memory()) {
    free_.insert(page_id);
  } else {
    pending_.insert(page_id);
  }
}

void PageAllocator::Free(const std::vector<PageRun>& runs) {
  for (const PageRun& run : runs) {
    for (uint64_t p = run.first; p < run.first + run.count; p++) Free(p);
  }
}

StatusOr<PageAllocator::FreeListRoot> PageAllocator::WriteFreeList(
    const std::vector<uint64_t>& reserved) {
  std::lock_guard<std::mutex> lock(mu_);
  committing_ = std::move(pending_);
  pending_.clear();
  std::set<uint64_t> listed = free_;
  listed.insert(committing_.begin(), committing_.end());
  listed.insert(trunks_.begin(), trunks_.end());

  // Trunks go on pages free in the current header (never on pages it still references); the
  // trunks taken shrink the list, so the count computed first is enough.
  uint64_t capacity = TrunkCapacity(cache_->page_size());
  uint64_t needed = (listed.size() + reserved.size() + capacity - 1) / capacity;
  new_trunks_.clear();
  for (uint64_t p : free_) {
    if (new_trunks_.size() == needed) break;
    new_trunks_.push_back(p);
  }
  while (new_trunks_.size() < needed) new_trunks_.push_back(page_count_++);
  for (uint64_t t : new_trunks_) {
    free_.erase(t);
    listed.erase(t);
  }
  committing_page_count_ = page_count_;

  // Pages that never reached the file get a formatted free page, so that every page of the file
  // carries a valid checksum.
  for (uint64_t p : listed) {
    if (p < durable_page_count_) continue;
    FLUX_ASSIGN_OR_RETURN(PageHandle page, cache_->NewPage(p));
    PageHeader h;
    h.kind = PageKind::kFree;
    h.page_id = p;
    WritePageHeader(page.data(), h);
  }

  listed.insert(reserved.begin(), reserved.end());
  std::vector<uint64_t> ids(listed.begin(), listed.end());
  size_t next = 0;
  for (size_t t = 0; t < new_trunks_.size(); t++) {
    FLUX_ASSIGN_OR_RETURN(PageHandle page, cache_->NewPage(new_trunks_[t]));
    uint64_t n = std::min<uint64_t>(capacity, ids.size() - next);
    PageHeader h;
    h.kind = PageKind::kFreeTrunk;
    h.page_id = new_trunks_[t];
    h.next_page = t + 1 < new_trunks_.size() ? new_trunks_[t + 1] : 0;
    h.used_bytes = static_cast<uint32_t>(kTrunkHeader + 8 * n);
    WritePageHeader(page.data(), h);
    uint8_t* p = page.payload();
    StoreLE<uint32_t>(p, static_cast<uint32_t>(n));
    for (uint64_t i = 0; i < n; i++) StoreLE<uint64_t>(p + kTrunkHeader + 8 * i, ids[next + i]);
    next += n;
  }
  FreeListRoot root;
  root.head = new_trunks_.empty() ? 0 : new_trunks_.front();
  root.free_pages = ids.size();
  return root;
}

void PageAllocator::CommitCheckpoint() {
  std::lock_guard<std::mutex> lock(mu_);
  free_.insert(committing_.begin(), committing_.end());
  free_.insert(trunks_.begin(), trunks_.end());
  committing_.clear();
  trunks_ = std::move(new_trunks_);
  new_trunks_.clear();
  durable_page_count_ = committing_page_count_;
}

void PageAllocator::AbortCheckpoint() {
  std::lock_guard<std::mutex> lock(mu_);
  pending_.insert(committing_.begin(), committing_.end());
  committing_.clear();
  free_.insert(new_trunks_.begin(), new_trunks_.end());
  new_trunks_.clear();
}

std::vector<uint64_t> PageAllocator::FreePages() {
  std::lock_guard<std::mutex> lock(mu_);
  std::set<uint64_t> all = free_;
  all.insert(pending_.begin(), pending_.end());
  return std::vector<uint64_t>(all.begin(), all.end());
}

std::vector<uint64_t> PageAllocator::TrunkPages() {
  std::lock_guard<std::mutex> lock(mu_);
  return trunks_;
}

}  // namespace fluxdb
