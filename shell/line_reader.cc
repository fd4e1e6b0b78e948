#include "shell/line_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "shell/interrupt.h"

namespace fluxdb::shell {

namespace {

/// Reads a line with getline(3); EINTR from a Ctrl-C ends the read as interrupted.
ReadStatus ReadFileLine(std::FILE* file, std::string* line) {
  char* buffer = nullptr;
  size_t capacity = 0;
  for (;;) {
    errno = 0;
    ssize_t length = getline(&buffer, &capacity, file);
    if (length >= 0) {
      line->assign(buffer, static_cast<size_t>(length));
      std::free(buffer);
      if (!line->empty() && line->back() == '\n') line->pop_back();
      if (!line->empty() && line->back() == '\r') line->pop_back();
      return ReadStatus::kLine;
    }
    bool interrupted = errno == EINTR;
    std::clearerr(file);
    if (interrupted && InterruptPending()) {
      std::free(buffer);
      return ReadStatus::kInterrupted;
    }
    if (!interrupted) {
      std::free(buffer);
      return ReadStatus::kEndOfInput;
    }
  }
}

class StreamReader : public LineReader {
 public:
  explicit StreamReader(std::FILE* file) : file_(file) {}
  ReadStatus ReadLine(const std::string&, std::string* line) override {
    return ReadFileLine(file_, line);
  }

 private:
  std::FILE* file_;
};

class StringReader : public LineReader {
 public:
  explicit StringReader(std::string text) : text_(std::move(text)) {}
  ReadStatus ReadLine(const std::string&, std::string* line) override {
    if (position_ >= text_.size()) return ReadStatus::kEndOfInput;
    size_t end = text_.find('\n', position_);
    if (end == std::string::npos) end = text_.size();
    line->assign(text_, position_, end - position_);
    position_ = end + 1;
    return ReadStatus::kLine;
  }

 private:
  std::string text_;
  size_t position_ = 0;
};

/// A terminal without line editing: the prompt, then plain reads. History is still written.
class PlainTerminalReader : public LineReader {
 public:
  explicit PlainTerminalReader(std::string history_path) : history_path_(std::move(history_path)) {
    if (history_path_.empty()) return;
    std::ifstream in(history_path_);
    std::string line;
    while (std::getline(in, line)) {
      if (line != kHistoryCookie) entries_.push_back(DecodeHistoryLine(line));
    }
  }
  ReadStatus ReadLine(const std::string& prompt, std::string* line) override {
    std::fputs(prompt.c_str(), stdout);
    std::fflush(stdout);
    ReadStatus status = ReadTerminalLine(line);
    if (status != ReadStatus::kLine) std::fputs("\n", stdout);
    return status;
  }
  void AddHistory(const std::string& entry) override {
    if (history_path_.empty()) return;
    if (!entries_.empty() && entries_.back() == entry) return;
    entries_.push_back(entry);
    constexpr size_t kMaxEntries = 10000;
    if (entries_.size() > kMaxEntries) entries_.erase(entries_.begin());
    std::ofstream out(history_path_, std::ios::trunc);
    out << kHistoryCookie << "\n";
    for (const auto& e : entries_) out << EncodeHistoryLine(e) << "\n";
  }
  bool interactive() const override { return true; }

 private:
  /// A line from the terminal, read with the descriptor (not stdio) so that a Ctrl-C, even one
  /// arriving just before the read, ends the wait.
  ReadStatus ReadTerminalLine(std::string* line) {
    for (;;) {
      size_t newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        line->assign(buffer_, 0, newline);
        buffer_.erase(0, newline + 1);
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return ReadStatus::kLine;
      }
      if (!WaitReadable(STDIN_FILENO)) {
        buffer_.clear();
        return ReadStatus::kInterrupted;
      }
      char chunk[4096];
      ssize_t n = read(STDIN_FILENO, chunk, sizeof(chunk));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        if (buffer_.empty()) return ReadStatus::kEndOfInput;
        line->swap(buffer_);  // a last line without its line break
        buffer_.clear();
        return ReadStatus::kLine;
      }
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

  std::string history_path_;
  std::vector<std::string> entries_;
  std::string buffer_;  // read but not yet returned
};

}  // namespace

std::string EncodeHistoryLine(const std::string& entry) {
  std::string encoded;
  for (char c : entry) {
    unsigned char b = static_cast<unsigned char>(c);
    if (b <= ' ' || b == '\\' || b == 0x7F) {
      char octal[5] = {'\\', static_cast<char>('0' + (b >> 6)),
                       static_cast<char>('0' + ((b >> 3) & 7)), static_cast<char>('0' + (b & 7)),
                       '\0'};
      encoded += octal;
    } else {
      encoded += c;
    }
  }
  return encoded;
}

std::string DecodeHistoryLine(const std::string& line) {
  std::string decoded;
  for (size_t i = 0; i < line.size(); i++) {
    if (line[i] == '\\' && i + 3 < line.size() && line[i + 1] >= '0' && line[i + 1] <= '3' &&
        line[i + 2] >= '0' && line[i + 2] <= '7' && line[i + 3] >= '0' && line[i + 3] <= '7') {
      decoded += static_cast<char>(((line[i + 1] - '0') << 6) | ((line[i + 2] - '0') << 3) |
                                   (line[i + 3] - '0'));
      i += 3;
    } else if (line[i] == '\\' && i + 1 < line.size()) {
      decoded += line[++i];
    } else {
      decoded += line[i];
    }
  }
  return decoded;
}

std::unique_ptr<LineReader> MakeStreamReader(std::FILE* file) {
  return std::make_unique<StreamReader>(file);
}

std::unique_ptr<LineReader> MakeStringReader(std::string text) {
  return std::make_unique<StringReader>(std::move(text));
}

std::unique_ptr<LineReader> MakeTerminalReader(const std::string& history_path, NameSource names) {
#ifdef FLUXDB_HAVE_LIBEDIT
  if (auto reader = MakeEditLineReader(history_path, std::move(names))) return reader;
#else
  (void)names;
#endif
  return std::make_unique<PlainTerminalReader>(history_path);
}

}  // namespace fluxdb::shell
