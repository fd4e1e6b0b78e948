// Runs a fuzz target over saved inputs without libFuzzer, so that the inputs that once crashed a
// fuzzer (test/fuzz/regressions/<fuzzer>/) are replayed by every build's ctest, sanitizers or not.
//
// Usage: <fuzzer>_replay FILE_OR_DIRECTORY...   (a directory: every regular file in it, sorted).
// A missing directory holds no inputs. A crash, a sanitizer report or an abort in the target ends
// the process, which is how a regression fails; returning means every input passed.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

std::vector<std::filesystem::path> Inputs(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> inputs;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
      // README.md and the like explain the inputs; they are not inputs.
      if (entry.is_regular_file() && entry.path().extension() != ".md") {
        inputs.push_back(entry.path());
      }
    }
    std::sort(inputs.begin(), inputs.end());
  } else if (std::filesystem::exists(path, error)) {
    inputs.push_back(path);
  }
  return inputs;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  size_t count = 0;
  for (int i = 1; i < argc; i++) {
    for (const auto& input : Inputs(argv[i])) {
      std::ifstream in(input, std::ios::binary);
      std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      std::fprintf(stderr, "replaying %s (%zu bytes)\n", input.c_str(), bytes.size());
      // A copy of exactly the input's size, so that a read past its end is caught under ASan.
      std::vector<uint8_t> data(bytes.begin(), bytes.end());
      auto start = std::chrono::steady_clock::now();
      LLVMFuzzerTestOneInput(data.data(), data.size());
      std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
      std::fprintf(stderr, "  %.1f ms\n", took.count());
      count++;
    }
  }
  std::printf("%zu inputs replayed without a crash\n", count);
  return 0;
}
