#include "storage/metadata_heap.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "storage/byte_order.h"

namespace fluxdb {

namespace {
constexpr uint32_t kSlotCountOffset = kPageHeaderSize;
constexpr uint32_t kDataStartOffset = kPageHeaderSize + 4;
constexpr uint32_t kSlotsOffset = kPageHeaderSize + 8;
constexpr uint32_t kSlotSize = 8;
constexpr uint32_t kSizeMask = 0x00FFFFFF;
constexpr uint8_t kDirectoryFlag = 1;
constexpr uint32_t kDirectoryHeader = 8;
}  // namespace

struct MetadataHeap::Page {
  std::unique_ptr<uint8_t[]> data;
  uint64_t page_id = 0;  // where the page is in the file; 0 = not written yet
  bool dirty = true;
  uint32_t live_bytes = 0;

  uint32_t slot_count() const { return LoadLE<uint32_t>(data.get() + kSlotCountOffset); }
  void set_slot_count(uint32_t n) { StoreLE<uint32_t>(data.get() + kSlotCountOffset, n); }
  uint32_t data_start() const { return LoadLE<uint32_t>(data.get() + kDataStartOffset); }
  void set_data_start(uint32_t v) { StoreLE<uint32_t>(data.get() + kDataStartOffset, v); }
  uint8_t* slot(uint32_t i) { return data.get() + kSlotsOffset + kSlotSize * i; }
  const uint8_t* slot(uint32_t i) const { return data.get() + kSlotsOffset + kSlotSize * i; }
  uint32_t slot_offset(uint32_t i) const { return LoadLE<uint32_t>(slot(i)); }
  uint32_t slot_size(uint32_t i) const { return LoadLE<uint32_t>(slot(i) + 4) & kSizeMask; }
  uint8_t slot_flags(uint32_t i) const { return LoadLE<uint32_t>(slot(i) + 4) >> 24; }
  void set_slot(uint32_t i, uint32_t offset, uint32_t size, uint8_t flags) {
    StoreLE<uint32_t>(slot(i), offset);
    StoreLE<uint32_t>(slot(i) + 4, size | (static_cast<uint32_t>(flags) << 24));
  }
  uint32_t free_slot() const {
    uint32_t n = slot_count();
    for (uint32_t i = 0; i < n; i++) {
      if (slot_offset(i) == 0) return i;
    }
    return n;
  }
};

MetadataHeap::MetadataHeap(PageKind kind, uint32_t page_size)
    : kind_(kind), page_size_(page_size) {}
MetadataHeap::~MetadataHeap() = default;

MetadataHeap::Page& MetadataHeap::NewPage() {
  auto page = std::make_unique<Page>();
  page->data = std::make_unique<uint8_t[]>(page_size_);  // zeroed
  page->set_slot_count(0);
  page->set_data_start(page_size_);
  pages_.push_back(std::move(page));
  directory_dirty_ = true;
  return *pages_.back();
}

Status MetadataHeap::Load(BufferCache& cache, uint64_t root) {
  std::lock_guard<std::mutex> lock(mu_);
  pages_.clear();
  directory_.clear();
  directory_dirty_ = false;
  const char* name = PageKindName(kind_);
  std::vector<uint64_t> record_pages;
  std::set<uint64_t> seen;
  uint32_t capacity = (PagePayloadSize(page_size_) - kDirectoryHeader) / 8;
  for (uint64_t dir = root; dir != 0;) {
    if (!seen.insert(dir).second) {
      return CorruptionError(name, " directory chain loops at page ", dir);
    }
    FLUX_ASSIGN_OR_RETURN(PageHandle page, cache.Pin(dir));
    PageHeader h = ReadPageHeader(page.data());
    if (h.kind != kind_ || h.flags != kDirectoryFlag) {
      return CorruptionError("page ", dir, " should be a ", name, " directory page but is of kind ",
                             PageKindName(h.kind));
    }
    uint32_t count = LoadLE<uint32_t>(page.payload());
    if (count > capacity) {
      return CorruptionError(name, " directory page ", dir, " claims ", count, " entries");
    }
    for (uint32_t i = 0; i < count; i++) {
      record_pages.push_back(LoadLE<uint64_t>(page.payload() + kDirectoryHeader + 8 * i));
    }
    directory_.push_back(dir);
    dir = h.next_page;
  }
  for (uint64_t id : record_pages) {
    if (!seen.insert(id).second) {
      return CorruptionError(name, " lists page ", id, " twice");
    }
    FLUX_ASSIGN_OR_RETURN(PageHandle handle, cache.Pin(id));
    PageHeader h = ReadPageHeader(handle.data());
    if (h.kind != kind_ || h.flags != 0) {
      return CorruptionError("page ", id, " should be a ", name, " record page but is of kind ",
                             PageKindName(h.kind));
    }
    auto page = std::make_unique<Page>();
    page->data = std::make_unique_for_overwrite<uint8_t[]>(page_size_);
    std::memcpy(page->data.get(), handle.data(), page_size_);
    page->page_id = id;
    page->dirty = false;
    uint32_t n = page->slot_count();
    uint32_t start = page->data_start();
    if (n > (page_size_ - kSlotsOffset) / kSlotSize || start > page_size_ ||
        start < kSlotsOffset + kSlotSize * n) {
      return CorruptionError(name, " page ", id, " has an invalid slot directory");
    }
    for (uint32_t s = 0; s < n; s++) {
      uint32_t off = page->slot_offset(s), size = page->slot_size(s);
      if (off == 0) continue;
      if (off < start || off + size > page_size_ || page->slot_flags(s) > kFragment) {
        return CorruptionError(name, " page ", id, " slot ", s, " points outside the page");
      }
      page->live_bytes += size;
    }
    pages_.push_back(std::move(page));
  }
  insert_hint_ = 0;
  return absl::OkStatus();
}

uint32_t MetadataHeap::FindPageWithSpace(uint32_t size) {
  uint32_t n = static_cast<uint32_t>(pages_.size());
  for (uint32_t k = 0; k < n; k++) {
    uint32_t i = (insert_hint_ + k) % n;
    Page& p = *pages_[i];
    uint32_t slots = p.slot_count();
    uint32_t slot_cost = p.free_slot() == slots ? kSlotSize : 0;
    uint64_t used = kSlotsOffset + kSlotSize * slots + p.live_bytes;
    if (used + slot_cost + size <= page_size_) {
      insert_hint_ = i;
      return i;
    }
  }
  NewPage();
  insert_hint_ = n;
  return n;
}

RecordId MetadataHeap::InsertRaw(std::string_view bytes, uint8_t flags) {
  uint32_t size = static_cast<uint32_t>(bytes.size());
  FLUX_CHECK(size <= max_inline_record());
  uint32_t index = FindPageWithSpace(size);
  Page& p = *pages_[index];
  uint32_t slot = p.free_slot();
  uint32_t slots = std::max(p.slot_count(), slot + 1);
  if (p.data_start() < kSlotsOffset + kSlotSize * slots + size) {
    // Enough space in total, but fragmented by deletes: pack the records at the end again.
    std::vector<std::pair<uint32_t, std::string>> live;
    for (uint32_t s = 0; s < p.slot_count(); s++) {
      if (p.slot_offset(s) == 0) continue;
      live.emplace_back(s,
                        std::string(reinterpret_cast<const char*>(p.data.get()) + p.slot_offset(s),
                                    p.slot_size(s)));
    }
    uint32_t end = page_size_;
    for (auto& [s, rec] : live) {
      end -= static_cast<uint32_t>(rec.size());
      std::memcpy(p.data.get() + end, rec.data(), rec.size());
      p.set_slot(s, end, static_cast<uint32_t>(rec.size()), p.slot_flags(s));
    }
    p.set_data_start(end);
  }
  FLUX_CHECK(p.data_start() >= kSlotsOffset + kSlotSize * slots + size);
  uint32_t offset = p.data_start() - size;
  // An empty record still needs a non-zero offset to count as used.
  if (size > 0) std::memcpy(p.data.get() + offset, bytes.data(), size);
  p.set_data_start(offset);
  p.set_slot_count(slots);
  p.set_slot(slot, offset, size, flags);
  p.live_bytes += size;
  p.dirty = true;
  return RecordId{index, slot};
}

RecordId MetadataHeap::Insert(std::string_view record) {
  std::lock_guard<std::mutex> lock(mu_);
  uint32_t limit = max_inline_record();
  if (record.size() <= limit) return InsertRaw(record, kPlain);
  std::string head;
  uint64_t fragments = (record.size() + limit - 1) / limit;
  head.resize(8);
  StoreLE<uint32_t>(head.data(), static_cast<uint32_t>(record.size()));
  StoreLE<uint32_t>(head.data() + 4, static_cast<uint32_t>(fragments));
  for (uint64_t f = 0; f < fragments; f++) {
    std::string_view part = record.substr(f * limit, limit);
    RecordId id = InsertRaw(part, kFragment);
    char entry[8];
    StoreLE<uint32_t>(entry, id.page);
    StoreLE<uint32_t>(entry + 4, id.slot);
    head.append(entry, 8);
  }
  FLUX_CHECK(head.size() <= limit);
  return InsertRaw(head, kLargeHead);
}

std::string_view MetadataHeap::RawRecord(RecordId id, uint8_t* flags) const {
  if (!id.valid() || id.page >= pages_.size()) return {};
  const Page& p = *pages_[id.page];
  if (id.slot >= p.slot_count() || p.slot_offset(id.slot) == 0) return {};
  *flags = p.slot_flags(id.slot);
  return std::string_view(reinterpret_cast<const char*>(p.data.get()) + p.slot_offset(id.slot),
                          p.slot_size(id.slot));
}

void MetadataHeap::DeleteRaw(RecordId id) {
  Page& p = *pages_[id.page];
  p.live_bytes -= p.slot_size(id.slot);
  p.set_slot(id.slot, 0, 0, 0);
  uint32_t n = p.slot_count();
  while (n > 0 && p.slot_offset(n - 1) == 0) n--;
  p.set_slot_count(n);
  if (n == 0) p.set_data_start(page_size_);
  p.dirty = true;
}

void MetadataHeap::Delete(RecordId id) {
  std::lock_guard<std::mutex> lock(mu_);
  uint8_t flags = 0;
  std::string_view raw = RawRecord(id, &flags);
  FLUX_CHECK(raw.data() != nullptr);
  if (flags == kLargeHead) {
    uint32_t fragments = LoadLE<uint32_t>(raw.data() + 4);
    std::vector<RecordId> parts;
    for (uint32_t f = 0; f < fragments; f++) {
      parts.push_back(
          {LoadLE<uint32_t>(raw.data() + 8 + 8 * f), LoadLE<uint32_t>(raw.data() + 12 + 8 * f)});
    }
    for (RecordId part : parts) DeleteRaw(part);
  }
  DeleteRaw(id);
}

void MetadataHeap::Update(RecordId* id, std::string_view record) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    uint8_t flags = 0;
    std::string_view raw = RawRecord(*id, &flags);
    FLUX_CHECK(raw.data() != nullptr);
    if (flags == kPlain && record.size() <= raw.size()) {
      // Shrinking in place keeps the id; the tail bytes become dead space.
      Page& p = *pages_[id->page];
      std::memcpy(p.data.get() + p.slot_offset(id->slot), record.data(), record.size());
      p.live_bytes -= static_cast<uint32_t>(raw.size() - record.size());
      p.set_slot(id->slot, p.slot_offset(id->slot), static_cast<uint32_t>(record.size()), kPlain);
      p.dirty = true;
      return;
    }
  }
  Delete(*id);
  *id = Insert(record);
}

Status MetadataHeap::Assemble(std::string_view head, std::string* out) const {
  if (head.size() < 8) return CorruptionError("truncated large-record head");
  uint32_t total = LoadLE<uint32_t>(head.data());
  uint32_t fragments = LoadLE<uint32_t>(head.data() + 4);
  if (head.size() != 8 + 8ull * fragments) {
    return CorruptionError("large-record head of the wrong size");
  }
  out->clear();
  out->reserve(total);
  for (uint32_t f = 0; f < fragments; f++) {
    RecordId part{LoadLE<uint32_t>(head.data() + 8 + 8 * f),
                  LoadLE<uint32_t>(head.data() + 12 + 8 * f)};
    uint8_t flags = 0;
    std::string_view bytes = RawRecord(part, &flags);
    if (bytes.data() == nullptr || flags != kFragment) {
      return CorruptionError("large record refers to a missing fragment (page ordinal ", part.page,
                             ", slot ", part.slot, ")");
    }
    out->append(bytes);
  }
  if (out->size() != total) return CorruptionError("large record has the wrong size");
  return absl::OkStatus();
}

StatusOr<std::string> MetadataHeap::Get(RecordId id) const {
  std::lock_guard<std::mutex> lock(mu_);
  uint8_t flags = 0;
  std::string_view raw = RawRecord(id, &flags);
  if (raw.data() == nullptr || flags == kFragment) {
    return InternalError("no record at heap page ", id.page, " slot ", id.slot);
  }
  if (flags == kPlain) return std::string(raw);
  std::string out;
  FLUX_RETURN_IF_ERROR(Assemble(raw, &out));
  return out;
}

Status MetadataHeap::ForEach(const std::function<Status(RecordId, std::string_view)>& fn) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string assembled;
  for (uint32_t i = 0; i < pages_.size(); i++) {
    const Page& p = *pages_[i];
    for (uint32_t s = 0; s < p.slot_count(); s++) {
      uint8_t flags = 0;
      std::string_view raw = RawRecord({i, s}, &flags);
      if (raw.data() == nullptr || flags == kFragment) continue;
      if (flags == kLargeHead) {
        FLUX_RETURN_IF_ERROR(Assemble(raw, &assembled));
        raw = assembled;
      }
      FLUX_RETURN_IF_ERROR(fn({i, s}, raw));
    }
  }
  return absl::OkStatus();
}

uint64_t MetadataHeap::record_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t n = 0;
  for (const auto& p : pages_) {
    for (uint32_t s = 0; s < p->slot_count(); s++) {
      if (p->slot_offset(s) != 0 && p->slot_flags(s) != kFragment) n++;
    }
  }
  return n;
}

bool MetadataHeap::dirty() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (directory_dirty_) return true;
  for (const auto& p : pages_) {
    if (p->dirty) return true;
  }
  return false;
}

StatusOr<uint64_t> MetadataHeap::Flush(PageAllocator& allocator, BufferCache& cache) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<uint64_t> freed;
  // Freed when a write fails half-way too: the heap no longer refers to the pages replaced so
  // far (the retry writes to new ones), and kept they would belong to nothing (leaked).
  struct FreeOnExit {
    PageAllocator& allocator;
    std::vector<uint64_t>& ids;
    ~FreeOnExit() {
      for (uint64_t id : ids) allocator.Free(id);
    }
  } free_on_exit{allocator, freed};
  for (auto& p : pages_) {
    if (!p->dirty && p->page_id != 0) continue;
    uint64_t id = allocator.AllocateOne();
    if (p->page_id != 0) freed.push_back(p->page_id);
    p->page_id = id;
    FLUX_ASSIGN_OR_RETURN(PageHandle page, cache.NewPage(id));
    std::memcpy(page.data(), p->data.get(), page_size_);
    PageHeader h;
    h.kind = kind_;
    h.page_id = id;
    h.used_bytes = 8 + kSlotSize * p->slot_count() + p->live_bytes;
    WritePageHeader(page.data(), h);
    p->dirty = false;
    directory_dirty_ = true;
  }
  if (directory_dirty_) {
    freed.insert(freed.end(), directory_.begin(), directory_.end());
    directory_.clear();
    uint32_t capacity = (PagePayloadSize(page_size_) - kDirectoryHeader) / 8;
    size_t dir_pages = (pages_.size() + capacity - 1) / capacity;
    for (size_t d = 0; d < dir_pages; d++) directory_.push_back(allocator.AllocateOne());
    for (size_t d = 0; d < dir_pages; d++) {
      FLUX_ASSIGN_OR_RETURN(PageHandle page, cache.NewPage(directory_[d]));
      size_t first = d * capacity;
      size_t n = std::min<size_t>(capacity, pages_.size() - first);
      PageHeader h;
      h.kind = kind_;
      h.flags = kDirectoryFlag;
      h.page_id = directory_[d];
      h.next_page = d + 1 < dir_pages ? directory_[d + 1] : 0;
      h.used_bytes = static_cast<uint32_t>(kDirectoryHeader + 8 * n);
      WritePageHeader(page.data(), h);
      StoreLE<uint32_t>(page.payload(), static_cast<uint32_t>(n));
      for (size_t i = 0; i < n; i++) {
        StoreLE<uint64_t>(page.payload() + kDirectoryHeader + 8 * i, pages_[first + i]->page_id);
      }
    }
    directory_dirty_ = false;
  }
  return directory_.empty() ? 0 : directory_.front();
}

HeapStats MetadataHeap::Stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  HeapStats s;
  s.directory_pages = directory_.size();
  s.pages = pages_.size() + directory_.size();
  for (const auto& p : pages_) {
    uint32_t n = p->slot_count();
    uint64_t used = kSlotsOffset + kSlotSize * n + p->live_bytes;
    for (uint32_t i = 0; i < n; i++) {
      if (p->slot_offset(i) == 0) {
        s.slots_free++;
      } else {
        s.slots_used++;
        if (p->slot_flags(i) != kFragment) s.records++;
      }
    }
    s.bytes_used += used;
    s.bytes_free += page_size_ - used;
  }
  return s;
}

std::vector<uint64_t> MetadataHeap::PageIds() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<uint64_t> ids = directory_;
  for (const auto& p : pages_) {
    if (p->page_id != 0) ids.push_back(p->page_id);
  }
  return ids;
}

void MetadataHeap::Verify(std::vector<std::string>* problems) const {
  std::lock_guard<std::mutex> lock(mu_);
  const char* name = PageKindName(kind_);
  std::set<std::pair<uint32_t, uint32_t>> fragments, referenced;
  for (uint32_t i = 0; i < pages_.size(); i++) {
    const Page& p = *pages_[i];
    std::string where = Concat(name, " page ", p.page_id, " (ordinal ", i, ")");
    uint32_t n = p.slot_count();
    if (kSlotsOffset + kSlotSize * n > p.data_start() || p.data_start() > page_size_) {
      problems->push_back(Concat(where, ": slot directory overlaps the record area"));
      continue;
    }
    std::vector<std::pair<uint32_t, uint32_t>> extents;
    uint64_t live = 0;
    for (uint32_t s = 0; s < n; s++) {
      uint32_t off = p.slot_offset(s), size = p.slot_size(s);
      if (off == 0) continue;
      if (off < p.data_start() || off + size > page_size_) {
        problems->push_back(Concat(where, ": slot ", s, " points outside the record area"));
        continue;
      }
      extents.emplace_back(off, off + size);
      live += size;
      uint8_t flags = p.slot_flags(s);
      if (flags == kFragment) fragments.insert({i, s});
      if (flags == kLargeHead) {
        std::string_view raw(reinterpret_cast<const char*>(p.data.get()) + off, size);
        uint32_t count = size >= 8 ? LoadLE<uint32_t>(raw.data() + 4) : 0;
        if (size < 8 || size != 8 + 8ull * count) {
          problems->push_back(Concat(where, ": slot ", s, " is a malformed large-record head"));
          continue;
        }
        for (uint32_t f = 0; f < count; f++) {
          referenced.insert({LoadLE<uint32_t>(raw.data() + 8 + 8 * f),
                             LoadLE<uint32_t>(raw.data() + 12 + 8 * f)});
        }
      }
    }
    std::sort(extents.begin(), extents.end());
    for (size_t e = 1; e < extents.size(); e++) {
      if (extents[e].first < extents[e - 1].second) {
        problems->push_back(Concat(where, ": records overlap at offset ", extents[e].first));
      }
    }
    if (live != p.live_bytes) {
      problems->push_back(Concat(where, ": live byte count is inconsistent"));
    }
  }
  if (fragments != referenced) {
    problems->push_back(Concat(name, ": fragments and large-record heads do not match (",
                               fragments.size(), " fragments, ", referenced.size(),
                               " referenced)"));
  }
}

}  // namespace fluxdb
