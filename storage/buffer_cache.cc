#include "storage/buffer_cache.h"

#include <cstring>

namespace fluxdb {

namespace {
constexpr uint64_t kMinCapacityPages = 8;
}

PageHandle& PageHandle::operator=(PageHandle&& other) noexcept {
  if (this != &other) {
    Release();
    cache_ = other.cache_;
    frame_ = other.frame_;
    from_disk_ = other.from_disk_;
    other.cache_ = nullptr;
    other.frame_ = nullptr;
  }
  return *this;
}

void PageHandle::Release() {
  if (frame_ != nullptr) cache_->Unpin(frame_);
  frame_ = nullptr;
  cache_ = nullptr;
}

BufferCache::BufferCache(BlockFile* file, uint32_t page_size, uint64_t capacity_bytes)
    : file_(file), page_size_(page_size) {
  SetCapacity(capacity_bytes);
}

BufferCache::~BufferCache() = default;

void BufferCache::SetCapacity(uint64_t capacity_bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  capacity_pages_ = capacity_bytes / page_size_;
  if (capacity_pages_ < kMinCapacityPages) capacity_pages_ = kMinCapacityPages;
  // A lower budget takes effect now, not only as frames happen to be reused.
  for (size_t i = frames_.size(); i-- > 0 && frames_.size() > capacity_pages_;) {
    if (i < frames_.size()) ReleaseFrameLocked(frames_[i].get());
  }
}

bool BufferCache::ReleaseFrameLocked(Frame* frame) {
  if (file_ == nullptr || frame->pins > 0 || frame->loading) return false;
  if (frame->in_use) {
    if (frame->dirty.load(std::memory_order_relaxed) && !WriteBack(frame).ok()) return false;
    table_.erase(frame->page_id);
    evictions_++;
  } else {
    std::erase(spare_, frame);
  }
  size_t slot = frame->slot;
  std::swap(frames_[slot], frames_.back());
  frames_[slot]->slot = slot;
  frames_.pop_back();
  if (clock_hand_ >= frames_.size()) clock_hand_ = 0;
  return true;
}

void BufferCache::Unpin(Frame* frame) {
  std::lock_guard<std::mutex> lock(mu_);
  FLUX_CHECK(frame->pins > 0);
  frame->pins--;
  // A frame added while every frame was pinned goes as soon as it is free again: the cache
  // shrinks back to its budget instead of keeping the peak.
  if (frame->pins == 0 && frames_.size() > capacity_pages_) ReleaseFrameLocked(frame);
}

Status BufferCache::WriteBack(Frame* frame) {
  SealPage(frame->data.get(), page_size_);
  FLUX_RETURN_IF_ERROR(file_->WritePage(frame->page_id, frame->data.get()));
  frame->dirty.store(false, std::memory_order_relaxed);
  writes_++;
  return absl::OkStatus();
}

BufferCache::Frame* BufferCache::GrabFrame(std::unique_lock<std::mutex>& lock, Status* error) {
  if (!spare_.empty()) {
    Frame* f = spare_.back();
    spare_.pop_back();
    return f;
  }
  bool grow = file_ == nullptr || frames_.size() < capacity_pages_;
  if (!grow) {
    // Clock: a referenced frame gets a second chance; two full turns find any unpinned frame.
    size_t n = frames_.size();
    for (size_t step = 0; step < 2 * n; step++) {
      Frame* f = frames_[clock_hand_].get();
      clock_hand_ = (clock_hand_ + 1) % n;
      if (!f->in_use || f->pins > 0 || f->loading) continue;
      if (f->referenced) {
        f->referenced = false;
        continue;
      }
      if (f->dirty.load(std::memory_order_relaxed)) {
        Status s = WriteBack(f);
        if (!s.ok()) {
          *error = s;
          return nullptr;
        }
      }
      table_.erase(f->page_id);
      f->in_use = false;
      evictions_++;
      return f;
    }
  }
  // Everything is pinned (or the cache is still filling up): grow.
  frames_.push_back(std::make_unique<Frame>());
  Frame* f = frames_.back().get();
  f->slot = frames_.size() - 1;
  f->data = std::make_unique_for_overwrite<uint8_t[]>(page_size_);
  return f;
}

StatusOr<PageHandle> BufferCache::Pin(uint64_t page_id) {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    auto it = table_.find(page_id);
    if (it == table_.end()) break;
    Frame* f = it->second;
    if (f->loading) {
      loaded_.wait(lock);
      continue;  // the frame may have been dropped after a failed read
    }
    f->pins++;
    f->referenced = true;
    hits_++;
    return PageHandle(this, f, false);
  }
  if (file_ == nullptr) {
    return InternalError("page ", page_id, " of the in-memory database does not exist");
  }
  misses_++;
  Status error;
  Frame* f = GrabFrame(lock, &error);
  if (f == nullptr) return error;
  f->page_id = page_id;
  f->pins = 1;
  f->loading = true;
  f->referenced = true;
  f->in_use = true;
  f->dirty.store(false, std::memory_order_relaxed);
  table_[page_id] = f;
  lock.unlock();

  Status s = file_->ReadPage(page_id, f->data.get());
  if (s.ok()) s = VerifyPage(f->data.get(), page_size_, page_id, file_->path());

  lock.lock();
  f->loading = false;
  if (!s.ok()) {
    f->pins = 0;
    f->in_use = false;
    table_.erase(page_id);
    spare_.push_back(f);
    loaded_.notify_all();
    return s;
  }
  loaded_.notify_all();
  return PageHandle(this, f, true);
}

StatusOr<PageHandle> BufferCache::NewPage(uint64_t page_id) {
  std::unique_lock<std::mutex> lock(mu_);
  Frame* f;
  auto it = table_.find(page_id);
  if (it != table_.end()) {
    f = it->second;
    FLUX_CHECK(!f->loading && f->pins == 0);
  } else {
    Status error;
    f = GrabFrame(lock, &error);
    if (f == nullptr) return error;
    f->page_id = page_id;
    f->in_use = true;
    table_[page_id] = f;
  }
  f->pins = 1;
  f->referenced = true;
  std::memset(f->data.get(), 0, page_size_);
  f->dirty.store(true, std::memory_order_relaxed);
  return PageHandle(this, f, false);
}

Status BufferCache::Flush() {
  if (file_ == nullptr) return absl::OkStatus();
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& f : frames_) {
    if (f->in_use && !f->loading && f->dirty.load(std::memory_order_relaxed)) {
      FLUX_RETURN_IF_ERROR(WriteBack(f.get()));
    }
  }
  return absl::OkStatus();
}

void BufferCache::Discard(uint64_t page_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = table_.find(page_id);
  if (it == table_.end()) return;
  Frame* f = it->second;
  if (f->pins > 0 || f->loading) return;  // still read by someone; evicted later
  table_.erase(it);
  f->in_use = false;
  f->dirty.store(false, std::memory_order_relaxed);
  if (file_ == nullptr) {
    // In memory the frame is the page: give its memory back.
    size_t slot = f->slot;
    std::swap(frames_[slot], frames_.back());
    frames_[slot]->slot = slot;
    frames_.pop_back();
    clock_hand_ = 0;
    return;
  }
  spare_.push_back(f);
}

bool BufferCache::IsCached(uint64_t page_id) {
  std::lock_guard<std::mutex> lock(mu_);
  return table_.contains(page_id);
}

BufferCacheStats BufferCache::Stats() {
  std::lock_guard<std::mutex> lock(mu_);
  BufferCacheStats s;
  s.capacity_bytes = file_ == nullptr ? 0 : capacity_pages_ * page_size_;
  s.frames = frames_.size();
  for (auto& f : frames_) {
    if (!f->in_use) continue;
    s.cached_pages++;
    if (f->pins > 0) s.pinned_pages++;
    if (f->dirty.load(std::memory_order_relaxed)) s.dirty_pages++;
  }
  s.hits = hits_;
  s.misses = misses_;
  s.evictions = evictions_;
  s.writes = writes_;
  return s;
}

}  // namespace fluxdb
