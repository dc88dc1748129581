// Helpers shared by the fuzz targets. Each fuzzer process is single-threaded (libFuzzer runs one
// input at a time), so the scratch file below is never shared.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace minqing::fuzz {

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Writes the input to this process's scratch file (the readers take paths) and returns its path.
inline std::string ScratchFile(const std::uint8_t* data, std::size_t size,
                               std::string_view extension) {
  static const std::string kBase = "/tmp/minqing-fuzz-" + std::to_string(getpid());
  std::string path = kBase + std::string(extension);
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) __builtin_trap();
  if (size > 0 && std::fwrite(data, 1, size, file) != size) __builtin_trap();
  std::fclose(file);
  return path;
}

}  // namespace minqing::fuzz
