#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <set>
#include <thread>

#include "storage/block_file.h"
#include "storage/buffer_cache.h"
#include "storage/crc32c.h"
#include "storage/file_handle.h"
#include "storage/page.h"
#include "storage/page_allocator.h"
#include "temp_directory.h"

namespace fluxdb {
namespace {

constexpr uint32_t kPage = 4096;

TEST(Crc32cTest, KnownVectors) {
  EXPECT_EQ(Crc32c("123456789", 9), 0xE3069283u);
  EXPECT_EQ(Crc32c("", 0), 0u);
  std::string zeros(32, '\0');
  EXPECT_EQ(Crc32c(zeros.data(), zeros.size()), 0x8A9136AAu);
  EXPECT_EQ(Crc32cExtend(Crc32c("1234", 4), "56789", 5), 0xE3069283u);
}

TEST(PageTest, HeaderRoundTripAndChecksum) {
  std::vector<uint8_t> page(kPage);
  PageHeader h;
  h.kind = PageKind::kData;
  h.page_id = 17;
  h.next_page = 18;
  h.used_bytes = 100;
  h.table_id = 3;
  h.column_index = 2;
  h.sequence = 1;
  h.chunk_id = 99;
  FormatPage(page.data(), kPage, h);
  page[200] = 0x5A;
  SealPage(page.data(), kPage);
  PageHeader r = ReadPageHeader(page.data());
  EXPECT_EQ(r.kind, PageKind::kData);
  EXPECT_EQ(r.page_id, 17u);
  EXPECT_EQ(r.next_page, 18u);
  EXPECT_EQ(r.table_id, 3u);
  EXPECT_EQ(r.column_index, 2u);
  EXPECT_EQ(r.sequence, 1u);
  EXPECT_EQ(r.chunk_id, 99u);
  EXPECT_TRUE(VerifyPage(page.data(), kPage, 17, "f").ok());
  Status misplaced = VerifyPage(page.data(), kPage, 16, "f");
  EXPECT_FALSE(misplaced.ok());
  page[300] ^= 1;
  Status s = VerifyPage(page.data(), kPage, 17, "f");
  EXPECT_EQ(s.message(), "Corruption Error: checksum mismatch on page 17 (kind data) of file f");
}

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto f = FileHandle::Open(dir_.File("pages.db"), FileHandle::Mode::kReadWriteCreate);
    ASSERT_TRUE(f.ok()) << f.status();
    file_ = std::move(*f);
    block_ = std::make_unique<DiskBlockFile>(file_.get(), kPage);
  }
  // Writes `n` data pages whose payload starts with their id.
  void WritePages(BufferCache& cache, uint64_t first, uint64_t n) {
    for (uint64_t p = first; p < first + n; p++) {
      auto h = cache.NewPage(p);
      ASSERT_TRUE(h.ok());
      PageHeader ph;
      ph.kind = PageKind::kData;
      ph.page_id = p;
      WritePageHeader(h->data(), ph);
      std::memcpy(h->payload(), &p, 8);
    }
  }
  testing::TempDirectory dir_;
  std::unique_ptr<FileHandle> file_;
  std::unique_ptr<DiskBlockFile> block_;
};

TEST_F(CacheTest, EvictionUnderSmallLimitWritesBackDirtyPages) {
  BufferCache cache(block_.get(), kPage, 8 * kPage);
  WritePages(cache, 0, 40);
  BufferCacheStats s = cache.Stats();
  EXPECT_LE(s.cached_pages, 8u);
  EXPECT_GE(s.evictions, 32u);
  ASSERT_TRUE(cache.Flush().ok());
  // Every page reads back with its content, through a cache of 8 frames.
  for (uint64_t p = 0; p < 40; p++) {
    auto h = cache.Pin(p);
    ASSERT_TRUE(h.ok()) << h.status();
    uint64_t v;
    std::memcpy(&v, h->payload(), 8);
    EXPECT_EQ(v, p);
  }
  EXPECT_LE(cache.Stats().cached_pages, 8u);
}

TEST_F(CacheTest, PinnedPagesAreNeverEvicted) {
  BufferCache cache(block_.get(), kPage, 8 * kPage);
  WritePages(cache, 0, 20);
  ASSERT_TRUE(cache.Flush().ok());
  std::vector<PageHandle> pins;
  for (uint64_t p = 0; p < 8; p++) pins.push_back(std::move(*cache.Pin(p)));
  EXPECT_EQ(cache.Stats().pinned_pages, 8u);
  // All frames are pinned: the cache grows past its budget instead of failing.
  auto extra = cache.Pin(10);
  ASSERT_TRUE(extra.ok());
  for (uint64_t p = 0; p < 8; p++) EXPECT_TRUE(cache.IsCached(p));
  // A page pinned twice stays pinned until both handles are released.
  auto again = cache.Pin(3);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->from_disk());
  pins.clear();
  EXPECT_EQ(cache.Stats().pinned_pages, 2u);
  again->Release();
  extra->Release();
  EXPECT_EQ(cache.Stats().pinned_pages, 0u);
}

TEST_F(CacheTest, FramesBeyondTheBudgetAreFreedWhenUnpinned) {
  BufferCache cache(block_.get(), kPage, 8 * kPage);
  WritePages(cache, 0, 30);
  ASSERT_TRUE(cache.Flush().ok());
  std::vector<PageHandle> pins;
  for (uint64_t p = 0; p < 20; p++) pins.push_back(std::move(*cache.Pin(p)));
  EXPECT_EQ(cache.Stats().frames, 20u);  // everything pinned: grown past the budget
  pins.clear();
  EXPECT_EQ(cache.Stats().frames, 8u);  // back within it as soon as the pins are gone
  // Still a working cache: every page reads back through it.
  for (uint64_t p = 0; p < 30; p++) {
    auto h = cache.Pin(p);
    ASSERT_TRUE(h.ok()) << h.status();
    uint64_t v;
    std::memcpy(&v, h->payload(), 8);
    EXPECT_EQ(v, p);
  }
  EXPECT_LE(cache.Stats().frames, 8u);
}

TEST_F(CacheTest, LoweringTheBudgetFreesFramesAtOnce) {
  BufferCache cache(block_.get(), kPage, 32 * kPage);
  WritePages(cache, 0, 24);  // dirty: written back before their frames go
  auto pinned = cache.Pin(5);
  ASSERT_TRUE(pinned.ok());
  EXPECT_EQ(cache.Stats().frames, 24u);
  cache.SetCapacity(8 * kPage);
  BufferCacheStats s = cache.Stats();
  EXPECT_EQ(s.frames, 8u);
  EXPECT_EQ(s.capacity_bytes, 8 * kPage);
  EXPECT_TRUE(cache.IsCached(5));  // a pinned page stays
  pinned->Release();
  for (uint64_t p = 0; p < 24; p++) {
    auto h = cache.Pin(p);
    ASSERT_TRUE(h.ok()) << h.status();
    uint64_t v;
    std::memcpy(&v, h->payload(), 8);
    EXPECT_EQ(v, p);
  }
}

TEST_F(CacheTest, HitsAndMisses) {
  BufferCache cache(block_.get(), kPage, 64 * kPage);
  WritePages(cache, 0, 4);
  ASSERT_TRUE(cache.Flush().ok());
  BufferCache cold(block_.get(), kPage, 64 * kPage);
  {
    auto h = cold.Pin(2);
    ASSERT_TRUE(h.ok());
    EXPECT_TRUE(h->from_disk());
  }
  {
    auto h = cold.Pin(2);
    ASSERT_TRUE(h.ok());
    EXPECT_FALSE(h->from_disk());
  }
  EXPECT_EQ(cold.Stats().hits, 1u);
  EXPECT_EQ(cold.Stats().misses, 1u);
}

TEST_F(CacheTest, ChecksumFailureIsCorruptionNamingThePage) {
  BufferCache cache(block_.get(), kPage, 64 * kPage);
  WritePages(cache, 0, 4);
  ASSERT_TRUE(cache.Flush().ok());
  uint8_t byte;
  ASSERT_TRUE(file_->ReadAt(2 * kPage + 1000, &byte, 1).ok());
  byte ^= 0x10;
  ASSERT_TRUE(file_->WriteAt(2 * kPage + 1000, &byte, 1).ok());
  BufferCache cold(block_.get(), kPage, 64 * kPage);
  auto h = cold.Pin(2);
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.status().message().find("checksum mismatch on page 2 (kind data)"),
            std::string::npos);
  // The failed page is not cached; the error repeats.
  EXPECT_FALSE(cold.Pin(2).ok());
  EXPECT_TRUE(cold.Pin(1).ok());
}

TEST_F(CacheTest, InMemoryPagesAreNeverEvicted) {
  BufferCache cache(nullptr, kPage, 8 * kPage);
  WritePages(cache, 0, 50);
  EXPECT_EQ(cache.Stats().cached_pages, 50u);
  EXPECT_EQ(cache.Stats().evictions, 0u);
  cache.Discard(10);
  EXPECT_EQ(cache.Stats().cached_pages, 49u);
  EXPECT_FALSE(cache.Pin(10).ok());
  auto h = cache.Pin(11);
  ASSERT_TRUE(h.ok());
  uint64_t v;
  std::memcpy(&v, h->payload(), 8);
  EXPECT_EQ(v, 11u);
}

TEST_F(CacheTest, ConcurrentPinsFromManyThreads) {
  BufferCache cache(block_.get(), kPage, 16 * kPage);
  WritePages(cache, 0, 64);
  ASSERT_TRUE(cache.Flush().ok());
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; i++) {
        uint64_t p = (i * 7 + t * 13) % 64;
        auto h = cache.Pin(p);
        uint64_t v = 0;
        if (h.ok()) std::memcpy(&v, h->payload(), 8);
        if (!h.ok() || v != p) errors++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(cache.Stats().pinned_pages, 0u);
}

TEST_F(CacheTest, AllocatorReusesFreedPagesAfterCheckpoint) {
  BufferCache cache(block_.get(), kPage, 64 * kPage);
  PageAllocator alloc(&cache);
  alloc.InitEmpty();
  auto runs = alloc.Allocate(10);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0], (PageRun{2, 10}));
  EXPECT_EQ(alloc.page_count(), 12u);
  for (uint64_t p = 4; p < 8; p++) alloc.Free(p);
  // Not reusable before a checkpoint: the durable state may still reference them.
  EXPECT_EQ(alloc.AllocateOne(), 12u);
  auto root = alloc.WriteFreeList();
  ASSERT_TRUE(root.ok());
  alloc.CommitCheckpoint();
  // One trunk page was taken for the list (from pages free before the checkpoint: none, so
  // the file grew by one).
  EXPECT_EQ(root->free_pages, 4u);
  auto again = alloc.Allocate(3);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0], (PageRun{4, 3}));
  EXPECT_EQ(alloc.AllocateOne(), 7u);
  uint64_t grown = alloc.AllocateOne();  // empty again: grows
  EXPECT_EQ(grown, alloc.page_count() - 1);
}

TEST_F(CacheTest, FreeListPersistsAcrossLoad) {
  BufferCache cache(block_.get(), kPage, 64 * kPage);
  PageAllocator alloc(&cache);
  alloc.InitEmpty();
  alloc.Allocate(2000);
  for (uint64_t p = 2; p < 2002; p += 2) alloc.Free(p);
  auto root = alloc.WriteFreeList();
  ASSERT_TRUE(root.ok());
  alloc.CommitCheckpoint();
  ASSERT_TRUE(cache.Flush().ok());
  EXPECT_GT(alloc.TrunkPages().size(), 1u);  // 1000 entries need two 4 KiB trunks

  DatabaseHeader header;
  header.page_size = kPage;
  header.page_count = alloc.page_count();
  header.free_list_head = root->head;
  header.free_page_count = root->free_pages;
  BufferCache cold(block_.get(), kPage, 64 * kPage);
  PageAllocator loaded(&cold);
  ASSERT_TRUE(loaded.Load(header).ok());
  EXPECT_EQ(loaded.FreePages(), alloc.FreePages());
  EXPECT_EQ(loaded.TrunkPages(), alloc.TrunkPages());
}

}  // namespace
}  // namespace fluxdb
