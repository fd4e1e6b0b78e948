// CsvFile: a file read by position (pread), shared by the threads scanning it.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "common/types.h"

namespace fluxdb {

class CsvFile {
 public:
  /// Opens `path` for reading; a missing file is an IO Error naming it.
  static StatusOr<std::shared_ptr<CsvFile>> Open(const std::string& path);
  ~CsvFile();
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

  const std::string& path() const { return path_; }
  /// Size when opened.
  idx_t size() const { return size_; }
  /// Reads up to `n` bytes at `offset`; fewer only at the end of the file. Thread-safe.
  StatusOr<idx_t> ReadAt(idx_t offset, char* dst, idx_t n) const;
  /// 1-based line number of the byte at `offset` (counts '\n' before it), for error messages.
  idx_t LineOf(idx_t offset) const;

 private:
  CsvFile(std::string path, int fd, idx_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  std::string path_;
  int fd_;
  idx_t size_;
};

}  // namespace fluxdb
