#include "execution/table_function/csv_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace fluxdb {

StatusOr<std::shared_ptr<CsvFile>> CsvFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return IOError("No files found that match the pattern \"", path, "\"");
    return IOError("Cannot open file \"", path, "\": ", std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return IOError("Cannot stat file \"", path, "\": ", std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return IOError("Cannot read \"", path, "\": it is a directory");
  }
  return std::shared_ptr<CsvFile>(new CsvFile(path, fd, static_cast<idx_t>(st.st_size)));
}

CsvFile::~CsvFile() { ::close(fd_); }

StatusOr<idx_t> CsvFile::ReadAt(idx_t offset, char* dst, idx_t n) const {
  idx_t done = 0;
  while (done < n) {
    ssize_t got = ::pread(fd_, dst + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return IOError("Could not read from file \"", path_, "\": ", std::strerror(errno));
    }
    if (got == 0) break;
    done += static_cast<idx_t>(got);
  }
  return done;
}

idx_t CsvFile::LineOf(idx_t offset) const {
  std::vector<char> buffer(1 << 20);
  idx_t lines = 1;
  idx_t position = 0;
  while (position < offset) {
    idx_t want = std::min<idx_t>(buffer.size(), offset - position);
    auto got = ReadAt(position, buffer.data(), want);
    if (!got.ok() || *got == 0) break;
    lines += static_cast<idx_t>(std::count(buffer.data(), buffer.data() + *got, '\n'));
    position += *got;
  }
  return lines;
}

}  // namespace fluxdb
