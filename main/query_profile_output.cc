#include "main/query_profile_output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "main/client_context.h"

namespace fluxdb {

void WriteQueryProfile(const SessionSettings& session, const std::string& json) {
  if (session.profiling_output.empty()) {
    std::fprintf(stderr, "%s\n", json.c_str());
    return;
  }
  // Written beside the target and renamed over it: a reader never sees half a profile.
  std::string temporary = session.profiling_output + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) return;
  bool ok = std::fwrite(json.data(), 1, json.size(), file) == json.size() &&
            std::fputc('\n', file) != EOF;
  ok = std::fclose(file) == 0 && ok;
  if (!ok || std::rename(temporary.c_str(), session.profiling_output.c_str()) != 0) {
    std::remove(temporary.c_str());
  }
}

Status CheckProfileOutput(const std::string& path) {
  if (path.empty()) return Status();
  std::FILE* file = std::fopen(path.c_str(), "ab");
  if (file == nullptr) {
    return IOError("Cannot open profiling output file \"", path, "\": ", std::strerror(errno));
  }
  std::fclose(file);
  return Status();
}

}  // namespace fluxdb
