// A standalone main for the fuzz targets, linked into the sanitizer build (gcc, VIXRAY_SANITIZE):
// runs LLVMFuzzerTestOneInput once on every file named, and on every file in every folder named
// (sorted, not recursive). No fuzzing: `make test-asan` replays the seed corpus and every past
// crash input this way (ctest fuzz_replay_<target>). Exits non-zero when a path is missing or
// holds no file, so a moved corpus cannot pass unnoticed; a crash is the sanitizer's abort.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_target.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path path(argv[i]);
    if (fs::is_directory(path)) {
      std::vector<fs::path> in_folder;
      for (const auto& entry : fs::directory_iterator(path))
        if (entry.is_regular_file()) in_folder.push_back(entry.path());
      if (in_folder.empty()) {
        std::fprintf(stderr, "replay: %s holds no file\n", argv[i]);
        return 2;
      }
      std::sort(in_folder.begin(), in_folder.end());
      files.insert(files.end(), in_folder.begin(), in_folder.end());
    } else if (fs::is_regular_file(path)) {
      files.push_back(path);
    } else {
      std::fprintf(stderr, "replay: %s: no such file or folder\n", argv[i]);
      return 2;
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s FILE_OR_FOLDER...\n", argv[0]);
    return 2;
  }
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
      return 2;
    }
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", file.c_str(), bytes.size());
    // A copy of exactly the file's size on the heap, as libFuzzer passes it, so that ASan sees a
    // read one byte past the input.
    std::vector<uint8_t> data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
  }
  std::printf("replay: %zu inputs, no failure\n", files.size());
  return 0;
}
