#include "storage/metadata_heap.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "storage/block_file.h"
#include "storage/file_handle.h"
#include "temp_directory.h"

namespace fluxdb {
namespace {

constexpr uint32_t kPage = 4096;

class HeapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto f = FileHandle::Open(dir_.File("heap.db"), FileHandle::Mode::kReadWriteCreate);
    ASSERT_TRUE(f.ok());
    file_ = std::move(*f);
    block_ = std::make_unique<DiskBlockFile>(file_.get(), kPage);
    cache_ = std::make_unique<BufferCache>(block_.get(), kPage, 1 << 20);
    alloc_ = std::make_unique<PageAllocator>(cache_.get());
    alloc_->InitEmpty();
  }
  // Flushes the heap, commits the free list and reloads the heap from disk through a cold cache.
  std::unique_ptr<MetadataHeap> Reload(MetadataHeap& heap) {
    auto root = heap.Flush(*alloc_, *cache_);
    EXPECT_TRUE(root.ok());
    EXPECT_TRUE(alloc_->WriteFreeList().ok());
    alloc_->CommitCheckpoint();
    EXPECT_TRUE(cache_->Flush().ok());
    BufferCache cold(block_.get(), kPage, 1 << 20);
    auto loaded = std::make_unique<MetadataHeap>(heap.kind(), kPage);
    Status s = loaded->Load(cold, *root);
    EXPECT_TRUE(s.ok()) << s;
    return loaded;
  }
  std::map<std::pair<uint32_t, uint32_t>, std::string> Contents(const MetadataHeap& heap) {
    std::map<std::pair<uint32_t, uint32_t>, std::string> out;
    EXPECT_TRUE(heap.ForEach([&](RecordId id, std::string_view rec) {
                      out[{id.page, id.slot}] = std::string(rec);
                      return absl::OkStatus();
                    })
                    .ok());
    return out;
  }

  testing::TempDirectory dir_;
  std::unique_ptr<FileHandle> file_;
  std::unique_ptr<DiskBlockFile> block_;
  std::unique_ptr<BufferCache> cache_;
  std::unique_ptr<PageAllocator> alloc_;
};

TEST_F(HeapTest, InsertUpdateDeleteIterate) {
  MetadataHeap heap(PageKind::kCatalogHeap, kPage);
  RecordId a = heap.Insert("alpha");
  RecordId b = heap.Insert("beta");
  RecordId c = heap.Insert("");
  EXPECT_EQ(*heap.Get(a), "alpha");
  EXPECT_EQ(*heap.Get(c), "");
  heap.Update(&b, "BETA-longer-than-before");
  EXPECT_EQ(*heap.Get(b), "BETA-longer-than-before");
  heap.Update(&a, "al");
  EXPECT_EQ(*heap.Get(a), "al");
  heap.Delete(c);
  EXPECT_FALSE(heap.Get(c).ok());
  EXPECT_EQ(heap.record_count(), 2u);
  auto contents = Contents(heap);
  ASSERT_EQ(contents.size(), 2u);
  std::vector<std::string> problems;
  heap.Verify(&problems);
  EXPECT_TRUE(problems.empty());
}

TEST_F(HeapTest, ManyPagesReopenAndReuse) {
  MetadataHeap heap(PageKind::kChunkHeap, kPage);
  std::mt19937 rng(42);
  std::map<int, std::pair<RecordId, std::string>> live;
  for (int i = 0; i < 3000; i++) {
    std::string rec(10 + rng() % 300, static_cast<char>('a' + i % 26));
    rec += std::to_string(i);
    live[i] = {heap.Insert(rec), rec};
  }
  EXPECT_GT(heap.Stats().pages, 100u);
  // Delete every third record and update every fifth.
  for (int i = 0; i < 3000; i += 3) {
    heap.Delete(live[i].first);
    live.erase(i);
  }
  for (auto& [i, entry] : live) {
    if (i % 5 != 0) continue;
    entry.second = "updated-" + std::to_string(i) + std::string(i % 400, 'u');
    heap.Update(&entry.first, entry.second);
  }
  auto loaded = Reload(heap);
  EXPECT_EQ(loaded->record_count(), live.size());
  for (auto& [i, entry] : live) {
    auto got = loaded->Get(entry.first);
    ASSERT_TRUE(got.ok()) << i;
    EXPECT_EQ(*got, entry.second);
  }
  std::vector<std::string> problems;
  loaded->Verify(&problems);
  EXPECT_TRUE(problems.empty()) << problems.front();
  // Space of deleted records is reused: inserting the deleted volume again adds few pages.
  uint64_t pages = loaded->Stats().pages;
  for (int i = 0; i < 900; i++) loaded->Insert(std::string(100, 'x'));
  EXPECT_LE(loaded->Stats().pages, pages + 2);
}

TEST_F(HeapTest, LargeRecordsSpanPages) {
  MetadataHeap heap(PageKind::kChunkHeap, kPage);
  std::string big(50000, '\0');
  for (size_t i = 0; i < big.size(); i++) big[i] = static_cast<char>(i * 31);
  RecordId small = heap.Insert("small");
  RecordId id = heap.Insert(big);
  EXPECT_EQ(*heap.Get(id), big);
  EXPECT_EQ(heap.record_count(), 2u);
  auto loaded = Reload(heap);
  EXPECT_EQ(*loaded->Get(id), big);
  EXPECT_EQ(*loaded->Get(small), "small");
  int seen = 0;
  ASSERT_TRUE(loaded
                  ->ForEach([&](RecordId, std::string_view rec) {
                    seen++;
                    EXPECT_TRUE(rec == "small" || rec == big);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(seen, 2);
  std::string bigger = big + big;
  loaded->Update(&id, bigger);
  EXPECT_EQ(*loaded->Get(id), bigger);
  loaded->Delete(id);
  EXPECT_EQ(loaded->record_count(), 1u);
  std::vector<std::string> problems;
  loaded->Verify(&problems);
  EXPECT_TRUE(problems.empty());
}

TEST_F(HeapTest, FlushIsCopyOnWrite) {
  MetadataHeap heap(PageKind::kCatalogHeap, kPage);
  RecordId id = heap.Insert("version one");
  auto root1 = heap.Flush(*alloc_, *cache_);
  ASSERT_TRUE(root1.ok());
  ASSERT_TRUE(cache_->Flush().ok());  // what a checkpoint does before its header switch
  std::vector<uint64_t> pages1 = heap.PageIds();
  heap.Update(&id, "version two, longer");
  auto root2 = heap.Flush(*alloc_, *cache_);
  ASSERT_TRUE(root2.ok());
  std::vector<uint64_t> pages2 = heap.PageIds();
  for (uint64_t p : pages2) {
    EXPECT_EQ(std::find(pages1.begin(), pages1.end(), p), pages1.end()) << p;
  }
  ASSERT_TRUE(cache_->Flush().ok());
  // The old root still reads the old version.
  BufferCache cold(block_.get(), kPage, 1 << 20);
  MetadataHeap old(PageKind::kCatalogHeap, kPage);
  ASSERT_TRUE(old.Load(cold, *root1).ok());
  EXPECT_EQ(*old.Get({0, 0}), "version one");
  // Unchanged heap: nothing to write.
  EXPECT_FALSE(heap.dirty());
}

TEST_F(HeapTest, WrongKindIsCorruption) {
  MetadataHeap heap(PageKind::kCatalogHeap, kPage);
  heap.Insert("x");
  auto root = heap.Flush(*alloc_, *cache_);
  ASSERT_TRUE(root.ok());
  MetadataHeap other(PageKind::kChunkHeap, kPage);
  Status s = other.Load(*cache_, *root);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("Corruption Error"), std::string::npos);
}

}  // namespace
}  // namespace fluxdb
