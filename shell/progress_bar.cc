#include "shell/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace fluxdb::shell {

namespace {

constexpr auto kDelay = std::chrono::seconds(2);
// Redraws at most this often, sparing slow terminals.
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr int kBarWidth = 30;
constexpr int kBlockWidth = 6;
// Cells the block moves per second.
constexpr double kSweepSpeed = 12.0;

void WriteStderr(const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = write(STDERR_FILENO, text.data() + written, text.size() - written);
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

}  // namespace

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled) {}

ProgressBar::~ProgressBar() { Finish(); }

std::string ProgressBar::Render(std::chrono::steady_clock::duration elapsed) {
  double seconds = std::chrono::duration<double>(elapsed).count();
  // The block bounces between the ends of the bar.
  int span = kBarWidth - kBlockWidth;
  int step = static_cast<int>(seconds * kSweepSpeed) % (2 * span);
  int position = step < span ? step : 2 * span - step;
  std::string bar = "▕";
  for (int i = 0; i < kBarWidth; i++) {
    bar += i >= position && i < position + kBlockWidth ? "█" : " ";
  }
  bar += "▏";
  char tail[64];
  std::snprintf(tail, sizeof(tail), " %.1fs  (Ctrl-C to cancel)", seconds);
  return bar + tail;
}

void ProgressBar::Update(std::chrono::steady_clock::duration elapsed) {
  if (!enabled_ || elapsed < kDelay) return;
  if (shown_ && elapsed - last_draw_ < kRedrawInterval) return;
  shown_ = true;
  last_draw_ = elapsed;
  WriteStderr("\r\033[2K" + Render(elapsed));
}

void ProgressBar::Finish() {
  if (!shown_) return;
  shown_ = false;
  WriteStderr("\r\033[2K");
}

}  // namespace fluxdb::shell
