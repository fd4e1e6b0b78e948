#include "shell/output.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fluxdb::shell {

Output::Output(std::FILE* file, bool owned, std::string name)
    : file_(file), owned_(owned), name_(std::move(name)) {}

Output::Output(Output&& other) noexcept
    : file_(other.file_), owned_(other.owned_), ok_(other.ok_), name_(std::move(other.name_)) {
  other.file_ = nullptr;
  other.owned_ = false;
}

Output::~Output() {
  if (file_ == nullptr) return;
  if (owned_) {
    std::fclose(file_);
  } else {
    std::fflush(file_);
  }
}

Output Output::Stdout() { return Output(stdout, false, "stdout"); }

StatusOr<std::unique_ptr<Output>> Output::OpenFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return IOError("cannot open \"", path, "\" for writing: ", std::strerror(errno));
  }
  return std::unique_ptr<Output>(new Output(file, true, path));
}

void Output::Write(std::string_view text) {
  if (text.empty() || file_ == nullptr) return;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) ok_ = false;
}

void Output::Flush() {
  if (file_ != nullptr && std::fflush(file_) != 0) ok_ = false;
}

int Output::TerminalWidth() const {
  if (file_ == nullptr) return 0;
  int fd = fileno(file_);
  if (!isatty(fd)) return 0;
  struct winsize size {};
  if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return 0;
  return size.ws_col;
}

}  // namespace fluxdb::shell
