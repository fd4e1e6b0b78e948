#include "storage/block_file.h"

#include <mutex>

namespace fluxdb {

Status DiskBlockFile::ReadPage(uint64_t page_id, uint8_t* buffer) {
  return file_->ReadAt(page_id * page_size_, buffer, page_size_);
}

Status DiskBlockFile::WritePage(uint64_t page_id, const uint8_t* buffer) {
  return file_->WriteAt(page_id * page_size_, buffer, page_size_);
}

Status DiskBlockFile::Truncate(uint64_t page_count) {
  return file_->Truncate(page_count * page_size_);
}

StatusOr<uint64_t> DiskBlockFile::PageCount() {
  FLUX_ASSIGN_OR_RETURN(uint64_t size, file_->Size());
  return size / page_size_;
}

namespace {
std::mutex wrapper_mu;
BlockFileWrapper& Wrapper() {
  static BlockFileWrapper wrapper;
  return wrapper;
}
}  // namespace

void SetBlockFileWrapperForTesting(BlockFileWrapper wrapper) {
  std::lock_guard<std::mutex> lock(wrapper_mu);
  Wrapper() = std::move(wrapper);
}

std::unique_ptr<BlockFile> WrapBlockFile(std::unique_ptr<BlockFile> file) {
  std::lock_guard<std::mutex> lock(wrapper_mu);
  return Wrapper() ? Wrapper()(std::move(file)) : std::move(file);
}

}  // namespace fluxdb
