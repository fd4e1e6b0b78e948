#include "storage/block_file.h"

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

}  // namespace fluxdb
