// The terminal line reader on libedit: emacs key bindings, ~/.editrc, history with search, and
// a Ctrl-C that abandons the line being typed.
#ifdef FLUXDB_HAVE_LIBEDIT

#include <histedit.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cwchar>

#include "shell/interrupt.h"
#include "shell/line_reader.h"

namespace fluxdb::shell {

namespace {

class EditLineReader : public LineReader {
 public:
  EditLineReader(EditLine* el, History* history, std::string history_path, NameSource names)
      : el_(el),
        history_(history),
        history_path_(std::move(history_path)),
        names_(std::move(names)) {
    HistEvent event;
    ::history(history_, &event, H_SETSIZE, 10000);
    ::history(history_, &event, H_SETUNIQUE, 1);
    if (!history_path_.empty()) ::history(history_, &event, H_LOAD, history_path_.c_str());
    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_HIST, ::history, history_);
    el_set(el_, EL_PROMPT, &EditLineReader::Prompt);
    // libedit's own signal handling re-raises signals with kill(0, ...) to the whole process
    // group; the shell handles SIGINT itself and reads characters through ReadChar instead.
    el_set(el_, EL_SIGNAL, 0);
    el_set(el_, EL_GETCFN, &EditLineReader::ReadChar);
    el_set(el_, EL_ADDFN, "fluxdb-complete", "Complete the word before the cursor",
           &EditLineReader::CompleteWord);
    el_set(el_, EL_BIND, "^I", "fluxdb-complete", nullptr);
    el_source(el_, nullptr);
  }

  ~EditLineReader() override {
    history_end(history_);
    el_end(el_);
  }

  ReadStatus ReadLine(const std::string& prompt, std::string* line) override {
    prompt_ = prompt;
    int count = 0;
    const char* text = el_gets(el_, &count);
    if (InterruptPending()) {
      // The half-typed line is abandoned; the next prompt starts on a fresh line.
      (void)!write(STDOUT_FILENO, "\n", 1);
      return ReadStatus::kInterrupted;
    }
    if (text == nullptr || count <= 0) {
      (void)!write(STDOUT_FILENO, "\n", 1);
      return ReadStatus::kEndOfInput;
    }
    line->assign(text, static_cast<size_t>(count));
    while (!line->empty() && (line->back() == '\n' || line->back() == '\r')) line->pop_back();
    return ReadStatus::kLine;
  }

  void AddHistory(const std::string& entry) override {
    HistEvent event;
    ::history(history_, &event, H_ENTER, entry.c_str());
    if (!history_path_.empty()) ::history(history_, &event, H_SAVE, history_path_.c_str());
  }

  bool interactive() const override { return true; }

 private:
  static EditLineReader* Self(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return static_cast<EditLineReader*>(data);
  }

  static char* Prompt(EditLine* el) { return Self(el)->prompt_.data(); }

  /// Tab: inserts what all candidates share; lists them when that is nothing.
  static unsigned char CompleteWord(EditLine* el, int) {
    const LineInfo* info = el_line(el);
    std::string_view line(info->buffer, static_cast<size_t>(info->lastchar - info->buffer));
    size_t cursor = static_cast<size_t>(info->cursor - info->buffer);
    Completion completion = Complete(line, cursor, Self(el)->names_);
    if (!completion.insert.empty()) {
      el_insertstr(el, completion.insert.c_str());
      return CC_REFRESH;
    }
    if (completion.candidates.empty()) return CC_ERROR;
    std::string list = "\n";
    for (const std::string& candidate : completion.candidates) list += candidate + "  ";
    list += "\n";
    (void)!write(STDOUT_FILENO, list.data(), list.size());
    return CC_REDISPLAY;
  }

  /// One character from the terminal; a Ctrl-C ends the line (libedit's own reader would retry
  /// an interrupted read).
  static int ReadChar(EditLine* el, wchar_t* out) {
    std::mbstate_t state{};
    for (;;) {
      if (TakeWindowResized()) el_resize(el);
      // A Ctrl-C may come before this read starts (libedit shows the prompt before it puts the
      // terminal in raw mode): the wait notices it either way.
      if (!WaitReadable(STDIN_FILENO)) {
        errno = EINTR;
        *out = L'\0';
        return -1;
      }
      char byte;
      ssize_t n = read(STDIN_FILENO, &byte, 1);
      if (n == 1) {
        wchar_t wide = 0;
        size_t used = std::mbrtowc(&wide, &byte, 1, &state);
        if (used == static_cast<size_t>(-2)) continue;  // inside a multibyte character
        if (used == static_cast<size_t>(-1)) {
          state = std::mbstate_t{};
          wide = static_cast<unsigned char>(byte);
        }
        *out = wide;
        return 1;
      }
      if (n == 0) return 0;
      if (errno == EINTR && !InterruptPending()) continue;
      *out = L'\0';
      return -1;
    }
  }

  EditLine* el_;
  History* history_;
  std::string history_path_;
  NameSource names_;
  std::string prompt_;
};

}  // namespace

std::unique_ptr<LineReader> MakeEditLineReader(const std::string& history_path, NameSource names) {
  EditLine* el = el_init("fluxdb", stdin, stdout, stderr);
  if (el == nullptr) return nullptr;
  History* history = history_init();
  if (history == nullptr) {
    el_end(el);
    return nullptr;
  }
  return std::make_unique<EditLineReader>(el, history, history_path, std::move(names));
}

}  // namespace fluxdb::shell

#endif  // FLUXDB_HAVE_LIBEDIT
