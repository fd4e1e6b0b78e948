// BlockFile: page-granular access to the database file.
//
// The buffer cache and the checkpoint talk to this interface only, so a test can slot in a file
// that fails or tears writes at a chosen point. DiskBlockFile is the real implementation over a
// FileHandle. Reads return raw bytes; checksum verification is the caller's (the cache's) job.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/status.h"
#include "storage/file_handle.h"

namespace fluxdb {

class BlockFile {
 public:
  virtual ~BlockFile() = default;
  virtual uint32_t page_size() const = 0;
  virtual const std::string& path() const = 0;
  /// Reads page `page_id` (page_size bytes) into `buffer`; a page beyond the end is an error.
  virtual Status ReadPage(uint64_t page_id, uint8_t* buffer) = 0;
  virtual Status WritePage(uint64_t page_id, const uint8_t* buffer) = 0;
  /// Makes every write so far durable.
  virtual Status Sync() = 0;
  /// Cuts (or extends) the file to `page_count` pages.
  virtual Status Truncate(uint64_t page_count) = 0;
  /// Whole pages in the file.
  virtual StatusOr<uint64_t> PageCount() = 0;
};

class DiskBlockFile final : public BlockFile {
 public:
  DiskBlockFile(FileHandle* file, uint32_t page_size) : file_(file), page_size_(page_size) {}

  uint32_t page_size() const override { return page_size_; }
  const std::string& path() const override { return file_->path(); }
  Status ReadPage(uint64_t page_id, uint8_t* buffer) override;
  Status WritePage(uint64_t page_id, const uint8_t* buffer) override;
  Status Sync() override { return file_->Sync(); }
  Status Truncate(uint64_t page_count) override;
  StatusOr<uint64_t> PageCount() override;

 private:
  FileHandle* file_;  // owned by the storage manager (it also holds the lock)
  uint32_t page_size_;
};

/// Tests only: every database file opened after this call is passed through `wrapper` (a
/// fault-injecting file, for instance); null restores plain files.
using BlockFileWrapper = std::function<std::unique_ptr<BlockFile>(std::unique_ptr<BlockFile>)>;
void SetBlockFileWrapperForTesting(BlockFileWrapper wrapper);
std::unique_ptr<BlockFile> WrapBlockFile(std::unique_ptr<BlockFile> file);

}  // namespace fluxdb
