#include "storage/file_handle.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "storage/fault_injector.h"

namespace fluxdb {

namespace {
Status ErrnoError(std::string_view action, const std::string& path) {
  return IOError("Could not ", action, " file \"", path, "\": ", std::strerror(errno));
}
}  // namespace

StatusOr<std::unique_ptr<FileHandle>> FileHandle::Open(const std::string& path, Mode mode) {
  int flags = O_CLOEXEC;
  switch (mode) {
    case Mode::kReadOnly:
      flags |= O_RDONLY;
      break;
    case Mode::kReadWrite:
      flags |= O_RDWR;
      break;
    case Mode::kReadWriteCreate:
      flags |= O_RDWR | O_CREAT;
      break;
  }
  int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) return ErrnoError("open", path);
  return std::unique_ptr<FileHandle>(new FileHandle(fd, path));
}

FileHandle::~FileHandle() {
  if (fd_ >= 0) ::close(fd_);
}

StatusOr<size_t> FileHandle::ReadUpTo(uint64_t offset, void* buffer, size_t size) const {
  size_t done = 0;
  auto* out = static_cast<uint8_t*>(buffer);
  while (done < size) {
    ssize_t n = ::pread(fd_, out + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("read from", path_);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

Status FileHandle::ReadAt(uint64_t offset, void* buffer, size_t size) const {
  FLUX_ASSIGN_OR_RETURN(size_t n, ReadUpTo(offset, buffer, size));
  if (n != size) {
    return IOError("Could not read from file \"", path_, "\": ", size, " bytes at offset ", offset,
                   " lie beyond the end of the file");
  }
  return absl::OkStatus();
}

Status FileHandle::WriteAt(uint64_t offset, const void* buffer, size_t size) {
  FaultInjector::WriteOutcome fault{size, 0};
  if (FaultInjector::armed()) fault = FaultInjector::BeforeWrite(path_, size);
  size_t done = 0;
  const auto* in = static_cast<const uint8_t*>(buffer);
  while (done < fault.bytes) {
    ssize_t n = ::pwrite(fd_, in + done, fault.bytes - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("write to", path_);
    }
    done += static_cast<size_t>(n);
  }
  if (fault.error != 0) {
    errno = fault.error;
    return ErrnoError("write to", path_);
  }
  return absl::OkStatus();
}

Status FileHandle::Sync() {
  int fault = FaultInjector::armed() ? FaultInjector::BeforeSync(path_) : 0;
  if (fault != 0) errno = fault;
  if (fault != 0 || ::fdatasync(fd_) != 0) return ErrnoError("sync", path_);
  return absl::OkStatus();
}

Status FileHandle::Truncate(uint64_t size) {
  int fault = FaultInjector::armed() ? FaultInjector::BeforeTruncate(path_) : 0;
  if (fault != 0) errno = fault;
  if (fault != 0 || ::ftruncate(fd_, static_cast<off_t>(size)) != 0) {
    return ErrnoError("truncate", path_);
  }
  return absl::OkStatus();
}

StatusOr<uint64_t> FileHandle::Size() const {
  struct stat st;
  if (::fstat(fd_, &st) != 0) return ErrnoError("stat", path_);
  return static_cast<uint64_t>(st.st_size);
}

Status FileHandle::Lock(bool exclusive) {
  int op = (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
  while (::flock(fd_, op) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK) {
      return IOError("Could not set lock on file \"", path_, "\": database is locked");
    }
    return ErrnoError("lock", path_);
  }
  return absl::OkStatus();
}

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Status RemoveFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoError("remove", path);
  return absl::OkStatus();
}

}  // namespace fluxdb
