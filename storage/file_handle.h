// FileHandle: one open POSIX file (the database file or its WAL) with positioned I/O, fsync and
// advisory locking. Every failure is an "IO Error" naming the file and the OS reason. Writes,
// syncs and truncates consult the FaultInjector (storage/fault_injector.h), inert unless a test
// arms it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"

namespace fluxdb {

class FileHandle {
 public:
  enum class Mode { kReadOnly, kReadWrite, kReadWriteCreate };

  static StatusOr<std::unique_ptr<FileHandle>> Open(const std::string& path, Mode mode);
  ~FileHandle();
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;

  /// Reads exactly `size` bytes at `offset`; reading past the end is an error.
  Status ReadAt(uint64_t offset, void* buffer, size_t size) const;
  /// Reads up to `size` bytes; returns how many were read (fewer only at the end of the file).
  StatusOr<size_t> ReadUpTo(uint64_t offset, void* buffer, size_t size) const;
  Status WriteAt(uint64_t offset, const void* buffer, size_t size);
  /// fdatasync: data (and the size) reach the disk.
  Status Sync();
  Status Truncate(uint64_t size);
  StatusOr<uint64_t> Size() const;
  /// Non-blocking flock: exclusive for writers, shared for readers. Fails with
  /// `IO Error: Could not set lock on file "<path>": database is locked` when another process
  /// (or another open of the same file) holds a conflicting lock.
  Status Lock(bool exclusive);

  const std::string& path() const { return path_; }

 private:
  FileHandle(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

bool FileExists(const std::string& path);
Status RemoveFile(const std::string& path);

}  // namespace fluxdb
